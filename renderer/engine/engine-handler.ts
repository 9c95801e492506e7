import { designUncertaintySamples, simulateDesign, simulateDesignUncertainty } from '../../shared/engine/simulate'
import { evaluateOutcome } from '../../shared/analysis/evaluate'
import { cachedParameterEvaluator } from '../../shared/analysis/parameter-sensitivity'
import type { BatchItem, EngineRequest, EngineResponse } from './protocol'
import { releaseAtHorizon } from './release-horizon'
import { handlePatientRequest, isPatientRequest } from './patient-handler'
import { estimatePublishedRow } from '../../shared/engine/validation/published-like'

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A Monte Carlo progress callback that posts at most ~20 messages per second (and the last). */
function throttledProgress(id: number, post: (message: EngineResponse) => void, now: () => number): (done: number, total: number) => void {
  let lastPost = 0
  return (done, total) => {
    const t = now()
    if (t - lastPost > 50 || done === total) {
      lastPost = t
      post({ id, kind: 'progress', done, total })
    }
  }
}

/** Parameter points: a worker keeps the design's set-up for the next chunk of the same run. */
const parameterRows = cachedParameterEvaluator()

/**
 * Answers one engine request: what the engine worker does with each message.
 *
 * Why a function apart from the worker file: the pool's worker (renderer/engine/pool.worker.ts)
 * and the in-process stand-in of the tests run the same code, so the tests exercise the real
 * protocol handling rather than a copy of it.
 */
export function handleEngineRequest(request: EngineRequest, post: (message: EngineResponse) => void, now: () => number = () => performance.now()): void {
  const started = now()
  try {
    if (isPatientRequest(request)) {
      handlePatientRequest(request, post, now, throttledProgress(request.id, post, now))
      return
    }
    if (request.kind === 'simulate') {
      const result = simulateDesign(request.design, { hours: request.hours })
      const releaseView = releaseAtHorizon(request.design, result.release, request.releaseHorizon ?? 'auto')
      post({ id: request.id, kind: 'simulation', result, releaseView, elapsedMs: now() - started })
    } else if (request.kind === 'simulate-batch') {
      // One design that cannot be estimated must not cost the others theirs.
      const items: BatchItem[] = request.designs.map((design) => {
        try {
          return { ok: true, result: simulateDesign(design, { hours: request.hours }) }
        } catch (e) {
          return { ok: false, message: message(e) }
        }
      })
      post({ id: request.id, kind: 'batch', items, elapsedMs: now() - started })
    } else if (request.kind === 'evaluate-designs') {
      // the same pure function as the CLI's pool: an engine failure is an outcome, not an error
      const outcomes = request.designs.map((design) => evaluateOutcome(design, request.hours))
      post({ id: request.id, kind: 'design-outcomes', outcomes, elapsedMs: now() - started })
    } else if (request.kind === 'evaluate-parameters') {
      // the CLI pool's function too (design-pool-worker.ts): a failed point is a null row
      const rows = parameterRows(request.design, request.hours, request.points)
      post({ id: request.id, kind: 'parameter-rows', rows, elapsedMs: now() - started })
    } else if (request.kind === 'published-rows') {
      // one row that cannot run is a null with its reason (estimatePublishedRow), never an error for the others
      const estimates = request.rows.map((row) => estimatePublishedRow(row, request.design))
      post({ id: request.id, kind: 'published-estimates', estimates, elapsedMs: now() - started })
    } else if (request.kind === 'uncertainty-range') {
      const samples = designUncertaintySamples(request.design, {
        samples: request.samples, seed: request.seed, hours: request.hours, from: request.from, to: request.to,
        onProgress: throttledProgress(request.id, post, now),
      })
      post({ id: request.id, kind: 'uncertainty-samples', samples, elapsedMs: now() - started })
    } else {
      const result = simulateDesignUncertainty(request.design, {
        samples: request.samples, seed: request.seed, hours: request.hours,
        onProgress: throttledProgress(request.id, post, now),
      })
      post({ id: request.id, kind: 'uncertainty', result, elapsedMs: now() - started })
    }
  } catch (error) {
    post({ id: request.id, kind: 'error', message: message(error) })
  }
}
