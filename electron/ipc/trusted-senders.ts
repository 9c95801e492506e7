/**
 * The webContents allowed to call IPC handlers.
 *
 * Why: checklist item 17 (validate the sender of every IPC message). Following GitHub
 * Desktop's `trusted-ipc-sender.ts`, ids are added when our own windows are created and
 * removed when their webContents is destroyed, so any other webContents (a stray guest, a
 * devtools extension page) is refused by electron/ipc/register.ts.
 */

/** The part of a webContents this registry needs (a real `WebContents` satisfies it). */
export interface TrackableContents {
  readonly id: number
  once(event: 'destroyed', listener: () => void): unknown
}

/** A set of trusted webContents ids. */
export interface TrustedSenders {
  /** Trusts `contents` until it is destroyed. */
  add(contents: TrackableContents): void
  /** Whether the webContents with this id is trusted. */
  isTrusted(id: number): boolean
  /** How many webContents are trusted now. */
  readonly size: number
}

/**
 * Creates an empty registry.
 *
 * Why: a factory (rather than only module state) lets every test start from a clean set.
 */
export function createTrustedSenders(): TrustedSenders {
  const ids = new Set<number>()
  return {
    add(contents) {
      // Capture the id now: reading properties of a destroyed webContents can throw.
      const id = contents.id
      ids.add(id)
      contents.once('destroyed', () => {
        ids.delete(id)
      })
    },
    isTrusted(id) {
      return ids.has(id)
    },
    get size() {
      return ids.size
    },
  }
}

/** The app's registry: filled by electron/main when it creates a window (item 17). */
export const trustedSenders: TrustedSenders = createTrustedSenders()
