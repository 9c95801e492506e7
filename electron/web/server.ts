import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { isIP } from 'node:net'
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { err, messageOf, type ErrorCode, type Result } from '../../shared/ipc/result'
import { openDesignLibrary } from '../db/library'
import { createHandlers } from '../services/handlers'
import { dispatch } from '../services/dispatch'
import { hostErrorOf } from '../services/errors'
import { CONTENT_SECURITY_POLICY, contentTypeForPath } from '../../shared/security/http-policy'

/** The same Content-Security-Policy the Electron app sends (shared/security/http-policy.ts). */
export { CONTENT_SECURITY_POLICY }

/**
 * Largest accepted `/api` request body. A design is well under 100 KiB, but a bundle being
 * imported carries every version and measurement of many designs; 64 MiB keeps the web host
 * in step with what the Electron bridge accepts.
 */
export const MAX_BODY_BYTES = 64 * 1024 * 1024

/**
 * A body above this size is "large" (a design is ~5 kB; only bundle imports come near it).
 * At most {@link MAX_CONCURRENT_LARGE_BODIES} large bodies are read at once; a further one is
 * answered 503 with `Retry-After` before it is read, so concurrent uploads can hold at most
 * MAX_CONCURRENT_LARGE_BODIES × MAX_BODY_BYTES (128 MiB) in memory, not an unbounded amount.
 */
export const LARGE_BODY_BYTES = 1024 * 1024
/** How many large bodies the web host reads at the same time. */
export const MAX_CONCURRENT_LARGE_BODIES = 2

/**
 * The HTTP status of each answer (the body is always the `Result`): 200 for success, and the
 * status that says the same as the error code, so a proxy, a log or `curl -f` sees a refused
 * request as one. Why: schema errors used to answer 200 while JSON syntax errors answered 400.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  'bad-request': 400,
  'invalid-design': 422,
  'not-found': 404,
  'read-only': 409,
  'busy': 503,
  'io': 507,
  'forbidden': 403,
  'internal': 500,
}

/** Options of {@link startWebHost}. */
export interface WebHostOptions {
  /** TCP port; 0 picks a free one (the actual port is in the result). */
  readonly port: number
  /** Loopback address or `localhost` only; anything else is refused. */
  readonly host?: string
  /** The design library file (created if missing). */
  readonly dbPath: string
  /** Folder of the built renderer (`out/renderer`), served as static files. */
  readonly rendererDir: string
  /** Reported by `app:info`. */
  readonly appVersion?: string
  /** better-sqlite3 native build to use, if not the default. */
  readonly nativeBinding?: string
  /**
   * Told about best-effort work of the library that failed (a daily backup, tidying the backup
   * folder); the renderer also sees a failed backup through `app:info` and the save answers.
   */
  readonly onWarning?: (message: string) => void
}

/** A running web host. */
export interface WebHost {
  /** Base URL, e.g. `http://127.0.0.1:5180`. */
  readonly url: string
  readonly port: number
  /** Why the design library opened read-only (damaged, newer schema, ...); undefined when writable. */
  readonly readOnlyReason: string | undefined
  /** Stops listening, then closes the design library. */
  readonly close: () => Promise<void>
}

/**
 * True for names and addresses that only this machine can reach: `localhost`, 127.0.0.0/8,
 * `::1` (also bracketed, and IPv4-mapped 127.x).
 *
 * Why: the web host serves the design library without authentication; it exists for tests
 * and local review and must never be reachable from the lab network.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (name === 'localhost') return true
  if (isIP(name) === 4) return name.split('.')[0] === '127'
  if (isIP(name) === 6) {
    if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(name)
    return mapped !== null && mapped[1]!.split('.')[0] === '127'
  }
  return false
}

/**
 * Starts the loopback web host: the built renderer as static files plus the IPC contract
 * over `POST /api/<channel>`, backed by the same services and database as the desktop app.
 *
 * Why: lets the renderer be tested and reviewed in a browser on machines without the
 * Electron binary (issue 2, "Web host"). Defences, since a browser is a hostile neighbour:
 * the bind is loopback-only (checked before listening), the Host header must name a loopback
 * host and our port (DNS rebinding), `/api` takes only POST with a JSON content type and a
 * same-origin `Origin` (no simple cross-site form posts), bodies are capped, and static paths
 * cannot leave `rendererDir`.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1'
  if (!isLoopbackHost(host)) {
    throw new Error(
      `Refusing to listen on '${host}': the NanoForge web host serves the design library without ` +
      'authentication, so it binds only to a loopback address (127.0.0.1, ::1 or localhost).')
  }
  const rendererRoot = await realpath(resolve(options.rendererDir))
  const library = openDesignLibrary({ path: options.dbPath, nativeBinding: options.nativeBinding, onWarning: options.onWarning })
  const handlers = createHandlers(library, { host: 'web', appVersion: options.appVersion ?? '0.0.0-dev' })
  let actualPort = options.port
  let largeBodies = 0

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // the host's one error mapper, so a file-system or database error outside the pipeline
      // (reading the renderer's files, say) answers `io` or `busy` like one inside it, not `internal`
      if (!res.headersSent) sendResult(res, 500, hostErrorOf(error))
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHostHeader(req.headers.host, actualPort)) {
      sendText(res, 421, 'Misdirected request: the Host header must name this loopback host and port.')
      return
    }
    // Origin-form targets only (`/api/...`): an absolute-form target (`GET http://evil.example/`)
    // names another host, which this loopback host never serves.
    if (!(req.url ?? '').startsWith('/')) {
      sendText(res, 400, 'Bad request target: only paths on this host are served.')
      return
    }
    let pathname: string
    try {
      pathname = new URL(req.url ?? '/', 'http://loopback').pathname
    } catch {
      sendText(res, 400, 'Bad request URL.')
      return
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      await handleApi(req, res, pathname.slice('/api/'.length))
      return
    }
    await serveStatic(req, res, rendererRoot, req.url ?? '/')
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, rawChannel: string): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST')
      sendResult(res, 405, err('bad-request', `Use POST for /api (got ${req.method ?? 'no method'}).`))
      return
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (contentType !== 'application/json') {
      sendResult(res, 415, err('bad-request', 'Send the request body as application/json.'))
      return
    }
    const origin = req.headers.origin
    if (origin !== undefined && origin !== `http://${req.headers.host ?? ''}`) {
      sendResult(res, 403, err('forbidden', 'Cross-origin requests are not accepted.'))
      return
    }
    let channel: string
    try {
      channel = decodeURIComponent(rawChannel)
    } catch {
      sendResult(res, 400, err('bad-request', 'The channel name is not valid URL encoding.'))
      return
    }
    // A large body takes one of the few large-body slots for as long as it is read and handled.
    let holdsLargeSlot = false
    const takeLargeSlot = (): boolean => {
      if (holdsLargeSlot) return true
      if (largeBodies >= MAX_CONCURRENT_LARGE_BODIES) return false
      largeBodies++
      holdsLargeSlot = true
      return true
    }
    try {
      const body = await readBody(req, MAX_BODY_BYTES, LARGE_BODY_BYTES, takeLargeSlot)
      if (body === 'too-large') {
        sendResult(res, 413, err('bad-request', `The request body is larger than ${MAX_BODY_BYTES} bytes.`))
        return
      }
      if (body === 'no-slot') {
        res.setHeader('Retry-After', '2')
        res.setHeader('Connection', 'close')
        sendResult(res, 503, err('busy', `${MAX_CONCURRENT_LARGE_BODIES} large requests are already being read; nothing was changed. Try again in a moment.`))
        return
      }
      let payload: unknown
      try {
        payload = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'))
      } catch (error) {
        sendResult(res, 400, err('bad-request', `The request body is not JSON: ${messageOf(error)}`))
        return
      }
      // The one pipeline (shared with Electron's IPC); the status says what the Result says.
      const result = await dispatch(handlers, channel, payload)
      sendResult(res, result.ok ? 200 : HTTP_STATUS_OF_CODE[result.code], result)
    } finally {
      if (holdsLargeSlot) largeBodies--
    }
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen)
    server.listen(options.port, host, () => {
      server.off('error', rejectListen)
      resolveListen()
    })
  }).catch((error: unknown) => {
    library.close()
    throw error
  })
  const address = server.address()
  actualPort = typeof address === 'object' && address !== null ? address.port : options.port
  const urlHost = isIP(host) === 6 ? `[${host}]` : host

  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${actualPort}`,
    port: actualPort,
    readOnlyReason: library.readOnly ? library.readOnlyReason ?? 'opened read-only' : undefined,
    close: () => {
      closing ??= new Promise<void>((resolveClose) => {
        server.close(() => {
          library.close()
          resolveClose()
        })
        server.closeAllConnections()
      })
      return closing
    },
  }
}

/** DNS-rebinding defence: the Host header must be a loopback name with our port. */
function isAllowedHostHeader(header: string | undefined, port: number): boolean {
  if (header === undefined) return false
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(header.trim())
  if (match === null) return false
  const headerPort = match[2] !== undefined ? Number(match[2]) : 80
  return headerPort === port && isLoopbackHost(match[1]!)
}

/**
 * Serves a file from `root`. The raw URL path is decoded once and any `..` segment, NUL or
 * backslash is refused outright; the resolved real path (symlinks followed) must still be
 * inside `root`. Paths without an extension that match no file get `index.html`, so
 * client-side routes survive a reload.
 */
async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, rawUrl: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    sendText(res, 405, 'Method not allowed.')
    return
  }
  const rawPath = rawUrl.split(/[?#]/)[0] ?? '/'
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    sendText(res, 400, 'Bad request path.')
    return
  }
  const segments = decoded.split('/')
  if (decoded.includes('\0') || decoded.includes('\\') || segments.some((s) => s === '..' || s === '.') || !decoded.startsWith('/')) {
    sendText(res, 400, 'Bad request path.')
    return
  }
  const wanted = resolve(root, `.${decoded}`)
  if (!isInside(root, wanted)) {
    sendText(res, 403, 'Forbidden.')
    return
  }
  let file = await existingFile(root, wanted)
  if (file === undefined && extname(decoded) === '') file = await existingFile(root, join(root, 'index.html'))
  if (file === undefined) {
    sendText(res, 404, 'Not found.')
    return
  }
  const body = await readFile(file)
  res.statusCode = 200
  setCommonHeaders(res)
  res.setHeader('Content-Type', contentTypeForPath(file))
  res.setHeader('Content-Length', body.length)
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** The real path of a regular file inside `root` (a directory means its index.html), else undefined. */
async function existingFile(root: string, candidate: string): Promise<string | undefined> {
  try {
    let real = await realpath(candidate)
    if (!isInside(root, real)) return undefined
    let info = await stat(real)
    if (info.isDirectory()) {
      real = await realpath(join(real, 'index.html'))
      if (!isInside(root, real)) return undefined
      info = await stat(real)
    }
    return info.isFile() ? real : undefined
  } catch {
    return undefined
  }
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

/**
 * Reads the whole body: 'too-large' as soon as it passes `maxBytes`; 'no-slot' when it is
 * (declared or found to be) above `largeBytes` and `takeLargeSlot` refuses. Neither reads on:
 * a refused body is drained, never kept.
 */
function readBody(
  req: IncomingMessage, maxBytes: number, largeBytes: number, takeLargeSlot: () => boolean,
): Promise<Buffer | 'too-large' | 'no-slot'> {
  const declared = Number(req.headers['content-length'] ?? '0')
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume()
    return Promise.resolve('too-large')
  }
  if (Number.isFinite(declared) && declared > largeBytes && !takeLargeSlot()) {
    req.resume()
    return Promise.resolve('no-slot')
  }
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on('data', (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      const refusal = size > maxBytes ? 'too-large' : size > largeBytes && !takeLargeSlot() ? 'no-slot' : undefined
      if (refusal !== undefined) {
        done = true
        req.resume()
        resolveBody(refusal)
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (!done) resolveBody(Buffer.concat(chunks))
    })
    req.on('error', rejectBody)
    // A client that goes away half-way must not keep its large-body slot (the promise settles).
    req.on('close', () => {
      if (!done && !req.complete) rejectBody(new Error('the client closed the connection before the body was complete'))
    })
  })
}

function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Referrer-Policy', 'no-referrer')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin')
  res.setHeader('Cache-Control', 'no-store')
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  const body = JSON.stringify(result)
  res.statusCode = status
  setCommonHeaders(res)
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(body)
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status
  setCommonHeaders(res)
  res.setHeader('Content-Type', 'text/plain; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(text))
  res.end(text)
}

