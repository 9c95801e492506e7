import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { dispatch } from '../../../../electron/services/dispatch'
import { createHandlers } from '../../../../electron/services/handlers'
import { CHANNELS, contract, type NanoApi } from '../../../../shared/ipc/contract'
import type { Result } from '../../../../shared/ipc/result'

/**
 * What jsdom lacks for uPlot: `matchMedia` (read at import, docs/environment.md §E), a 2D canvas
 * context and Path2D. The context records nothing and draws nothing; it only lets uPlot
 * build its DOM (legend, axes) so the tests can see the chart was made with its series.
 */
export function installCanvasStubs(): void {
  window.matchMedia ??= ((query: string) => ({
    matches: false, media: query, onchange: null,
    addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia
  const g = globalThis as unknown as { Path2D?: unknown }
  g.Path2D ??= class {
    moveTo(): void {}
    lineTo(): void {}
    rect(): void {}
    arc(): void {}
    bezierCurveTo(): void {}
    quadraticCurveTo(): void {}
    closePath(): void {}
    addPath(): void {}
  }
  const makeContext = (canvas: HTMLCanvasElement): unknown => {
    const stored: Record<string | symbol, unknown> = {}
    return new Proxy({}, {
      get(_target, prop) {
        if (prop === 'canvas') return canvas
        if (prop in stored) return stored[prop]
        if (prop === 'measureText') return () => ({ width: 10, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 })
        if (prop === 'getLineDash') return () => []
        if (prop === 'createLinearGradient' || prop === 'createPattern') return () => ({ addColorStop() {} })
        return () => undefined
      },
      set(_target, prop, value) {
        stored[prop] = value
        return true
      },
    })
  }
  HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement) {
    return makeContext(this)
  } as unknown as typeof HTMLCanvasElement.prototype.getContext
}

/** A NanoApi that runs every call through the real handlers and dispatch on a temp SQLite file. */
export interface DispatchApi {
  readonly api: NanoApi
  readonly library: DesignLibrary
  readonly close: () => void
}

/**
 * The real backend in-process: the renderer's stores talk to the same handlers, validation
 * and SQLite store the web host runs, without HTTP.
 */
export function createDispatchApi(): DispatchApi {
  // Not tests/unit/electron/helpers.ts: its import.meta.url reading breaks under jsdom's URL.
  const dir = mkdtempSync(join(tmpdir(), 'nanoforge-release-ui-'))
  const library = openDesignLibrary({ path: join(dir, 'lib.db') })
  const handlers = createHandlers(library, { host: 'web', appVersion: 'test' })
  const api: Record<string, (req: unknown) => Promise<Result<unknown>>> = {}
  for (const channel of CHANNELS) {
    api[contract[channel].method] = (req: unknown) => dispatch(handlers, channel, req)
  }
  return {
    api: api as unknown as NanoApi,
    library,
    close: () => {
      library.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
