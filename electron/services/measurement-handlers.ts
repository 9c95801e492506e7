import type { Handlers } from '../../shared/ipc/contract'
import type { measurementChannels } from '../../shared/ipc/channels/measurement'
import type { DesignLibrary } from '../db/library'
import { createMeasurementStore } from '../db/measurements'
import { DesignNotFoundError } from '../db/errors'
import { clearSpecLimit, setSpecLimit, specsForDesign } from '../db/specs'
import { attempt } from './errors'
import { withBackupWarning, type HostInfo } from './handlers'

/** The measurement channels (release curves, DLS, zeta, quality readings and the project's specification limits). */
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
    'measurement:add': (req) => attempt(() => ({ measurement: store.add(req) })),
    'measurement:list': (req) => attempt(() => ({ items: store.list(req) })),
    'measurement:delete': (req) => attempt(() => store.remove(req.id)),
    'measurement:restore': (req) => attempt(() => ({ measurement: store.restore(req.id) })),
    'measurement:specs': (req) => attempt(() => {
      const found = specsForDesign(library, req.designId)
      const last = found?.changes[found.changes.length - 1]
      return { project: found?.project ?? null, specs: found?.specs ?? [], lastChange: last === undefined ? null : { at: last.at, osUser: last.osUser } }
    }),
    'measurement:setSpec': (req) => attempt(() => withBackupWarning(library, () => ({ spec: setSpecLimit(library, req.projectId, req.spec) }))),
    'measurement:clearSpec': (req) => attempt(() => withBackupWarning(library, () => {
      const cleared = clearSpecLimit(library, req.projectId, req.attribute)
      // The store answers false both for "no limit set" and "no such project"; only the first is an answer.
      if (!cleared && !library.listProjects().some((p) => p.projectId === req.projectId)) {
        throw new DesignNotFoundError(req.projectId, `No project with id ${req.projectId} in the library.`)
      }
      return { cleared }
    })),
  }
}
