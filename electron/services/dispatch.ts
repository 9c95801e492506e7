import { contract, type Channel, type Handlers } from '../../shared/ipc/contract'
import { err, formatIssuePath, messageOf, type Result } from '../../shared/ipc/result'

/** Options of {@link dispatch}. */
export interface DispatchOptions {
  /**
   * Check successful responses against the channel's response schema (default true). A
   * mismatch becomes `err('internal')`, so a handler drifting from the contract is caught in
   * tests instead of surprising the renderer.
   */
  readonly validateResponse?: boolean
}

/**
 * Runs one request through the contract: channel lookup, request validation, handler, result.
 *
 * Why separate from any transport: the web host's HTTP endpoint (and, if wanted, Electron's
 * IPC registration after its sender check) share exactly this step, so an unknown channel, a
 * malformed payload or a crashing handler gets the same typed answer everywhere. It never
 * throws (security-and-storage.md §4, steps 3-4).
 */
export async function dispatch(
  handlers: Handlers, channel: string, payload: unknown, options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return err('not-found', `Unknown channel '${truncate(channel, 80)}'.`)
  const entry = contract[channel]
  const parsed = entry.req.safeParse(payload)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }))
    return err('bad-request',
      `Invalid request for ${channel}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues)
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<Result<unknown>> | Result<unknown>
    const result = await handler(parsed.data)
    if (result.ok && options.validateResponse !== false) {
      const checked = entry.res.safeParse(result.value)
      if (!checked.success) {
        const where = checked.error.issues.map((i) => `${i.path.map(String).join('.') || '(response)'}: ${i.message}`).join('; ')
        return err('internal', `The ${channel} handler answered outside the contract: ${where}`)
      }
    }
    return result
  } catch (error) {
    return err('internal', `${channel} failed: ${messageOf(error)}`)
  }
}

/** True for own keys of the contract only (not `toString`, `__proto__` and friends). */
function isChannel(channel: string): channel is Channel {
  return Object.prototype.hasOwnProperty.call(contract, channel)
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text
}
