import { useEffect, useState } from 'react'
import type { Design } from '../../shared/design/types'
import type { DesignSimulation } from '../../shared/engine/simulate'
import { STALE, createEngineClient, type BatchRun, type EngineClient } from './engine-client'
import type { BatchItem } from './protocol'

/** Estimates several designs in one engine call (cancellable). */
export type EstimateDesigns = (designs: ReadonlyArray<Design>, hours: number) => BatchRun

let client: EngineClient | null = null

/**
 * The default: one engine client for every batch, each batch one message to a worker of its
 * own, so comparing never disturbs the live estimate of the open design.
 */
export const estimateDesigns: EstimateDesigns = (designs, hours) => {
  client ??= createEngineClient()
  return client.simulateBatch(designs, hours)
}

/** Where the estimates of a set of designs stand. */
export interface DesignEstimates {
  /** True until the batch for exactly these designs and this horizon has answered. */
  readonly pending: boolean
  /** One entry per design, in order, once answered: its estimate or why there is none. */
  readonly items: ReadonlyArray<BatchItem> | null
  /** Why the whole batch failed (the worker could not run), or null. */
  readonly error: string | null
}

/**
 * The estimates of saved designs shown together (the compare dialog, presentation side by
 * side): one worker call for all of them, cancelled when the designs or the horizon change
 * or the view closes.
 *
 * Why one hook: both views compare the same outcomes of the same designs; they ask the
 * engine the same way and show "estimating" the same way, and neither runs its own loop.
 * The answer is kept with the designs and horizon it was computed for, so a view never
 * shows the estimate of another selection.
 */
export function useDesignEstimates(designs: ReadonlyArray<Design>, hours: number, estimate: EstimateDesigns = estimateDesigns): DesignEstimates {
  const [answer, setAnswer] = useState<{ readonly designs: ReadonlyArray<Design>; readonly hours: number; readonly items: ReadonlyArray<BatchItem> | null; readonly error: string | null } | null>(null)
  useEffect(() => {
    if (designs.length === 0) return
    let run: BatchRun
    try {
      run = estimate(designs, hours)
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e)
      queueMicrotask(() => setAnswer({ designs, hours, items: null, error }))
      return
    }
    let live = true
    run.promise.then(
      (items) => {
        if (live && items !== STALE) setAnswer({ designs, hours, items, error: null })
      },
      (e: unknown) => {
        if (live) setAnswer({ designs, hours, items: null, error: e instanceof Error ? e.message : String(e) })
      },
    )
    return () => {
      live = false
      run.cancel()
    }
  }, [designs, hours, estimate])
  const current = answer !== null && answer.designs === designs && answer.hours === hours ? answer : null
  return { pending: designs.length > 0 && current === null, items: current?.items ?? null, error: current?.error ?? null }
}

/** The estimate of design `i` of a batch, or null. */
export function estimateAt(estimates: DesignEstimates, i: number): DesignSimulation | null {
  const item = estimates.items?.[i]
  return item?.ok ? item.result : null
}
