import { deriveProperties } from '../design/derived'
import { coreHasBilayer, type Design } from '../design/types'
import { surfaceZetaMv } from '../engine/pbpk/from-design'
import type { Measurement } from '../ipc/channels/measurement'
import { CQA_ATTRIBUTES, type CqaAttribute, type CqaAttributeId, type CqaPredictedFrom } from './attributes'
import { meetsSpec, type SpecLimit } from './specs'

/**
 * A design version's critical quality attributes against its project's specifications: for
 * each attribute the limit, what was measured on this version, what the engine predicts (or the
 * design states), and whether the measurements meet the limit. Pure: the CQA table of the app,
 * `nanoforge db specs show --design` and the review report read the same rows.
 *
 * The rules, and why:
 * - every live measurement of the attribute on this version is checked, not only the latest:
 *   each reading is a batch or a repeat, and one batch outside its limits is a failed batch
 *   (ICH Q6A: a specification is a list of tests with acceptance criteria a batch must meet);
 * - status `pass` when every reading meets the limit, `fail` when any does not, `not measured`
 *   when a limit is set and nothing was measured, `no spec` when the project sets no limit (or
 *   the design is in no project); a prediction never gives a pass: it is shown with whether it
 *   would meet the limit, to decide what to make, not to release a batch.
 */

export type CqaStatus = 'pass' | 'fail' | 'not measured' | 'no spec'

/** One reading of an attribute. */
export interface CqaReading {
  readonly value: number
  readonly label: string
  readonly measuredOn: string | null
  /** Meets the limit (null: no limit set). */
  readonly meets: boolean | null
}

export interface CqaPrediction {
  readonly value: number
  /** `engine`: a model estimate; `design`: the value the design states (nominal). */
  readonly basis: 'engine' | 'design'
  /** What the number is, in words ("hydrodynamic diameter without a corona"). */
  readonly what: string
  /** Would it meet the limit (null: no limit set). */
  readonly meets: boolean | null
}

export interface CqaRow {
  readonly attribute: CqaAttributeId
  readonly label: string
  readonly unit: string
  readonly spec: SpecLimit | null
  /** Oldest first (the order they were attached); empty when not measured. */
  readonly readings: ReadonlyArray<CqaReading>
  readonly predicted: CqaPrediction | null
  readonly status: CqaStatus
}

const PREDICTION_WORDS: Readonly<Record<CqaPredictedFrom, { basis: 'engine' | 'design'; what: string }>> = {
  'hydrodynamic-diameter': { basis: 'engine', what: 'hydrodynamic diameter from the geometry, without a protein corona' },
  'surface-zeta': { basis: 'engine', what: 'zeta potential of the outer surface material (catalog)' },
  'design-loading': { basis: 'design', what: 'the design\'s drug loading (nominal)' },
  'design-cholesterol': { basis: 'design', what: 'the design\'s bilayer cholesterol (nominal)' },
}

/** The attributes a design has (cholesterol only for a liposome core). */
export function attributesOf(design: Design): CqaAttribute[] {
  return CQA_ATTRIBUTES.filter((a) => a.appliesTo === undefined || (a.appliesTo === 'liposome' && coreHasBilayer(design.core.material)))
}

/** What the design or the engine says the attribute should be; null when nothing does. */
export function predictedValue(design: Design, from: CqaPredictedFrom | undefined): number | null {
  switch (from) {
    case 'hydrodynamic-diameter': return deriveProperties(design).hydrodynamicDiameterNm
    case 'surface-zeta': return surfaceZetaMv(design)
    case 'design-loading': return design.payload.loadingPctWw
    case 'design-cholesterol': return design.core.bilayer?.cholesterolMolPct ?? null
    default: return null
  }
}

/** The value of an attribute a measurement carries, or undefined when it carries none. */
export function readingOf(m: Measurement, a: CqaAttribute): number | undefined {
  const from = a.measuredFrom
  if (m.kind !== from.kind) return undefined
  if (m.kind === 'dls' && from.kind === 'dls') return m.data[from.field]
  if (m.kind === 'zeta' && from.kind === 'zeta') return m.data[from.field]
  if (m.kind === 'quality' && from.kind === 'quality') return m.data[from.field]
  return undefined
}

/**
 * The CQA rows of a design version. `measurements` are that version's (others are ignored by
 * the caller: a reading of version 1 says nothing about version 2's particle); trashed ones are
 * skipped here. `specs` are the project's limits (empty when the design is in no project).
 */
export function evaluateCqas(design: Design, measurements: ReadonlyArray<Measurement>, specs: ReadonlyArray<SpecLimit>): CqaRow[] {
  const live = measurements.filter((m) => m.deletedAt === null)
  return attributesOf(design).map((a): CqaRow => {
    const spec = specs.find((s) => s.attribute === a.id) ?? null
    const readings: CqaReading[] = []
    for (const m of live) {
      const v = readingOf(m, a)
      if (v === undefined) continue
      readings.push({ value: v, label: m.label, measuredOn: m.measuredOn, meets: spec === null ? null : meetsSpec(v, spec) })
    }
    const value = predictedValue(design, a.predictedFrom)
    const predicted: CqaPrediction | null = value === null || a.predictedFrom === undefined || !Number.isFinite(value)
      ? null
      : { value, ...PREDICTION_WORDS[a.predictedFrom], meets: spec === null ? null : meetsSpec(value, spec) }
    const status: CqaStatus = spec === null ? 'no spec'
      : readings.length === 0 ? 'not measured'
        : readings.every((r) => r.meets === true) ? 'pass' : 'fail'
    return { attribute: a.id, label: a.label, unit: a.unit, spec, readings, predicted, status }
  })
}

/** How many rows have each status (the report's summary line and the CLI's). */
export function cqaCounts(rows: ReadonlyArray<CqaRow>): Readonly<Record<CqaStatus, number>> {
  const counts: Record<CqaStatus, number> = { pass: 0, fail: 0, 'not measured': 0, 'no spec': 0 }
  for (const r of rows) counts[r.status] += 1
  return counts
}

