import {
  CHANNELS, contract, type Channel, type ChannelRequest, type ChannelResponse, type NanoApi,
} from '../../shared/ipc/contract'
import { ERROR_CODES, err, ok, type ErrorCode, type Result } from '../../shared/ipc/result'

/**
 * POST one request to the loopback web host and turn whatever comes back into a `Result`.
 *
 * Why: the renderer must never see a thrown error across the bridge (docs/security.md
 * §4). Network failures, non-JSON bodies and responses that break the contract all become
 * `{ ok: false, code: 'internal' }`. HTTP error statuses still carry a JSON `Result` from the
 * host (e.g. 400 bad-request), so the body is read whatever the status.
 */
async function postChannel<C extends Channel>(
  channel: C,
  req: ChannelRequest<C>,
  fetchImpl: typeof fetch,
): Promise<Result<ChannelResponse<C>>> {
  let text: string
  let status: number
  try {
    const res = await fetchImpl(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(req ?? {}),
    })
    status = res.status
    text = await res.text()
  } catch (e) {
    return err('internal', `Could not reach the NanoForge host (${channel}): ${messageOf(e)}`)
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return err('internal', `The NanoForge host answered ${channel} with HTTP ${status} and a body that is not JSON.`)
  }
  if (!isRecord(body) || typeof body.ok !== 'boolean') {
    return err('internal', `The NanoForge host answered ${channel} with HTTP ${status} and no result.`)
  }
  if (body.ok === false) {
    const code = typeof body.code === 'string' ? body.code : 'internal'
    const message = typeof body.message === 'string' ? body.message : `${channel} failed (HTTP ${status}).`
    const issues = Array.isArray(body.issues)
      ? body.issues.filter(isIssue).map((i) => ({ path: i.path, message: i.message }))
      : undefined
    return err(isErrorCode(code) ? code : 'internal', message, issues)
  }
  const parsed = contract[channel].res.safeParse(body.value)
  if (!parsed.success) {
    return err('internal', `The NanoForge host answered ${channel} with a value that breaks the IPC contract.`)
  }
  return ok(parsed.data as ChannelResponse<C>)
}

function isErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as ReadonlyArray<string>).includes(code)
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
function isIssue(v: unknown): v is { path: string; message: string } {
  return isRecord(v) && typeof v.path === 'string' && typeof v.message === 'string'
}
function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * An HTTP implementation of `NanoApi` for the loopback web host (`npm run web`).
 *
 * Why: the renderer is tested in plain Chromium where no preload exists; the web host serves
 * the same contract at `POST /api/<channel>`. Methods are generated from the contract table,
 * so a new channel needs no change here. `fetchImpl` is injectable for tests.
 */
export function createHttpApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): NanoApi {
  const api: Record<string, (req: unknown) => Promise<Result<unknown>>> = {}
  for (const channel of CHANNELS) {
    api[contract[channel].method] = (req: unknown) =>
      postChannel(channel, req as ChannelRequest<typeof channel>, fetchImpl)
  }
  return Object.freeze(api) as unknown as NanoApi
}

let cached: NanoApi | undefined

/**
 * The API the renderer talks to: the preload's `window.nanoApi` in Electron, otherwise the
 * HTTP bridge to the web host.
 *
 * Why: one seam for every backend call, so components and stores never know which host
 * they run in, and tests can hand a store an in-memory fake instead.
 */
export function getApi(): NanoApi {
  if (typeof window !== 'undefined' && window.nanoApi) return window.nanoApi
  cached ??= createHttpApi()
  return cached
}
