import type { Handlers } from '../../shared/ipc/contract'
import type { libraryChannels } from '../../shared/ipc/channels/library'
import type { DesignLibrary } from '../db/library'
import type { HostInfo } from './handlers'

/** The library channels (history, trash, tags, compare, export/import, backups). */
export type LibraryHandlers = Pick<Handlers, keyof typeof libraryChannels>

/** Implements the library channels of the contract on top of the design library. */
export function createLibraryHandlers(_library: DesignLibrary, _info: HostInfo): LibraryHandlers {
  return {}
}
