import type { Handlers } from '../../shared/ipc/contract'
import type { measurementChannels } from '../../shared/ipc/channels/measurement'
import { err, ok, type Err } from '../../shared/ipc/result'
import { LibraryReadOnlyError, type DesignLibrary } from '../db/library'
import {
  MeasurementLimitError, MeasurementNotFoundError, MeasurementValidationError, createMeasurementStore,
} from '../db/measurements'
import type { HostInfo } from './handlers'

/** The measurement channels (release curves, DLS, zeta). */
export type MeasurementHandlers = Pick<Handlers, keyof typeof measurementChannels>

/**
 * Implements the measurement channels of the contract on top of the design library's
 * measurement store.
 *
 * Why here and not in the renderer: the data is validated again by the store (the same zod
 * schema as the contract), attached to an immutable version, and a read-only library refuses
 * with its reason; every expected failure is a typed `Result`.
 */
export function createMeasurementHandlers(library: DesignLibrary, _info: HostInfo): MeasurementHandlers {
  const store = createMeasurementStore(library)
  return {
    'measurement:add': (req) => guard(() => ok({ measurement: store.add(req) })),
    'measurement:list': (req) => guard(() => ok({ items: store.list(req) })),
    'measurement:delete': (req) => guard(() => ok(store.remove(req.id))),
    'measurement:restore': (req) => guard(() => ok({ measurement: store.restore(req.id) })),
  }
}

/** Runs a store call, mapping its typed errors to Result codes (anything else: internal via dispatch). */
function guard<T>(run: () => T): T | Err {
  try {
    return run()
  } catch (error) {
    if (error instanceof LibraryReadOnlyError) return err('read-only', error.reason)
    if (error instanceof MeasurementNotFoundError) return err('not-found', error.message)
    if (error instanceof MeasurementLimitError) return err('bad-request', error.message)
    if (error instanceof MeasurementValidationError) return err('bad-request', error.message, error.issues.map((i) => ({ path: i.path, message: i.message })))
    throw error
  }
}
