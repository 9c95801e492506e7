/**
 * The critical quality attributes (CQAs) of a nanoparticle design that a project can set
 * specification limits for (issue #16, "Critical quality attributes"): the one source of truth
 * for each attribute's id, words, unit, the range a value may take, where its measured value
 * comes from and its command-line key. The measurement schema (shared/ipc/channels/
 * measurement.ts), the spec store (electron/db/specs.ts), the CLI, the app's CQA table and the
 * review report all read this list.
 *
 * Why these attributes: they are the ones the FDA guidances on liposome drug products (2018)
 * and on drug products containing nanomaterials (2022) ask an applicant to characterise and
 * control (size and its distribution, surface charge, drug loading and encapsulation, free
 * drug, lipid composition), plus the two impurity tests every parenteral product has: bacterial
 * endotoxins (USP <85>) and residual solvents (ICH Q3C). The guidances name the attributes, not
 * their limits: limits are the applicant's (here, the project's) decision, so no default limit
 * is shipped (see electron/db/specs.ts).
 *
 * Ranges are validation bounds (what a reading or a limit can physically be), not catalog
 * facts: a PDI is 0-1, a percentage 0-100.
 */

/** Where the guidances name the attributes (the flags cite the same two; evidence [U]: recalled, not re-read). */
export const CQA_SOURCES = {
  liposome: 'FDA 2018, Liposome Drug Products: Chemistry, Manufacturing, and Controls; Human Pharmacokinetics and Bioavailability; and Labeling Documentation — Guidance for Industry',
  nanomaterial: 'FDA 2022, Drug Products, Including Biological Products, that Contain Nanomaterials — Guidance for Industry',
  endotoxin: 'United States Pharmacopeia, General Chapter <85> Bacterial Endotoxins Test (endotoxin limit K/M, K = 5 EU/kg for parenteral products)',
  residualSolvent: 'ICH 2021, Q3C(R8) Impurities: Guideline for Residual Solvents (permitted daily exposure and concentration limits per solvent class)',
} as const

/** How a measured value of an attribute is stored: the measurement kind and the field of its data. */
export type CqaMeasuredFrom =
  | { readonly kind: 'dls'; readonly field: 'zAverageNm' | 'pdi' }
  | { readonly kind: 'zeta'; readonly field: 'zetaMv' }
  | { readonly kind: 'quality'; readonly field: QualityFieldId }

/** The fields of a `quality` measurement (the attributes no other kind carries). */
export const QUALITY_FIELDS = [
  'encapsulationEfficiencyPct', 'drugLoadingPctWw', 'freeDrugPct', 'endotoxinEuPerMl', 'residualSolventPpm', 'cholesterolMolPct',
] as const
export type QualityFieldId = (typeof QUALITY_FIELDS)[number]

/** What the engine or the design says the value should be, when it says anything. */
export type CqaPredictedFrom =
  /** The derived hydrodynamic diameter (geometry without a protein corona, as DLS in buffer measures it). */
  | 'hydrodynamic-diameter'
  /** The outer surface's catalog zeta potential (shared/engine/pbpk/from-design.ts). */
  | 'surface-zeta'
  /** The design's drug loading (payload.loadingPctWw), a nominal value, not a prediction. */
  | 'design-loading'
  /** The design's bilayer cholesterol (core.bilayer.cholesterolMolPct), nominal. */
  | 'design-cholesterol'

export interface CqaAttribute {
  readonly id: CqaAttributeId
  /** The attribute in words, as the table and the report name it. */
  readonly label: string
  /** Unit of values and limits ('' for a ratio such as the PDI). */
  readonly unit: string
  /** Lowest and highest value a reading or a limit may take (validation bounds). */
  readonly min: number
  readonly max: number
  /** True when `min` itself is not allowed (a size of 0 nm). */
  readonly minExclusive?: true
  /** The command-line key (`db specs set P size`, `measure add --ee 85`). */
  readonly key: string
  readonly measuredFrom: CqaMeasuredFrom
  readonly predictedFrom?: CqaPredictedFrom
  /** For which cores the attribute exists (default every core). */
  readonly appliesTo?: 'liposome'
  /** The guidance that names the attribute. */
  readonly source: string
  /** One line on what is measured and how, for the table's help and the report. */
  readonly what: string
}

/** Ids of the attributes (stored in spec rows; the spec table has no CHECK, so a new attribute needs no schema step). */
export const CQA_ATTRIBUTE_IDS = [
  'zAverageNm', 'pdi', 'zetaMv', 'encapsulationEfficiencyPct', 'drugLoadingPctWw', 'freeDrugPct', 'endotoxinEuPerMl', 'residualSolventPpm', 'cholesterolMolPct',
] as const
export type CqaAttributeId = (typeof CQA_ATTRIBUTE_IDS)[number]

/** Every attribute, in the order of the table and the report. */
export const CQA_ATTRIBUTES: ReadonlyArray<CqaAttribute> = [
  {
    id: 'zAverageNm', label: 'Size (Z-average)', unit: 'nm', min: 0, minExclusive: true, max: 100_000, key: 'size',
    measuredFrom: { kind: 'dls', field: 'zAverageNm' }, predictedFrom: 'hydrodynamic-diameter', source: CQA_SOURCES.nanomaterial,
    what: 'intensity-weighted mean hydrodynamic diameter by dynamic light scattering',
  },
  {
    id: 'pdi', label: 'Polydispersity index', unit: '', min: 0, max: 1, key: 'pdi',
    measuredFrom: { kind: 'dls', field: 'pdi' }, source: CQA_SOURCES.nanomaterial,
    what: 'width of the size distribution by dynamic light scattering (0 monodisperse, 1 very broad)',
  },
  {
    id: 'zetaMv', label: 'Zeta potential', unit: 'mV', min: -500, max: 500, key: 'zeta',
    measuredFrom: { kind: 'zeta', field: 'zetaMv' }, predictedFrom: 'surface-zeta', source: CQA_SOURCES.nanomaterial,
    what: 'surface charge by electrophoretic light scattering',
  },
  {
    id: 'encapsulationEfficiencyPct', label: 'Encapsulation efficiency', unit: '%', min: 0, max: 100, key: 'ee',
    measuredFrom: { kind: 'quality', field: 'encapsulationEfficiencyPct' }, source: CQA_SOURCES.liposome,
    what: 'drug inside the particles as % of the drug used',
  },
  {
    id: 'drugLoadingPctWw', label: 'Drug loading', unit: '% w/w', min: 0, max: 100, key: 'drug-loading',
    measuredFrom: { kind: 'quality', field: 'drugLoadingPctWw' }, predictedFrom: 'design-loading', source: CQA_SOURCES.liposome,
    what: 'drug mass as % of the particle mass',
  },
  {
    id: 'freeDrugPct', label: 'Free drug', unit: '% of total drug', min: 0, max: 100, key: 'free-drug',
    measuredFrom: { kind: 'quality', field: 'freeDrugPct' }, source: CQA_SOURCES.liposome,
    what: 'drug outside the particles in the final product, % of the total drug',
  },
  {
    id: 'endotoxinEuPerMl', label: 'Endotoxin', unit: 'EU/mL', min: 0, max: 1_000_000, key: 'endotoxin',
    measuredFrom: { kind: 'quality', field: 'endotoxinEuPerMl' }, source: CQA_SOURCES.endotoxin,
    what: 'bacterial endotoxin of the product as dosed (LAL test), endotoxin units per mL',
  },
  {
    id: 'residualSolventPpm', label: 'Residual solvent', unit: 'ppm', min: 0, max: 1_000_000, key: 'residual-solvent',
    measuredFrom: { kind: 'quality', field: 'residualSolventPpm' }, source: CQA_SOURCES.residualSolvent,
    what: 'organic solvent left from manufacture (e.g. ethanol, dichloromethane), µg per g of product',
  },
  {
    id: 'cholesterolMolPct', label: 'Cholesterol of bilayer lipids', unit: 'mol %', min: 0, max: 100, key: 'cholesterol',
    measuredFrom: { kind: 'quality', field: 'cholesterolMolPct' }, predictedFrom: 'design-cholesterol', appliesTo: 'liposome', source: CQA_SOURCES.liposome,
    what: 'lipid molar ratio: cholesterol as mol % of all bilayer lipids (e.g. by HPLC)',
  },
]

const BY_ID = new Map(CQA_ATTRIBUTES.map((a) => [a.id, a] as const))

/** The attribute of an id. */
export function cqaAttribute(id: CqaAttributeId): CqaAttribute {
  return BY_ID.get(id)!
}

/**
 * The attribute a user typed: its id (`zAverageNm`) or its key (`size`), any case; undefined
 * when it names none.
 */
export function findCqaAttribute(text: string): CqaAttribute | undefined {
  const t = text.trim().toLowerCase()
  return CQA_ATTRIBUTES.find((a) => a.id.toLowerCase() === t || a.key === t)
}

/** The attribute of a quality-measurement field. */
export function attributeOfQualityField(field: QualityFieldId): CqaAttribute {
  return CQA_ATTRIBUTES.find((a) => a.measuredFrom.kind === 'quality' && a.measuredFrom.field === field)!
}

/** Why a value is outside an attribute's range, or undefined when it is inside. */
export function attributeRangeProblem(a: CqaAttribute, value: number): string | undefined {
  const unit = a.unit === '' ? '' : ` ${a.unit}`
  if (!Number.isFinite(value)) return `${a.label} is a number`
  const tooLow = a.minExclusive === true ? value <= a.min : value < a.min
  if (tooLow || value > a.max) {
    return `${a.label} is ${a.minExclusive === true ? 'above' : 'from'} ${a.min}${unit} ${a.minExclusive === true ? 'and at most' : 'to'} ${a.max}${unit}`
  }
  return undefined
}

/** "Size (Z-average), nm": an attribute with its unit, for headers and CLI help. */
export function attributeWithUnit(a: CqaAttribute): string {
  return a.unit === '' ? a.label : `${a.label} (${a.unit})`
}
