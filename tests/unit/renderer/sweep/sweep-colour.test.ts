/**
 * The viewer's colour scale is colour-blind safe (renderer/features/sweep/sweep-colour.ts):
 * along viridis the lightness L* (CIE 1976) rises monotonically, for normal vision and after
 * simulating protanopia and deuteranopia with the matrices of Machado, Oliveira & Fernandes
 * 2009 (IEEE TVCG 15:1291-1298, severity 1.0), so the order of values reads from lightness
 * alone. A rainbow scale fails this. The lightness and the simulation are computed here from
 * the standards (sRGB IEC 61966-2-1, CIELAB), independently of the code under test.
 */
import { describe, expect, it } from 'vitest'
import { BIN_COLOURS, OKABE_ITO, VIRIDIS_STOPS, viridisAt } from '../../../../renderer/features/sweep/sweep-colour'

type Rgb = readonly [number, number, number]

const linear = (c: number): number => {
  const s = c / 255
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

/** L* of linear-light RGB (D65 luminance weights of sRGB). */
function lightness(lin: Rgb): number {
  const y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y
}

const PROTANOPIA = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
const DEUTERANOPIA = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]]

function simulate(m: number[][] | null, rgb: Rgb): Rgb {
  const lin = rgb.map(linear) as unknown as Rgb
  if (!m) return lin
  return m.map((row) => Math.min(1, Math.max(0, row[0]! * lin[0] + row[1]! * lin[1] + row[2]! * lin[2]))) as unknown as Rgb
}

const parse = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as unknown as Rgb

describe('viridis as the viewer draws it', () => {
  it('runs from the first stop to the last, through the middle stop', () => {
    expect(viridisAt(0)).toEqual([0x44, 0x01, 0x54])
    expect(viridisAt(1)).toEqual([0xfd, 0xe7, 0x25])
    expect(viridisAt(0.5)).toEqual([0x21, 0x91, 0x8c])
    expect(viridisAt(-3)).toEqual(viridisAt(0))
    expect(VIRIDIS_STOPS.length).toBe(9)
  })

  it.each([['normal vision', null], ['protanopia', PROTANOPIA], ['deuteranopia', DEUTERANOPIA]] as const)('L* rises monotonically for %s', (_name, m) => {
    const ls = Array.from({ length: 401 }, (_, i) => lightness(simulate(m as number[][] | null, viridisAt(i / 400))))
    // 401 points are finer than 8-bit colours: rounding a channel may step L* back by a hair,
    // far below what an eye tells apart (a just-noticeable difference is about 1 L*)
    for (let i = 1; i < ls.length; i++) expect(ls[i]!).toBeGreaterThan(ls[i - 1]! - 0.3)
    // and spans most of the lightness range, so neighbouring values differ visibly
    expect(ls[400]! - ls[0]!).toBeGreaterThan(70)
    const bins = BIN_COLOURS.map((c) => lightness(simulate(m as number[][] | null, parse(c))))
    // the 64 colours a canvas draws with: strictly lighter one after the other
    for (let i = 1; i < bins.length; i++) expect(bins[i]!).toBeGreaterThan(bins[i - 1]!)
  })

  it('a rainbow would fail the same check (the test can fail)', () => {
    const hue = (h: number): Rgb => {
      const f = (n: number): number => Math.round(255 * Math.max(0, Math.min(1, Math.abs(((h * 6 + n) % 6) - 3) - 1)))
      return [f(0), f(4), f(2)]
    }
    const ls = Array.from({ length: 101 }, (_, i) => lightness(simulate(null, hue((i / 100) * 0.75))))
    expect(ls.some((l, i) => i > 0 && l < ls[i - 1]!)).toBe(true)
  })

  it('the option colours are seven distinct Okabe-Ito colours', () => {
    expect(new Set(OKABE_ITO).size).toBe(7)
    for (const c of OKABE_ITO) expect(c).toMatch(/^#[0-9a-f]{6}$/)
  })
})
