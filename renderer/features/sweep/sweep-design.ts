/**
 * One row of a sweep opened as a design: the sweep's base design with the row's knob values
 * applied (the same `setKnobs` the sweep's sampler used, so the design is the one the row's
 * metrics were computed for) and checked by the design schema, named after the base and the
 * sample, with the sweep's provenance in its notes so that saving it records where it came
 * from. Pure: the dialog hands the result to the design store as a new, unsaved design.
 */
import { setKnobs, type KnobValue } from '../../../shared/analysis/design-paths'
import { DESIGN_LIMITS, validateDesign } from '../../../shared/design/schema'
import type { SweepMethod } from '../../../shared/sweep/sampling'
import type { Design } from '../../../shared/design/types'
import { pathLabel } from '../../../shared/design/fields'
import type { SweepData } from './sweep-data'
import { fullValueText } from './sweep-format'

/** The outcome of {@link sampleDesign}: the design, or why the row gives none. */
export type SampleDesign =
  | { readonly ok: true; readonly design: Design }
  | { readonly ok: false; readonly reason: string }

/** How the sampling methods are named to people. */
export const METHOD_NAMES: Readonly<Record<SweepMethod, string>> = {
  grid: 'full grid',
  'latin-hypercube': 'Latin hypercube',
  sobol: 'Sobol\' sequence',
  'virtual-cohort': 'virtual cohort',
}

/** The knob values of row `row`, as the sweep wrote them (option ids for choice knobs). */
export function rowKnobValues(data: SweepData, row: number): Array<readonly [string, KnobValue]> {
  return data.axes.filter((a) => a.role === 'knob').map((a) => {
    const v = a.values[row]!
    return [a.key, a.categorical ? a.categories[v]! : v] as const
  })
}

/** A design's name for sample i: the base's name (cut to fit) and the sample. */
export function sampleName(baseName: string, sample: number): string {
  const suffix = ` (sweep sample ${sample})`
  return `${baseName.slice(0, DESIGN_LIMITS.nameMaxChars - suffix.length)}${suffix}`
}

/** What the notes record: the sweep, the sample, its knob values and the engine that computed it. */
export function sampleNotes(data: SweepData, row: number, baseNotes: string | undefined): string {
  const spec = data.sweep!.spec
  const knobs = rowKnobValues(data, row).map(([path, v]) => {
    const axis = data.axes.find((a) => a.key === path)!
    const text = fullValueText(axis, axis.values[row]!)
    return `${pathLabel(path)} ${text}${typeof v === 'number' && axis.unit ? ` ${axis.unit}` : ''}`
  })
  const patient = data.axes.filter((a) => a.role === 'patient').map((a) => `${a.label} ${fullValueText(a, a.values[row]!)}${a.unit && !a.categorical ? ` ${a.unit}` : ''}`)
  const words = [
    `Opened from a sweep (${data.fileName}): sample ${data.sample[row]} of ${spec.samples}, ${METHOD_NAMES[spec.method]}, seed ${spec.seed}, ${spec.hours} h horizon; spec hash ${data.specHash.slice(0, 16)}…, computed by engine ${data.engineVersion}.`,
    ...(knobs.length > 0 ? [`Sample values: ${knobs.join('; ')}.`] : []),
    ...(patient.length > 0 ? [`Virtual patient of the cohort: ${patient.join('; ')} (the design is opened; the patient is not).`] : []),
  ].join('\n')
  const prefix = baseNotes && baseNotes.trim() !== '' ? `${baseNotes.trimEnd()}\n\n` : ''
  const full = `${prefix}${words}`
  return full.length <= DESIGN_LIMITS.notesMaxChars ? full : words.slice(0, DESIGN_LIMITS.notesMaxChars)
}

/**
 * The design of row `row`: the base with the row's knob values, validated. Refused with the
 * reason when the file carries no spec (a CSV before its spec is given) or the values give
 * no valid design (a sample the sweep itself recorded as invalid).
 */
export function sampleDesign(data: SweepData, row: number): SampleDesign {
  if (!data.sweep) {
    return { ok: false, reason: 'This CSV does not carry the sweep\'s base design. Give the spec file the sweep was run with (the JSON given to nanoforge sweep, or spec.json in the --slurm folder) to open samples as designs.' }
  }
  if (!Number.isInteger(row) || row < 0 || row >= data.rows) return { ok: false, reason: `There is no row ${row} in this sweep.` }
  const base = data.sweep.spec.base
  const checked = setKnobs(base, rowKnobValues(data, row))
  if (!checked.valid) {
    return { ok: false, reason: `Sample ${data.sample[row]} gives no valid design: ${checked.errors.map((e) => `${pathLabel(e.path)}: ${e.message}`).join('; ')}` }
  }
  // the name and notes are checked by the schema too (length, no control characters from a file name)
  const named = validateDesign({ ...checked.design, name: sampleName(base.name, data.sample[row]!), notes: sampleNotes(data, row, base.notes) })
  if (!named.valid) return { ok: false, reason: `Sample ${data.sample[row]}: ${named.errors.map((e) => `${pathLabel(e.path)}: ${e.message}`).join('; ')}` }
  return { ok: true, design: named.design }
}
