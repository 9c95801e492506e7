/// <reference lib="webworker" />
/**
 * Lists the published experiments like the design on screen (shared/engine/validation/
 * published-like.ts), or every published row beside the engine (validation-table.ts), off the UI
 * thread. A worker of its own, outside the shared pool, on purpose: its bundle carries the
 * published in-vivo rows (~0.7 MB), which every pool worker, the live lane included, would
 * otherwise load at start; this one starts only when the section or the table is opened.
 */
import { inVivoRows } from '../../../shared/engine/validation/in-vivo-rows'
import { publishedExperimentsLike } from '../../../shared/engine/validation/published-like'
import { validationTable } from '../../../shared/engine/validation/validation-table'
import type { PublishedLikeRequest, PublishedLikeResponse } from './published-like-protocol'

const rows = [...inVivoRows('calibration'), ...inVivoRows('validation')]
const post = (message: PublishedLikeResponse): void => (self as DedicatedWorkerGlobalScope).postMessage(message)

self.onmessage = (event: MessageEvent<PublishedLikeRequest>): void => {
  const request = event.data
  const started = performance.now()
  try {
    if (request.kind === 'all') post({ id: request.id, ok: true, rows: validationTable(), elapsedMs: performance.now() - started })
    else post({ id: request.id, ok: true, experiments: publishedExperimentsLike(request.design, rows), elapsedMs: performance.now() - started })
  } catch (e) {
    post({ id: request.id, ok: false, message: e instanceof Error ? e.message : String(e) })
  }
}
