import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, dialog, Menu, protocol, session, type BrowserWindow, type Session } from 'electron'
import { defaultDatabasePath } from '../db/paths'
import { openDesignLibrary } from '../db/library'
import { createHandlers } from '../services/handlers'
import { registerIpcHandlers } from '../ipc/register'
import { trustedSenders } from '../ipc/trusted-senders'
import { createAppProtocolHandler } from './protocol'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, applySessionHardening, hardenWebContents } from './security'
import { applicationMenuTemplate, createMainWindow } from './window'

/**
 * Main-process bootstrap: thin wiring of the decisions in security.ts, protocol.ts,
 * window.ts and electron/ipc (docs/security.md §1, §3, §4).
 * No auto-updater, crash uploader or telemetry is ever started, and no renderer URL is
 * passed to `shell.openExternal` (§3.4, item 15).
 */

/** Relative location of the Electron-ABI build of better-sqlite3 (scripts/build-electron-sqlite.mjs). */
export const ELECTRON_SQLITE_BINDING = join('native', 'electron', 'better_sqlite3.node')

/** Where the app's files are, as seen from the running main bundle. */
export interface AppLocations {
  readonly isPackaged: boolean
  /** `app.getAppPath()`: the project root in development, `.../resources/app.asar` packaged. */
  readonly appPath: string
  /** `process.resourcesPath`. */
  readonly resourcesPath: string
}

/**
 * Path of better-sqlite3's Electron build.
 *
 * Why: the copy in node_modules is built for Node's ABI (tests and the CLI use it), so
 * Electron loads its own build: shipped via `extraResources` next to app.asar when
 * packaged (a native module cannot be loaded from inside an asar), and from `native/electron`
 * in the project during development.
 */
export function nativeBindingPath(locations: AppLocations): string {
  return locations.isPackaged
    ? join(locations.resourcesPath, ELECTRON_SQLITE_BINDING)
    : join(locations.appPath, ELECTRON_SQLITE_BINDING)
}

/** Directory of this bundle (`out/main`); `out/renderer` and `out/preload` are its siblings. */
const mainDir = dirname(fileURLToPath(import.meta.url))

/** The built renderer served under app://bundle (item 18). */
export const RENDERER_ROOT = join(mainDir, '..', 'renderer')

/** The built, CommonJS preload (a sandboxed preload must be CommonJS; docs/environment.md §C). */
export const PRELOAD_PATH = join(mainDir, '..', 'preload', 'index.cjs')

// Before `ready`: item 4 (sandbox every renderer) and item 18 (privileged app:// scheme
// without bypassCSP). Both must happen before the app is ready to take effect.
app.enableSandbox()
app.setName('NanoForge')
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])

const dev = !app.isPackaged

function hardenSession(target: Session): void {
  applySessionHardening(target, {
    dev,
    onBlocked: (url, resourceType) => console.warn(`[security] blocked ${resourceType} request to ${url}`),
  })
}

// Items 11-14 for every webContents, including ones the app did not create itself.
app.on('web-contents-created', (_event, contents) => {
  hardenWebContents(contents)
})
// Items 1, 5, 7 for every later session or partition too (§3.2).
app.on('session-created', (created) => {
  hardenSession(created)
})

let mainWindow: BrowserWindow | undefined
/** Set once IPC is registered; macOS `activate` must not open a window before that. */
let started = false

function openWindow(): void {
  mainWindow = createMainWindow({
    preloadPath: PRELOAD_PATH,
    dev,
    trustSender: (contents) => trustedSenders.add(contents),
  })
  mainWindow.on('closed', () => {
    mainWindow = undefined
  })
}

/** Runs once Electron is ready: harden, serve, open the library, register IPC, show the window. */
async function start(): Promise<void> {
  hardenSession(session.defaultSession)
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_ROOT))
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, dev)))

  const databasePath = defaultDatabasePath()
  let library: ReturnType<typeof openDesignLibrary>
  try {
    library = openDesignLibrary({
      path: databasePath,
      nativeBinding: nativeBindingPath({
        isPackaged: app.isPackaged,
        appPath: app.getAppPath(),
        resourcesPath: process.resourcesPath,
      }),
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    dialog.showErrorBox('NanoForge cannot open its design library', `${databasePath}\n\n${message}`)
    app.exit(1)
    return
  }
  app.on('will-quit', () => {
    try {
      library.close()
    } catch (error) {
      console.error('[main] closing the design library failed', error)
    }
  })

  const handlers = createHandlers(library, { host: 'electron', appVersion: app.getVersion() })
  registerIpcHandlers(handlers, (id) => trustedSenders.isTrusted(id), {
    validateResponse: dev,
    log: (message) => console.warn(`[ipc] ${message}`),
  })
  openWindow()
  started = true
}

// One instance at a time: two processes writing one SQLite library is avoidable contention.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow === undefined) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', () => {
    if (mainWindow === undefined && started) openWindow()
  })
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[main] startup failed', error)
      app.exit(1)
    })
}
