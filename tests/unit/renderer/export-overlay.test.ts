import { describe, expect, it } from 'vitest'
import { overlayLayout } from '../../../renderer/features/export/export-overlay'
import { exportFovDeg } from '../../../renderer/features/export/export-scene'

/** Text width stand-in: 0.6 em per character (the layout only needs a monotone measure). */
const measure = (text: string, px: number): number => 0.6 * px * text.length
const MEASURES = [{ label: 'Core Ø', value: '120 nm' }, { label: 'Hydrodynamic Ø', value: '136 nm' }]

describe('PNG overlay layout', () => {
  it('scales text with the image: 48 px at 4K, never under 14 px', () => {
    expect(overlayLayout(3840, 2160, { pixelsPerNm: 5, measurements: [], caption: [] }, measure).fontPx).toBe(48)
    expect(overlayLayout(800, 450, { pixelsPerNm: 5, measurements: [], caption: [] }, measure).fontPx).toBe(14)
  })

  it('draws a 1-2-5 scale bar near 12 % of the width, measured in the image\'s own pixels', () => {
    // 12 % of 3840 px = 460.8 px; at 5 px/nm that is 92.2 nm → 50 nm, 250 px long.
    const big = overlayLayout(3840, 2160, { pixelsPerNm: 5, measurements: [], caption: ['A', 'B'] }, measure).scaleBar
    expect(big).toMatchObject({ nm: 50, lengthPx: 250, label: '50 nm', x: 43 })
    // A small image: 140 px minimum; at 0.8 px/nm → 175 nm → 100 nm, 80 px.
    const small = overlayLayout(800, 450, { pixelsPerNm: 0.8, measurements: [], caption: [] }, measure).scaleBar
    expect(small).toMatchObject({ nm: 100, lengthPx: 80 })
    expect(overlayLayout(800, 450, { pixelsPerNm: 0, measurements: [], caption: [] }, measure).scaleBar).toBeNull()
  })

  it('keeps the caption on the bottom edge and the measurements inside the top-right corner', () => {
    const l = overlayLayout(3840, 2160, { pixelsPerNm: 5, measurements: MEASURES, caption: ['Design', 'Scene'] }, measure)
    expect(l.caption!.y + l.caption!.height).toBe(2160)
    expect(l.caption!.height).toBe(2 * 65 + 43)
    expect(l.scaleBar!.y + l.scaleBar!.thicknessPx).toBeLessThan(l.caption!.y)
    const m = l.measures!
    expect(m.x + m.width).toBe(3840 - l.marginPx)
    expect(m.x).toBeGreaterThan(3840 / 2)
    // Wide enough for the longest label and value with a gap: 14 chars + 6 chars at 0.6 em, plus 2 em.
    expect(m.width).toBeCloseTo(0.6 * 48 * 14 + 48 + 0.6 * 48 * 6 + 48, 6)
  })
})

describe('export framing', () => {
  it('keeps the horizontal field of view when a wide view is exported at 16:9', () => {
    // A 2:1 view at 40° vertical: horizontal half-angle atan(2 tan 20°) = 36.05°. At 16:9 the
    // vertical half-angle must be atan(tan 36.05° / (16/9)) = 22.26°, so fov = 44.5°.
    const fov = exportFovDeg(40, 2, 16 / 9)
    expect(fov).toBeCloseTo(2 * (Math.atan(2 * Math.tan((20 * Math.PI) / 180) / (16 / 9)) * 180) / Math.PI, 9)
    expect(fov).toBeCloseTo(44.5, 1)
    const hHalf = (f: number, aspect: number): number => Math.atan(aspect * Math.tan((f * Math.PI) / 360))
    expect(hHalf(fov, 16 / 9)).toBeCloseTo(hHalf(40, 2), 12)
    // A view already narrower than the export keeps its vertical angle.
    expect(exportFovDeg(40, 1.2, 16 / 9)).toBe(40)
  })
})
