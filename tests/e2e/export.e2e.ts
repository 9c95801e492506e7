import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { openAppSession, type AppSession } from './support/app-session'
import { SCREENS_DIR } from './support/layout-checks'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * PNG export burns in the scale bar, the measurements and a caption (issue 12: "PNGs carry
 * neither scale bar nor measurements"). A 4K export with the burn-in and one without are
 * compared where the burn-in goes; the positions are worked out here from the layout rule
 * (text 1/45 of the shorter side), not read from the app.
 */

const WAIT = { timeout: 90_000 } as const
let app: AppSession

beforeAll(async () => {
  app = await openAppSession({ width: 1600, height: 900 })
  await app.page.goto(app.host.url)
  await app.page.waitForFunction(() => (window.__nanoforgeScene?.frame ?? 0) > 0, null, WAIT)
})
afterAll(async () => {
  await app?.close()
})

async function exportPng(page: Page): Promise<Buffer> {
  const [dl] = await Promise.all([page.waitForEvent('download', WAIT), page.getByRole('button', { name: 'Export PNG' }).click()])
  return readFileSync(await dl.path())
}

/** Counts pixels brighter than `min` (all channels) in each rectangle of a PNG, decoded in the page. */
async function brightPixels(page: Page, png: Buffer, rects: ReadonlyArray<{ x: number; y: number; w: number; h: number }>, min = 200): Promise<number[]> {
  return page.evaluate(async ({ b64, rects: rs, min: m }) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }))
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d')!
    ctx.drawImage(bitmap, 0, 0)
    return rs.map((r) => {
      const d = ctx.getImageData(r.x, r.y, r.w, r.h).data
      let n = 0
      for (let i = 0; i < d.length; i += 4) if (d[i]! >= m && d[i + 1]! >= m && d[i + 2]! >= m) n++
      return n
    })
  }, { b64: png.toString('base64'), rects, min })
}

describe('PNG export with burnt-in scale bar, measurements and caption', () => {
  it('writes a 4K PNG whose scale bar, measurement box and caption are in the pixels', async () => {
    const page = app.page
    await page.getByRole('toolbar', { name: 'Builder tools' }).locator('summary', { hasText: 'Export' }).click()
    await page.getByLabel('PNG size').selectOption('4k')
    const burn = page.getByLabel('Scale bar, measurements and caption')
    expect(await burn.isChecked()).toBe(true)
    const withOverlay = await exportPng(page)
    await burn.uncheck()
    const plain = await exportPng(page)
    await burn.check()
    expect(withOverlay.readUInt32BE(16)).toBe(3840)
    expect(withOverlay.readUInt32BE(20)).toBe(2160)

    // Layout at 3840 × 2160: text 2160/45 = 48 px, margin 0.9 × 48 ≈ 43 px, line 1.35 × 48 ≈ 65 px;
    // two caption lines → band 2 × 65 + 43 = 173 px tall, from y = 1987. The bar sits
    // 43 + 1.4 × 48 = 110 px above the band: y ≈ 1877, 10 px thick, from x = 43.
    const scaleBar = { x: 50, y: 1879, w: 60, h: 5 }
    const caption = { x: 43, y: 1995, w: 1800, h: 150 }
    const measures = { x: 3840 - 700, y: 43, w: 700 - 43, h: 4 * 65 }
    const [barOn, captionOn, measuresOn] = await brightPixels(page, withOverlay, [scaleBar, caption, measures])
    const [barOff, captionOff, measuresOff] = await brightPixels(page, plain, [scaleBar, caption, measures])
    expect(barOn).toBe(scaleBar.w * scaleBar.h) // a solid white bar
    expect(barOff).toBe(0)
    expect(captionOn).toBeGreaterThan(500) // white caption text
    expect(captionOff).toBe(0)
    expect(measuresOn).toBeGreaterThan(500) // white measurement values
    expect(measuresOn).toBeGreaterThan(10 * measuresOff)

    // For reviewers: the exported figure next to the screenshots.
    mkdirSync(SCREENS_DIR, { recursive: true })
    writeFileSync(join(SCREENS_DIR, 'export-png-4k.png'), withOverlay)
  })

  it('raised no page errors', () => {
    expect(app.pageErrors).toEqual([])
  })
})
