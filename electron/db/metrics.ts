import type { Design } from '../../shared/design/types'
import { simulateDesign } from '../../shared/engine/simulate'
import { ENGINE_VERSION } from '../../shared/engine/version'
import { messageOf } from '../../shared/ipc/result'

/** Horizon of the listing metrics, h (the same as `nanoforge simulate` and the app's default view). */
export const METRICS_HORIZON_H = 72

/**
 * The engine's metrics of one design document, as the library lists, sorts and compares them.
 *
 * Why these five: issue 5 sorts by selectivity, t50 and hydrodynamic diameter; the blood
 * half-life and the target tissue say what the selectivity index refers to. Definitions:
 * selectivity index and target tissue from the PBPK selectivity metrics (shared/engine/pbpk,
 * SelectivityResult), blood half-life from the PBPK blood curve, t50 from the plasma release
 * curve (time to 50 % released; null if not reached within {@link METRICS_HORIZON_H} h),
 * hydrodynamic diameter from the design's derived geometry (shared/design/derived.ts).
 */
export interface EngineMetrics {
  readonly selectivityIndex: number | null
  readonly targetTissue: string | null
  readonly bloodHalfLifeH: number | null
  readonly t50PlasmaH: number | null
  readonly hydrodynamicDiameterNm: number | null
  readonly engineVersion: string
  /** Why the engine could not evaluate the design (the other fields are then null). */
  readonly error: string | null
}

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * Runs the engine once on a (valid, normalised) design and keeps the listing metrics.
 * Never throws: an engine failure becomes `error`, so it can never block a save or an import.
 */
export function computeEngineMetrics(design: Design): EngineMetrics {
  try {
    const sim = simulateDesign(design, { hours: METRICS_HORIZON_H })
    return {
      selectivityIndex: finiteOrNull(sim.selectivity.selectivityIndex),
      targetTissue: sim.selectivity.targetTissue,
      bloodHalfLifeH: finiteOrNull(sim.biodistribution.bloodHalfLifeH),
      t50PlasmaH: finiteOrNull(sim.release.environments.plasma.t50H),
      hydrodynamicDiameterNm: finiteOrNull(sim.derived.hydrodynamicDiameterNm),
      engineVersion: sim.engineVersion,
      error: null,
    }
  } catch (error) {
    return {
      selectivityIndex: null, targetTissue: null, bloodHalfLifeH: null, t50PlasmaH: null, hydrodynamicDiameterNm: null,
      engineVersion: ENGINE_VERSION,
      error: messageOf(error),
    }
  }
}
