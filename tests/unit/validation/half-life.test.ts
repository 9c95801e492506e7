/**
 * The terminal half-life (shared/engine/validation/half-life.ts) against analytic curves: a
 * bi-exponential A·e^(−αt) + B·e^(−βt), whose terminal estimate must tend to ln 2/β as the window
 * moves into the tail while its first halving lies between ln 2/α and ln 2/β, and a
 * mono-exponential, whose two readings are the same number, ln 2/k. Then the row rules of the
 * scorer (shared/engine/validation/published-rows.ts): which window a row gets, and the errors.
 */
import { describe, expect, it } from 'vitest'
import {
  defaultTerminalWindowH, halvingTimeH, logLinearHalfLifeH, quantifiedTerminalHalfLifeH, terminalWindowFromLastSampleH, windowSampleTimesH,
} from '../../../shared/engine/validation/half-life'
import { terminalWindowOfRow, type PublishedRow } from '../../../shared/engine/validation/published-rows'

/** A two-compartment plasma curve after a bolus (α > β), written out analytically. */
const biexp = (aPct: number, alphaPerH: number, bPct: number, betaPerH: number) => (tH: number): number =>
  aPct * Math.exp(-alphaPerH * tH) + bPct * Math.exp(-betaPerH * tH)

/** The terminal estimate of an analytic curve over a window, sampled as the scorer samples an engine curve. */
function terminalOf(curve: (tH: number) => number, windowH: [number, number]): number {
  const t = windowSampleTimesH(windowH)
  return logLinearHalfLifeH(t, t.map(curve))
}

/** A fine grid from 0 to `toH` (the engine's output grid is 200 steps; 2,000 here). */
const grid = (toH: number): number[] => Array.from({ length: 2001 }, (_, i) => (toH * i) / 2000)

describe('terminal half-life of an analytic bi-exponential', () => {
  // alpha 0.5 1/h (t1/2 1.39 h), beta 0.02 1/h (t1/2 34.66 h), 80 % of C0 on the fast phase
  const alpha = 0.5
  const beta = 0.02
  const curve = biexp(80, alpha, 20, beta)
  const terminalExact = Math.LN2 / beta

  it('tends to ln 2 / beta as the window moves into the tail, the error shrinking at every step', () => {
    const starts = [0, 2, 5, 10, 20, 40]
    const errors = starts.map((s) => Math.abs(terminalOf(curve, [s, s + 60]) / terminalExact - 1))
    for (let i = 1; i < errors.length; i++) expect(errors[i]!, `window from ${starts[i]} h`).toBeLessThan(errors[i - 1]!)
    expect(errors[0]!).toBeGreaterThan(0.3) // a window from t = 0 mixes in the fast phase
    expect(errors[errors.length - 1]!).toBeLessThan(1e-6) // e^(-0.48 x 40) = 4e-9 of the fast phase left
  })

  it('over the default window [t1/2, 3 t1/2] of the published terminal value it reads beta within 0.1 %', () => {
    expect(terminalOf(curve, defaultTerminalWindowH(terminalExact)) / terminalExact).toBeCloseTo(1, 3)
  })

  it('the first halving of the same curve lies between ln 2/alpha and ln 2/beta, far from either', () => {
    const t = grid(200)
    const first = halvingTimeH(t, t.map(curve))
    // analytic: 80 e^(-0.5 t) + 20 e^(-0.02 t) = 50 solved by bisection
    let lo = 0
    let hi = 10
    for (let i = 0; i < 200; i++) { const mid = (lo + hi) / 2; if (curve(mid) > 50) lo = mid; else hi = mid }
    expect(first).toBeCloseTo(lo, 3)
    expect(first).toBeGreaterThan(Math.LN2 / alpha)
    expect(first).toBeLessThan(0.1 * terminalExact)
  })

  it('is smooth in the window: a 1 % shift of the window moves the estimate by far less than 1 %', () => {
    const a = terminalOf(curve, [5, 60])
    const b = terminalOf(curve, [5.05, 60.6])
    expect(Math.abs(b / a - 1)).toBeLessThan(0.01)
  })
})

describe('a mono-exponential gives the same half-life both ways', () => {
  for (const kPerH of [0.01, 0.3, 5]) {
    it(`k = ${kPerH} 1/h: first halving = terminal slope = ln 2 / k`, () => {
      const c = (tH: number): number => 42 * Math.exp(-kPerH * tH)
      const exact = Math.LN2 / kPerH
      const t = grid(5 * exact)
      expect(halvingTimeH(t, t.map(c)) / exact).toBeCloseTo(1, 10)
      expect(terminalOf(c, defaultTerminalWindowH(exact)) / exact).toBeCloseTo(1, 10)
      expect(terminalOf(c, [0.1 * exact, 0.4 * exact]) / exact).toBeCloseTo(1, 10)
    })
  }
})

describe('terminal half-life: edge cases', () => {
  it('a flat or rising tail has no terminal half-life', () => {
    expect(logLinearHalfLifeH([1, 2, 3], [5, 5, 5])).toBe(Number.POSITIVE_INFINITY)
    expect(logLinearHalfLifeH([1, 2, 3], [1, 2, 3])).toBe(Number.POSITIVE_INFINITY)
  })
  it('refuses a non-positive concentration, naming its time, and mismatched or too few points', () => {
    expect(() => logLinearHalfLifeH([1, 2, 3], [4, 0, 1])).toThrow(/0 at 2 h is not positive/)
    expect(() => logLinearHalfLifeH([1, 2], [4])).toThrow(/2 times but 1 concentrations/)
    expect(() => logLinearHalfLifeH([1], [4])).toThrow(/at least two points/)
    expect(() => logLinearHalfLifeH([2, 2], [4, 3])).toThrow(/all equal/)
  })
  it('windows: the last two-thirds of a sampling, [T/3, T]; bad windows are refused', () => {
    expect(terminalWindowFromLastSampleH(72)).toEqual([24, 72])
    expect(defaultTerminalWindowH(10)).toEqual([10, 30])
    expect(windowSampleTimesH([24, 72])[0]).toBe(24)
    expect(windowSampleTimesH([24, 72]).at(-1)).toBe(72)
    expect(() => windowSampleTimesH([5, 5])).toThrow(/0 <= from < to/)
    expect(() => defaultTerminalWindowH(0)).toThrow(/finite positive/)
  })
})

describe('the scorer: which window a half-life row is read over', () => {
  const base = {
    id: 'x', set: 'calibration', design: {}, observable: 'bloodHalfLifeH', value: 12, unit: 'h', counting: 'intact', source: 's', evidence: 'V',
  } as const satisfies Partial<PublishedRow>
  it('first-halving (or no phase) and initial rows have no window; terminal rows have theirs, else [t1/2, 3 t1/2]', () => {
    expect(terminalWindowOfRow(base as PublishedRow)).toBeUndefined()
    expect(terminalWindowOfRow({ ...base, halfLifePhase: 'initial' } as PublishedRow)).toBeUndefined()
    expect(terminalWindowOfRow({ ...base, halfLifePhase: 'terminal' } as PublishedRow)).toEqual([12, 36])
    expect(terminalWindowOfRow({ ...base, halfLifePhase: 'terminal', terminalWindowH: [8, 24] } as PublishedRow)).toEqual([8, 24])
  })
  it('refuses a window on a row not read as terminal, a phase on a non-half-life row, and a reversed window', () => {
    expect(() => terminalWindowOfRow({ ...base, terminalWindowH: [8, 24] } as PublishedRow)).toThrow(/x: terminalWindowH given but halfLifePhase is 'first-halving'/)
    expect(() => terminalWindowOfRow({ ...base, observable: 'percentDose', halfLifePhase: 'terminal' } as PublishedRow)).toThrow(/x: halfLifePhase is for half-life observables/)
    expect(() => terminalWindowOfRow({ ...base, halfLifePhase: 'terminal', terminalWindowH: [24, 8] } as PublishedRow)).toThrow(/x: terminalWindowH must be/)
  })
})

describe('terminal half-life over the quantifiable points', () => {
  it('is the log-linear half-life when every point is positive, and over the points before the first 0 otherwise', () => {
    const t = [0, 1, 2, 3, 4]
    const k = Math.LN2 / 1.5 // t½ 1.5 h
    const c = t.map((x) => 100 * Math.exp(-k * x))
    expect(quantifiedTerminalHalfLifeH(t, c)).toBeCloseTo(logLinearHalfLifeH(t, c), 12)
    expect(quantifiedTerminalHalfLifeH(t, c)).toBeCloseTo(1.5, 10)
    // the solver took the last two points to 0: the slope of the first three is the same 1.5 h
    expect(quantifiedTerminalHalfLifeH(t, [c[0]!, c[1]!, c[2]!, 0, 0])).toBeCloseTo(1.5, 10)
    // fewer than two quantifiable points: no terminal half-life (the caller uses the first halving)
    expect(quantifiedTerminalHalfLifeH(t, [c[0]!, 0, 0, 0, 0])).toBeUndefined()
    expect(quantifiedTerminalHalfLifeH(t, [0, 0, 0, 0, 0])).toBeUndefined()
  })
})
