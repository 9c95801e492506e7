import { describe, expect, it } from 'vitest'
import { BIODISTRIBUTION_KEYS } from '../../../shared/engine/pbpk/types'
import { DESIGN_SERIES_COLOURS, OKABE_ITO, RELEASE_ENVIRONMENT_COLOURS, TISSUE_COLOURS, TOL_LIGHT, TOL_MUTED } from '../../../renderer/lib/palette'
import { SERIES_COLOURS } from '../../../renderer/features/compare/curve-chart'
import { TISSUE_COLOURS as BIODISTRIBUTION_COLOURS } from '../../../renderer/features/biodistribution/biodistribution-model'

// An independent sRGB → CIELAB (D65) conversion, written from the CIE 15:2004 formulas and the
// IEC 61966-2-1 sRGB transfer curve, to check colour differences.
function linear(c: number): number {
  const v = c / 255
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
}
function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}
function lab(hex: string): [number, number, number] {
  const [r, g, b] = rgb(hex).map(linear) as [number, number, number]
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
  const f = (t: number): number => (t > (6 / 29) ** 3 ? Math.cbrt(t) : t / (3 * (6 / 29) ** 2) + 4 / 29)
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
}
function deltaE76(a: string, b: string): number {
  const p = lab(a)
  const q = lab(b)
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])
}
/** WCAG 2.1 contrast ratio (relative luminance from the same sRGB curve). */
function contrast(a: string, b: string): number {
  const lum = (hex: string): number => {
    const [r, g, bl] = rgb(hex).map(linear) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const PANEL = '#131a26'

describe('chart palette', () => {
  it('has the published Okabe–Ito and Tol hex values', () => {
    // Okabe & Ito 2008 (also Wong 2011 Nat Methods 8:441, fig. 2); Tol 2021 SRON/EPS/TN/09-002.
    expect(OKABE_ITO).toMatchObject({ orange: '#E69F00', skyBlue: '#56B4E9', bluishGreen: '#009E73', yellow: '#F0E442', blue: '#0072B2', vermillion: '#D55E00', reddishPurple: '#CC79A7' })
    expect(TOL_MUTED.purple).toBe('#AA4499')
    expect(TOL_LIGHT).toMatchObject({ orange: '#EE8866', pink: '#FFAABB', lightCyan: '#99DDFF', pear: '#BBCC33' })
  })

  it('gives every tissue key its own colour, and the biodistribution chart reads the same table', () => {
    expect(Object.keys(TISSUE_COLOURS).sort()).toEqual([...BIODISTRIBUTION_KEYS].sort())
    const colours = BIODISTRIBUTION_KEYS.map((k) => TISSUE_COLOURS[k].toUpperCase())
    expect(new Set(colours).size).toBe(BIODISTRIBUTION_KEYS.length)
    expect(BIODISTRIBUTION_COLOURS).toBe(TISSUE_COLOURS)
  })

  it('keeps every pair of tissue colours visibly apart (ΔE*ab ≥ 15)', () => {
    const pairs: string[] = []
    for (let i = 0; i < BIODISTRIBUTION_KEYS.length; i++) {
      for (let j = i + 1; j < BIODISTRIBUTION_KEYS.length; j++) {
        const a = BIODISTRIBUTION_KEYS[i]!
        const b = BIODISTRIBUTION_KEYS[j]!
        if (deltaE76(TISSUE_COLOURS[a], TISSUE_COLOURS[b]) < 15) pairs.push(`${a}/${b}`)
      }
    }
    expect(pairs).toEqual([])
  })

  it('draws every tissue and environment line with at least 3:1 contrast on the dark panel (WCAG 1.4.11)', () => {
    for (const c of [...Object.values(TISSUE_COLOURS), ...Object.values(RELEASE_ENVIRONMENT_COLOURS)]) expect(contrast(c, PANEL)).toBeGreaterThanOrEqual(3)
  })

  it('colours compared designs from the same palette: Okabe–Ito, pairwise ΔE*ab ≥ 15, 3:1 on the panel', () => {
    expect(SERIES_COLOURS).toBe(DESIGN_SERIES_COLOURS)
    const published = new Set(Object.values(OKABE_ITO))
    expect(DESIGN_SERIES_COLOURS.every((c) => published.has(c as never))).toBe(true)
    expect(new Set(DESIGN_SERIES_COLOURS).size).toBe(4)
    for (let i = 0; i < DESIGN_SERIES_COLOURS.length; i++) {
      expect(contrast(DESIGN_SERIES_COLOURS[i]!, PANEL)).toBeGreaterThanOrEqual(3)
      for (let j = i + 1; j < DESIGN_SERIES_COLOURS.length; j++) expect(deltaE76(DESIGN_SERIES_COLOURS[i]!, DESIGN_SERIES_COLOURS[j]!)).toBeGreaterThanOrEqual(15)
    }
  })

  it('checks its own colour maths on known values', () => {
    expect(lab('#FFFFFF')[0]).toBeCloseTo(100, 2)
    expect(lab('#000000')[0]).toBeCloseTo(0, 6)
    expect(contrast('#FFFFFF', '#000000')).toBeCloseTo(21, 6)
  })
})
