import { describe, expect, it } from 'vitest'
import { COMPARE_METRICS, csvCell, metricsCsv, metricText, safeFileName } from '../../../../renderer/features/compare/compare-metrics'
import { niceMax, seriesPath } from '../../../../renderer/features/compare/curve-chart'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign } from '../../../../shared/engine/simulate'
import type { Design } from '../../../../shared/design/types'

/** Minimal RFC 4180 reader for checking what the export wrote (quoted cells, doubled quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++ } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') { row.push(cell); cell = '' } else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++ } else cell += ch
  }
  return rows
}

describe('metrics CSV', () => {
  it('writes one column per design with full-precision numbers, units in their own column', () => {
    const a = newDesign()
    const b: Design = { ...a, name: 'Big, "slow" one', core: { ...a.core, diameterNm: 300 } }
    const simA = simulateDesign(a, { hours: 72 })
    const simB = simulateDesign(b, { hours: 72 })
    const rows = parseCsv(metricsCsv([{ name: a.name, simulation: simA }, { name: b.name, simulation: simB }, { name: 'Failed', simulation: null }], 72))
    expect(rows[0]).toEqual(['metric', 'unit', a.name, b.name, 'Failed'])
    expect(rows).toHaveLength(1 + COMPARE_METRICS.length + 1)
    const dia = rows.find((r) => r[0] === 'Hydrodynamic diameter')!
    expect(dia[1]).toBe('nm')
    expect(Number(dia[2])).toBe(simA.derived.hydrodynamicDiameterNm)
    expect(Number(dia[3])).toBe(simB.derived.hydrodynamicDiameterNm)
    expect(Number(dia[3])).toBeGreaterThan(Number(dia[2]))
    expect(dia[4]).toBe('')
    const half = rows.find((r) => r[0] === 'Blood half-life')!
    expect(Number(half[2])).toBe(simA.biodistribution.bloodHalfLifeH)
    const burst = rows.find((r) => r[0] === 'Released in plasma in the first hour')!
    expect(Number(burst[2])).toBeCloseTo(100 * simA.release.environments.plasma.burstFraction1H, 10)
    expect(rows[rows.length - 1]).toEqual(['horizon', 'h', '72', '72', '72'])
  })

  it('quotes cells with commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
  })

  it('shows missing times as not reached and rounds for the screen only', () => {
    expect(metricText(null)).toBe('not reached')
    expect(metricText(12.34567)).toBe('12.35')
    expect(metricText(2.5e12)).toBe('2.500 × 10¹²')
    expect(metricText(3.2e-5)).toBe('3.200 × 10⁻⁵')
  })

  it('makes safe file names', () => {
    expect(safeFileName('A/B: ".." <x>', 'csv')).toBe('A-B-x.csv')
    expect(safeFileName('///', 'csv')).toBe('nanoforge.csv')
  })
})

describe('curve chart geometry', () => {
  it('rounds axes up to 1, 2 or 5 × 10ⁿ', () => {
    expect(niceMax(72)).toBe(100)
    expect(niceMax(13)).toBe(20)
    expect(niceMax(0.04)).toBe(0.05)
    expect(niceMax(0)).toBe(1)
  })

  it('breaks a line at non-finite points instead of drawing through them', () => {
    const d = seriesPath([0, 1, 2, 3], [0, Number.NaN, 1, 2], 3, 2)
    expect(d.match(/M/g)).toHaveLength(2)
    expect(d.match(/L/g)).toHaveLength(1)
  })
})
