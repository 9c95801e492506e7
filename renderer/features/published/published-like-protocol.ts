import type { Design } from '../../../shared/design/types'
import type { PublishedExperiment } from '../../../shared/engine/validation/published-like'
import type { ValidationRowView } from '../../../shared/engine/validation/validation-table'

/**
 * A request to the published-experiments worker; `id` ties the answer to it: the experiments
 * like the design on screen, or (kind 'all') every published row beside the engine.
 */
export type PublishedLikeRequest =
  | { readonly id: number; readonly kind?: 'like'; readonly design: Design }
  | { readonly id: number; readonly kind: 'all' }

/** Its answer, or why it could not be made. */
export type PublishedLikeResponse =
  | { readonly id: number; readonly ok: true; readonly experiments: ReadonlyArray<PublishedExperiment>; readonly elapsedMs: number }
  | { readonly id: number; readonly ok: true; readonly rows: ReadonlyArray<ValidationRowView>; readonly elapsedMs: number }
  | { readonly id: number; readonly ok: false; readonly message: string }
