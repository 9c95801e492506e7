import {
  BILAYER_LIPID_IDS, COATING_KINDS, CORE_MATERIAL_IDS, DISEASE_IDS, DOSE_BASIS_IDS, DRUG_IDS, GOAL_IDS, LIGAND_IDS,
  LIPID_COATING_IDS, MEMBRANE_SOURCE_IDS, POLYMER_COATING_IDS, SPECIES_IDS, TRIGGER_IDS,
} from '../catalog/ids'
import {
  CHOLESTEROL_PROPERTIES, getCore, getDisease, getDrug, getLigand, getPolymerCoating, PEG_PROPERTIES,
} from '../catalog/index'
import { deriveGeometry, pegLayerModel } from './derived'
import { requireField } from './fields'
import { DESIGN_MIGRATIONS, migrateDesignDocument, type DesignMigration } from './migrate'
import { nearest, unknownValueMessage } from './nearest-id'
import { unsafeTextProblem } from './schema-text'
import {
  coreHasBilayer, DESIGN_FORMAT, DESIGN_VERSION,
  type BilayerSpec, type Coating, type ContextSpec, type CoreSpec, type Design, type DesignIssue, type LigandSpec, type PayloadSpec,
} from './types'

/**
 * Result of {@link validateDesign}. Warnings (merely unusual designs) travel with both
 * outcomes; errors (malformed or physically impossible) make the design invalid
 * (docs/design-format.md, "Rules for bad input").
 */
export type DesignValidation =
  | { readonly valid: true; readonly design: Design; readonly warnings: DesignIssue[] }
  | { readonly valid: false; readonly errors: DesignIssue[]; readonly warnings: DesignIssue[] }

/** Options for {@link validateDesign}; tests inject a migration table. */
export interface ValidateOptions {
  readonly migrations?: ReadonlyArray<DesignMigration>
}

const range = (key: string): { readonly min: number; readonly max: number } => {
  const def = requireField(key)
  if (def.min === undefined || def.max === undefined) throw new Error(`design field "${key}" has no range`)
  return { min: def.min, max: def.max }
}

/**
 * Hard limits of a design, exported so the UI's sliders and the validator agree. They are read
 * from the field definitions (fields.ts), the one place a range is written; the spec fixes
 * name, notes, diameter, coatings and loading; the others are sensible physical bounds (a value
 * outside them is a typo, not a design).
 */
export const DESIGN_LIMITS = {
  nameMaxChars: requireField('name').max!,
  notesMaxChars: requireField('notes').max!,
  coreDiameterNm: range('core.diameterNm'),
  maxCoatings: 3,
  loadingPctWw: range('payload.loadingPctWw'),
  pegMolecularWeightDa: range('coatings[].molecularWeightDa'),
  /** Measured PEG packing limit, Manson et al. 2011 [V] (brief §2.4.2). */
  pegGraftingDensityMaxPerNm2: requireField('coatings[].graftingDensityPerNm2').max!,
  polymerThicknessNm: { max: requireField('coatings[].thicknessNm').max! },
  ligandsPerParticleMax: requireField('ligands[].perParticle').max!,
  doseMgPerKg: { max: requireField('context.dose.mgPerKg').max! },
  /**
   * Cholesterol in a liposome bilayer, mol %. 60 is a format limit below the measured
   * equilibrium solubility limit in PC bilayers (66 mol %, Huang, Buboltz & Feigenson 1999 [V]).
   */
  cholesterolMolPct: range('core.bilayer.cholesterolMolPct'),
} as const

/** Thresholds for warnings (unusual but possible designs). */
export const WARNING_THRESHOLDS = {
  /** Fraction of the outer surface covered by ligand footprints above which uptake by phagocytes is flagged. */
  ligandAreaFraction: 0.5,
  polymerThicknessNm: 50,
  doseMgPerKg: 100,
  /** Cholesterol above which crystals are likely in a prepared liposome (lipids.json, cholesterol.crystalWarningMolPct). */
  cholesterolMolPct: CHOLESTEROL_PROPERTIES.crystalWarningMolPct.value,
} as const

type Json = Record<string, unknown>

class Issues {
  readonly errors: DesignIssue[] = []
  readonly warnings: DesignIssue[] = []
  error(path: string, message: string): void {
    this.errors.push({ path, message })
  }
  warn(path: string, message: string): void {
    this.warnings.push({ path, message })
  }
}

function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`
  return base ? `${base}.${key}` : key
}

function isRecord(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** How a wrong value is named in a message: `the text "120"`, `a list`, `null`, `-5`. */
function describe(x: unknown): string {
  if (x === null) return 'null'
  if (Array.isArray(x)) return 'a list'
  switch (typeof x) {
    case 'string': return `the text ${JSON.stringify(x)}`
    case 'number': return Number.isFinite(x) ? String(x) : 'a non-finite number'
    case 'boolean': return String(x)
    case 'undefined': return 'nothing'
    default: return 'an object'
  }
}

/** Numbers in messages: 3 significant figures for computed values. */
function fmt(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e7 ? String(x) : String(Number(x.toPrecision(3)))
}

/** Unknown keys are errors, with the nearest allowed (preferably missing) key suggested. */
function checkKeys(issues: Issues, obj: Json, path: string, allowed: ReadonlyArray<string>): void {
  const missing = allowed.filter((k) => !(k in obj))
  for (const key of Object.keys(obj)) {
    if (allowed.includes(key)) continue
    const guess = nearest(key, missing) ?? nearest(key, allowed)
    issues.error(at(path, key), guess !== undefined
      ? `unknown field "${key}"; did you mean "${guess}"?`
      : `unknown field "${key}"; the fields allowed here are ${allowed.join(', ')}`)
  }
}

interface NumberRule {
  /** What the number is, for "is missing; give ..." and type errors. */
  readonly label: string
  readonly unit: string
  readonly min: number
  readonly minExclusive?: boolean
  readonly max?: number
  readonly integer?: boolean
}

function rangeText(rule: NumberRule): string {
  const u = rule.unit ? ` ${rule.unit}` : ''
  if (rule.max === undefined) return rule.minExclusive ? `must be greater than ${rule.min}${u}` : `must be at least ${rule.min}${u}`
  if (rule.minExclusive) return `must be greater than ${rule.min} and at most ${rule.max}${u}`
  return `must be between ${rule.min} and ${rule.max}${u}`
}

/** The number rule of a field, from its definition (label phrase, unit, range, integer). */
function ruleOf(fieldKey: string): NumberRule {
  const def = requireField(fieldKey)
  return {
    label: def.phrase, unit: def.unit, min: def.min ?? 0, minExclusive: def.minExclusive, max: def.max, integer: def.integer,
  }
}

function readNumber(issues: Issues, obj: Json, key: string, path: string, rule: NumberRule): number | undefined {
  const p = at(path, key)
  const v = obj[key]
  if (v === undefined) {
    issues.error(p, `is missing; give ${rule.label}`)
    return undefined
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    issues.error(p, `must be a number (${rule.label}), got ${describe(v)}`)
    return undefined
  }
  if (rule.integer && !Number.isInteger(v)) {
    issues.error(p, `must be a whole number, got ${v}`)
    return undefined
  }
  const tooLow = rule.minExclusive ? v <= rule.min : v < rule.min
  const tooHigh = rule.max !== undefined && v > rule.max
  if (tooLow || tooHigh) {
    issues.error(p, `${rangeText(rule)}, got ${v}`)
    return undefined
  }
  return v
}

/** Reads a catalog id or enum value; unknown values name the nearest known one. */
function readId<Id extends string>(
  issues: Issues, obj: Json, key: string, path: string, ids: ReadonlyArray<Id>, what: string,
): Id | undefined {
  const p = at(path, key)
  const v = obj[key]
  if (v === undefined) {
    issues.error(p, `is missing; give the ${what} (one of ${ids.join(', ')})`)
    return undefined
  }
  if (typeof v !== 'string') {
    issues.error(p, `must be a ${what} id written as text, got ${describe(v)}`)
    return undefined
  }
  if (!(ids as ReadonlyArray<string>).includes(v)) {
    issues.error(p, unknownValueMessage(what, v, ids))
    return undefined
  }
  return v as Id
}

/** Reads a required nested object; reports missing / wrong type and unknown keys. */
function readObject(issues: Issues, obj: Json, key: string, path: string, allowed: ReadonlyArray<string>, label: string): Json | undefined {
  const p = at(path, key)
  const v = obj[key]
  if (v === undefined) {
    issues.error(p, `is missing; give ${label}`)
    return undefined
  }
  if (!isRecord(v)) {
    issues.error(p, `must be an object (${label}), got ${describe(v)}`)
    return undefined
  }
  checkKeys(issues, v, p, allowed)
  return v
}

/**
 * Reads `core.bilayer` of a liposome (version 2): the matrix lipid and the cholesterol mol %.
 * Cholesterol above the crystal threshold is a warning, not an error (see lipids.json).
 */
function readBilayer(issues: Issues, core: Json): BilayerSpec | undefined {
  const o = readObject(issues, core, 'bilayer', 'core', ['lipid', 'cholesterolMolPct'],
    'the liposome bilayer as {"lipid", "cholesterolMolPct"}, e.g. {"lipid": "hspc", "cholesterolMolPct": 38}')
  if (!o) return undefined
  const lipid = readId(issues, o, 'lipid', 'core.bilayer', BILAYER_LIPID_IDS, 'bilayer lipid')
  const cholesterolMolPct = readNumber(issues, o, 'cholesterolMolPct', 'core.bilayer', ruleOf('core.bilayer.cholesterolMolPct'))
  if (lipid === undefined || cholesterolMolPct === undefined) return undefined
  if (cholesterolMolPct > WARNING_THRESHOLDS.cholesterolMolPct) {
    issues.warn('core.bilayer.cholesterolMolPct', `${cholesterolMolPct} mol % cholesterol is above ${WARNING_THRESHOLDS.cholesterolMolPct} mol %: although a PC bilayer can hold up to ${CHOLESTEROL_PROPERTIES.solubilityLimitPcMolPct.value} mol % at equilibrium (Huang, Buboltz & Feigenson 1999), liposomes prepared by usual methods tend to separate excess cholesterol as crystals at such contents; marketed liposomes use at most about 45 mol % (Doxil 38 mol %)`)
  }
  return { lipid, cholesterolMolPct }
}

function readCore(issues: Issues, doc: Json): CoreSpec | undefined {
  const o = readObject(issues, doc, 'core', '', ['material', 'diameterNm', 'bilayer'], 'the core as {"material", "diameterNm"}')
  if (!o) return undefined
  const material = readId(issues, o, 'material', 'core', CORE_MATERIAL_IDS, 'core material')
  const diameterNm = readNumber(issues, o, 'diameterNm', 'core', ruleOf('core.diameterNm'))
  // Version 2: a liposome core must say what its bilayer is made of; no other core has one.
  let bilayer: BilayerSpec | undefined
  let bilayerOk = true
  if (material !== undefined && coreHasBilayer(material)) {
    bilayer = readBilayer(issues, o)
    bilayerOk = bilayer !== undefined
  } else if (material !== undefined && o.bilayer !== undefined) {
    issues.error('core.bilayer', `only a liposome core has a bilayer; a ${getCore(material).name.toLowerCase()} core has none, so remove core.bilayer (for a lipid shell around a solid core, add a coating {"kind": "lipid", "material": "lipid-bilayer"})`)
    bilayerOk = false
  }
  if (material === undefined || diameterNm === undefined || !bilayerOk) return undefined
  // A vesicle needs room for its own bilayer wall on both sides of the lumen.
  const entry = getCore(material)
  const wall = entry.wallThicknessNm?.value
  if (entry.class === 'lipid-vesicle' && wall !== undefined && diameterNm <= 2 * wall) {
    issues.error('core.diameterNm', `a ${entry.name.toLowerCase()} of ${diameterNm} nm cannot exist: its bilayer wall alone is ${wall} nm thick, so the diameter must exceed ${2 * wall} nm`)
    return undefined
  }
  return bilayer !== undefined ? { material, diameterNm, bilayer } : { material, diameterNm }
}

const COATING_FIELDS: Readonly<Record<Coating['kind'], ReadonlyArray<string>>> = {
  peg: ['kind', 'molecularWeightDa', 'graftingDensityPerNm2'],
  membrane: ['kind', 'source'],
  polymer: ['kind', 'material', 'thicknessNm'],
  lipid: ['kind', 'material'],
}

function readCoating(issues: Issues, v: unknown, path: string): Coating | undefined {
  if (!isRecord(v)) {
    issues.error(path, `must be a coating object such as {"kind": "peg", ...}, got ${describe(v)}`)
    return undefined
  }
  const kind = readId(issues, v, 'kind', path, COATING_KINDS, 'coating kind')
  if (kind === undefined) return undefined
  checkKeys(issues, v, path, COATING_FIELDS[kind])
  switch (kind) {
    case 'peg': {
      const molecularWeightDa = readNumber(issues, v, 'molecularWeightDa', path, ruleOf('coatings[].molecularWeightDa'))
      const p = at(path, 'graftingDensityPerNm2')
      // The packing limit gets its own message below, so the range check here is only "> 0".
      const graftingDensityPerNm2 = readNumber(issues, v, 'graftingDensityPerNm2', path, { ...ruleOf('coatings[].graftingDensityPerNm2'), max: undefined })
      if (graftingDensityPerNm2 !== undefined && graftingDensityPerNm2 > DESIGN_LIMITS.pegGraftingDensityMaxPerNm2) {
        // Physically impossible: denser than the measured maximum PEG loading (brief §2.4.2, Manson 2011 [V]).
        issues.error(p, `${graftingDensityPerNm2} chains/nm² is denser than PEG can pack: the measured packing limit is ${DESIGN_LIMITS.pegGraftingDensityMaxPerNm2} chains/nm² (Manson et al. 2011)`)
        return undefined
      }
      if (molecularWeightDa === undefined || graftingDensityPerNm2 === undefined) return undefined
      return { kind, molecularWeightDa, graftingDensityPerNm2 }
    }
    case 'membrane': {
      const source = readId(issues, v, 'source', path, MEMBRANE_SOURCE_IDS, 'membrane source')
      return source === undefined ? undefined : { kind, source }
    }
    case 'polymer': {
      const material = readId(issues, v, 'material', path, POLYMER_COATING_IDS, 'polymer coating')
      const thicknessNm = readNumber(issues, v, 'thicknessNm', path, ruleOf('coatings[].thicknessNm'))
      if (material === undefined || thicknessNm === undefined) return undefined
      return { kind, material, thicknessNm }
    }
    case 'lipid': {
      const material = readId(issues, v, 'material', path, LIPID_COATING_IDS, 'lipid coating')
      return material === undefined ? undefined : { kind, material }
    }
  }
}

/** Returns undefined when any element is invalid (errors already recorded for each). */
function readCoatings(issues: Issues, doc: Json): Coating[] | undefined {
  const v = doc.coatings
  if (v === undefined) {
    issues.error('coatings', 'is missing; give a list of 0 to 3 coating layers, inner to outer ([] for none)')
    return undefined
  }
  if (!Array.isArray(v)) {
    issues.error('coatings', `must be a list of 0 to 3 coating layers, got ${describe(v)}`)
    return undefined
  }
  let ok = true
  if (v.length > DESIGN_LIMITS.maxCoatings) {
    issues.error('coatings', `at most ${DESIGN_LIMITS.maxCoatings} coating layers are allowed, got ${v.length}`)
    ok = false
  }
  const out: Coating[] = []
  v.forEach((item, i) => {
    const c = readCoating(issues, item, at('coatings', i))
    if (c) out.push(c)
    else ok = false
  })
  return ok ? out : undefined
}

function readLigands(issues: Issues, doc: Json): LigandSpec[] | undefined {
  const v = doc.ligands
  if (v === undefined) {
    issues.error('ligands', 'is missing; give a list of ligand types with their counts ([] for none)')
    return undefined
  }
  if (!Array.isArray(v)) {
    issues.error('ligands', `must be a list of {"ligand", "perParticle"} entries, got ${describe(v)}`)
    return undefined
  }
  let ok = true
  const out: LigandSpec[] = []
  const firstIndex = new Map<string, number>()
  v.forEach((item, i) => {
    const path = at('ligands', i)
    if (!isRecord(item)) {
      issues.error(path, `must be an object such as {"ligand": "folate", "perParticle": 250}, got ${describe(item)}`)
      ok = false
      return
    }
    checkKeys(issues, item, path, ['ligand', 'perParticle'])
    const ligand = readId(issues, item, 'ligand', path, LIGAND_IDS, 'ligand')
    const perParticle = readNumber(issues, item, 'perParticle', path, ruleOf('ligands[].perParticle'))
    if (ligand !== undefined) {
      const prev = firstIndex.get(ligand)
      if (prev !== undefined) {
        issues.error(at(path, 'ligand'), `"${ligand}" is already listed at ligands[${prev}]; list each ligand type once with its total count`)
        ok = false
        return
      }
      firstIndex.set(ligand, i)
    }
    if (ligand === undefined || perParticle === undefined) {
      ok = false
      return
    }
    out.push({ ligand, perParticle })
  })
  return ok ? out : undefined
}

function readPayload(issues: Issues, doc: Json): PayloadSpec | undefined {
  const o = readObject(issues, doc, 'payload', '', ['drug', 'loadingPctWw', 'trigger'], 'the payload as {"drug", "loadingPctWw", "trigger"}')
  if (!o) return undefined
  const drug = readId(issues, o, 'drug', 'payload', DRUG_IDS, 'drug')
  const loadingPctWw = readNumber(issues, o, 'loadingPctWw', 'payload', ruleOf('payload.loadingPctWw'))
  const trigger = readId(issues, o, 'trigger', 'payload', TRIGGER_IDS, 'release trigger')
  if (drug === undefined || loadingPctWw === undefined || trigger === undefined) return undefined
  return { drug, loadingPctWw, trigger }
}

function readContext(issues: Issues, doc: Json): ContextSpec | undefined {
  const o = readObject(issues, doc, 'context', '', ['disease', 'species', 'goal', 'dose'], 'the context as {"disease", "species", "goal", "dose"}')
  if (!o) return undefined
  const disease = readId(issues, o, 'disease', 'context', DISEASE_IDS, 'disease')
  const species = readId(issues, o, 'species', 'context', SPECIES_IDS, 'species')
  const goal = readId(issues, o, 'goal', 'context', GOAL_IDS, 'goal')
  const d = readObject(issues, o, 'dose', 'context', ['mgPerKg', 'basis'], 'the dose as {"mgPerKg", "basis"}')
  let dose: ContextSpec['dose'] | undefined
  if (d) {
    const mgPerKg = readNumber(issues, d, 'mgPerKg', 'context.dose', ruleOf('context.dose.mgPerKg'))
    const basis = readId(issues, d, 'basis', 'context.dose', DOSE_BASIS_IDS, 'dose basis')
    if (mgPerKg !== undefined && basis !== undefined) dose = { mgPerKg, basis }
  }
  if (disease === undefined || species === undefined || goal === undefined || dose === undefined) return undefined
  return { disease, species, goal, dose }
}

function readText(issues: Issues, doc: Json, key: 'name' | 'notes', required: boolean, maxChars: number): string | undefined {
  const v = doc[key]
  if (v === undefined) {
    if (required) issues.error(key, `is missing; give the design a name (1 to ${maxChars} characters)`)
    return undefined
  }
  if (typeof v !== 'string') {
    issues.error(key, `must be text, got ${describe(v)}`)
    return undefined
  }
  if (required && v.trim().length === 0) {
    issues.error(key, 'must not be empty')
    return undefined
  }
  if (v.length > maxChars) {
    issues.error(key, `must be at most ${maxChars} characters, got ${v.length}`)
    return undefined
  }
  // Names and notes end up on terminals, in listings and in bundles: no control or bidi
  // characters (schema-text.ts; notes may hold line breaks and tabs).
  const unsafe = unsafeTextProblem(v, { multiline: key === 'notes' })
  if (unsafe !== undefined) {
    issues.error(key, unsafe)
    return undefined
  }
  return v
}

/**
 * Cross-field checks once the parts parsed: ligand overcrowding (an error) and the warnings
 * for unusual designs. Each check runs when the parts it needs are valid, so a design with a
 * bad payload still gets its ligand overcrowding reported.
 */
function checkCombinations(
  issues: Issues,
  core: CoreSpec | undefined, coatings: Coating[] | undefined, ligands: LigandSpec[] | undefined,
  payload: PayloadSpec | undefined, context: ContextSpec | undefined,
): void {
  const coreEntry = core ? getCore(core.material) : undefined
  if (core && coreEntry) {
    const min = coreEntry.diameterRangeNm.min.value
    const max = coreEntry.diameterRangeNm.max.value
    if (core.diameterNm < min || core.diameterNm > max) {
      issues.warn('core.diameterNm', `${core.diameterNm} nm is outside ${min}-${max} nm, the size range the engine's models were built on for ${coreEntry.name}; estimates for this design are extrapolations`)
    }
  }

  if (coatings) {
    coatings.forEach((c, i) => {
      if (c.kind === 'polymer' && c.thicknessNm > WARNING_THRESHOLDS.polymerThicknessNm) {
        const typical = getPolymerCoating(c.material).defaultThicknessNm.value
        issues.warn(`coatings[${i}].thicknessNm`, `${c.thicknessNm} nm is an unusually thick polymer shell (typically ~${typical} nm); check the unit`)
      }
      if (c.kind === 'peg' && i < coatings.length - 1) {
        issues.warn(`coatings[${i}]`, `this PEG layer is covered by a ${coatings[i + 1]!.kind} layer; buried PEG does not act as a stealth corona`)
      }
    })
    const last = coatings[coatings.length - 1]
    if (last?.kind === 'peg' && context?.goal === 'deliver') {
      const m = pegLayerModel(last.molecularWeightDa, last.graftingDensityPerNm2)
      if (m.regime === 'mushroom') {
        const brushFrom = (PEG_PROPERTIES.brushCoverageRatio.value * last.graftingDensityPerNm2) / m.coverageRatio
        issues.warn(`coatings[${coatings.length - 1}].graftingDensityPerNm2`, `PEG at ${last.graftingDensityPerNm2} chains/nm² is in the mushroom regime (Γ/Γ* = ${fmt(m.coverageRatio)}); for systemic delivery a brush (above ${fmt(brushFrom)} chains/nm² for ${last.molecularWeightDa} Da PEG) better reduces liver and spleen uptake (Perry JL et al. 2012, Nano Lett 12:5304; Yang Q et al. 2014, Mol Pharm 11:1250)`)
      }
    }
  }

  if (core && coatings && ligands && ligands.length > 0) {
    const g = deriveGeometry(core, coatings, ligands)
    const pct = fmt(100 * g.ligandAreaFraction)
    if (g.ligandAreaFraction > 1) {
      const capacity = ligands.map((l) => `${Math.floor(g.surfaceAreaNm2 / getLigand(l.ligand).footprintNm2.value)} ${l.ligand}`).join(' or ')
      issues.error('ligands', `more ligands than fit on the particle: they need ${fmt(g.ligandAreaNm2)} nm² (count × footprint) but the outer surface at radius ${fmt(g.outerRadiusNm)} nm is only ${fmt(g.surfaceAreaNm2)} nm² (${pct} % coverage); at most ${capacity} alone would fit`)
    } else if (g.ligandAreaFraction > WARNING_THRESHOLDS.ligandAreaFraction) {
      issues.warn('ligands', `ligands cover about ${pct} % of the outer surface; such dense ligands mask the PEG corona and raise uptake by liver and spleen macrophages (NanoForge estimate; folate particles are taken up by liver and spleen macrophages: Turk MJ et al. 2002, Arthritis Rheum 46:1947)`)
    }
    const outer = coatings[coatings.length - 1]
    const outerPeg = g.pegLayers[g.pegLayers.length - 1]
    if (outer?.kind === 'peg' && outerPeg && g.ligandsPerParticle > outerPeg.chainsPerParticle) {
      issues.warn('ligands', `${g.ligandsPerParticle} ligands but only about ${fmt(outerPeg.chainsPerParticle)} PEG chains per particle; ligands coupled to PEG chain ends cannot outnumber the chains`)
    }
  }

  if (payload && coreEntry && payload.loadingPctWw > coreEntry.typicalMaxLoadingPctWw.value) {
    issues.warn('payload.loadingPctWw', `${payload.loadingPctWw} % w/w is above the ~${coreEntry.typicalMaxLoadingPctWw.value} % w/w typical for ${coreEntry.name}; check that this loading is achievable`)
  }

  if (payload && context) {
    const drug = getDrug(payload.drug)
    const disease = getDisease(context.disease)
    if (context.goal === 'tolerize' && !drug.isAntigen) {
      const suggestions = disease.antigenDrugIds.length > 0 ? disease.antigenDrugIds : DRUG_IDS.filter((id) => getDrug(id).isAntigen)
      issues.warn('payload.drug', `the goal is tolerize but ${drug.name} is not an antigen; antigen-specific tolerance needs a disease antigen such as ${suggestions.join(', ')}`)
    }
    if (context.goal === 'tolerize' && drug.isAntigen && !disease.antigenDrugIds.includes(payload.drug)) {
      const owners = DISEASE_IDS.filter((id) => getDisease(id).antigenDrugIds.includes(payload.drug))
      issues.warn('payload.drug', `${drug.name} is an antigen for ${owners.join(', ') || 'another disease'}, not for ${disease.name}; tolerance is antigen-specific`)
    }
    if (context.goal !== 'tolerize' && drug.isAntigen) {
      issues.warn('payload.drug', `${drug.name} is an antigen but the goal is ${context.goal}; antigen particles are used to induce tolerance (goal "tolerize")`)
    }
  }

  if (context && coreEntry && context.goal === 'image' && !coreEntry.imaging) {
    const imaging = CORE_MATERIAL_IDS.filter((id) => getCore(id).imaging)
    issues.warn('core.material', `the goal is image but ${coreEntry.name} gives no imaging contrast; choose an imaging core (${imaging.join(', ')})`)
  }

  if (context && context.dose.mgPerKg > WARNING_THRESHOLDS.doseMgPerKg) {
    issues.warn('context.dose.mgPerKg', `${context.dose.mgPerKg} mg/kg is an unusually high dose; check the unit (mg per kg body weight)`)
  }
}

const TOP_LEVEL_FIELDS = ['format', 'version', 'name', 'notes', 'core', 'coatings', 'ligands', 'payload', 'context'] as const

/**
 * Validates a design document (docs/design-format.md) and returns every problem at once, each
 * with its JSON path (`coatings[0].graftingDensityPerNm2`) and a plain sentence.
 *
 * Order of work: the document must be an object with `format` "nanoforge.design"; a newer
 * `version` is refused outright (its fields cannot be interpreted), an older one is upgraded
 * through the migration table first (with a warning saying so); then every field is checked,
 * then the physical combinations (PEG packing limit, ligand overcrowding) and warnings.
 */
export function validateDesign(input: unknown, options: ValidateOptions = {}): DesignValidation {
  const issues = new Issues()
  if (!isRecord(input)) {
    issues.error('', `a design must be a JSON object, got ${describe(input)}`)
    return { valid: false, errors: issues.errors, warnings: issues.warnings }
  }

  const format = input.format
  if (format === undefined) issues.error('format', `is missing; a NanoForge design file starts with "format": "${DESIGN_FORMAT}"`)
  else if (format !== DESIGN_FORMAT) issues.error('format', `must be "${DESIGN_FORMAT}", got ${describe(format)}; this is not a NanoForge design file`)

  let doc: Json = input
  const version = input.version
  if (version === undefined) {
    issues.error('version', `is missing; this build writes design format version ${DESIGN_VERSION}`)
  } else if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    issues.error('version', `must be a whole-number design format version such as ${DESIGN_VERSION}, got ${describe(version)}`)
  } else if (version > DESIGN_VERSION) {
    issues.error('version', `this file is design format version ${version}; this build reads up to version ${DESIGN_VERSION}. Open it with a newer NanoForge`)
    return { valid: false, errors: issues.errors, warnings: issues.warnings }
  } else if (version < DESIGN_VERSION) {
    const outcome = migrateDesignDocument(input, version, options.migrations ?? DESIGN_MIGRATIONS, DESIGN_VERSION)
    if (!outcome.ok) {
      issues.error(outcome.issue.path, outcome.issue.message)
      return { valid: false, errors: issues.errors, warnings: issues.warnings }
    }
    doc = outcome.document
    issues.warn('version', `this file was written in design format version ${version} and was upgraded to version ${DESIGN_VERSION} on reading (${outcome.applied.map((m) => m.description).join('; ')})`)
  }

  checkKeys(issues, doc, '', TOP_LEVEL_FIELDS)
  const name = readText(issues, doc, 'name', true, DESIGN_LIMITS.nameMaxChars)
  const notes = readText(issues, doc, 'notes', false, DESIGN_LIMITS.notesMaxChars)
  const core = readCore(issues, doc)
  const coatings = readCoatings(issues, doc)
  const ligands = readLigands(issues, doc)
  const payload = readPayload(issues, doc)
  const context = readContext(issues, doc)
  checkCombinations(issues, core, coatings, ligands, payload, context)

  if (issues.errors.length > 0 || name === undefined || !core || !coatings || !ligands || !payload || !context) {
    return { valid: false, errors: issues.errors, warnings: issues.warnings }
  }
  const design: Design = {
    format: DESIGN_FORMAT,
    version: DESIGN_VERSION,
    name,
    ...(notes !== undefined ? { notes } : {}),
    core,
    coatings,
    ligands,
    payload,
    context,
  }
  return { valid: true, design, warnings: issues.warnings }
}
