import { readFile } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { contentTypeForPath } from '../../shared/security/http-policy'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security'

/**
 * The `app://` protocol: maps `app://bundle/<path>` onto files of the built renderer.
 *
 * Why: checklist item 18 (custom protocol instead of `file://`, with a path-traversal check,
 * the pattern of Electron's `docs/api/protocol.md`) and item 7 (the CSP travels as a response
 * header). The resolution is a pure function so tests can throw hostile URLs at it.
 */

/** Outcome of resolving an app:// URL: a file under the root, or an HTTP error status. */
export type AppRequestResolution =
  | { readonly status: 200; readonly filePath: string }
  | { readonly status: 400 | 404 }

/** File served for `app://bundle/` and `app://bundle`. */
export const APP_INDEX_FILE = 'index.html'

/**
 * The raw path of a URL string: after `scheme://authority`, before `?` or `#`.
 * Undefined when the string has no `://` authority part.
 */
function rawPathOf(url: string): string | undefined {
  const schemeEnd = url.indexOf('://')
  if (schemeEnd < 0) return undefined
  const afterAuthority = url.slice(schemeEnd + 3)
  const pathStart = afterAuthority.search(/[/\\?#]/)
  if (pathStart < 0) return ''
  const rest = afterAuthority.slice(pathStart)
  const end = rest.search(/[?#]/)
  return end < 0 ? rest : rest.slice(0, end)
}

/**
 * Decodes one path segment; undefined when it is malformed or could escape or confuse the
 * file system (`..`, embedded separators, NUL, drive or stream colons).
 */
function safeSegment(segment: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    return undefined
  }
  if (decoded === '..' || /[/\\\0:]/.test(decoded)) return undefined
  return decoded
}

/**
 * Resolves an `app://bundle/...` URL to a file under `rootDir`, without touching the disk.
 *
 * Why (item 18): a request must never read outside the renderer bundle. The URL parser
 * already collapses `..` (also `%2e%2e`), which would silently turn an attack into a
 * harmless-looking path, so the raw string is checked first and any dot-dot segment, encoded
 * separator (`%2f`, `%5c`), backslash, NUL or colon is a 400. The resolved path is then
 * checked to lie inside `rootDir`. Other schemes are 400; hosts other than `bundle`
 * (including `bundle.evil`, ports and credentials) are 404.
 */
export function resolveAppRequest(url: string, rootDir: string): AppRequestResolution {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { status: 400 }
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return { status: 400 }
  if (parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return { status: 404 }

  const rawPath = rawPathOf(url)
  if (rawPath === undefined) return { status: 400 }
  for (const segment of rawPath.split(/[/\\]/)) {
    if (safeSegment(segment) === undefined) return { status: 400 }
    if (/%2f|%5c/i.test(segment)) return { status: 400 }
  }

  const segments: string[] = []
  for (const segment of parsed.pathname.split('/')) {
    if (segment === '' || segment === '.') continue
    const decoded = safeSegment(segment)
    if (decoded === undefined) return { status: 400 }
    segments.push(decoded)
  }
  if (segments.length === 0) segments.push(APP_INDEX_FILE)

  const root = resolve(rootDir)
  const filePath = join(root, ...segments)
  const rel = relative(root, filePath)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return { status: 400 }
  return { status: 200, filePath }
}

/**
 * The Content-Type for a served file, by extension; `application/octet-stream` when unknown.
 *
 * Why: with `X-Content-Type-Options: nosniff` Chromium refuses scripts and styles whose type
 * is wrong, so the type must be right for every asset Vite emits.
 */
export function contentTypeFor(filePath: string): string {
  return contentTypeForPath(filePath)
}

/**
 * Headers on every app:// response, successful or not.
 *
 * Why: item 7 (CSP as a header) plus `nosniff`, and `no-store` so a rebuilt bundle is never
 * mixed with a cached one.
 */
export function appResponseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  }
}

/** Reads a file; injectable so tests need no real bundle. */
export type FileReader = (filePath: string) => Promise<Uint8Array>

function errorResponse(status: number): Response {
  return new Response(null, { status, headers: appResponseHeaders('text/plain; charset=utf-8') })
}

/**
 * Builds the `protocol.handle('app', ...)` handler serving files under `rootDir`.
 *
 * Why (item 18): only GET and HEAD, only resolved paths inside the bundle; a missing file or
 * a directory is a 404, never a listing or an error page with a stack.
 */
export function createAppProtocolHandler(
  rootDir: string,
  read: FileReader = (filePath) => readFile(filePath),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return errorResponse(405)
    const resolution = resolveAppRequest(request.url, rootDir)
    if (resolution.status !== 200) return errorResponse(resolution.status)
    let body: Uint8Array
    try {
      body = await read(resolution.filePath)
    } catch {
      return errorResponse(404)
    }
    const headers = appResponseHeaders(contentTypeFor(resolution.filePath))
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers })
  }
}
