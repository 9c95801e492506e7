import { describe, expect, it } from 'vitest'
import { draftFromCsv, fitMeasurement, toReleaseData } from '../../../../renderer/stores/measurement-store'
import { environmentsCoincide, hoursText } from '../../../../renderer/features/release/release-format'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { newDesign } from '../../../../shared/design/defaults'

describe('draftFromCsv', () => {
  it('turns blank cells into null, keeps the unit and file name, converts minutes to hours', () => {
    const out = draftFromCsv('time (min),A,B\n0,0,0\n30,10,\n60,20,21\n', 'run.csv')
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.draft.data.timesH).toEqual([0, 0.5, 1])
    expect(out.draft.data.replicates).toEqual([[0, 10, 20], [0, null, 21]])
    expect(out.draft.data.timeUnitOriginal).toBe('min')
    expect(out.draft.data.sourceName).toBe('run.csv')
    expect(out.draft.data.replicateNames).toEqual(['A', 'B'])
    expect(out.draft.problems).toEqual([])
  })

  it('returns the reader errors with line numbers', () => {
    const out = draftFromCsv('time (h),A\n0,0\n1,x\n2,y\n', 'bad.csv')
    expect(out.ok).toBe(false)
    if (out.ok) return
    expect(out.errors.map((e) => e.line)).toEqual([3, 4])
  })

  it('flags data the host would refuse before it is sent (bounds of the contract)', () => {
    const rows = Array.from({ length: 1001 }, (_, i) => `${i},${Math.min(100, i / 10)}`).join('\n')
    const out = draftFromCsv(`time (h),A\n${rows}\n`, 'long.csv')
    expect(out.ok && out.draft.problems.join(' ')).toMatch(/timesH: at most 1000 time points/)
  })
})

describe('fitMeasurement', () => {
  it('recovers the rate of a noiseless first-order profile F = 100 (1 - e^{-k1 t})', () => {
    const k = 0.2
    const timesH = [0.5, 1, 2, 4, 6, 8, 12, 24]
    const values = timesH.map((t) => 100 * (1 - Math.exp(-k * t)))
    const outcome = fitMeasurement({ timesH, replicates: [values] })
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    const first = outcome.result.models.find((m) => m.model === 'first-order')
    expect(first?.parameters.k1).toBeCloseTo(k, 4)
    expect(first?.r2).toBeGreaterThan(0.9999)
    expect(toReleaseData({ timesH: [0], replicates: [[null]] }).replicates[0]![0]).toBeNaN()
  })
})

describe('release formatting', () => {
  it('prints hours to two figures below 10 h and whole hours above', () => {
    expect(hoursText(null)).toBe('not reached')
    expect(hoursText(3.456)).toBe('3.5 h')
    expect(hoursText(55.36)).toBe('55 h')
  })

  it('says the environments coincide only when no trigger separates them', () => {
    const none = simulateDesign({ ...newDesign(), payload: { ...newDesign().payload, trigger: 'none' } })
    const ph = simulateDesign({ ...newDesign(), payload: { ...newDesign().payload, trigger: 'ph' } })
    expect(environmentsCoincide(none.release)).toBe(true)
    expect(environmentsCoincide(ph.release)).toBe(false)
  })
})
