import { contextBridge, ipcRenderer } from 'electron'
import type { Channel, Contract, NanoApi } from '../../shared/ipc/contract'
import { err, type Result } from '../../shared/ipc/result'

/**
 * The preload: exposes exactly one object, `window.nanoApi`, with one named function per
 * contract channel and nothing else.
 *
 * Why: checklist item 20 (never expose raw Electron APIs: no `ipcRenderer`, no generic
 * `invoke(channel)`), item 3 (the object crosses the context-isolation bridge), item 4 (this
 * file runs sandboxed, so it imports only `electron` and zod-free shared code; the contract's
 * schemas stay in the main process, which validates every payload).
 */

/**
 * Channel -> method name, mirroring `contract` in shared/ipc/contract.ts.
 *
 * Why: importing the contract at runtime would pull zod into the sandboxed preload, which can
 * only require `electron` and a few built-ins (item 4). The `satisfies` clause makes the
 * compiler reject a missing, extra or misnamed channel, and tests/security compare it with
 * the contract at runtime.
 */
export const PRELOAD_METHODS = {
  'design:save': 'saveDesign',
  'design:list': 'listDesigns',
  'design:get': 'getDesign',
  'app:info': 'appInfo',
  // library channels (shared/ipc/channels/library.ts)
  'library:list': 'libraryList',
  'library:duplicate': 'duplicateDesign',
  'library:rename': 'renameDesign',
  'library:trash': 'trashDesign',
  'library:restoreFromTrash': 'restoreFromTrash',
  'library:listTrash': 'listTrash',
  'library:listTags': 'listTags',
  'library:addTag': 'addTag',
  'library:removeTag': 'removeTag',
  'library:setNote': 'setDesignNote',
  'library:listProjects': 'listProjects',
  'library:createProject': 'createProject',
  'library:moveToProject': 'moveToProject',
  'library:history': 'designHistory',
  'library:diff': 'diffVersions',
  'library:restoreVersion': 'restoreVersion',
  'library:compare': 'compareDesigns',
  'library:metricsCsv': 'metricsCsv',
  'library:export': 'exportBundle',
  'library:import': 'importBundle',
  'library:listBackups': 'listBackups',
  'library:backupNow': 'backupNow',
  'library:restoreBackup': 'restoreBackup',
  // measurement channels (shared/ipc/channels/measurement.ts)
  'measurement:add': 'addMeasurement',
  'measurement:list': 'listMeasurements',
  'measurement:delete': 'deleteMeasurement',
  'measurement:restore': 'restoreMeasurement',
  'measurement:specs': 'designSpecs',
  'measurement:setSpec': 'setSpecLimit', 'measurement:clearSpec': 'clearSpecLimit',
  // calibration profile channels (shared/ipc/channels/profile.ts)
  'profile:list': 'listProfiles',
  'profile:get': 'getProfile',
  'profile:save': 'saveProfile',
} as const satisfies { readonly [C in Channel]: Contract[C]['method'] }

/** Sends one request on one channel; in the app this is `ipcRenderer.invoke`. */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'IPC failed'
}

/**
 * Builds the frozen API object from the channel table.
 *
 * Why (item 20): each function forwards exactly one argument to its own fixed channel, so the
 * renderer can neither pick a channel nor reach `ipcRenderer`; a rejected invoke (a handler
 * missing in main) still resolves to a typed `Err`, matching the web bridge.
 */
export function buildApi(invoke: Invoke): NanoApi {
  const api: Record<string, (request: unknown) => Promise<Result<unknown>>> = {}
  for (const [channel, method] of Object.entries(PRELOAD_METHODS) as Array<[Channel, string]>) {
    api[method] = (request: unknown) =>
      invoke(channel, request).then(
        (value) => value as Result<unknown>,
        (error: unknown) => err('internal', messageOf(error)),
      )
  }
  return Object.freeze(api) as unknown as NanoApi
}

/** The global name the API is exposed under (`window.nanoApi`). */
export const API_GLOBAL_NAME = 'nanoApi'

contextBridge.exposeInMainWorld(
  API_GLOBAL_NAME,
  buildApi((channel, request) => ipcRenderer.invoke(channel, request)),
)
