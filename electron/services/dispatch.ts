import { contract, type Channel, type Handlers } from '../../shared/ipc/contract'
import { err, formatIssuePath, messageOf, type Result } from '../../shared/ipc/result'
import { MAX_IPC_VALUES, jsonDataProblem } from '../../shared/security/json-data'
import { hostErrorOf } from './errors'

/** Options of {@link dispatch}. */
export interface DispatchOptions {
  /**
   * Check successful responses against the channel's response schema (default true). A
   * mismatch becomes `err('internal')`, so a handler drifting from the contract is caught in
   * tests instead of surprising the renderer.
   */
  readonly validateResponse?: boolean
  /**
   * The transport's own check of who is asking, run after the channel is known and before the
   * payload is read: a reason to refuse (answered `forbidden`), or undefined to go on. Electron
   * checks the sender's webContents and frame here; the web host checked its Host header and
   * origin before reading the body.
   */
  readonly authorize?: () => string | undefined
  /** Where refused and failed calls are reported (the main-process log). */
  readonly log?: (message: string) => void
}

/**
 * The one IPC pipeline of the host side: channel lookup, the transport's sender check,
 * request validation, the handler, the shape of its answer, response validation. Electron's
 * `ipcMain` registration (electron/ipc/register.ts) and the web host's `POST /api/<channel>`
 * (electron/web/server.ts) both call it, so an unknown channel, a malformed payload, a
 * refused sender or a crashing handler gets the same typed answer from either
 * (docs/security.md §4, steps 3-4; issue 11 item 11). It never throws.
 *
 * Every failure is an `Err`: an unknown channel and a payload that breaks the channel's schema
 * are `bad-request` (issues at JSON paths, `design.coatings[0].kind`); a thrown error goes
 * through the one host error mapper ({@link hostErrorOf}).
 */
export async function dispatch(
  handlers: Handlers, channel: string, payload: unknown, options: DispatchOptions = {},
): Promise<Result<unknown>> {
  try {
    if (!isChannel(channel)) return err('bad-request', `Unknown channel '${truncate(channel, 80)}'.`)
    const refused = options.authorize?.()
    if (refused !== undefined) {
      options.log?.(`IPC ${channel} refused: ${refused}`)
      return err('forbidden', refused)
    }
    // Plain JSON data of bounded depth and size only: Electron's structured clone also carries
    // BigInt, Map, Date, typed arrays and NaN, and any transport can nest a value deep enough to
    // overflow the validators' recursion; both were answered `internal`. Now IPC accepts exactly
    // what an HTTP body (JSON) could carry.
    const shape = jsonDataProblem(payload, { maxValues: MAX_IPC_VALUES })
    if (shape !== undefined) {
      const issue = { path: formatIssuePath(shape.path), message: shape.message }
      return err('bad-request', `Invalid request for ${channel}: ${issue.path}: ${issue.message}`, [issue])
    }
    const entry = contract[channel]
    const parsed = entry.req.safeParse(payload)
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))
      return err('bad-request', `Invalid request for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues)
    }
    const handler = handlers[channel] as (req: unknown) => Promise<Result<unknown>> | Result<unknown>
    const result: unknown = await handler(parsed.data)
    if (!isResult(result)) return err('internal', `${channel} returned no result`)
    if (result.ok && options.validateResponse !== false) {
      const checked = entry.res.safeParse(result.value)
      if (!checked.success) {
        options.log?.(`IPC ${channel} response failed its schema`)
        const issues = checked.error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }))
        return err('internal', `The ${channel} handler answered outside the contract: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues)
      }
    }
    return result
  } catch (error) {
    options.log?.(`IPC ${channel} failed: ${messageOf(error)}`)
    return hostErrorOf(error)
  }
}

/** True for own keys of the contract only (not `toString`, `__proto__` and friends). */
export function isChannel(channel: string): channel is Channel {
  return Object.prototype.hasOwnProperty.call(contract, channel)
}

/** Whether a handler's answer has the `Result` shape (a bare value would reach the renderer untyped). */
function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const ok = (value as { ok?: unknown }).ok
  return ok === true ? 'value' in value : ok === false && typeof (value as { code?: unknown }).code === 'string'
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text
}
