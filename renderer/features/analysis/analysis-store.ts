import { create } from 'zustand'
import type { Design, DesignIssue } from '../../../shared/design/types'
import type { Goal } from '../../../shared/analysis/goal'
import { defaultKnobs } from '../../../shared/analysis/knobs'
import { DEFAULT_SAMPLES, designSensitivity, type DesignSensitivityResult, type SensitivityMethod } from '../../../shared/analysis/design-sensitivity'
import { parameterSensitivityPooled, type ParameterSensitivityResult } from '../../../shared/analysis/parameter-sensitivity'
import { defaultPopulation, optimizeDesign, type OptimizeDesignResult } from '../../../shared/analysis/optimize-design'
import { METRIC_IDS, type MetricId } from '../../../shared/metrics/registry'
import { AnalysisCancelledError, createAnalysisPool, createEngineWorker, defaultUncertaintyWorkers, type AnalysisPool, type WorkerLike } from '../../engine/engine-client'
import type { SensitivityOver } from './analysis-format'
import { checkDraft, draftFromDesign, draftFromGoalText, draftIssueText, type GoalDraft } from './goal-draft'

/**
 * The state of the two analysis panels (issue 13): the sensitivity run and the find-designs
 * run, each with its settings, progress and result. A store rather than component state
 * because a run outlives its tab: switching to Release while Sobol runs must not lose it.
 *
 * The analyses are the shared ones (shared/analysis): they run on this thread and hand their
 * designs to an {@link AnalysisPool} of engine workers, so the numbers are the CLI's numbers
 * and do not depend on how many workers there are.
 */

/** Where a run is. */
export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error'

/** Sensitivity settings. */
export interface SensitivitySettings {
  readonly metric: MetricId
  readonly method: SensitivityMethod
  readonly over: SensitivityOver
  /** Morris trajectories or Sobol base sample N (local ignores it). */
  readonly samples: number
  readonly seed: number
}

/**
 * Default sample sizes. Over the design knobs the CLI's defaults (Morris r = 20, Sobol N =
 * 256: about 2,600 runs for 8 knobs). Over the 62 engine parameters Sobol costs N·64 runs,
 * so N = 64 (about 4,100 runs: ~5 s of engine time, split over the workers) and Morris r = 10
 * (630 runs).
 */
export function defaultSamples(method: SensitivityMethod, over: SensitivityOver): number {
  if (method === 'local') return 0
  if (over === 'parameters') return method === 'sobol' ? 64 : 10
  return DEFAULT_SAMPLES[method]
}

/** Limits of the samples box: a typo guard (Sobol N = 100,000 over 8 knobs is a million runs). */
export const SAMPLE_LIMITS = { min: 2, max: 4096 } as const
/** Limits of the evaluation budget of a find-designs run. */
export const EVALUATION_LIMITS = { min: 4, max: 100_000 } as const
/** Default budget: about 2 s of engine time per worker on this machine's cores. */
export const DEFAULT_EVALUATIONS = 600
export const DEFAULT_SEED = 1

/** One sensitivity run. */
export interface SensitivityRun {
  readonly status: RunStatus
  readonly done: number
  readonly total: number
  readonly result: DesignSensitivityResult | ParameterSensitivityResult | null
  /** The design analysed, to say when the form has moved on since. */
  readonly design: Design | null
  readonly error: string | null
  readonly elapsedMs: number | null
  readonly workers: number
}

/** One find-designs run. */
export interface OptimizeRun {
  readonly status: RunStatus
  readonly done: number
  readonly total: number
  readonly result: OptimizeDesignResult | null
  /** The goal that ran, its file, and the horizon. */
  readonly goal: Goal | null
  readonly goalDocument: Record<string, unknown> | null
  readonly hours: number
  /** Metrics of the starting design (the front is drawn against it); null when it could not be evaluated. */
  readonly baseMetrics: Readonly<Record<MetricId, number>> | null
  readonly error: string | null
  readonly elapsedMs: number | null
  readonly workers: number
}

export interface AnalysisState {
  readonly sensitivitySettings: SensitivitySettings
  readonly sensitivity: SensitivityRun
  /** The goal editor; null until the panel first builds it from the current design. */
  readonly draft: GoalDraft | null
  /** Problems of the editor's goal or of an imported file, in words with their JSON paths. */
  readonly goalIssues: ReadonlyArray<string>
  readonly evaluations: number
  readonly seed: number
  readonly optimize: OptimizeRun
  /** Metrics on the front's x and y axes. */
  readonly axes: readonly [MetricId, MetricId]

  setSensitivitySettings: (patch: Partial<SensitivitySettings>) => void
  runSensitivity: (design: Design, hours: number) => Promise<void>
  cancelSensitivity: () => void
  setDraft: (draft: GoalDraft) => void
  draftFrom: (design: Design) => void
  /** Reads a goal file's text; on success the editor shows it, else goalIssues lists its problems. */
  importGoal: (text: string) => boolean
  setBudget: (patch: { evaluations?: number; seed?: number }) => void
  runOptimize: (hours: number) => Promise<void>
  cancelOptimize: () => void
  setAxes: (axes: readonly [MetricId, MetricId]) => void
}

let makeWorker: () => WorkerLike = createEngineWorker
let workerCount: number | null = null

/** Replaces the workers of the analysis runs (tests: in-process stand-ins, a chosen count). */
export function setAnalysisWorkers(make: () => WorkerLike, count: number): void {
  makeWorker = make
  workerCount = count
}

const IDLE_SENSITIVITY: SensitivityRun = { status: 'idle', done: 0, total: 0, result: null, design: null, error: null, elapsedMs: null, workers: 0 }
const IDLE_OPTIMIZE: OptimizeRun = { status: 'idle', done: 0, total: 0, result: null, goal: null, goalDocument: null, hours: 72, baseMetrics: null, error: null, elapsedMs: null, workers: 0 }

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The axes a goal's front is first drawn on: its first two objectives, else the objective against a constraint's metric. */
export function defaultAxes(goal: Goal): readonly [MetricId, MetricId] {
  const metrics = [...goal.objectives.map((o) => o.metric), ...goal.constraints.map((c) => c.metric), ...METRIC_IDS]
  const x = metrics[0]!
  const y = metrics.find((m) => m !== x)!
  return [x, y]
}

export const useAnalysisStore = create<AnalysisState>()((set, get) => {
  let sensitivityPool: AnalysisPool | null = null
  let optimizePool: AnalysisPool | null = null
  const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now())

  return {
    sensitivitySettings: { metric: 'selectivityIndex', method: 'local', over: 'design', samples: defaultSamples('morris', 'design'), seed: DEFAULT_SEED },
    sensitivity: IDLE_SENSITIVITY,
    draft: null,
    goalIssues: [],
    evaluations: DEFAULT_EVALUATIONS,
    seed: DEFAULT_SEED,
    optimize: IDLE_OPTIMIZE,
    axes: ['selectivityIndex', 't50InflamedH'],

    setSensitivitySettings: (patch) => {
      const prev = get().sensitivitySettings
      const next = { ...prev, ...patch }
      // a new method or a new "over" starts from its own default sample size
      if ((patch.method !== undefined && patch.method !== prev.method) || (patch.over !== undefined && patch.over !== prev.over)) {
        if (patch.samples === undefined) next.samples = defaultSamples(next.method, next.over) || prev.samples
      }
      set({ sensitivitySettings: next })
    },

    runSensitivity: async (design, hours) => {
      if (get().sensitivity.status === 'running') return
      const { method, over, samples, seed } = get().sensitivitySettings
      const count = workerCount ?? defaultUncertaintyWorkers()
      const pool = createAnalysisPool(makeWorker, count)
      sensitivityPool = pool
      const started = now()
      set({ sensitivity: { ...IDLE_SENSITIVITY, status: 'running', design, workers: pool.workers } })
      const onProgress = (done: number, total: number): void => {
        if (sensitivityPool === pool) set((s) => ({ sensitivity: { ...s.sensitivity, done, total } }))
      }
      try {
        let result: DesignSensitivityResult | ParameterSensitivityResult
        const n = method === 'local' ? {} : { samples }
        if (over === 'parameters') {
          result = await parameterSensitivityPooled(design, { method, seed, hours, metrics: METRIC_IDS, evaluate: pool.evaluateParameters, signal: pool.signal, onProgress, ...n })
        } else {
          const knobs = defaultKnobs(design)
          if (knobs.length === 0) throw new Error('The design has no numeric knob with a positive value to vary.')
          result = await designSensitivity(design, knobs, { method, seed, hours, evaluate: pool.evaluate, signal: pool.signal, onProgress, ...n })
        }
        if (sensitivityPool !== pool) return
        set({ sensitivity: { ...get().sensitivity, status: 'done', result, elapsedMs: now() - started } })
      } catch (error) {
        if (sensitivityPool !== pool) return
        const cancelled = error instanceof AnalysisCancelledError || pool.signal.aborted
        set({ sensitivity: { ...get().sensitivity, status: cancelled ? 'cancelled' : 'error', error: cancelled ? null : messageOf(error), elapsedMs: now() - started } })
      } finally {
        pool.terminate()
        if (sensitivityPool === pool) sensitivityPool = null
      }
    },

    cancelSensitivity: () => {
      // a sensitivity has no partial answer worth keeping: stop the workers at once
      sensitivityPool?.terminate()
    },

    setDraft: (draft) => set({ draft, goalIssues: [] }),
    draftFrom: (design) => set({ draft: draftFromDesign(design), goalIssues: [] }),

    importGoal: (text) => {
      const read = draftFromGoalText(text)
      if (!read.ok) {
        set({ goalIssues: read.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)) })
        return false
      }
      set({ draft: read.draft, goalIssues: [] })
      return true
    },

    setBudget: (patch) => set((s) => ({ evaluations: patch.evaluations ?? s.evaluations, seed: patch.seed ?? s.seed })),

    runOptimize: async (hours) => {
      const { draft, evaluations, seed } = get()
      if (!draft || get().optimize.status === 'running') return
      const checked = checkDraft(draft)
      if (!checked.ok) {
        set({ goalIssues: checked.errors.map((e: DesignIssue) => draftIssueText(draft, e)) })
        return
      }
      const goal = checked.goal
      const population = defaultPopulation(goal.knobs.length)
      if (!(Number.isInteger(evaluations) && evaluations >= population && evaluations <= EVALUATION_LIMITS.max)) {
        set({ goalIssues: [`Evaluations: give a whole number from ${population} (one population of ${population} for ${goal.knobs.length} knob${goal.knobs.length === 1 ? '' : 's'}) to ${EVALUATION_LIMITS.max.toLocaleString('en-US')}.`] })
        return
      }
      const pool = createAnalysisPool(makeWorker, workerCount ?? defaultUncertaintyWorkers())
      optimizePool = pool
      const started = now()
      set({
        goalIssues: [], axes: defaultAxes(goal),
        optimize: { ...IDLE_OPTIMIZE, status: 'running', total: evaluations, goal, goalDocument: checked.document, hours, workers: pool.workers },
      })
      try {
        const result = await optimizeDesign(goal, {
          evaluations, seed, hours, evaluate: pool.evaluate, signal: pool.signal,
          onProgress: (done, total) => { if (optimizePool === pool) set((s) => ({ optimize: { ...s.optimize, done, total } })) },
        })
        if (optimizePool !== pool) return
        const elapsedMs = now() - started
        // the starting design, to draw the front against (one more engine run, after the timing)
        const [base] = result.cancelled ? [undefined] : await pool.evaluate([goal.base], hours)
        if (optimizePool !== pool) return
        set({ optimize: { ...get().optimize, status: result.cancelled ? 'cancelled' : 'done', result, baseMetrics: base?.ok ? base.metrics : null, elapsedMs } })
      } catch (error) {
        if (optimizePool !== pool) return
        const cancelled = error instanceof AnalysisCancelledError
        set({ optimize: { ...get().optimize, status: cancelled ? 'cancelled' : 'error', error: cancelled ? null : messageOf(error), elapsedMs: now() - started } })
      } finally {
        pool.terminate()
        if (optimizePool === pool) optimizePool = null
      }
    },

    cancelOptimize: () => {
      // NSGA-II stops after the generation in flight and keeps the front it has
      optimizePool?.abort()
    },

    setAxes: (axes) => set({ axes }),
  }
})
