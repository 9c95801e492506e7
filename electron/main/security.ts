import type { Event, HandlerDetails, Session, WebContents, WindowOpenHandlerResponse } from 'electron'
import { CONTENT_SECURITY_POLICY } from '../../shared/security/http-policy'

/**
 * Security decisions for the main process, as pure functions plus thin wiring.
 *
 * Why: every rule here comes from the Electron security checklist
 * (docs/security.md §1, items cited per export) and the offline
 * defence in depth of §3. Keeping the decisions pure lets tests/security exercise them without
 * launching Electron, which cannot run on the build machines.
 */

/** The custom scheme the UI is served from (checklist item 18: custom protocol, not file://). */
export const APP_SCHEME = 'app'

/** The one host the app scheme serves (the renderer bundle). */
export const APP_HOST = 'bundle'

/**
 * The renderer's origin.
 *
 * Why: navigation (item 13) and IPC sender checks (item 17) compare against it. Node's URL
 * parser reports `origin === 'null'` for non-special schemes, so comparisons use
 * {@link isAppUrl} (scheme + host), never `url.origin` and never `startsWith`.
 */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** The page every window loads (item 1: only load our own content). */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * Privileges for the app scheme, passed to `protocol.registerSchemesAsPrivileged`.
 *
 * Why (item 18): `standard` gives the scheme a real origin (`app://bundle`) so CSP `'self'`,
 * relative URLs and storage work; `secure` makes it a secure context; `supportFetchAPI` lets
 * the renderer fetch its own assets. Deliberately no `bypassCSP`, `corsEnabled`,
 * `allowServiceWorkers` or `stream`: the CSP must apply to our own pages too.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const

/** The app's Content-Security-Policy (shared/security/http-policy.ts; checklist item 7). */
export { CONTENT_SECURITY_POLICY }

/** Options for request filtering. `dev` is `!app.isPackaged`. */
export interface RequestPolicyOptions {
  /** Development build: DevTools' own `devtools:` pages may load. */
  readonly dev: boolean
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True when `url` is on the app origin, `app://bundle`, judged with the URL parser.
 *
 * Why (items 13, 17): `startsWith('app://bundle')` would accept `app://bundle.evil/` or
 * `app://bundle@evil/`. The host must be exactly `bundle`, with no port and no credentials.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url)
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

/**
 * Whether the session may perform a request for `url`.
 *
 * Why (item 1; §3.2 offline enforcement): the app never talks to the network. Allowed are our
 * own `app://bundle` resources, `data:` and `blob:` URLs (textures, worker scripts, exports),
 * and `devtools:` in development only. Everything else (http, https, ws, wss, ftp, file,
 * other app:// hosts, chrome-extension, ...) is cancelled.
 */
export function isAllowedRequestUrl(url: string, options: RequestPolicyOptions): boolean {
  const parsed = parseUrl(url)
  if (parsed === undefined) return false
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return isAppUrl(url)
    case 'data:':
    case 'blob:':
      return true
    case 'devtools:':
      return options.dev
    default:
      return false
  }
}

/**
 * Permission request handler that refuses everything.
 *
 * Why (item 5): a design tool needs no camera, microphone, geolocation, notifications,
 * HID/USB/serial, clipboard-read or fullscreen grants; refusing all means a compromised
 * renderer cannot ask for them either.
 */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false)
}

/** Permission check handler that refuses everything (item 5; pairs with {@link denyPermissionRequest}). */
export function denyPermissionCheck(): boolean {
  return false
}

/** Device permission handler (WebHID/WebUSB/serial) that refuses everything (item 5). */
export function denyDevicePermission(): boolean {
  return false
}

/**
 * Exact https URLs the app may hand to `shell.openExternal`.
 *
 * Why (item 15): the app is offline, so the list is empty and nothing is ever opened. If help
 * links are added later, list complete URLs here, never prefixes or hosts, and never pass
 * a renderer-supplied URL.
 */
export const EXTERNAL_URL_ALLOWLIST: ReadonlyArray<string> = Object.freeze([])

/**
 * Whether `url` may be opened in the user's browser.
 *
 * Why (item 15): `openExternal` with `file:`, `javascript:`, `smb:` or `ms-msdt:` URLs has
 * led to code execution. Only `https:` URLs without credentials or explicit ports that equal
 * an allowlist entry exactly (after URL normalisation) pass, so lookalike hosts
 * (`docs.example.org.evil`), userinfo tricks (`docs.example.org@evil`) and query smuggling
 * fail. With the default empty allowlist this is always false.
 */
export function isAllowedExternalUrl(
  url: string,
  allowlist: ReadonlyArray<string> = EXTERNAL_URL_ALLOWLIST,
): boolean {
  const parsed = parseUrl(url)
  if (parsed === undefined) return false
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') {
    return false
  }
  return allowlist.some((entry) => {
    const allowed = parseUrl(entry)
    return allowed !== undefined && allowed.protocol === 'https:' && allowed.href === parsed.href
  })
}

/**
 * Returns `headers` with our CSP replacing any CSP header already present (any letter case).
 *
 * Why (item 7): used by the session's `onHeadersReceived` for app:// responses so that a
 * response without the protocol handler's header (or with a weaker one) still gets ours.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue
    out[name] = Array.isArray(value) ? value : [value]
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return out
}

/** The subset of `Session` that {@link applySessionHardening} uses (so tests can pass a fake). */
export type HardenableSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'
>

/** Called when a request is blocked; for logging only. */
export type BlockedRequestReporter = (url: string, resourceType: string) => void

/**
 * Hardens one session: deny all permissions, cancel every disallowed request, add the CSP.
 *
 * Why: items 1 and 5, §3.2 and §3.3. Call it for `session.defaultSession` and for every
 * session created later (`app.on('session-created')`), so no partition escapes.
 */
export function applySessionHardening(
  session: HardenableSession,
  options: RequestPolicyOptions & { readonly onBlocked?: BlockedRequestReporter },
): void {
  session.setPermissionRequestHandler(denyPermissionRequest)
  session.setPermissionCheckHandler(denyPermissionCheck)
  session.setDevicePermissionHandler(denyDevicePermission)
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, options)
    if (!allowed) options.onBlocked?.(details.url, details.resourceType)
    callback({ cancel: !allowed })
  })
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isAppUrl(details.url)) {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) })
    } else {
      callback({})
    }
  })
}

/**
 * Window-open handler that refuses every new window.
 *
 * Why (item 14): the app has one window; `window.open` and `target=_blank` links must not
 * create windows, and (item 15) must not open URLs in the browser either.
 */
export function denyWindowOpen(_details?: HandlerDetails): WindowOpenHandlerResponse {
  return { action: 'deny' }
}

/** A navigation-like event: something with a target URL that can be cancelled. */
export interface NavigationEventLike {
  readonly url: string
  preventDefault(): void
}

/**
 * Cancels a navigation unless it stays on `app://bundle`.
 *
 * Why (item 13): a renderer bug or injected link must not take the window to another
 * origin (or another app:// host). Returns whether the navigation was allowed.
 */
export function guardNavigation(event: NavigationEventLike): boolean {
  if (isAppUrl(event.url)) return true
  event.preventDefault()
  return false
}

/**
 * Cancels any `<webview>` attachment.
 *
 * Why (items 11, 12): `webviewTag` is off, and if a webview is ever created anyway it must
 * never attach with preferences we did not choose.
 */
export function preventWebviewAttach(event: Pick<Event, 'preventDefault'>): void {
  event.preventDefault()
}

/** The subset of `WebContents` that {@link hardenWebContents} uses. */
export type HardenableContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>

/**
 * Installs the per-webContents guards: deny window.open, guard navigation and redirects,
 * prevent webview attachment.
 *
 * Why: items 11-14. Called from `app.on('web-contents-created')`, so it covers every
 * webContents, including any the app did not create itself.
 */
export function hardenWebContents(contents: HardenableContents): void {
  contents.setWindowOpenHandler(denyWindowOpen)
  contents.on('will-navigate', (event) => {
    guardNavigation(event)
  })
  contents.on('will-frame-navigate', (event) => {
    guardNavigation(event)
  })
  contents.on('will-redirect', (event) => {
    guardNavigation(event)
  })
  contents.on('will-attach-webview', (event) => {
    preventWebviewAttach(event)
  })
}
