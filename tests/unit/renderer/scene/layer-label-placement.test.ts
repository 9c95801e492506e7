import { describe, expect, it } from 'vitest'
import { LABEL_MARGIN_PX, LABEL_OFFSET, fitLabelColumn, type LabelView } from '../../../../renderer/scene/layer-label-placement'

const layers = [
  { key: 'core', text: 'Core: PLGA 50:50, Ø 120.0 nm', radius: 36 },
  { key: 'shell-0', text: 'Poly(ethylene glycol): 6.3 nm shell', radius: 63 },
]
const aspects = [9, 11] // text width ÷ height of the two label textures

/** Every label's box (left, right, top, bottom) must lie inside the view less the margin. */
function inside(view: LabelView, col: ReturnType<typeof fitLabelColumn>): boolean {
  const m = LABEL_MARGIN_PX * view.nmPerPx - 1e-9
  return col.ys.every((y, i) => {
    const w = col.heightNm * aspects[i]!
    return col.x >= -view.halfWidthNm + m && col.x + w <= view.halfWidthNm - m && y + col.heightNm / 2 <= view.halfHeightNm - m && y - col.heightNm / 2 >= -view.halfHeightNm + m
  })
}

describe('layer labels inside their view at a fixed screen size', () => {
  it('sits right of the particle at the asked pixel height when the view is wide', () => {
    // 1000 × 500 px view at 0.5 nm/px: 250 nm half-width, particle radius 66 nm.
    const view = { outerRadiusNm: 66, halfWidthNm: 250, halfHeightNm: 125, nmPerPx: 0.5 }
    const col = fitLabelColumn(layers, aspects, view, 15)
    expect(col.heightNm).toBeCloseTo(15 * 0.5, 12) // 15 px tall on screen
    expect(col.x).toBeCloseTo(66 * (1 + LABEL_OFFSET), 12)
    expect(inside(view, col)).toBe(true)
  })

  it('moves left over the particle in a narrow side-by-side view instead of running off the edge', () => {
    // A 300 px wide view at 0.5 nm/px: the preferred column (x = 77.9 nm, 82.5 nm wide) would end at 160 nm > 75 nm.
    const view = { outerRadiusNm: 66, halfWidthNm: 75, halfHeightNm: 150, nmPerPx: 0.5 }
    const col = fitLabelColumn(layers, aspects, view, 15)
    expect(col.heightNm).toBeCloseTo(7.5, 12)
    expect(col.x).toBeLessThan(66 * (1 + LABEL_OFFSET))
    expect(inside(view, col)).toBe(true)
  })

  it('shrinks only when even the full width cannot hold the widest label', () => {
    const view = { outerRadiusNm: 66, halfWidthNm: 30, halfHeightNm: 150, nmPerPx: 0.5 }
    const col = fitLabelColumn(layers, aspects, view, 15)
    expect(col.heightNm).toBeCloseTo((60 - 2 * LABEL_MARGIN_PX * 0.5) / 11, 12)
    expect(inside(view, col)).toBe(true)
  })

  it('points each leader into its own layer', () => {
    const view = { outerRadiusNm: 66, halfWidthNm: 250, halfHeightNm: 125, nmPerPx: 0.5 }
    const col = fitLabelColumn(layers, aspects, view, 15)
    col.anchors.forEach((a, i) => expect(Math.hypot(a[0], a[1])).toBeCloseTo(layers[i]!.radius, 9))
  })

})
