/**
 * Sharding and the rows of a sweep (issue 17): which samples shard I of N evaluates, the
 * design of each sample, and the table every shard and merged file share.
 *
 * Shard I of N takes the contiguous samples [⌊I·S/N⌋, ⌊(I + 1)·S/N⌋): the shards' sizes
 * differ by at most one, they cover 0..S−1 once, and concatenating them in shard order is the
 * sample order, so a merge is a concatenation.
 */
import type { Design } from '../design/types'
import { knobValue, type Knob } from '../analysis/knobs'
import { setKnobs, type KnobValue } from '../analysis/design-paths'
import type { DesignBatchEvaluator, DesignOutcome } from '../analysis/evaluate'
import type { Patient } from '../patient/schema'
import { pointMethodOf, prepareSampling, type PreparedSampling } from './sampling'
import { COVARIATE_COLUMNS, covariateValues, evaluatePatientsSerially, sweepPatient, type PatientBatchEvaluator, type PatientOutcome, type SweepMetricId } from './cohort'
import type { ResolvedSweep } from './spec'

/** One shard: its index, the number of shards and its samples [start, end). */
export interface ShardRange {
  readonly index: number
  readonly count: number
  readonly start: number
  readonly end: number
}

/** Most shards one sweep may be split into (Slurm's default MaxArraySize is 1001). */
export const MAX_SHARDS = 100_000

/** The samples of shard `index` of `count`; throws with a reason for an impossible split. */
export function shardRange(index: number, count: number, samples: number): ShardRange {
  if (!Number.isInteger(count) || count < 1 || count > MAX_SHARDS) throw new Error(`the number of shards must be a whole number from 1 to ${MAX_SHARDS}, got ${count}`)
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new Error(`the shard index must be a whole number from 0 to ${count - 1}, got ${index}`)
  if (count > samples) throw new Error(`${count} shards for ${samples} sample${samples === 1 ? '' : 's'} would leave shards empty; use at most ${samples} shards`)
  // exact in doubles: index·samples < 2^53 for every allowed value
  return { index, count, start: Math.floor((index * samples) / count), end: Math.floor(((index + 1) * samples) / count) }
}

/** Parses `--shard I/N` (0-based I, as $SLURM_ARRAY_TASK_ID). Null when the text is not of that form. */
export function parseShardText(text: string): { index: number; count: number } | null {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text)
  return m ? { index: Number(m[1]), count: Number(m[2]) } : null
}

/**
 * One sample: its index, knob values, its virtual patient (virtual-cohort sweeps), and the
 * design (or why the knob values give none).
 */
export type SweepSample =
  | { readonly index: number; readonly values: ReadonlyArray<KnobValue>; readonly patient?: Patient; readonly ok: true; readonly design: Design }
  | { readonly index: number; readonly values: ReadonlyArray<KnobValue>; readonly patient?: Patient; readonly ok: false; readonly reason: string }

/**
 * The sampler of a resolved sweep: `sample(i)` gives sample i's knob values, patient and
 * design. `sampling` is null for a virtual-cohort sweep without knobs (nothing to place).
 */
export function sweepSampler(sweep: ResolvedSweep): { readonly sampling: PreparedSampling | null; sample(index: number): SweepSample } {
  const { spec, knobs, cohort } = sweep
  if (spec.method === 'virtual-cohort' && cohort === undefined) throw new Error('sweep: a virtual-cohort sweep needs its checked cohort')
  const sampling = knobs.length === 0 ? null : prepareSampling({
    method: pointMethodOf(spec.method), samples: spec.samples, seed: spec.seed, dimensions: knobs.length,
    ...(sweep.gridLevels ? { levels: sweep.gridLevels, categorical: knobs.map((k) => k.kind === 'categorical') } : {}),
  })
  return {
    sampling,
    sample(index) {
      if (!Number.isInteger(index) || index < 0 || index >= spec.samples) throw new Error(`sweep: sample ${index} does not exist (samples 0 to ${spec.samples - 1})`)
      const patient = cohort ? { patient: sweepPatient(cohort, spec.seed, index) } : {}
      if (sampling === null) return { index, values: [], ...patient, ok: true, design: spec.base }
      const u = sampling.point(index)
      const values = knobs.map((k, d) => knobValue(k, u[d]!))
      // a combination the validator rejects (a shell thicker than the particle allows) is a
      // row with its reason, not a hole in the table
      const checked = setKnobs(spec.base, knobs.map((k, d) => [k.path, values[d]!] as const))
      return checked.valid
        ? { index, values, ...patient, ok: true, design: checked.design }
        : { index, values, ...patient, ok: false, reason: `invalid design: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}` }
    },
  }
}

/** The table of a sweep, column by column, in sample order. */
export interface SweepTable {
  readonly sample: number[]
  /** One column per knob, in `vary` order. */
  readonly knobs: KnobValue[][]
  /** Virtual-cohort sweeps: one column per patient covariate (cohort.ts, COVARIATE_COLUMNS); absent or empty otherwise. */
  readonly covariates?: KnobValue[][]
  /** One column per recorded metric (null where the sample has no result). */
  readonly metrics: Array<Array<number | null>>
  /** Why a sample has no metrics (null when it has). */
  readonly error: Array<string | null>
}

/** An empty table for these knobs and metrics (and covariates, for a virtual-cohort sweep). */
export function emptyTable(knobCount: number, metricCount: number, covariateCount = 0): SweepTable {
  return {
    sample: [], knobs: Array.from({ length: knobCount }, () => []), metrics: Array.from({ length: metricCount }, () => []), error: [],
    ...(covariateCount > 0 ? { covariates: Array.from({ length: covariateCount }, () => []) } : {}),
  }
}

/** Appends one sample and its outcome (undefined when the sample had no valid design). */
export function appendRow(table: SweepTable, sample: SweepSample, outcome: DesignOutcome | PatientOutcome | undefined, metrics: ReadonlyArray<SweepMetricId>): void {
  table.sample.push(sample.index)
  sample.values.forEach((v, d) => table.knobs[d]!.push(v))
  if (table.covariates && table.covariates.length > 0) {
    if (!sample.patient) throw new Error(`sweep: sample ${sample.index} has no patient for the table's covariate columns`)
    covariateValues(sample.patient).forEach((v, c) => table.covariates![c]!.push(v))
  }
  const result: DesignOutcome | PatientOutcome = sample.ok ? outcome ?? { ok: false, reason: 'not evaluated' } : { ok: false, reason: sample.reason }
  metrics.forEach((m, j) => table.metrics[j]!.push(result.ok ? (result.metrics as Readonly<Record<string, number | null>>)[m] ?? null : null))
  table.error.push(result.ok ? null : result.reason)
}

/** The column name of each knob: its path (`core.diameterNm`). */
export function knobColumns(knobs: ReadonlyArray<Knob>): string[] {
  return knobs.map((k) => k.path)
}

/** Samples handed to the evaluator at once: big enough to keep a worker pool busy, small enough to report progress. */
export const SWEEP_BATCH = 500

/**
 * Evaluates the samples of one shard, in order, through `evaluate` (one thread or the design
 * pool: each design's metrics depend on the design alone, so the rows are the same either way);
 * a virtual-cohort sweep's (design, patient) pairs go through `evaluatePatients` instead (each
 * pair's metrics depend on the pair, the cohort and the hours alone).
 */
export async function evaluateShard(
  sweep: ResolvedSweep,
  range: { readonly start: number; readonly end: number },
  evaluate: DesignBatchEvaluator,
  onProgress?: (done: number, total: number) => void,
  evaluatePatients: PatientBatchEvaluator = evaluatePatientsSerially,
): Promise<SweepTable> {
  const { sample } = sweepSampler(sweep)
  const cohort = sweep.cohort
  const table = emptyTable(sweep.knobs.length, sweep.spec.metrics.length, cohort ? COVARIATE_COLUMNS.length : 0)
  for (let from = range.start; from < range.end; from += SWEEP_BATCH) {
    const to = Math.min(range.end, from + SWEEP_BATCH)
    const samples: SweepSample[] = []
    for (let i = from; i < to; i++) samples.push(sample(i))
    const designs = samples.flatMap((s) => (s.ok ? [s.design] : []))
    const outcomes = cohort
      ? await evaluatePatients(samples.flatMap((s) => (s.ok ? [{ design: s.design, patient: s.patient! }] : [])), sweep.spec.hours, cohort)
      : await evaluate(designs, sweep.spec.hours)
    if (outcomes.length !== designs.length) throw new Error(`sweep: the evaluator answered ${outcomes.length} outcomes for ${designs.length} designs`)
    let next = 0
    for (const s of samples) appendRow(table, s, s.ok ? outcomes[next++] : undefined, sweep.spec.metrics)
    onProgress?.(to - range.start, range.end - range.start)
  }
  return table
}
