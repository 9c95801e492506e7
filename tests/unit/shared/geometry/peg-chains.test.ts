import { describe, expect, it } from 'vitest'
import { MAX_DRAWN_PEG_CHAINS, drawnPegChains, pathExtent, pegChainPath } from '../../../../shared/geometry/peg-chains'

describe('PEG chain glyph by regime', () => {
  it('draws a brush chain as an extended strand: end-to-end ≈ its full height, little lateral excursion', () => {
    const e = pathExtent(pegChainPath('brush'))
    expect(e.height).toBeCloseTo(1, 5)
    expect(e.endToEnd).toBeGreaterThan(0.95)
    expect(e.lateral).toBeLessThan(0.15)
  })

  it('draws a mushroom chain as a compact coil: wide for its height and much shorter end to end than its contour', () => {
    const path = pegChainPath('mushroom', 40)
    const e = pathExtent(path)
    expect(e.lateral).toBeGreaterThan(0.3)
    expect(e.lateral / e.height).toBeGreaterThan(0.35)
    let contour = 0
    for (let i = 3; i < path.length; i += 3) {
      contour += Math.hypot(path[i] - path[i - 3], path[i + 1] - path[i - 2], path[i + 2] - path[i - 1])
    }
    // A coil: its contour length is several times the distance between its ends.
    expect(contour / e.endToEnd).toBeGreaterThan(3)
    // …while a brush strand is nearly straight.
    const brush = pegChainPath('brush', 40)
    let brushContour = 0
    for (let i = 3; i < brush.length; i += 3) {
      brushContour += Math.hypot(brush[i] - brush[i - 3], brush[i + 1] - brush[i - 2], brush[i + 2] - brush[i - 1])
    }
    expect(brushContour / pathExtent(brush).endToEnd).toBeLessThan(1.3)
  })

  it('starts every chain at its graft point and is deterministic', () => {
    for (const regime of ['mushroom', 'brush'] as const) {
      const a = pegChainPath(regime, 20)
      expect(a.length).toBe(21 * 3)
      expect(Math.hypot(a[0], a[1], a[2])).toBeLessThan(0.06)
      expect(Array.from(pegChainPath(regime, 20))).toEqual(Array.from(a))
    }
  })

  it('caps the drawn chain count and rejects nonsense counts', () => {
    expect(drawnPegChains(22_619.4)).toBe(MAX_DRAWN_PEG_CHAINS)
    expect(drawnPegChains(812.7)).toBe(812)
    expect(drawnPegChains(0)).toBe(0)
    expect(drawnPegChains(Number.NaN)).toBe(0)
    expect(drawnPegChains(-5)).toBe(0)
  })
})
