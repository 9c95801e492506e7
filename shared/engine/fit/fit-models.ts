/**
 * Fits the empirical release models to measured data: multi-start bounded non-linear least
 * squares on the replicate-mean profile, ranked by AIC (brief §1.6; cli.md `fit`).
 */
import { boundedLevenbergMarquardt, type LeastSquaresProblem } from './lm'
import { REQUIRED_MODEL_IDS, RELEASE_MODELS, getReleaseModel, type ReleaseModelDef } from './models'
import { goodnessOfFit, replicateMeanSd } from './stats'

/** Measured release data: times (h) and replicate columns of % released (NaN = missing cell). */
export interface ReleaseData {
  readonly timesH: ReadonlyArray<number>
  readonly replicates: ReadonlyArray<ReadonlyArray<number>>
}

/** One model's fit (cli.md `fit` model entry plus extras). */
export interface ModelFit {
  readonly model: string
  readonly equation: string
  readonly parameters: Record<string, number>
  readonly r2: number
  readonly adjustedR2: number | null
  readonly aic: number
  readonly aicc: number | null
  readonly msc: number
  readonly ssr: number
  readonly rmse: number
  readonly pointsUsed: number
  /** True when fitted on every data point, so its AIC is comparable with the others. */
  readonly usedAllPoints: boolean
  /** Model prediction (%) at each fitted time. */
  readonly predictedPct: number[]
  /** Times (h) of the points used. */
  readonly timesUsedH: number[]
  readonly converged: boolean
}

/** A model that could not be fitted (e.g. too few points), with the reason. */
export interface ModelFitFailure {
  readonly model: string
  readonly error: string
}

/** Result of `fitModels`. */
export interface FitResult {
  /** Fitted models, sorted by AIC (lowest first). */
  readonly models: ModelFit[]
  /** Lowest-AIC model among those fitted on all points (AIC is only comparable on the same data). */
  readonly best: string | null
  readonly failed: ModelFitFailure[]
  readonly timesH: number[]
  readonly meanPct: number[]
  readonly sdPct: number[]
  readonly replicateCount: number
  readonly notes: string[]
}

/** Options of `fitModels`. */
export interface FitOptions {
  /** Model ids to fit (default: every model of the library). */
  readonly models?: ReadonlyArray<string>
}

/** Model ids fitted by default: the whole library (the twelve of cli.md and the extras). */
export function defaultModelIds(): string[] {
  return RELEASE_MODELS.map((m) => m.id)
}

function fitOne(def: ReleaseModelDef, t: Float64Array, y: Float64Array): ModelFit | ModelFitFailure {
  const p = def.parameterNames.length
  let tu = t
  let yu = y
  if (def.maxPercentFitted !== undefined) {
    const keep: number[] = []
    for (let i = 0; i < y.length; i++) if ((y[i] as number) <= def.maxPercentFitted) keep.push(i)
    tu = Float64Array.from(keep, (i) => t[i] as number)
    yu = Float64Array.from(keep, (i) => y[i] as number)
  }
  const n = tu.length
  if (n < p + 1) {
    return {
      model: def.id,
      error: `needs at least ${p + 1} points${def.maxPercentFitted !== undefined ? ` with F <= ${def.maxPercentFitted} %` : ''}, has ${n}`,
    }
  }
  const problem: LeastSquaresProblem = { x: tu, y: yu, model: def.evaluate, lower: def.lower, upper: def.upper }
  let bestParams: Float64Array | null = null
  let bestSsr = Infinity
  let converged = false
  for (const start of def.initialGuesses({ t: tu, y: yu })) {
    if (!start.every(Number.isFinite)) continue
    const r = boundedLevenbergMarquardt(problem, start)
    if (r.ssr < bestSsr) { bestSsr = r.ssr; bestParams = r.params; converged = r.converged }
  }
  if (!bestParams) return { model: def.id, error: 'no finite starting point' }
  const predicted = Array.from(tu, (ti) => def.evaluate(bestParams as Float64Array, ti))
  if (!predicted.every(Number.isFinite)) return { model: def.id, error: 'fit produced non-finite predictions' }
  const gof = goodnessOfFit(yu, predicted, p)
  const parameters: Record<string, number> = {}
  def.parameterNames.forEach((name, i) => { parameters[name] = bestParams?.[i] as number })
  return {
    model: def.id, equation: def.equation, parameters,
    r2: gof.r2, adjustedR2: gof.adjustedR2, aic: gof.aic, aicc: gof.aicc, msc: gof.msc, ssr: gof.ssr, rmse: gof.rmse,
    pointsUsed: n, usedAllPoints: n === t.length, predictedPct: predicted, timesUsedH: Array.from(tu), converged,
  }
}

/**
 * Fits release models to the replicate-mean profile (weights 1, DDSolver default), each by
 * multi-start bounded Levenberg-Marquardt from the model's linearised initial guesses.
 * Korsmeyer-Peppas uses only points ≤ 60 % released. Time points with no value in any
 * replicate are skipped. Throws on unknown model ids.
 */
export function fitModels(data: ReleaseData, opts: FitOptions = {}): FitResult {
  const ids = opts.models ?? defaultModelIds()
  const defs = ids.map((id) => {
    const def = getReleaseModel(id)
    if (!def) throw new Error(`unknown model '${id}'; known: ${RELEASE_MODELS.map((m) => m.id).join(', ')}`)
    return def
  })
  const nT = data.timesH.length
  const { meanPct, sdPct } = replicateMeanSd(data.replicates, nT)
  const keep: number[] = []
  for (let i = 0; i < nT; i++) if (Number.isFinite(meanPct[i]) && Number.isFinite(data.timesH[i])) keep.push(i)
  const t = Float64Array.from(keep, (i) => data.timesH[i] as number)
  const y = Float64Array.from(keep, (i) => meanPct[i] as number)
  const notes: string[] = []
  if (keep.length < nT) notes.push(`${nT - keep.length} time point(s) without any value were skipped`)
  const models: ModelFit[] = []
  const failed: ModelFitFailure[] = []
  for (const def of defs) {
    const r = fitOne(def, t, y)
    if ('error' in r) failed.push(r)
    else models.push(r)
  }
  models.sort((a, b) => a.aic - b.aic)
  const best = models.find((m) => m.usedAllPoints)?.model ?? models[0]?.model ?? null
  if (models.some((m) => !m.usedAllPoints)) {
    notes.push('korsmeyer-peppas is fitted on points <= 60 % released; its AIC is not comparable with models fitted on all points, so it is not eligible as best')
  }
  const missingRequired = REQUIRED_MODEL_IDS.filter((id) => ids.includes(id) && failed.some((f) => f.model === id))
  if (missingRequired.length > 0) notes.push(`not fitted: ${missingRequired.join(', ')}`)
  return {
    models, best, failed, timesH: Array.from(t), meanPct: Array.from(y),
    sdPct: keep.map((i) => sdPct[i] as number), replicateCount: data.replicates.length, notes,
  }
}
