/**
 * The held-out score's interval (score-interval.ts): the Wilson interval against R's own
 * implementation and against the score test it inverts, and the paper bootstrap against the
 * binomial it must reduce to when every paper's rows agree.
 */
import { describe, expect, it } from 'vitest'
import { paperBootstrapInterval, outcomesByPaper, wilsonInterval } from '../../../shared/engine/validation/score-interval'

describe('Wilson score interval', () => {
  it('equals R 4.2.2 prop.test(k, n, correct = FALSE)$conf.int on Newcombe 1998\'s examples', () => {
    // printed by R 4.2.2 (stats::prop.test without continuity correction is the Wilson
    // interval); the four (k, n) are the examples of Newcombe RG 1998, Stat Med 17:857
    const cases: Array<[number, number, number, number]> = [
      [81, 263, 0.255289, 0.366210],
      [15, 148, 0.062386, 0.160487],
      [0, 20, 0, 0.161125],
      [1, 29, 0.006113, 0.171755],
    ]
    for (const [k, n, lo, hi] of cases) {
      const [a, b] = wilsonInterval(k, n)
      expect(a, `${k}/${n} lower`).toBeCloseTo(lo, 6)
      expect(b, `${k}/${n} upper`).toBeCloseTo(hi, 6)
    }
  })

  it('its bounds are where the score test |p̂ − p|/√(p(1 − p)/n) reaches 1.96 (bisection, no closed form)', () => {
    const z = 1.959963984540054
    const root = (f: (p: number) => number, a: number, b: number): number => {
      for (let i = 0; i < 200; i++) {
        const m = (a + b) / 2
        if (Math.sign(f(m)) === Math.sign(f(a))) a = m
        else b = m
      }
      return (a + b) / 2
    }
    for (const [k, n] of [[3, 10], [54, 94], [51, 87], [7, 7], [1, 41]] as const) {
      const ph = k / n
      const score = (p: number): number => Math.abs(ph - p) / Math.sqrt((p * (1 - p)) / n) - z
      const [lo, hi] = wilsonInterval(k, n)
      if (k > 0) expect(lo, `${k}/${n}`).toBeCloseTo(root(score, 1e-12, ph), 9)
      else expect(lo).toBe(0)
      if (k < n) expect(hi, `${k}/${n}`).toBeCloseTo(root(score, ph, 1 - 1e-12), 9)
      else expect(hi).toBeCloseTo(1, 12)
    }
  })

  it('says what is wrong with k and n', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(/0 <= k <= n.*k = 5, n = 4/)
    expect(() => wilsonInterval(0, 0)).toThrow(/n >= 1/)
    expect(() => wilsonInterval(1.5, 4)).toThrow(/integers/)
  })
})

describe('paper bootstrap interval', () => {
  it('reduces to the binomial of the papers when each paper\'s rows all hit or all miss', () => {
    // 6 papers of 10 rows all within 2-fold, 4 papers of 10 rows all outside: resampling papers
    // is drawing Bin(10, 0.6)/10, whose 2.5 and 97.5 % quantiles are 0.3 and 0.9
    // (P(X ≤ 2) = 0.012, P(X ≤ 3) = 0.055; P(X ≤ 8) = 0.954, P(X ≤ 9) = 0.994)
    const papers = [...Array.from({ length: 6 }, () => ({ within: 10, rows: 10 })), ...Array.from({ length: 4 }, () => ({ within: 0, rows: 10 }))]
    const [lo, hi] = paperBootstrapInterval(papers)
    expect(lo).toBeCloseTo(0.3, 12)
    expect(hi).toBeCloseTo(0.9, 12)
    // the same 100 rows read as independent would claim a far narrower interval
    const [wl, wh] = wilsonInterval(60, 100)
    expect(wh - wl).toBeLessThan((hi - lo) / 2)
  })

  it('with one row per paper it is close to the Wilson interval (n = 94, 54 within)', () => {
    const papers = Array.from({ length: 94 }, (_, i) => ({ within: i < 54 ? 1 : 0, rows: 1 }))
    const [lo, hi] = paperBootstrapInterval(papers)
    const [wl, wh] = wilsonInterval(54, 94)
    expect(Math.abs(lo - wl)).toBeLessThan(0.02)
    expect(Math.abs(hi - wh)).toBeLessThan(0.02)
  })

  it('is reproducible with its seed, and says which paper is malformed', () => {
    const papers = [{ within: 1, rows: 3 }, { within: 2, rows: 2 }, { within: 0, rows: 4 }]
    expect(paperBootstrapInterval(papers, { seed: 5 })).toEqual(paperBootstrapInterval(papers, { seed: 5 }))
    expect(() => paperBootstrapInterval([])).toThrow(/no papers/)
    expect(() => paperBootstrapInterval([{ within: 1, rows: 1 }, { within: 3, rows: 2 }])).toThrow(/paper 1 has 3 of 2/)
  })

  it('groups rows by paper in first-seen order', () => {
    const rows = [{ p: 'a', ok: true }, { p: 'b', ok: false }, { p: 'a', ok: false }, { p: 'a', ok: true }]
    expect(outcomesByPaper(rows, (r) => r.p, (r) => r.ok)).toEqual([{ within: 2, rows: 3 }, { within: 0, rows: 1 }])
  })
})
