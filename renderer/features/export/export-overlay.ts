import type { Measurement } from '../../scene/view-measurements'
import { niceLength, scaleBarTargetPx } from '../../scene/view-rigs'

/** What a PNG export burns in besides the particle. */
export interface OverlayContent {
  /** Pixels per nm at the particle's centre, in the exported image. */
  readonly pixelsPerNm: number
  readonly measurements: ReadonlyArray<Measurement>
  /** Caption lines, first one bold (the design name), then what the scene shows. */
  readonly caption: ReadonlyArray<string>
}

/** Where everything goes in an image of `widthPx × heightPx`. */
export interface OverlayLayout {
  /** Base text size, px: 1/45 of the shorter side, at least 14 px (48 px at 4K). */
  readonly fontPx: number
  readonly marginPx: number
  /** The scale bar: a 1-2-5 length in nm and where its line lies (x, y of its left end, length in px). */
  readonly scaleBar: { readonly nm: number; readonly x: number; readonly y: number; readonly lengthPx: number; readonly thicknessPx: number; readonly label: string } | null
  /** The measurements box in the top-right corner (rows: label left, value right). */
  readonly measures: { readonly x: number; readonly y: number; readonly width: number; readonly rowPx: number; readonly rows: ReadonlyArray<Measurement> } | null
  /** The caption band along the bottom edge. */
  readonly caption: { readonly y: number; readonly height: number; readonly lines: ReadonlyArray<string> } | null
}

/**
 * Where a PNG export puts its scale bar, measurements and caption.
 *
 * Why: a figure cut from the app must carry its own scale and numbers (issue 12: "PNGs carry
 * neither scale bar nor measurements; labels are cut at 4K"). Everything scales with the
 * image, not the screen, so a 4K export reads like the screen does; the scale bar follows
 * the rule of the on-screen bar (1-2-5 × 10ⁿ nm near 12 % of the width), measured at the
 * particle's centre in the exported image's own pixels.
 */
export function overlayLayout(widthPx: number, heightPx: number, content: OverlayContent, measureText: (text: string, px: number, bold: boolean) => number): OverlayLayout {
  const fontPx = Math.max(14, Math.round(Math.min(widthPx, heightPx) / 45))
  const marginPx = Math.round(fontPx * 0.9)
  const lineGap = Math.round(fontPx * 1.35)
  const lines = content.caption.filter((l) => l.trim() !== '')
  const captionHeight = lines.length ? lines.length * lineGap + marginPx : 0
  const caption = lines.length ? { y: heightPx - captionHeight, height: captionHeight, lines } : null

  let scaleBar: OverlayLayout['scaleBar'] = null
  const ppn = content.pixelsPerNm
  if (ppn > 0 && Number.isFinite(ppn)) {
    const nm = niceLength(scaleBarTargetPx(widthPx) / ppn)
    const lengthPx = nm * ppn
    if (nm > 0 && lengthPx <= widthPx - 2 * marginPx) {
      const thicknessPx = Math.max(3, Math.round(fontPx / 5))
      // Above the caption band, at the left margin, with its label under the line.
      const y = (caption ? caption.y : heightPx) - marginPx - fontPx * 1.4
      scaleBar = { nm, x: marginPx, y, lengthPx, thicknessPx, label: `${nm.toLocaleString('en-US')} nm` }
    }
  }

  let measures: OverlayLayout['measures'] = null
  if (content.measurements.length) {
    const gap = fontPx
    const labelW = Math.max(...content.measurements.map((m) => measureText(m.label, fontPx, false)))
    const valueW = Math.max(...content.measurements.map((m) => measureText(m.value, fontPx, true)))
    const width = Math.min(widthPx - 2 * marginPx, labelW + gap + valueW + fontPx)
    measures = { x: widthPx - marginPx - width, y: marginPx, width, rowPx: lineGap, rows: content.measurements }
  }
  return { fontPx, marginPx, scaleBar, measures, caption }
}

const FONT = 'system-ui, "DejaVu Sans", "Segoe UI", sans-serif'

/** Draws an overlay layout onto a 2D canvas (text in white on dark translucent boxes, legible on any background). */
export function drawOverlay(ctx: CanvasRenderingContext2D, layout: OverlayLayout, widthPx: number): void {
  const { fontPx, marginPx } = layout
  const pad = Math.round(fontPx * 0.45)
  ctx.save()
  ctx.textBaseline = 'top'
  if (layout.caption) {
    ctx.fillStyle = 'rgba(10, 14, 22, 0.78)'
    ctx.fillRect(0, layout.caption.y, widthPx, layout.caption.height)
    layout.caption.lines.forEach((line, i) => {
      ctx.font = `${i === 0 ? '700 ' : ''}${fontPx}px ${FONT}`
      ctx.fillStyle = i === 0 ? '#ffffff' : '#d6dee9'
      ctx.fillText(line, marginPx, layout.caption!.y + marginPx / 2 + i * Math.round(fontPx * 1.35), widthPx - 2 * marginPx)
    })
  }
  if (layout.scaleBar) {
    const b = layout.scaleBar
    ctx.font = `${fontPx}px ${FONT}`
    const labelW = ctx.measureText(b.label).width
    ctx.fillStyle = 'rgba(10, 14, 22, 0.6)'
    ctx.fillRect(b.x - pad, b.y - pad, Math.max(b.lengthPx, labelW) + 2 * pad, b.thicknessPx + fontPx * 1.3 + 2 * pad)
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(b.x, b.y, b.lengthPx, b.thicknessPx)
    ctx.fillText(b.label, b.x, b.y + b.thicknessPx + fontPx * 0.25)
  }
  if (layout.measures) {
    const m = layout.measures
    ctx.fillStyle = 'rgba(15, 20, 32, 0.82)'
    ctx.fillRect(m.x - pad, m.y - pad, m.width + 2 * pad, m.rows.length * m.rowPx + 2 * pad)
    m.rows.forEach((row, i) => {
      const y = m.y + i * m.rowPx
      ctx.font = `${fontPx}px ${FONT}`
      ctx.fillStyle = '#9aa7ba'
      ctx.textAlign = 'left'
      ctx.fillText(row.label, m.x, y)
      ctx.font = `700 ${fontPx}px ${FONT}`
      ctx.fillStyle = '#ffffff'
      ctx.textAlign = 'right'
      ctx.fillText(row.value, m.x + m.width, y)
    })
    ctx.textAlign = 'left'
  }
  ctx.restore()
}
