import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_URL_ALLOWLIST,
  applySessionHardening,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  guardNavigation,
  hardenWebContents,
  isAllowedExternalUrl,
  isAllowedRequestUrl,
  isAppUrl,
  withContentSecurityPolicy,
  type HardenableContents,
  type HardenableSession,
} from '../../electron/main/security'

// Checklist items refer to docs/security.md §1.

/** A fake session recording what applySessionHardening installs (Electron is the platform). */
function fakeSession() {
  const calls = {
    permissionRequest: undefined as undefined | ((...args: never[]) => unknown),
    permissionCheck: undefined as undefined | ((...args: never[]) => unknown),
    devicePermission: undefined as undefined | ((...args: never[]) => unknown),
    beforeRequestFilter: undefined as unknown,
    beforeRequest: undefined as undefined | ((details: { url: string; resourceType: string }, cb: (r: { cancel?: boolean }) => void) => void),
    headersReceived: undefined as
      | undefined
      | ((details: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void),
  }
  const session = {
    setPermissionRequestHandler: (handler: never) => {
      calls.permissionRequest = handler
    },
    setPermissionCheckHandler: (handler: never) => {
      calls.permissionCheck = handler
    },
    setDevicePermissionHandler: (handler: never) => {
      calls.devicePermission = handler
    },
    webRequest: {
      onBeforeRequest: (filter: unknown, listener: never) => {
        calls.beforeRequestFilter = filter
        calls.beforeRequest = listener
      },
      onHeadersReceived: (listener: never) => {
        calls.headersReceived = listener
      },
    },
  }
  return { session: session as unknown as HardenableSession, calls }
}

function runBeforeRequest(calls: ReturnType<typeof fakeSession>['calls'], url: string): boolean | undefined {
  let cancel: boolean | undefined
  calls.beforeRequest?.({ url, resourceType: 'xhr' }, (response) => {
    cancel = response.cancel
  })
  return cancel
}

describe('item 1 / §3.2: only our own content loads, the network is blocked', () => {
  it('allows app://bundle, data: and blob: URLs', () => {
    for (const url of [APP_ENTRY_URL, 'app://bundle/assets/index-abc.js', 'data:image/png;base64,AAAA', 'blob:app://bundle/1b2c']) {
      expect(isAllowedRequestUrl(url, { dev: false }), url).toBe(true)
    }
  })

  it('cancels http, https, ws, wss, ftp, file, other app hosts and junk', () => {
    for (const url of [
      'http://example.org/',
      'https://example.org/x.js',
      'ws://127.0.0.1:8080/',
      'wss://example.org/socket',
      'ftp://example.org/',
      'file:///etc/passwd',
      'app://bundle.evil/index.html',
      'app://evil/index.html',
      'chrome-extension://abc/x.js',
      'not a url',
      '',
    ]) {
      expect(isAllowedRequestUrl(url, { dev: true }), url).toBe(false)
    }
  })

  it('allows devtools: only in development', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', { dev: true })).toBe(true)
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', { dev: false })).toBe(false)
  })

  it('the session filter covers <all_urls> and cancels https while letting app:// through', () => {
    const { session, calls } = fakeSession()
    const blocked: string[] = []
    applySessionHardening(session, { dev: false, onBlocked: (url) => blocked.push(url) })
    expect(calls.beforeRequestFilter).toEqual({ urls: ['<all_urls>'] })
    expect(runBeforeRequest(calls, 'https://example.org/telemetry')).toBe(true)
    expect(runBeforeRequest(calls, 'ws://localhost:5173/')).toBe(true)
    expect(runBeforeRequest(calls, APP_ENTRY_URL)).toBe(false)
    expect(blocked).toEqual(['https://example.org/telemetry', 'ws://localhost:5173/'])
  })
})

describe('item 5: every permission is denied', () => {
  const permissions = [
    'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen',
    'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb',
    'display-capture', 'idle-detection', 'storage-access', 'window-management', 'unknown',
  ]

  it.each(permissions)('request for %s is refused', (permission) => {
    const callback = vi.fn()
    denyPermissionRequest({}, permission, callback)
    expect(callback).toHaveBeenCalledExactlyOnceWith(false)
  })

  it('checks are refused', () => {
    expect(denyPermissionCheck()).toBe(false)
  })

  it('applySessionHardening installs deny-all request, check and device handlers', () => {
    const { session, calls } = fakeSession()
    applySessionHardening(session, { dev: true })
    const callback = vi.fn()
    ;(calls.permissionRequest as (wc: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'geolocation', callback)
    expect(callback).toHaveBeenCalledWith(false)
    expect((calls.permissionCheck as () => boolean)()).toBe(false)
    expect((calls.devicePermission as () => boolean)()).toBe(false)
  })
})

describe('item 7 / §3.3: Content-Security-Policy', () => {
  it('is the §3.3 policy: nothing by default, scripts only from self, no inline or eval', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/)
        return [name, values] as const
      }),
    )
    expect(directives.get('default-src')).toEqual(["'none'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('connect-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    expect(directives.get('frame-ancestors')).toEqual(["'none'"])
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/)
  })

  it('replaces a weaker CSP header whatever its letter case', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' })
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })

  it('the session adds the CSP to app:// responses only', () => {
    const { session, calls } = fakeSession()
    applySessionHardening(session, { dev: false })
    let appHeaders: Record<string, string[]> | undefined
    calls.headersReceived?.({ url: APP_ENTRY_URL, responseHeaders: {} }, (r) => {
      appHeaders = r.responseHeaders
    })
    expect(appHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    let otherHeaders: Record<string, string[]> | undefined = {}
    calls.headersReceived?.({ url: 'devtools://devtools/x', responseHeaders: {} }, (r) => {
      otherHeaders = r.responseHeaders
    })
    expect(otherHeaders).toBeUndefined()
  })
})

describe('item 18: the app scheme is privileged without bypassCSP', () => {
  it('is standard, secure and fetch-capable, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    })
    expect('bypassCSP' in APP_SCHEME_PRIVILEGES.privileges).toBe(false)
  })
})

describe('item 13: isAppUrl judges origins with the URL parser', () => {
  it('accepts our origin', () => {
    expect(APP_ORIGIN).toBe('app://bundle')
    for (const url of ['app://bundle/', 'app://bundle/index.html', 'app://bundle/a/b.js?x=1#h', 'app://bundle']) {
      expect(isAppUrl(url), url).toBe(true)
    }
  })

  it('rejects lookalikes, credentials, ports, other schemes and garbage', () => {
    for (const url of [
      'app://bundle.evil/index.html',
      'app://bundle.evil',
      'app://evil.bundle/',
      'app://bundle@evil/',
      'app://user:pw@bundle/',
      'app://bundle:8080/',
      'app://evil/app://bundle/',
      'https://bundle/',
      'https://example.org/?app://bundle/',
      'app:bundle/index.html',
      'app:///bundle/index.html',
      'file:///bundle/index.html',
      'javascript:alert(1)//app://bundle',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })
})

/** A fake webContents: records the window-open handler and keeps real listeners (EventEmitter). */
function fakeContents() {
  const emitter = new EventEmitter()
  let openHandler: ((details: never) => { action: string }) | undefined
  const contents = {
    setWindowOpenHandler: (handler: never) => {
      openHandler = handler
    },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener)
      return contents
    },
  }
  return { contents: contents as unknown as HardenableContents, emitter, openHandler: () => openHandler }
}

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() }
}

describe('items 11-14: hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s away from app://bundle is prevented', (name) => {
    const { contents, emitter } = fakeContents()
    hardenWebContents(contents)
    for (const url of ['https://example.org/', 'app://bundle.evil/index.html', 'file:///etc/passwd', 'app://bundle@evil/']) {
      const event = navigationEvent(url)
      emitter.emit(name, event, url)
      expect(event.preventDefault, `${name} ${url}`).toHaveBeenCalledOnce()
    }
  })

  it('navigation within app://bundle is allowed', () => {
    const { contents, emitter } = fakeContents()
    hardenWebContents(contents)
    const event = navigationEvent('app://bundle/index.html#designs')
    emitter.emit('will-navigate', event, event.url)
    expect(event.preventDefault).not.toHaveBeenCalled()
  })

  it('guardNavigation reports its decision', () => {
    expect(guardNavigation(navigationEvent('app://bundle/'))).toBe(true)
    expect(guardNavigation(navigationEvent('app://bundle.evil/'))).toBe(false)
  })

  it('item 14: window.open is denied for any URL, including our own', () => {
    const { contents, openHandler } = fakeContents()
    hardenWebContents(contents)
    const handler = openHandler()
    expect(handler).toBe(denyWindowOpen)
    expect(handler?.({ url: 'https://example.org/' } as never)).toEqual({ action: 'deny' })
    expect(handler?.({ url: APP_ENTRY_URL } as never)).toEqual({ action: 'deny' })
  })

  it('items 11/12: will-attach-webview is always prevented', () => {
    const { contents, emitter } = fakeContents()
    hardenWebContents(contents)
    const event = { preventDefault: vi.fn() }
    emitter.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'app://bundle/index.html' })
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })
})

describe('item 15: shell.openExternal allowlist', () => {
  it('is empty offline, so nothing is ever opened', () => {
    expect(EXTERNAL_URL_ALLOWLIST).toEqual([])
    expect(Object.isFrozen(EXTERNAL_URL_ALLOWLIST)).toBe(true)
    for (const url of ['https://electronjs.org/', 'https://example.org/docs', APP_ENTRY_URL]) {
      expect(isAllowedExternalUrl(url), url).toBe(false)
    }
  })

  const allowlist = ['https://docs.example.org/nanoforge/guide']

  it('accepts an exact allowlisted https URL', () => {
    expect(isAllowedExternalUrl('https://docs.example.org/nanoforge/guide', allowlist)).toBe(true)
    expect(isAllowedExternalUrl('https://DOCS.example.org/nanoforge/guide', allowlist)).toBe(true)
  })

  it.each([
    'file:///C:/Windows/System32/calc.exe',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://evil.example/share/payload.exe',
    'ms-msdt:/id PCWDiagnostic /skip force',
    'http://docs.example.org/nanoforge/guide',
    'https://docs.example.org.evil.com/nanoforge/guide',
    'https://docs.example.org@evil.com/nanoforge/guide',
    'https://user@docs.example.org/nanoforge/guide',
    'https://docs.example.org:444/nanoforge/guide',
    'https://evil.com/?u=https://docs.example.org/nanoforge/guide',
    'https://docs.example.org/nanoforge/guide/../../evil',
    'https://docs.example.org/nanoforge/guide?x=1',
    'https://docs.example.org/nanoforge/guide-evil',
    'https://docs.exampIe.org/nanoforge/guide',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAllowedExternalUrl(url, allowlist)).toBe(false)
  })
})
