import { beforeAll, describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesign, simulateDesignUncertainty, type DesignSimulation } from '../../../../shared/engine/simulate'
import type { MonteCarloResult } from '../../../../shared/engine/pbpk/monte-carlo'
import {
  LOG_FLOOR_PERCENT, bandMatches, buildChartModel, defaultVisibleTissues, formatValue, nearestTimeIndex, targetKeys, tissueRows,
} from '../../../../renderer/features/biodistribution/biodistribution-model'
import { exposureColour, exposureFraction, exposureScale, exposureUnit, rampColour } from '../../../../renderer/features/body-map/body-map-model'
import { releaseSegments, selectivityFormula } from '../../../../renderer/features/selectivity/selectivity-model'

let sim24: DesignSimulation
let sim12: DesignSimulation
let band24: MonteCarloResult

beforeAll(() => {
  const d = newDesign()
  sim24 = simulateDesign(d, { hours: 24 })
  sim12 = simulateDesign(d, { hours: 12 })
  band24 = simulateDesignUncertainty(d, { samples: 5, seed: 11, hours: 24 })
})

describe('biodistribution chart model', () => {
  it('draws nominal curves for the visible tissues and a band only when the band fits the time grid', () => {
    const visible = ['blood', 'joints'] as const
    const plain = buildChartModel(sim24, visible, null, false)
    expect(plain.series.map((s) => s.kind)).toEqual(['nominal', 'nominal'])
    expect(plain.data).toHaveLength(3)
    expect(plain.series[1].label).toBe('Joints (target)')
    expect(plain.series[1].width).toBeGreaterThan(plain.series[0].width)

    const banded = buildChartModel(sim24, visible, band24, false)
    expect(banded.bands).toHaveLength(2)
    for (const b of banded.bands) {
      const upper = banded.data[b.upper]
      const lower = banded.data[b.lower]
      upper.forEach((u, i) => expect(u ?? 0).toBeGreaterThanOrEqual((lower[i] ?? 0) - 1e-12))
    }
    // A band of another horizon never lands on this chart.
    expect(bandMatches(sim12, band24)).toBe(false)
    expect(buildChartModel(sim12, visible, band24, false).bands).toHaveLength(0)
  })

  it('floors zeros on a log axis so they stay drawable', () => {
    const model = buildChartModel(sim24, ['excreted'], null, true)
    const values = model.data[1] as number[]
    expect(sim24.biodistribution.percentDose.excreted[0]).toBe(0)
    expect(values[0]).toBe(LOG_FLOOR_PERCENT)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(LOG_FLOOR_PERCENT)
  })

  it('shows the target by default, and liver and spleen for the tolerize target', () => {
    expect(defaultVisibleTissues('joints')).toEqual(['blood', 'liver', 'spleen', 'joints'])
    expect(targetKeys('spleen+liver-apc')).toEqual(['liver', 'spleen'])
    expect(defaultVisibleTissues(null)).toEqual(['blood', 'liver', 'spleen'])
  })

  it('reads the table at the output time nearest the one asked for', () => {
    const times = sim24.biodistribution.timesH
    const i = nearestTimeIndex(times, 5.2)
    expect(times[i]).toBe(5)
    const rows = tissueRows(sim24, 5.2, null)
    expect(rows.find((r) => r.key === 'liver')?.percentDose).toBe(sim24.biodistribution.percentDose.liver[i])
    const total = rows.reduce((s, r) => s + r.percentDose, 0)
    expect(total).toBeCloseTo(100, 3) // every key together accounts for the dose
  })

  it('formats numbers to three significant figures without noise', () => {
    expect(formatValue(48)).toBe('48')
    expect(formatValue(0.012345)).toBe('0.0123')
    expect(formatValue(1234.5)).toBe('1235')
    expect(formatValue(0.0001234)).toBe('1.23 × 10⁻⁴')
    expect(formatValue(Number.NaN)).toBe('—')
  })
})

describe('body map colour scale', () => {
  it('maps larger exposure to a later, lighter ramp colour on a 3-decade log scale', () => {
    const scale = exposureScale([100, 10, 1, 0])
    expect(scale.min).toBeCloseTo(0.1, 12)
    expect(exposureFraction(100, scale)).toBe(1)
    expect(exposureFraction(0.1, scale)).toBe(0)
    expect(exposureFraction(0, scale)).toBe(0)
    expect(exposureFraction(10, scale)).toBeCloseTo(2 / 3, 12)
    expect(exposureColour(100, scale)).toBe(rampColour(1))
    expect(exposureColour(0, scale)).toBe(rampColour(0))
  })
  it('names the unit of every measure', () => {
    expect(exposureUnit('perGram')).toBe('%ID/g')
    expect(exposureUnit('aucPerGram')).toBe('%ID·h/g')
    expect(exposureUnit('auc')).toBe('%ID·h')
    expect(exposureUnit('percentDose')).toBe('% of dose')
  })
})

describe('selectivity card model', () => {
  it('words the formula per goal and splits the drug into parts of the whole', () => {
    expect(selectivityFormula('deliver').explanation).toMatch(/inflamed target/)
    expect(selectivityFormula('tolerize').explanation).toMatch(/spleen and liver/)
    const parts = releaseSegments(sim24.selectivity)
    const sum = parts.reduce((s, p) => s + p.percent, 0)
    expect(sum).toBeGreaterThan(90)
    expect(sum).toBeLessThan(100.5)
  })
})
