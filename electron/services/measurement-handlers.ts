import type { Handlers } from '../../shared/ipc/contract'
import type { measurementChannels } from '../../shared/ipc/channels/measurement'
import type { DesignLibrary } from '../db/library'
import type { HostInfo } from './handlers'

/** The measurement channels (release curves, DLS, zeta, in-vivo points). */
export type MeasurementHandlers = Pick<Handlers, keyof typeof measurementChannels>

/** Implements the measurement channels of the contract on top of the design library. */
export function createMeasurementHandlers(_library: DesignLibrary, _info: HostInfo): MeasurementHandlers {
  return {}
}
