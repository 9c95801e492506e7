import type { Handlers } from '../../shared/ipc/contract'
import { err, ok } from '../../shared/ipc/result'
import { validateDesign } from '../../shared/design/schema'
import { DesignNotFoundError, type DesignLibrary } from '../db/library'
import { attempt } from './errors'

import { ENGINE_VERSION } from '../../shared/engine/version'
import { createLibraryHandlers } from './library-handlers'
import { createMeasurementHandlers } from './measurement-handlers'
import { createProfileHandlers } from './profile-handlers'

/** Version of the estimation engine stored with every saved design version. */
export { ENGINE_VERSION }

/** Facts about the running app that `app:info` reports. */
export interface HostInfo {
  /** Which bridge serves the renderer. */
  readonly host: 'electron' | 'web'
  readonly appVersion: string
}

/**
 * Implements every channel of the IPC contract on top of a design library.
 *
 * Why one implementation: Electron's IPC registration and the loopback web host both call
 * these, so the renderer sees identical behaviour and the tests cover both bridges at once.
 * Handlers never throw for expected failures: invalid designs, unknown ids and a read-only
 * library become typed `Result` errors (docs/security.md §4, step 4).
 */
export function createHandlers(library: DesignLibrary, info: HostInfo): Handlers {
  return {
    ...createLibraryHandlers(library, info),
    ...createMeasurementHandlers(library, info),
    ...createProfileHandlers(library, info),
    'design:save': (req) => {
      const checked = validateDesign(req.design)
      if (!checked.valid) {
        const n = checked.errors.length
        return err('invalid-design', `The design has ${n} ${n === 1 ? 'problem' : 'problems'}`, checked.errors)
      }
      return attempt(() => {
        const saved = withBackupWarning(library, () => library.saveDesign(checked.design, {
          designId: req.designId,
          note: req.note,
          engineVersion: ENGINE_VERSION,
        }))
        return { ...saved, warnings: checked.warnings.map(plainIssue) }
      })
    },

    'design:list': (req) => attempt(() => {
      const page = library.listDesigns({ query: req.query, limit: req.limit, offset: req.offset })
      return { items: page.items, total: page.total }
    }),

    'design:get': (req) => attempt(() => {
      const found = library.getDesign(req.designId, req.version)
      if (found === undefined) {
        throw new DesignNotFoundError(req.designId, req.version !== undefined && library.history(req.designId) !== undefined
          ? `Design ${req.designId} has no version ${req.version}.`
          : `No design with id ${req.designId} in the library.`)
      }
      return {
        designId: found.designId,
        version: found.version,
        createdAt: found.createdAt,
        design: found.design,
        versions: found.versions,
      }
    }),

    'app:info': () => ok({
      appVersion: info.appVersion,
      engineVersion: ENGINE_VERSION,
      databasePath: library.path,
      readOnly: library.readOnly,
      ...(library.readOnlyReason !== undefined ? { readOnlyReason: library.readOnlyReason } : {}),
      host: info.host,
      ...(library.backupWarning !== undefined ? { backupWarning: library.backupWarning.message, backupWarningAt: library.backupWarning.at } : {}),
    }),
  }
}

/**
 * Runs a write that may trigger the daily backup and adds `backupWarning` to its answer when
 * that backup failed during this call (a new warning object appeared on the library). The
 * write itself is committed either way; the renderer shows the warning (issue 11 item 4).
 */
export function withBackupWarning<T extends object>(library: DesignLibrary, write: () => T): T & { backupWarning?: string } {
  const before = library.backupWarning
  const value = write()
  const after = library.backupWarning
  return after !== undefined && after !== before ? { ...value, backupWarning: after.message } : value
}

export function plainIssue(issue: { readonly path: string; readonly message: string }): { path: string; message: string } {
  return { path: issue.path, message: issue.message }
}
