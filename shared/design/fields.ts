/**
 * One source of field definitions for the design document (issue 12): for every field its
 * label, unit, range, step, the display names of its ids, help text and, where a limit comes
 * from the catalog, the citation of that limit.
 *
 * In the manner of Mol*'s parameter definitions (a declarative description per parameter that
 * the UI, validation and serialisation all read), but plain data: the form's labels and
 * sliders, the validator's messages and limits (schema.ts), the history diff (diff.ts and
 * renderer/features/history), the compare table (renderer/features/compare) and the palette
 * read these, so no label or unit is typed twice.
 *
 * Paths use the design-format spelling with `[]` for any list index:
 * `coatings[].molecularWeightDa`. {@link fieldKey} turns `coatings[2].thicknessNm` into that.
 */
import {
  BILAYER_LIPID_IDS, COATING_KINDS, DOSE_BASIS_IDS, GOAL_IDS, SPECIES_IDS, TRIGGER_IDS,
  type CoatingKind, type DoseBasisId, type GoalId, type SpeciesId, type TriggerId,
} from '../catalog/ids'
import { catalog, CHOLESTEROL_PROPERTIES, PEG_PROPERTIES } from '../catalog/index'

/** One choice of a choice field: the id written in the file and the name people read. */
export interface FieldOption {
  readonly value: string
  readonly label: string
}

/** Definition of one design field. */
export interface FieldDef {
  /** Path pattern, `[]` for list indices (`coatings[].thicknessNm`). */
  readonly key: string
  readonly kind: 'number' | 'choice' | 'text'
  /** What a scientist calls it, without the unit ("Core diameter"). */
  readonly label: string
  /**
   * What follows the item's name when a list field is named with its position ("type" in
   * "Ligand 2 type"); the label in lower case when absent ("Coating 2 thickness").
   */
  readonly indexedLabel?: string
  /** Short name where space is tight (the 3D view's measurements: "Core Ø"). */
  readonly shortLabel?: string
  /** The one spelling of the unit ("nm", "% w/w", "chains/nm²"); '' for unitless fields. */
  readonly unit: string
  /** Phrase used in validation messages ("the core diameter in nm"). */
  readonly phrase: string
  readonly min?: number
  /** True when the value must be strictly greater than `min`. */
  readonly minExclusive?: boolean
  readonly max?: number
  /** Step of the number box (sliders may map their own scale onto the range). */
  readonly step?: number
  readonly integer?: boolean
  /** Choices with display names, in catalog/contract order (choice fields). */
  readonly options?: ReadonlyArray<FieldOption>
  /** One or two sentences for a tooltip or hint. */
  readonly help: string
  /** Literature source of a limit or of the values offered, when they come from the catalog. */
  readonly citation?: string
}

const TRIGGER_NAMES: Readonly<Record<TriggerId, string>> = {
  none: 'None', ph: 'Acidic pH', ros: 'Reactive oxygen species', mmp: 'MMP enzyme',
}
const SPECIES_NAMES: Readonly<Record<SpeciesId, string>> = { mouse: 'Mouse', rat: 'Rat', human: 'Human' }
const GOAL_NAMES: Readonly<Record<GoalId, string>> = {
  deliver: 'Deliver a drug to the target', tolerize: 'Induce antigen tolerance', image: 'Imaging',
}
const BASIS_NAMES: Readonly<Record<DoseBasisId, string>> = { drug: 'Drug mass per kg', particle: 'Particle mass per kg' }
const COATING_KIND_NAMES: Readonly<Record<CoatingKind, string>> = {
  peg: 'PEG corona', membrane: 'Cell membrane', polymer: 'Polymer shell', lipid: 'Lipid bilayer shell',
}

const options = <T extends string>(ids: ReadonlyArray<T>, names: Readonly<Record<T, string>>): FieldOption[] =>
  ids.map((id) => ({ value: id, label: names[id] }))
const fromCatalog = (entries: ReadonlyArray<{ readonly id: string; readonly name: string }>): FieldOption[] =>
  entries.map((e) => ({ value: e.id, label: e.name }))

const PEG_MW = PEG_PROPERTIES.molecularWeightRangeDa

/** Every field of the design document, in form order. */
export const DESIGN_FIELDS: ReadonlyArray<FieldDef> = [
  { key: 'name', kind: 'text', label: 'Design name', unit: '', phrase: 'the design name', max: 200, help: 'A name for the design, 1 to 200 characters.' },
  { key: 'notes', kind: 'text', label: 'Notes', unit: '', phrase: 'notes', max: 20_000, help: 'Free text, up to 20,000 characters.' },
  {
    key: 'core.material', kind: 'choice', label: 'Core material', unit: '', phrase: 'the core material',
    options: fromCatalog(catalog.cores), help: 'The particle core; it decides the release model and the particle mass.',
  },
  {
    key: 'core.diameterNm', kind: 'number', label: 'Core diameter', shortLabel: 'Core Ø', unit: 'nm', phrase: 'the core diameter in nm',
    min: 1, max: 5000, step: 1, help: 'Diameter of the core (for a liposome, its outer bilayer diameter), without coatings.',
  },
  {
    key: 'core.bilayer.lipid', kind: 'choice', label: 'Bilayer lipid', unit: '', phrase: 'the bilayer lipid',
    options: fromCatalog(catalog.bilayerLipids),
    help: 'Matrix phospholipid of a liposome; its main transition Tm decides whether the bilayer is fluid or gel at 37 °C.',
    citation: 'Tm values: Drummond et al. 1999, Pharmacol Rev 51:691, Table 2; Barenholz 2012, J Control Release 160:117 (see resources/catalog/lipids.json for each)',
  },
  {
    key: 'core.bilayer.cholesterolMolPct', kind: 'number', label: 'Cholesterol', unit: 'mol %',
    phrase: 'the cholesterol content in mol % of bilayer lipids', min: 0, max: 60, step: 1,
    help: `Cholesterol as mol % of all bilayer lipids; from ${CHOLESTEROL_PROPERTIES.liquidOrderedFromMolPct.value} mol % the bilayer is liquid-ordered; above ${CHOLESTEROL_PROPERTIES.crystalWarningMolPct.value} mol % crystals are likely.`,
    citation: CHOLESTEROL_PROPERTIES.solubilityLimitPcMolPct.source,
  },
  {
    key: 'coatings[].kind', kind: 'choice', label: 'Kind', unit: '', phrase: 'the coating kind',
    options: options(COATING_KINDS, COATING_KIND_NAMES), help: 'What the layer is; layers are listed inner to outer.',
  },
  {
    key: 'coatings[].molecularWeightDa', kind: 'number', label: 'PEG molecular weight', unit: 'Da',
    phrase: 'the PEG chain molecular weight in Da', min: PEG_MW.min.value, max: PEG_MW.max.value, step: 100,
    help: 'Molecular weight of one PEG chain (2000 Da for mPEG2000).', citation: PEG_MW.min.source,
  },
  {
    key: 'coatings[].graftingDensityPerNm2', kind: 'number', label: 'PEG grafting density', unit: 'chains/nm²',
    phrase: 'the PEG grafting density in chains/nm²', min: 0, minExclusive: true, max: PEG_PROPERTIES.packingLimitPerNm2.value, step: 0.01,
    help: 'PEG chains per nm² of the surface beneath; with the chain size it sets mushroom or brush.',
    citation: PEG_PROPERTIES.packingLimitPerNm2.source,
  },
  {
    key: 'coatings[].source', kind: 'choice', label: 'Membrane source', unit: '', phrase: 'the membrane source',
    options: fromCatalog(catalog.membranes), help: 'The cell whose membrane cloaks the particle.',
  },
  {
    key: 'coatings[].material', kind: 'choice', label: 'Material', unit: '', phrase: 'the coating material',
    options: [...fromCatalog(catalog.polymerCoatings), ...fromCatalog(catalog.lipidCoatings)],
    help: 'The polymer of a polymer shell, or the lipid shell.',
  },
  {
    key: 'coatings[].thicknessNm', kind: 'number', label: 'Thickness', unit: 'nm', phrase: 'the polymer shell thickness in nm',
    min: 0, minExclusive: true, max: 500, step: 0.5, help: 'Dry thickness of the polymer shell.',
  },
  {
    key: 'ligands[].ligand', kind: 'choice', label: 'Ligand type', indexedLabel: 'type', unit: '', phrase: 'the ligand',
    options: catalog.ligands.map((l) => ({ value: l.id, label: `${l.name} (${l.receptor})` })),
    help: 'Targeting ligand on the outer surface, with the receptor it binds.',
  },
  {
    key: 'ligands[].perParticle', kind: 'number', label: 'Ligands per particle', indexedLabel: 'per particle', unit: '', phrase: 'the number of ligands of this type per particle',
    min: 1, max: 10_000_000, step: 1, integer: true, help: 'Ligands of this type on one particle.',
  },
  {
    key: 'payload.drug', kind: 'choice', label: 'Drug', unit: '', phrase: 'the drug',
    options: fromCatalog(catalog.drugs), help: 'Drug or antigen carried by the particle.',
  },
  {
    key: 'payload.loadingPctWw', kind: 'number', label: 'Drug loading', unit: '% w/w',
    phrase: 'the drug loading in % w/w (drug mass / particle mass)', min: 0, max: 60, step: 0.1,
    help: 'Drug mass as a percentage of particle mass.',
  },
  {
    key: 'payload.trigger', kind: 'choice', label: 'Release trigger', unit: '', phrase: 'the release trigger',
    options: options(TRIGGER_IDS, TRIGGER_NAMES), help: 'What speeds up release in the inflamed tissue or the endolysosome.',
  },
  {
    key: 'context.disease', kind: 'choice', label: 'Disease', unit: '', phrase: 'the disease',
    options: fromCatalog(catalog.diseases), help: 'Disease model; it picks the target tissue.',
  },
  {
    key: 'context.species', kind: 'choice', label: 'Species', unit: '', phrase: 'the species',
    options: options(SPECIES_IDS, SPECIES_NAMES), help: 'Species the estimate is made for.',
  },
  {
    key: 'context.goal', kind: 'choice', label: 'Goal', unit: '', phrase: 'the goal',
    options: options(GOAL_IDS, GOAL_NAMES), help: 'What the particle is for.',
  },
  {
    key: 'context.dose.mgPerKg', kind: 'number', label: 'Dose', unit: 'mg/kg', phrase: 'the dose in mg/kg body weight',
    min: 0, minExclusive: true, max: 1000, step: 0.1, help: 'Dose per kg body weight, of drug or of particles (see dose basis).',
  },
  {
    key: 'context.dose.basis', kind: 'choice', label: 'Dose basis', unit: '', phrase: 'the dose basis',
    options: options(DOSE_BASIS_IDS, BASIS_NAMES), help: 'Whether the dose counts drug mass or particle mass.',
  },
]

const BY_KEY: ReadonlyMap<string, FieldDef> = new Map(DESIGN_FIELDS.map((f) => [f.key, f]))

/** `coatings[2].thicknessNm` and `coatings.2.thicknessNm` → `coatings[].thicknessNm`. */
export function fieldKey(path: string): string {
  return path.replace(/\[\d+\]/g, '[]').replace(/\.(\d+)(?=\.|$)/g, '[]')
}

/** The definition of a field by its path (any index), or undefined for paths that are not fields. */
export function fieldDef(path: string): FieldDef | undefined {
  return BY_KEY.get(fieldKey(path))
}

/** The definition of a field that must exist (a typo in a key is a build bug, so it throws). */
export function requireField(key: string): FieldDef {
  const def = BY_KEY.get(key)
  if (!def) throw new Error(`no design field "${key}"`)
  return def
}

/** "Core diameter (nm)" — label with its unit, as the form and the tables label a value. */
export function labelWithUnit(def: { readonly label: string; readonly unit: string }): string {
  return def.unit ? `${def.label} (${def.unit})` : def.label
}

/** Display name of a choice value ("plga-50-50" → "PLGA 50:50"); the id itself when unknown. */
export function optionLabel(path: string, value: string): string {
  return fieldDef(path)?.options?.find((o) => o.value === value)?.label ?? value
}

/** A label inside a phrase: first letter lower-cased unless it starts an acronym ("PEG ..."). */
export function lowerFirst(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)
}

/**
 * A readable name of a path with its position: `coatings[1].thicknessNm` → "Coating 2
 * thickness", `ligands[0].perParticle` → "Ligand 1 per particle", `ligands[1].ligand` →
 * "Ligand 2 type", `core.diameterNm` → "Core diameter". Paths that are not fields come back as
 * they are. The form labels its list fields with this too, so the history diff, the compare
 * table and the form name a field alike.
 */
export function pathLabel(path: string): string {
  const item = /^(coatings|ligands)[.[](\d+)\]?(?:\.(\w+))?$/.exec(path)
  if (item) {
    const list = item[1] as 'coatings' | 'ligands'
    const n = `${LIST_ITEM_LABELS[list]} ${Number(item[2]) + 1}`
    if (!item[3]) return n
    const def = BY_KEY.get(`${list}[].${item[3]}`)
    return def ? `${n} ${def.indexedLabel ?? lowerFirst(def.label)}` : `${n} ${item[3]}`
  }
  if (path === 'coatings') return 'Coatings'
  if (path === 'ligands') return 'Ligands'
  if (path === 'core.bilayer') return 'Bilayer'
  return fieldDef(path)?.label ?? path
}

/** The position-free name of an item of a list field ("Coating", "Ligand"), as in "Coating 2". */
export const LIST_ITEM_LABELS: Readonly<Record<'coatings' | 'ligands', string>> = { coatings: 'Coating', ligands: 'Ligand' }

/** `pathLabel` with the field's unit: "Coating 2 thickness (nm)", as a form control is labelled. */
export function pathLabelWithUnit(path: string): string {
  return labelWithUnit({ label: pathLabel(path), unit: fieldDef(path)?.unit ?? '' })
}

/** Accessible name of a number field's slider, from its label and unit: "Core diameter slider (nm)". */
export function sliderLabel(label: string, unit: string): string {
  return `${label} slider${unit ? ` (${unit})` : ''}`
}

/**
 * Labels of the form's controls that are not one field of the document: the switch that adds
 * or removes the PEG corona and the choosers of what to add.
 */
export const CONTROL_LABELS = {
  pegCoating: 'PEG coating',
  newCoatingKind: 'New coating kind',
  anotherLigandType: 'Another ligand type',
} as const

/** One quantity derived from a design (shared/design/derived.ts), as the app names it. */
export interface DerivedQuantityDef {
  readonly label: string
  /** Short name for the 3D view's measurements and its PNG export ("Hydrodynamic Ø"). */
  readonly shortLabel?: string
  /** The one spelling of its unit; '' when it has none or the value is a word. */
  readonly unit: string
}

/**
 * The derived quantities the derived-properties panel, the 3D view's measurements (and their
 * PNG burn-in) and presentation mode show. The core diameter is not here: it is a field of
 * the design (`core.diameterNm`, short label "Core Ø").
 */
export const DERIVED_QUANTITIES = {
  outerDiameterNm: { label: 'Outer diameter', shortLabel: 'Outer Ø', unit: 'nm' },
  hydrodynamicDiameterNm: { label: 'Hydrodynamic diameter', shortLabel: 'Hydrodynamic Ø', unit: 'nm' },
  /** All coatings with the PEG layer. */
  shellThicknessNm: { label: 'Shell thickness', unit: 'nm' },
  pegLayerThicknessNm: { label: 'PEG layer thickness', unit: 'nm' },
  pegRegime: { label: 'PEG regime', unit: '' },
  bilayerPhase: { label: 'Bilayer at 37 °C', unit: '' },
  /** The engine's clearance input, not the phase: see shared/design/derived.ts bilayerPhaseAt. */
  bilayerOrderedShare: { label: 'Ordered share (clearance)', unit: '' },
  /** The sum over ligand types: with one type, the field itself, so it is named the same. */
  ligandsPerParticle: { label: requireField('ligands[].perParticle').label, unit: '' },
  ligandSpacingNm: { label: 'Ligand spacing', unit: 'nm' },
  surfaceAreaNm2: { label: 'Surface area', unit: 'nm²' },
  particlesPerMg: { label: 'Particles per mg', unit: '' },
  drugMoleculesPerParticle: { label: 'Drug molecules per particle', unit: '' },
} as const satisfies Readonly<Record<string, DerivedQuantityDef>>

/** Contract lists the choice fields must match (checked by tests). */
export const CHOICE_ID_LISTS: Readonly<Record<string, ReadonlyArray<string>>> = {
  'core.bilayer.lipid': BILAYER_LIPID_IDS,
  'payload.trigger': TRIGGER_IDS,
  'context.species': SPECIES_IDS,
  'context.goal': GOAL_IDS,
  'context.dose.basis': DOSE_BASIS_IDS,
  'coatings[].kind': COATING_KINDS,
}
