/**
 * Scene and live-estimate figures for `npm run bench` (issue 6), measured in headless
 * Chromium (SwiftShader, so frame times are relative figures) against the real web host.
 *
 * - sceneDrawCalls20kLigands: WebGL draw calls of one frame with 20,000 ligands (instancing:
 *   the same as with 250).
 * - sceneFrameMs20kLigands: median wall time from an orbit-zoom wheel event to the next
 *   rendered frame with 20,000 ligands on the particle (measured inside the page).
 * - sliderToChartMs: median time from a core-diameter slider change to the estimate panel's
 *   updated text (engine in its worker, React commit), measured inside the page.
 *
 * Needs `npx electron-vite build` first (the web host serves out/renderer).
 */
import type { Page } from 'playwright-core'
import { launchChromium } from '../tests/e2e/support/browser'
import { startWebHost } from '../tests/e2e/support/web-host'
import type { Benchmark, Figure } from './harness'

const WAIT = { timeout: 120_000 } as const

function median(xs: ReadonlyArray<number>): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** What the renderer's scene probe publishes (renderer/env.d.ts NanoforgeSceneInfo). */
interface SceneInfo {
  readonly frame: number
  readonly calls: number
  readonly instances: number
  readonly renderer: string
}

// In-page code is passed as strings: this file is type-checked with the Node libs (no DOM).
const PROBE = 'window.__nanoforgeScene ?? null'

async function probe(page: Page): Promise<SceneInfo> {
  const s = await page.evaluate<SceneInfo | null>(PROBE)
  if (!s) throw new Error('scene probe missing')
  return s
}

/** Resolves when the page's probe satisfies a condition (a JS expression over `s`). */
async function waitForProbe(page: Page, condition: string): Promise<void> {
  await page.waitForFunction(`(() => { const s = window.__nanoforgeScene; return s !== undefined && (${condition}) })()`, null, WAIT)
}

/** Draw calls with 250 and with 20,000 ligands, set through the property panel. */
async function drawCalls(page: Page): Promise<{ small: number; large: number }> {
  const count = page.getByRole('spinbutton', { name: 'Ligands per particle', exact: true })
  await count.fill('250')
  await waitForProbe(page, 's.instances === 250')
  const small = (await probe(page)).calls
  await count.fill('20000')
  await waitForProbe(page, 's.instances === 20000')
  return { small, large: (await probe(page)).calls }
}

/**
 * Median ms per rendered frame with 20,000 ligands: inside the page, a wheel event (orbit
 * zoom) is dispatched on the canvas and the time until the probe reports the next frame is
 * taken; no DevTools round trip is included.
 */
async function frameMs(page: Page, steps = 15): Promise<number> {
  const samples = await page.evaluate<number[]>(`(async () => {
    const canvas = document.querySelector('.canvas-host canvas')
    const sink = document.createElement('canvas').getContext('2d', { willReadFrequently: true })
    if (!canvas || !sink) throw new Error('canvas missing')
    const frame = () => window.__nanoforgeScene?.frame ?? 0
    const out = []
    for (let i = 0; i < ${steps}; i++) {
      const f0 = frame()
      const t0 = performance.now()
      canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: i % 2 ? 20 : -20, bubbles: true, cancelable: true, clientX: 10, clientY: 10 }))
      while (frame() === f0) await new Promise((r) => requestAnimationFrame(r))
      // Reading a pixel back waits for the GPU (SwiftShader) to finish the frame.
      sink.drawImage(canvas, 0, 0, 1, 1)
      sink.getImageData(0, 0, 1, 1)
      out.push(performance.now() - t0)
      // Let damping settle so each sample starts from an idle canvas.
      let last = -1
      while (last !== frame()) {
        last = frame()
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    return out
  })()`)
  return median(samples)
}

/** Median ms from a slider change to the estimate panel showing a different text. */
async function sliderToChart(page: Page, runs = 9): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const position = 500 + (i % 2 === 0 ? 40 + i : -40 - i)
    samples.push(await page.evaluate<number>(`(async () => {
      const slider = document.querySelector('input[type="range"][aria-label="Core diameter slider (nm)"]')
      const body = document.querySelector('.estimates-body')
      if (!slider || !body) throw new Error('slider or estimates panel missing')
      const before = body.innerText
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('estimate did not change within 30 s')), 30000)
        const t0 = performance.now()
        const observer = new MutationObserver(() => {
          if (body.innerText !== before) {
            observer.disconnect()
            clearTimeout(timer)
            resolve(performance.now() - t0)
          }
        })
        observer.observe(body, { subtree: true, childList: true, characterData: true })
        setValue.call(slider, '${position}')
        slider.dispatchEvent(new Event('input', { bubbles: true }))
      })
    })()`))
  }
  return median(samples)
}

/** The scene and slider-to-chart benchmarks (one browser, one web host). */
export const sceneBenchmarks: Benchmark = {
  name: 'scene',
  async run(): Promise<ReadonlyArray<Figure>> {
    const host = await startWebHost()
    const browser = await launchChromium()
    try {
      // The app's CSP forbids eval; the in-page probes below are strings (Node-typed file), so
      // this bench-only context bypasses it. The app code runs unchanged.
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, bypassCSP: true })
      const page = await context.newPage()
      await page.goto(host.url)
      await waitForProbe(page, 's.frame > 0')
      await page.waitForFunction(`document.querySelector('.estimates-body')?.textContent?.includes('t50') === true`, null, WAIT)
      const slider = await sliderToChart(page)
      const calls = await drawCalls(page)
      const frame = await frameMs(page)
      const { renderer } = await probe(page)
      return [
        { name: 'sceneDrawCalls20kLigands', value: calls.large, unit: 'calls', target: calls.small, note: `same as 250 ligands (${calls.small}); ${renderer}` },
        { name: 'sceneFrameMs20kLigands', value: frame, unit: 'ms', note: 'median wheel-zoom → next rendered frame, in page; SwiftShader, relative figure' },
        { name: 'sliderToChartMs', value: slider, unit: 'ms', target: 100, note: 'core-diameter slider input → estimate panel text changed (worker + React)' },
      ]
    } finally {
      await browser.close()
      await host.stop()
    }
  },
}
