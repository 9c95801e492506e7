import { describe, expect, it, vi } from 'vitest'

// Electron is the platform and cannot run here: BrowserWindow is a recorder.
const created = vi.hoisted(() => [] as Array<{ options: Record<string, unknown>; calls: string[] }>)
vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents = { id: 7 }
    private readonly record: { options: Record<string, unknown>; calls: string[] }
    constructor(options: Record<string, unknown>) {
      this.record = { options, calls: [] }
      created.push(this.record)
    }
    once(event: string) {
      this.record.calls.push(`once:${event}`)
      return this
    }
    loadURL(url: string) {
      this.record.calls.push(`loadURL:${url}`)
      return Promise.resolve()
    }
    show() {}
  }
  return { BrowserWindow }
})

const { applicationMenuTemplate, createMainWindow, secureWebPreferences } = await import('../../electron/main/window')

// Items 2-4 and 6-11 of docs/security.md §1, checked on the one
// window factory's options (not on Electron's internal getLastWebPreferences).

describe('secureWebPreferences (items 2-4, 6-11)', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs')

  it('matches the reviewed snapshot exactly', () => {
    expect(prefs).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      devTools: false,
    })
  })

  it('item 2: no Node integration anywhere', () => {
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
  })

  it('item 3: context isolation; item 4: sandbox', () => {
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
  })

  it('item 4: the sandboxed preload is the CommonJS bundle', () => {
    expect(prefs.preload).toMatch(/\.cjs$/)
  })

  it('items 6, 8, 9, 10, 11', () => {
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs.webviewTag).toBe(false)
  })

  it('DevTools only when asked for (development)', () => {
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true)
  })
})

describe('createMainWindow (items 1, 17, 18)', () => {
  it('uses secureWebPreferences, trusts the sender before loading, loads app://bundle/index.html', () => {
    created.length = 0
    createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      dev: false,
      trustSender: (contents) => {
        created.at(-1)?.calls.push(`trust:${contents.id}`)
      },
    })
    expect(created).toHaveLength(1)
    const [window] = created
    expect(window?.options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs'))
    expect(window?.options.show).toBe(false)
    const calls = window?.calls ?? []
    expect(calls).toContain('trust:7')
    expect(calls).toContain('loadURL:app://bundle/index.html')
    expect(calls.indexOf('trust:7')).toBeLessThan(calls.indexOf('loadURL:app://bundle/index.html'))
    expect(window?.calls.filter((c) => c.startsWith('loadURL:'))).toHaveLength(1)
  })
})

describe('application menu (item 15, §3.4)', () => {
  it('has roles only: no help links that open the browser, DevTools only in development', () => {
    const flatten = (items: ReadonlyArray<Record<string, unknown>>): Array<Record<string, unknown>> =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu as Array<Record<string, unknown>>) : [])])
    const packaged = flatten(applicationMenuTemplate('linux', false) as Array<Record<string, unknown>>)
    expect(packaged.some((item) => 'click' in item)).toBe(false)
    expect(packaged.some((item) => item.role === 'help')).toBe(false)
    expect(packaged.some((item) => item.role === 'toggleDevTools')).toBe(false)
    const dev = flatten(applicationMenuTemplate('darwin', true) as Array<Record<string, unknown>>)
    expect(dev.some((item) => item.role === 'toggleDevTools')).toBe(true)
    expect(dev[0]?.role).toBe('appMenu')
  })
})
