import type { Design } from '../../../shared/design/types'
import type { PublishedExperiment } from '../../../shared/engine/validation/published-like'

/** A request to the published-experiments worker: the design on screen; `id` ties the answer to it. */
export interface PublishedLikeRequest {
  readonly id: number
  readonly design: Design
}

/** Its answer: the published experiments like the design, or why they could not be listed. */
export type PublishedLikeResponse =
  | { readonly id: number; readonly ok: true; readonly experiments: ReadonlyArray<PublishedExperiment>; readonly elapsedMs: number }
  | { readonly id: number; readonly ok: false; readonly message: string }
