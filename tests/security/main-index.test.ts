import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../shared/ipc/contract'

// The bootstrap, run against a recording Electron (the platform cannot launch here). The
// design library and the services are other modules' collaborators: replaced by recorders so
// this test sees only the main-process wiring.
const rec = vi.hoisted(() => {
  const calls: string[] = []
  const appListeners = new Map<string, Array<(...args: unknown[]) => unknown>>()
  let resolveReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    resolveReady = resolve
  })
  const session = {
    setPermissionRequestHandler: () => calls.push('session.setPermissionRequestHandler'),
    setPermissionCheckHandler: () => calls.push('session.setPermissionCheckHandler'),
    setDevicePermissionHandler: () => calls.push('session.setDevicePermissionHandler'),
    webRequest: {
      onBeforeRequest: () => calls.push('session.onBeforeRequest'),
      onHeadersReceived: () => calls.push('session.onHeadersReceived'),
    },
  }
  return {
    calls,
    appListeners,
    ready,
    resolveReady: () => resolveReady(),
    session,
    schemes: [] as unknown[],
    handledSchemes: [] as string[],
    ipcChannels: [] as string[],
    windows: [] as Array<{ webPreferences: Record<string, unknown>; url?: string }>,
    library: { close: () => calls.push('library.close'), readOnly: false },
    openLibraryArgs: [] as unknown[],
    createHandlersArgs: [] as unknown[],
  }
})

vi.mock('electron', () => {
  const app = {
    isPackaged: false,
    enableSandbox: () => rec.calls.push('app.enableSandbox'),
    setName: (name: string) => rec.calls.push(`app.setName:${name}`),
    requestSingleInstanceLock: () => true,
    whenReady: () => rec.ready,
    isReady: () => true,
    getAppPath: () => '/project',
    getVersion: () => '0.1.0',
    quit: () => rec.calls.push('app.quit'),
    exit: (code: number) => rec.calls.push(`app.exit:${code}`),
    on: (event: string, listener: (...args: unknown[]) => unknown) => {
      rec.appListeners.set(event, [...(rec.appListeners.get(event) ?? []), listener])
      return app
    },
  }
  class BrowserWindow {
    readonly webContents = { id: 3, once: () => undefined }
    private readonly record: { webPreferences: Record<string, unknown>; url?: string }
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.record = { webPreferences: options.webPreferences }
      rec.windows.push(this.record)
    }
    on() {
      return this
    }
    once() {
      return this
    }
    loadURL(url: string) {
      this.record.url = url
      return Promise.resolve()
    }
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: () => rec.calls.push('dialog.showErrorBox') },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => rec.calls.push('Menu.setApplicationMenu') },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        rec.calls.push('protocol.registerSchemesAsPrivileged')
        rec.schemes.push(...schemes)
      },
      handle: (scheme: string) => {
        rec.calls.push(`protocol.handle:${scheme}`)
        rec.handledSchemes.push(scheme)
      },
    },
    session: { defaultSession: rec.session },
    ipcMain: { handle: (channel: string) => rec.ipcChannels.push(channel), removeHandler: () => undefined },
  }
})
vi.mock('../../electron/db/paths', () => ({ defaultDatabasePath: () => '/data/nanoforge.db' }))
vi.mock('../../electron/db/library', () => ({
  openDesignLibrary: (opts: unknown) => {
    rec.openLibraryArgs.push(opts)
    rec.calls.push('openDesignLibrary')
    return rec.library
  },
}))
vi.mock('../../electron/services/handlers', () => ({
  createHandlers: (library: unknown, info: unknown) => {
    rec.createHandlersArgs.push(library, info)
    return {}
  },
}))

const main = await import('../../electron/main/index')

describe('before ready (items 4, 18)', () => {
  it('enables the sandbox for every renderer', () => {
    expect(rec.calls).toContain('app.enableSandbox')
  })

  it('registers the app scheme as privileged, without bypassCSP', () => {
    expect(rec.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    expect(JSON.stringify(rec.schemes)).not.toMatch(/bypassCSP/)
  })

  it('names the app and does nothing else before ready', () => {
    expect(rec.calls).toEqual(['app.enableSandbox', 'app.setName:NanoForge', 'protocol.registerSchemesAsPrivileged'])
    expect(rec.windows).toHaveLength(0)
  })

  it('hardens every webContents and every later session', () => {
    expect(rec.appListeners.get('web-contents-created')).toHaveLength(1)
    expect(rec.appListeners.get('session-created')).toHaveLength(1)
  })
})

describe('on ready', () => {
  it('hardens the default session, serves app://, opens the library, registers IPC, then opens the window', async () => {
    rec.resolveReady()
    await vi.waitFor(() => expect(rec.windows).toHaveLength(1))

    const order = (name: string) => rec.calls.indexOf(name)
    expect(rec.calls).toEqual(expect.arrayContaining([
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'session.onBeforeRequest',
      'session.onHeadersReceived',
      'protocol.handle:app',
      'openDesignLibrary',
    ]))
    expect(order('session.onBeforeRequest')).toBeLessThan(order('protocol.handle:app'))
    expect([...rec.ipcChannels].sort()).toEqual([...CHANNELS].sort())

    expect(rec.windows[0]?.url).toBe('app://bundle/index.html')
    expect(rec.windows[0]?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(String(rec.windows[0]?.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/)
  })

  it('opens the library with the Electron build of better-sqlite3 and hands it to the services', () => {
    expect(rec.openLibraryArgs).toEqual([
      { path: '/data/nanoforge.db', nativeBinding: join('/project', 'native', 'electron', 'better_sqlite3.node') },
    ])
    expect(rec.createHandlersArgs).toEqual([rec.library, { host: 'electron', appVersion: '0.1.0' }])
  })

  it('closes the library when the app quits', () => {
    for (const listener of rec.appListeners.get('will-quit') ?? []) listener()
    expect(rec.calls).toContain('library.close')
  })
})

describe('nativeBindingPath', () => {
  it('uses process.resourcesPath when packaged and the project folder in development', () => {
    expect(main.nativeBindingPath({ isPackaged: true, appPath: '/opt/NanoForge/resources/app.asar', resourcesPath: '/opt/NanoForge/resources' })).toBe(
      join('/opt/NanoForge/resources', 'native', 'electron', 'better_sqlite3.node'),
    )
    expect(main.nativeBindingPath({ isPackaged: false, appPath: '/src/nanoforge', resourcesPath: '/x' })).toBe(
      join('/src/nanoforge', 'native', 'electron', 'better_sqlite3.node'),
    )
  })
})
