import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { REPO_ROOT } from './web-host'

/** The three screens the app must work on (issue 12): laptop, desk, 4K projector/monitor. */
export const SCREEN_SIZES: ReadonlyArray<{ readonly width: number; readonly height: number }> = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
]

/** Where the e2e run writes screenshots for reviewers (git-ignored). */
export const SCREENS_DIR = join(REPO_ROOT, '.reports', 'screens')

/** Writes a full-window screenshot as `.reports/screens/<screen>-<w>x<h>.png`. */
export async function saveScreen(page: Page, screen: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true })
  const size = page.viewportSize() ?? { width: 0, height: 0 }
  const path = join(SCREENS_DIR, `${screen}-${size.width}x${size.height}.png`)
  // A screenshot waits for a new frame; with several e2e files sharing two cores and WebGL in
  // SwiftShader, a 1920- or 3840-wide frame can take longer than Playwright's 30 s default. The
  // screenshot is an artefact for reviewers, not a timing check, so it gets a longer wait.
  await page.screenshot({ path, timeout: 120_000 })
  return path
}

/**
 * Why a control is not usable where it is, or null when it is: it must be visible, inside
 * the window, and the topmost element at its centre (nothing such as a legend lying over it).
 */
export async function notClickableReason(locator: Locator): Promise<string | null> {
  await locator.scrollIntoViewIfNeeded()
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    if (r.width < 1 || r.height < 1) return 'has no size'
    const cx = r.left + r.width / 2
    const cy = r.top + r.height / 2
    if (cx < 0 || cy < 0 || cx > window.innerWidth || cy > window.innerHeight) return `centre (${Math.round(cx)}, ${Math.round(cy)}) is outside the window`
    const hit = document.elementFromPoint(cx, cy)
    if (!hit || !(el === hit || el.contains(hit) || hit.contains(el) && hit.tagName === 'LABEL')) {
      return `covered by ${hit ? `${hit.tagName.toLowerCase()}.${String((hit as HTMLElement).className)}` : 'nothing'}`
    }
    return null
  })
}

/** Horizontal overflow of the document and of every pane: elements whose content is wider than their box. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    const doc = document.scrollingElement
    if (doc && doc.scrollWidth > doc.clientWidth) out.push(`document: ${doc.scrollWidth} > ${doc.clientWidth}`)
    for (const pane of document.querySelectorAll<HTMLElement>('[data-pane]')) {
      if (pane.hidden) continue
      if (pane.scrollWidth > pane.clientWidth + 1) out.push(`pane ${pane.dataset.pane}: ${pane.scrollWidth} > ${pane.clientWidth}`)
    }
    // Palette cards: a name or summary wider than its card is cut at the card's edge
    // ("PCL (polycaprolac" at 4K, when the cards kept a 150-px minimum while text grew).
    for (const item of document.querySelectorAll<HTMLElement>('.palette-item')) {
      if (item.scrollWidth > item.clientWidth + 1) out.push(`palette card "${item.querySelector('.palette-name')?.textContent ?? '?'}": ${item.scrollWidth} > ${item.clientWidth}`)
    }
    const form = document.querySelector('.app-form')
    if (form) {
      const right = form.getBoundingClientRect().right
      for (const c of form.querySelectorAll<HTMLElement>('input, select, textarea, button')) {
        const r = c.getBoundingClientRect()
        if (r.width > 0 && r.right > right + 1) out.push(`control ${c.tagName.toLowerCase()}[${c.getAttribute('aria-label') ?? c.id}] ends at ${Math.round(r.right)} > panel ${Math.round(right)}`)
      }
    }
    return out
  })
}

/** Serious and critical axe-core violations on the page, as "rule: target" lines. */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  const require = createRequire(import.meta.url)
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  // Evaluated through the DevTools protocol, so the app's CSP (script-src 'self') stays as it is.
  await page.evaluate(source)
  const result = await page.evaluate(`axe.run(${include ? JSON.stringify({ include: [include] }) : 'document'}, { resultTypes: ['violations'] })`) as {
    violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>
  }
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)}`))
}

/**
 * Height in CSS px of the ink of a uPlot chart's x-axis tick labels, read from the canvas
 * pixels: the rows under the plot area holding opaque pixels (the faint tick marks are
 * transparent enough to be skipped) form runs; the first run is the tick labels, the second
 * the axis title. Digits' ink is about 0.73 of the font size, so this measures the type the
 * reader sees whatever option produced it. Null when the chart has no canvas or no ink there.
 */
export async function axisTickInkPx(page: Page, chartSelector: string): Promise<number | null> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)
    const canvas = root?.querySelector<HTMLCanvasElement>('.uplot canvas')
    const over = root?.querySelector<HTMLElement>('.uplot .u-over')
    const ctx = canvas?.getContext('2d')
    if (!canvas || !over || !ctx) return null
    const ratio = canvas.width / canvas.getBoundingClientRect().width
    const c = canvas.getBoundingClientRect()
    const o = over.getBoundingClientRect()
    const x0 = Math.round((o.left - c.left) * ratio)
    const y0 = Math.round((o.bottom - c.top) * ratio)
    const w = Math.round(o.width * ratio)
    const h = canvas.height - y0
    if (w < 1 || h < 1) return null
    const px = ctx.getImageData(x0, y0, w, h).data
    const inked: boolean[] = []
    for (let y = 0; y < h; y++) {
      let ink = false
      for (let x = 0; x < w && !ink; x++) ink = px[(y * w + x) * 4 + 3]! > 160
      inked.push(ink)
    }
    const first = inked.indexOf(true)
    if (first < 0) return null
    let end = first
    while (end < h && inked[end]) end++
    return (end - first) / ratio
  }, chartSelector)
}

/**
 * Selects inside `scope` whose chosen option's text does not fit the select (the browser then
 * cuts it: "All core mat…"), as "label: text" lines. The text is measured with the select's own
 * font on a canvas; 20 px are kept for the drop-down arrow.
 */
export async function cutSelects(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const ctx = document.createElement('canvas').getContext('2d')
    if (!ctx) return ['no canvas to measure with']
    const out: string[] = []
    for (const select of document.querySelectorAll<HTMLSelectElement>(`${selector} select`)) {
      if (select.offsetParent === null) continue
      const style = getComputedStyle(select)
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
      const text = select.selectedOptions[0]?.textContent ?? ''
      const room = select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 20
      if (ctx.measureText(text).width > room) out.push(`${select.labels[0]?.textContent ?? select.id}: "${text}" (${Math.round(ctx.measureText(text).width)} px in ${Math.round(room)} px)`)
    }
    return out
  }, scope)
}
