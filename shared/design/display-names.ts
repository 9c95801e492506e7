import { catalog, CORE_CLASSES, DRUG_CLASSES } from '../catalog'
import type { BiodistributionKey } from '../engine/pbpk/types'
import { DESIGN_FIELDS } from './fields'

/**
 * Human-readable name of every reported tissue key (docs/cli.md `simulate`), as the
 * biodistribution panel, the measured-data tables and the report write them.
 */
export const TISSUE_LABELS: Readonly<Record<BiodistributionKey, string>> = {
  blood: 'Blood', liver: 'Liver', spleen: 'Spleen', kidneys: 'Kidneys', lungs: 'Lungs', heart: 'Heart',
  brain: 'Brain', muscle: 'Muscle', skin: 'Skin', joints: 'Joints', pancreas: 'Pancreas', colon: 'Colon',
  rest: 'Rest of body', excreted: 'Excreted', degraded: 'Degraded carrier',
}

/**
 * Names people read for the ids the engine writes: catalog entries ("plga-50-50" → "PLGA
 * 50:50"), the display names of every choice field (shared/design/fields.ts: species, goal,
 * trigger…), tissues ("joints" → "Joints") and the engine's module names.
 *
 * Why: the engine's assumption lists name parameters by path (`core.plga-50-50.burstFraction`,
 * `organNp.mouse.heart.k50H`); those paths are the machine's names and stay in tooltips and
 * exports, while the screen shows words (issue 12, "no code words on screen").
 *
 * In shared/ so that the app and the design-review report (shared/report) write the same words.
 */
const NAMES: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>()
  for (const list of [catalog.cores, catalog.drugs, catalog.ligands, catalog.diseases, catalog.membranes, catalog.polymerCoatings, catalog.lipidCoatings, catalog.bilayerLipids]) {
    for (const e of list) m.set(e.id, e.name)
  }
  for (const f of DESIGN_FIELDS) for (const o of f.options ?? []) if (!m.has(o.value)) m.set(o.value, o.label)
  for (const [key, label] of Object.entries(TISSUE_LABELS)) m.set(key, label)
  // Drug and core classes have no display names in the catalog: their ids are words joined by '-'.
  for (const id of [...DRUG_CLASSES, ...CORE_CLASSES]) if (!m.has(id)) m.set(id, id.replace(/-/g, ' '))
  return m
})()

/** The engine's module ids as words. */
const MODULE_NAMES: Readonly<Record<string, string>> = { release: 'Release', biodistribution: 'Biodistribution', selectivity: 'Selectivity' }

/** Name of an id ("plga-50-50" → "PLGA 50:50"), or undefined when it is not a known id. */
export function displayName(id: string): string | undefined {
  return NAMES.get(id)
}

/** An engine module id as a word ("biodistribution" → "Biodistribution"). */
export function moduleName(id: string): string {
  return MODULE_NAMES[id] ?? id.charAt(0).toUpperCase() + id.slice(1)
}

/** Path segments that only group parameters and add nothing a reader needs. */
const SILENT_SEGMENTS = new Set(['core', 'drug', 'organNp', 'species', 'modifier', 'disease', 'ligand', 'structure'])

/** Words for segments whose camel-case split would read badly. */
const SEGMENT_WORDS: Readonly<Record<string, string>> = {
  logP: 'log P', pH: 'pH', referencePH: 'reference pH', k50H: 'K50', kMaxPerH: 'Kmax', kRelPerH: 'release rate', hillN: 'Hill coefficient', kMax: 'Kmax',
  gfrCoefficient: 'GFR coefficient', pac: 'PAC', drugClass: 'drug class', offTarget: 'off-target',
  volumeFractions: 'volume fraction', flowFractions: 'blood-flow fraction', capillaryBloodFractions: 'capillary blood fraction',
}

/** Unit suffixes of engine names (the unit is shown beside the value, so the name drops it). */
const UNIT_SUFFIX = /(Cm2PerS|PerNm2|PerDay|PerDa|PerLogP|PerH|PctWw|Pct|UgPerG|Da|Nm|H|C)$/

/** "burstFraction" → "burst fraction", "molecularWeightDa" → "molecular weight". */
function words(segment: string): string {
  if (SEGMENT_WORDS[segment]) return SEGMENT_WORDS[segment]
  const bare = segment.length > 3 ? segment.replace(UNIT_SUFFIX, '') || segment : segment
  return bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2').toLowerCase()
}

/**
 * A parameter path in words: `core.plga-50-50.burstFraction` → "Burst fraction (PLGA 50:50)",
 * `organNp.mouse.heart.partitionCoefficient` → "Partition coefficient (Mouse, Heart)".
 * Segments that are ids become their names, in brackets; the rest become words.
 */
export function parameterLabel(path: string): string {
  const names: string[] = []
  const parts: string[] = []
  const segments = path.split('.')
  for (const segment of segments) {
    // Grouping words first: "drug" in `drug.dexamethasone.logP` is a namespace, not the dose basis.
    if (SILENT_SEGMENTS.has(segment) && segments.length > 1) continue
    const name = displayName(segment)
    if (name) names.push(name)
    else if (segment.includes('-')) names.push(segment.replace(/-/g, ' ')) // an id the catalog does not name
    else parts.push(words(segment))
  }
  if (parts.length === 0) return names.join(', ') || path
  const text = parts.join(' ')
  const head = text.charAt(0).toUpperCase() + text.slice(1)
  return names.length ? `${head} (${names.join(', ')})` : head
}

/**
 * Engine prose with its code words replaced: known parameter paths by their labels and
 * hyphenated catalog ids by their names ("rheumatoid-arthritis: joints PATC" → "Rheumatoid
 * arthritis: joints PATC") and e-notation by ×10ⁿ ("1e12" → "10¹²"). Citations, DOIs and
 * formulas are left as written.
 */
export function humanizeText(text: string, paths: ReadonlyArray<string> = []): string {
  let out = text
  // Longest first, so a path is not half-replaced by a shorter one it contains.
  for (const p of [...paths].sort((a, b) => b.length - a.length)) if (p.includes('.') && out.includes(p)) out = out.split(p).join(parameterLabel(p))
  out = out.replace(/(?<![\w/.:-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w/-])/g, (token) => NAMES.get(token) ?? token)
  // e-notation in prose ("1e12 particles", "2e-18") as ×10ⁿ, like every number on screen.
  return out.replace(/(?<![\w.])(\d+(?:\.\d+)?)e([+-]?\d+)(?![\w.])/gi, (_m, mant: string, exp: string) => {
    const sup = String(Number(exp)).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)] ?? c)
    return mant === '1' ? `10${sup}` : `${mant} × 10${sup}`
  })
}

/**
 * A unit as printed: "cm2/s" → "cm²/s", "g/cm3" → "g/cm³", "ug" → "µg", "x" → "×", "%ID*h" → "%ID·h"; '1' and
 * '-' (dimensionless) print as nothing.
 */
export function unitText(unit: string): string {
  if (unit === '1' || unit === '-') return ''
  if (unit === 'x') return '×'
  return unit
    .replace(/\b(c?m|nm|µm|um|dm)([23])\b/g, (_m, base: string, p: string) => `${base}${p === '2' ? '²' : '³'}`)
    .replace(/\bug\b/g, 'µg')
    .replace(/^x /, '× ')
    .replace(/\*/g, '·')
}
