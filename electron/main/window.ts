import { BrowserWindow, type MenuItemConstructorOptions, type WebPreferences } from 'electron'
import { APP_ENTRY_URL } from './security'

/**
 * The one window factory. Every window goes through {@link createMainWindow} and therefore
 * {@link secureWebPreferences} (docs/security.md §1: "Make every
 * window go through one factory ... Then U can snapshot the exact options").
 */

/** Options for {@link secureWebPreferences} beyond the preload path. */
export interface SecureWebPreferencesOptions {
  /** Allow DevTools; pass `!app.isPackaged` so packaged builds have none. */
  readonly devTools?: boolean
}

/**
 * The web preferences of every NanoForge window, spelled out even where they equal Electron's
 * defaults so a changed default or a careless edit shows up in the snapshot test.
 *
 * Why: checklist items 2 (no Node integration, also not in workers), 3 (context isolation),
 * 4 (sandbox; the preload is a bundled CommonJS file), 6 (webSecurity), 8 (no insecure
 * content), 9 (no experimental features), 10 (no extra Blink features; Auxclick disabled so a
 * middle click cannot open windows), 11 (no webview tag). Spellcheck is off because its
 * dictionaries are downloaded from Google.
 */
export function secureWebPreferences(preloadPath: string, options: SecureWebPreferencesOptions = {}): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools ?? false,
  }
}

/** What {@link createMainWindow} needs from its caller. */
export interface MainWindowOptions {
  /** Absolute path of the built preload, `out/preload/index.cjs`. */
  readonly preloadPath: string
  /** Development build: DevTools allowed. */
  readonly dev: boolean
  /**
   * Marks the window's webContents as a trusted IPC sender (item 17); called before the page
   * loads so its first IPC call is accepted.
   */
  readonly trustSender: (contents: BrowserWindow['webContents']) => void
}

/**
 * Creates the main window and loads `app://bundle/index.html`.
 *
 * Why: item 1 (only our own content, from the custom protocol of item 18, never `file://`
 * or a remote URL). The window is shown on `ready-to-show` to avoid a white flash.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'NanoForge',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#11151c',
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.dev }),
  })
  options.trustSender(window.webContents)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(APP_ENTRY_URL)
  return window
}

/**
 * The application menu: standard roles only.
 *
 * Why: Electron's default menu has Help items that open electronjs.org in the browser; an
 * offline app opens nothing external (item 15, §3.4). DevTools toggling is only offered in
 * development.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, dev: boolean): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(dev ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ]
}
