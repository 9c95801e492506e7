import { ipcMain, type IpcMain } from 'electron'
import { CHANNELS, contract, type Channel, type Handlers } from '../../shared/ipc/contract'
import { err, messageOf, type Err, type Result } from '../../shared/ipc/result'
import { isAppUrl } from '../main/security'

/**
 * The only place IPC handlers are registered (checklist item 17;
 * ../shared/engineering/security-and-storage.md §4 "Register handlers through one wrapper").
 *
 * Every invocation is checked in this order, and every failure is a typed `Err`, never a
 * throw across the bridge (only an Error's message would survive Electron's serialisation):
 *  1. the sender webContents is one of ours (trusted-senders.ts) -> `forbidden`
 *  2. the sending frame is the top frame and is on `app://bundle` -> `forbidden`
 *  3. the payload passes the channel's strict zod schema -> `bad-request` with paths
 *  4. the implementation runs; an exception becomes `internal`
 *  5. outside packaged builds, the response is checked against the channel's schema.
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

type Issues = NonNullable<Err['issues']>

/**
 * A zod issue path as a readable JSON path: `design.coatings[0].kind`; `(root)` for the
 * payload itself.
 */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out === '' ? String(key) : `.${String(key)}`
  }
  return out === '' ? '(root)' : out
}

function toIssues(issues: ReadonlyArray<{ readonly path: ReadonlyArray<PropertyKey>; readonly message: string }>): Issues {
  return issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))
}

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

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const ok = (value as { ok?: unknown }).ok
  return ok === true ? 'value' in value : ok === false && typeof (value as { code?: unknown }).code === 'string'
}


function isChannel(channel: string): channel is Channel {
  return Object.prototype.hasOwnProperty.call(contract, channel)
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
  try {
    if (!isChannel(channel)) return err('bad-request', `unknown channel ${channel}`)
    const refused = senderRejection(event, isTrusted)
    if (refused !== undefined) {
      options.log?.(`IPC ${channel} refused: ${refused}`)
      return err('forbidden', refused)
    }
    const spec = contract[channel]
    const parsed = spec.req.safeParse(arg)
    if (!parsed.success) {
      return err('bad-request', `invalid request for ${channel}`, toIssues(parsed.error.issues))
    }
    const handler = handlers[channel] as (req: unknown) => Promise<Result<unknown>> | Result<unknown>
    const result: unknown = await handler(parsed.data)
    if (!isResult(result)) return err('internal', `${channel} returned no result`)
    if (options.validateResponse && result.ok) {
      const checked = spec.res.safeParse(result.value)
      if (!checked.success) {
        options.log?.(`IPC ${channel} response failed its schema`)
        return err('internal', `response of ${channel} failed its schema`, toIssues(checked.error.issues))
      }
    }
    return result
  } catch (error) {
    options.log?.(`IPC ${channel} failed: ${messageOf(error)}`)
    return err('internal', messageOf(error))
  }
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
