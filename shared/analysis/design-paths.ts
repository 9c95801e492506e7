/**
 * Reading and writing one knob of a design by its path (`core.diameterNm`,
 * `coatings[0].graftingDensityPerNm2`, `ligands[1].perParticle`, `core.material`), for the
 * sensitivity analyses and the optimiser (issue 13).
 *
 * Why paths: a goal file names the knobs it varies in the same JSON-path notation as every
 * validation message, so an error about a knob and an error about the design read alike.
 * Setting never edits in place and always re-validates the whole design (validateDesign):
 * a value that is out of range, or a combination the validator rejects, comes back as its
 * errors, never as a silently wrong design.
 */
import {
  CORE_MATERIAL_IDS, DISEASE_IDS, DOSE_BASIS_IDS, DRUG_IDS, GOAL_IDS, LIGAND_IDS, LIPID_COATING_IDS,
  MEMBRANE_SOURCE_IDS, POLYMER_COATING_IDS, SPECIES_IDS, TRIGGER_IDS,
} from '../catalog/ids'
import { DESIGN_LIMITS, validateDesign, type DesignValidation } from '../design/schema'
import type { Design } from '../design/types'

/** A bad knob path: what is wrong and where. */
export class KnobPathError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path === '' ? '(empty path)' : path}: ${message}`)
    this.name = 'KnobPathError'
  }
}

/** The value of a knob: a number or a catalog id. */
export type KnobValue = number | string

/** Fields that are identity or structure, not knobs. */
const NOT_KNOBS: ReadonlySet<string> = new Set(['format', 'version', 'name', 'notes', 'kind'])

/** One path segment: an object key or an array index. */
export type PathSegment = string | number

/**
 * Parses `a.b[2].c` into ['a', 'b', 2, 'c']. Keys are identifiers; indices are whole numbers.
 */
export function parseKnobPath(path: string): PathSegment[] {
  if (path.trim() === '') throw new KnobPathError(path, 'a knob path is empty; write it like core.diameterNm or coatings[0].graftingDensityPerNm2')
  const out: PathSegment[] = []
  const re = /([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|(\.)/y
  let expectKey = true
  let pos = 0
  while (pos < path.length) {
    re.lastIndex = pos
    const m = re.exec(path)
    if (m === null) throw new KnobPathError(path, `cannot read the path at character ${pos + 1} ('${path.slice(pos)}'); write it like core.diameterNm or coatings[0].graftingDensityPerNm2`)
    if (m[1] !== undefined) {
      if (!expectKey) throw new KnobPathError(path, `a '.' is missing before '${m[1]}'`)
      out.push(m[1])
      expectKey = false
    } else if (m[2] !== undefined) {
      if (out.length === 0) throw new KnobPathError(path, 'a path starts with a field name, not an index')
      out.push(Number(m[2]))
      expectKey = false
    } else {
      if (expectKey) throw new KnobPathError(path, `an empty field name at character ${pos + 1}`)
      expectKey = true
    }
    pos = re.lastIndex
  }
  if (expectKey) throw new KnobPathError(path, 'the path ends with a dot')
  return out
}

function formatPath(segments: ReadonlyArray<PathSegment>): string {
  let s = ''
  for (const seg of segments) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`
  return s
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/** Walks to the leaf; throws with the first segment that does not exist. */
function leaf(design: Design, path: string, segments: ReadonlyArray<PathSegment>): unknown {
  let node: unknown = design
  segments.forEach((seg, i) => {
    const here = formatPath(segments.slice(0, i))
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) throw new KnobPathError(path, `${here} is not a list, so [${seg}] does not exist`)
      if (seg >= node.length) {
        throw new KnobPathError(path, node.length === 0
          ? `${here} is empty, so [${seg}] does not exist`
          : `${here} has ${node.length} entr${node.length === 1 ? 'y' : 'ies'} (index 0${node.length > 1 ? `-${node.length - 1}` : ''}), so [${seg}] does not exist`)
      }
      node = node[seg]
    } else {
      if (!isRecord(node)) throw new KnobPathError(path, `${here === '' ? 'the design' : here} is ${Array.isArray(node) ? 'a list; give an index like [0]' : 'not an object'}, so .${seg} does not exist`)
      if (!(seg in node)) {
        const fields = Object.keys(node).join(', ')
        throw new KnobPathError(path, `${here === '' ? 'the design' : here} has no field '${seg}' (its fields: ${fields})`)
      }
      node = node[seg]
    }
  })
  return node
}

/** The current value of a knob; throws {@link KnobPathError} if the path is not a knob of this design. */
export function getKnob(design: Design, path: string): KnobValue {
  const segments = parseKnobPath(path)
  const last = segments[segments.length - 1]
  if (typeof last === 'string' && NOT_KNOBS.has(last)) {
    throw new KnobPathError(path, `'${last}' is ${last === 'kind' ? 'the structure of a coating' : 'not a property of the particle'}; it cannot be varied`)
  }
  const value = leaf(design, path, segments)
  if (typeof value === 'number' || typeof value === 'string') return value
  throw new KnobPathError(path, `is ${Array.isArray(value) ? 'a list' : 'an object'}, not a number or an id; name one of its fields`)
}

function withValue(node: unknown, segments: ReadonlyArray<PathSegment>, value: KnobValue): unknown {
  if (segments.length === 0) return value
  const [head, ...rest] = segments
  if (typeof head === 'number') {
    const copy = [...(node as unknown[])]
    copy[head] = withValue(copy[head], rest, value)
    return copy
  }
  const obj = node as Record<string, unknown>
  return { ...obj, [head!]: withValue(obj[head!], rest, value) }
}

/**
 * A copy of `design` with every assignment applied, validated as a whole. Bad paths throw
 * {@link KnobPathError} (a mistake in the request); a value the validator rejects is returned
 * as an invalid {@link DesignValidation} with the validator's paths and messages.
 */
export function setKnobs(design: Design, assignments: ReadonlyArray<readonly [string, KnobValue]>): DesignValidation {
  let doc: unknown = design
  for (const [path, value] of assignments) {
    const current = getKnob(design, path)
    if (typeof current !== typeof value) {
      throw new KnobPathError(path, `holds ${typeof current === 'number' ? 'a number' : 'an id'}, so it cannot be set to ${JSON.stringify(value)}`)
    }
    doc = withValue(doc, parseKnobPath(path), value)
  }
  return validateDesign(doc)
}

/** One knob set and validated (see {@link setKnobs}). */
export function setKnob(design: Design, path: string, value: KnobValue): DesignValidation {
  return setKnobs(design, [[path, value]])
}

/** What kind of value a knob takes, its unit, its hard limits and (categorical) options. */
export interface KnobInfo {
  readonly path: string
  readonly kind: 'continuous' | 'integer' | 'categorical'
  readonly unit: string
  /** The validator's hard limits where this module knows them (continuous and integer knobs). */
  readonly min?: number
  readonly max?: number
  /** True when `min` itself is not allowed (a density or dose must be > 0). */
  readonly minExclusive?: boolean
  /** Every catalog id the field accepts, where known. */
  readonly options?: ReadonlyArray<string>
}

interface FieldRule {
  readonly unit?: string
  readonly min?: number
  readonly max?: number
  readonly minExclusive?: boolean
  readonly integer?: boolean
  readonly options?: ReadonlyArray<string>
}

/**
 * Known fields by their path with indices removed (`coatings[].material` depends on the
 * coating kind, so that key carries it). Limits are the validator's own (DESIGN_LIMITS);
 * a field missing here is still a knob, with limits left to the validator.
 */
function fieldRule(segments: ReadonlyArray<PathSegment>, design: Design): FieldRule | undefined {
  const key = segments.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]')
  const coating = segments[0] === 'coatings' && typeof segments[1] === 'number' ? design.coatings[segments[1]] : undefined
  switch (key) {
    case 'core.diameterNm': return { unit: 'nm', ...DESIGN_LIMITS.coreDiameterNm }
    case 'core.material': return { options: CORE_MATERIAL_IDS }
    case 'coatings[].molecularWeightDa': return { unit: 'Da', ...DESIGN_LIMITS.pegMolecularWeightDa }
    case 'coatings[].graftingDensityPerNm2': return { unit: 'chains/nm²', min: 0, minExclusive: true, max: DESIGN_LIMITS.pegGraftingDensityMaxPerNm2 }
    case 'coatings[].thicknessNm': return { unit: 'nm', min: 0, minExclusive: true, max: DESIGN_LIMITS.polymerThicknessNm.max }
    case 'coatings[].material': return { options: coating?.kind === 'lipid' ? LIPID_COATING_IDS : POLYMER_COATING_IDS }
    case 'coatings[].source': return { options: MEMBRANE_SOURCE_IDS }
    case 'ligands[].ligand': return { options: LIGAND_IDS }
    case 'ligands[].perParticle': return { unit: '', min: 1, max: DESIGN_LIMITS.ligandsPerParticleMax, integer: true }
    case 'payload.loadingPctWw': return { unit: '% w/w', ...DESIGN_LIMITS.loadingPctWw }
    case 'payload.drug': return { options: DRUG_IDS }
    case 'payload.trigger': return { options: TRIGGER_IDS }
    case 'context.dose.mgPerKg': return { unit: 'mg/kg', min: 0, minExclusive: true, max: DESIGN_LIMITS.doseMgPerKg.max }
    case 'context.dose.basis': return { options: DOSE_BASIS_IDS }
    case 'context.disease': return { options: DISEASE_IDS }
    case 'context.species': return { options: SPECIES_IDS }
    case 'context.goal': return { options: GOAL_IDS }
    default: return undefined
  }
}

/** Describes the knob at `path` of this design; throws {@link KnobPathError} for a bad path. */
export function describeKnob(design: Design, path: string): KnobInfo {
  const value = getKnob(design, path)
  const segments = parseKnobPath(path)
  const rule = fieldRule(segments, design)
  if (typeof value === 'string') return { path, kind: 'categorical', unit: '', ...(rule?.options ? { options: rule.options } : {}) }
  return {
    path,
    kind: rule?.integer ? 'integer' : 'continuous',
    unit: rule?.unit ?? '',
    ...(rule?.min !== undefined ? { min: rule.min } : {}),
    ...(rule?.max !== undefined ? { max: rule.max } : {}),
    ...(rule?.minExclusive ? { minExclusive: true } : {}),
  }
}

/**
 * Every numeric knob of a design that describes the particle or its dose, in document order:
 * the core diameter (and any numeric core field such as a bilayer's cholesterol), each
 * coating's numbers, each ligand count, the loading and the dose. Species, disease and goal
 * are the question, not the answer, so they are not listed.
 */
export function numericKnobPaths(design: Design): string[] {
  const out: string[] = []
  const walk = (node: unknown, segments: PathSegment[]): void => {
    if (typeof node === 'number') {
      const last = segments[segments.length - 1]
      if (typeof last === 'string' && !NOT_KNOBS.has(last)) out.push(formatPath(segments))
      return
    }
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, [...segments, i]))
    else if (isRecord(node)) for (const [k, v] of Object.entries(node)) walk(v, [...segments, k])
  }
  walk(design.core, ['core'])
  walk(design.coatings, ['coatings'])
  walk(design.ligands, ['ligands'])
  walk(design.payload, ['payload'])
  walk(design.context.dose, ['context', 'dose'])
  return out
}
