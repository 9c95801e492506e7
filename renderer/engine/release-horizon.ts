import type { Design } from '../../shared/design/types'
import { predictRelease } from '../../shared/engine/release'
import type { ReleasePrediction } from '../../shared/engine/release/types'
import { RELEASE_ENVIRONMENTS, autoHorizonH, slowestLevels, type HorizonChoice } from '../features/release/release-format'

/** The release chart's prediction at the horizon the user chose (or "auto" settled on). */
export interface ReleaseView {
  /** The prediction drawn and tabulated by the release tab. */
  readonly release: ReleasePrediction
  /** Its horizon, h. */
  readonly hours: number
  /** Why the chosen horizon could not be predicted (the engine's own horizon is shown instead), or null. */
  readonly error: string | null
}

/**
 * The release prediction at the chosen horizon: the engine's own when the horizon is the one
 * it ran with, else predicted again (three curves on a 101-point grid per horizon tried), so
 * the rest of the estimate keeps its horizon.
 *
 * Why here: "auto" may predict at up to six horizons to find the one that shows every t80;
 * this runs in the engine worker with the estimate (renderer/engine/engine-handler.ts), so
 * a slider step never spends that time on the UI thread.
 */
export function releaseAtHorizon(design: Design, release: ReleasePrediction, choice: HorizonChoice): ReleaseView {
  const engineH = release.environments.plasma.timesH.at(-1) ?? 0
  const reached = (r: ReleasePrediction, level: 't50' | 't80'): boolean =>
    RELEASE_ENVIRONMENTS.every((env) => r.environments[env.id][level === 't50' ? 't50H' : 't80H'] !== null)
  try {
    const cache = new Map<number, ReleasePrediction>([[engineH, release]])
    const at = (h: number): ReleasePrediction => {
      let r = cache.get(h)
      if (!r) {
        r = predictRelease(design, { hours: h })
        cache.set(h, r)
      }
      return r
    }
    const hours = choice === 'auto' ? autoHorizonH(slowestLevels(release), (h, level) => reached(at(h), level)) : choice
    return { release: at(hours), hours, error: null }
  } catch (e) {
    // Never lose the curves: fall back to the engine's horizon and say why.
    return { release, hours: engineH, error: e instanceof Error ? e.message : String(e) }
  }
}
