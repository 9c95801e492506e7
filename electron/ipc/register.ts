import { ipcMain, type IpcMain } from 'electron'
import { CHANNELS, type Handlers } from '../../shared/ipc/contract'
import { formatIssuePath, type Result } from '../../shared/ipc/result'
import { isAppUrl } from '../main/security'
import { dispatch } from '../services/dispatch'

/**
 * The only place IPC handlers are registered (checklist item 17;
 * docs/security.md §4 "Register handlers through one wrapper").
 *
 * Every invocation goes through the one host pipeline (electron/services/dispatch.ts, shared
 * with the web host) and every failure is a typed `Err`, never a throw across the bridge
 * (only an Error's message would survive Electron's serialisation):
 *  1. the channel is in the contract -> otherwise `bad-request`
 *  2. the sender webContents is one of ours (trusted-senders.ts) -> `forbidden`
 *  3. the sending frame is the top frame and is on `app://bundle` -> `forbidden`
 *  4. the payload passes the channel's strict zod schema -> `bad-request` with paths
 *  5. the implementation runs; an exception goes through the one host error mapper
 *  6. outside packaged builds, the response is checked against the channel's schema.
 */

/** The part of a frame the sender check reads (a real `WebFrameMain` satisfies it). */
export interface FrameLike {
  readonly url: string
  readonly parent: FrameLike | null
  readonly frameToken?: string
  readonly detached?: boolean
}

/** The part of an `IpcMainInvokeEvent` the checks read; tests pass plain objects. */
export interface InvocationEventLike {
  readonly sender: { readonly id: number; readonly mainFrame: FrameLike }
  readonly senderFrame: FrameLike | null
}

/** Options of {@link handleInvocation} and {@link registerHandlers}. */
export interface InvocationOptions {
  /** Validate responses against the contract (`!app.isPackaged`, and always in tests). */
  readonly validateResponse: boolean
  /** Where refused or failed invocations are reported (main-process log). */
  readonly log?: (message: string) => void
}

/** Whether a webContents id is trusted (see trusted-senders.ts). */
export type IsTrusted = (webContentsId: number) => boolean

/**
 * A zod issue path as a readable JSON path (`design.coatings[0].kind`; `(root)` for the
 * payload itself). One formatter for every entry point (shared/ipc/result.ts).
 */
export { formatIssuePath }

function isTopFrame(event: InvocationEventLike, frame: FrameLike): boolean {
  if (frame.parent !== null || frame.detached === true) return false
  const main = event.sender.mainFrame
  return frame === main || (frame.frameToken !== undefined && frame.frameToken === main.frameToken)
}

/**
 * Why the sender of `event` is refused, or undefined when it is acceptable.
 *
 * Why (item 17): the id check stops foreign webContents; the frame checks stop subframes and
 * pages that navigated away from `app://bundle` (judged with the URL parser, never
 * `startsWith`).
 */
export function senderRejection(event: InvocationEventLike, isTrusted: IsTrusted): string | undefined {
  if (!isTrusted(event.sender.id)) return `webContents ${event.sender.id} is not a trusted sender`
  const frame = event.senderFrame
  if (frame === null) return 'the sending frame is gone'
  if (!isTopFrame(event, frame)) return 'IPC is only accepted from the top frame'
  if (!isAppUrl(frame.url)) return 'IPC is only accepted from app://bundle'
  return undefined
}

/**
 * Runs one IPC invocation through all checks; resolves to a `Result`, never rejects.
 *
 * Why: the pure core of item 17, exported so tests can call it with fake events instead of a
 * running Electron.
 */
export async function handleInvocation(
  channel: string,
  event: InvocationEventLike,
  arg: unknown,
  handlers: Handlers,
  isTrusted: IsTrusted,
  options: InvocationOptions = { validateResponse: true },
): Promise<Result<unknown>> {
  // The one pipeline (electron/services/dispatch.ts), with the sender check as its authorize
  // step: the web host answers every channel exactly as this does.
  return dispatch(handlers, channel, arg, {
    validateResponse: options.validateResponse,
    log: options.log,
    authorize: () => senderRejection(event, isTrusted),
  })
}

/** The part of `ipcMain` registration needs (tests pass a recorder). */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>

/**
 * Registers every channel of the contract on `ipc`, each through {@link handleInvocation}.
 * Returns a function that removes them again.
 *
 * Why: item 17 and §4 (one wrapper for all handlers); iterating the contract means a channel
 * cannot be registered without its schema checks, nor forgotten.
 */
export function registerHandlers(
  handlers: Handlers,
  ipc: IpcMainLike,
  isTrusted: IsTrusted,
  options: InvocationOptions,
): () => void {
  for (const channel of CHANNELS) {
    ipc.handle(channel, (event, arg: unknown) => handleInvocation(channel, event, arg, handlers, isTrusted, options))
  }
  return () => {
    for (const channel of CHANNELS) ipc.removeHandler(channel)
  }
}

/**
 * {@link registerHandlers} on Electron's `ipcMain`.
 *
 * Why: keeps `ipcMain` confined to this file (lint rule for item 17).
 */
export function registerIpcHandlers(handlers: Handlers, isTrusted: IsTrusted, options: InvocationOptions): () => void {
  return registerHandlers(handlers, ipcMain, isTrusted, options)
}
