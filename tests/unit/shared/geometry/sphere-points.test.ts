import { describe, expect, it } from 'vitest'
import { fibonacciSpherePoints, meanSphereSpacing } from '../../../../shared/geometry/sphere-points'

/** Nearest-neighbour distance of every point (brute force; fine for the sizes used here). */
function nearestNeighbourDistances(points: Float32Array): number[] {
  const n = points.length / 3
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    let best = Number.POSITIVE_INFINITY
    for (let j = 0; j < n; j++) {
      if (i === j) continue
      const dx = points[i * 3] - points[j * 3]
      const dy = points[i * 3 + 1] - points[j * 3 + 1]
      const dz = points[i * 3 + 2] - points[j * 3 + 2]
      const d = Math.sqrt(dx * dx + dy * dy + dz * dz)
      if (d < best) best = d
    }
    out.push(best)
  }
  return out
}

describe('fibonacciSpherePoints', () => {
  it('returns exactly count points, all on the sphere of the given radius', () => {
    const radius = 87.5
    for (const count of [1, 2, 7, 250, 2000]) {
      const pts = fibonacciSpherePoints(count, radius)
      expect(pts.length).toBe(count * 3)
      for (let i = 0; i < count; i++) {
        const r = Math.hypot(pts[i * 3], pts[i * 3 + 1], pts[i * 3 + 2])
        expect(r).toBeCloseTo(radius, 3)
      }
    }
  })

  it('spaces neighbours close to sqrt(4πr²/N) for large N, with no clumps', () => {
    const radius = 60
    for (const count of [500, 2000]) {
      const expected = meanSphereSpacing(count, radius)
      expect(expected).toBeCloseTo(Math.sqrt((4 * Math.PI * radius * radius) / count), 10)
      const nn = nearestNeighbourDistances(fibonacciSpherePoints(count, radius))
      const mean = nn.reduce((a, b) => a + b, 0) / nn.length
      expect(mean / expected).toBeGreaterThan(0.85)
      expect(mean / expected).toBeLessThan(1.15)
      // Even spread: the closest pair is not much closer than the typical pair.
      expect(Math.min(...nn) / expected).toBeGreaterThan(0.6)
    }
  })

  it('is centred on the origin and deterministic', () => {
    const a = fibonacciSpherePoints(1000, 10)
    const b = fibonacciSpherePoints(1000, 10)
    expect(Array.from(a)).toEqual(Array.from(b))
    let sx = 0
    let sy = 0
    let sz = 0
    for (let i = 0; i < 1000; i++) {
      sx += a[i * 3]
      sy += a[i * 3 + 1]
      sz += a[i * 3 + 2]
    }
    expect(Math.abs(sx / 1000)).toBeLessThan(0.05)
    expect(Math.abs(sy / 1000)).toBeLessThan(0.05)
    expect(Math.abs(sz / 1000)).toBeLessThan(0.05)
  })

  it('handles zero points and rejects impossible input', () => {
    expect(fibonacciSpherePoints(0, 5).length).toBe(0)
    expect(fibonacciSpherePoints(3.9, 5).length).toBe(9)
    expect(() => fibonacciSpherePoints(-1, 5)).toThrow(RangeError)
    expect(() => fibonacciSpherePoints(Number.NaN, 5)).toThrow(RangeError)
    expect(() => fibonacciSpherePoints(10, -1)).toThrow(RangeError)
    expect(meanSphereSpacing(0, 5)).toBe(Number.POSITIVE_INFINITY)
  })
})
