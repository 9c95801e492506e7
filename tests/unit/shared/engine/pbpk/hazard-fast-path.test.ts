import { describe, expect, it } from 'vitest'
import { resolveParameters } from '../../../../../shared/engine/pbpk'
import { speedScaledHazard, tabulateHazard } from '../../../../../shared/engine/pbpk/monte-carlo'
import { buildSystem, hasAllEnvironments, releaseTargetFor } from '../../../../../shared/engine/pbpk/system'
import type { ReleaseEnvironment } from '../../../../../shared/engine/pbpk/types'
import { PEG_LIPOSOME } from './fixtures'

const ENVS: ReadonlyArray<ReleaseEnvironment> = ['plasma', 'inflamed', 'endolysosome']

// Closed forms with closed-form derivatives (independent of the table): a diffusion-like
// t^-1/2 hazard, a constant one and a rising one.
const exact = (env: ReleaseEnvironment, t: number): number =>
  env === 'plasma' ? 0.3 / Math.sqrt(t) : env === 'inflamed' ? 0.05 : 0.2 * (1 - Math.exp(-t / 6))
const exactSlope = (env: ReleaseEnvironment, t: number): number =>
  env === 'plasma' ? -0.15 / (t * Math.sqrt(t)) : env === 'inflamed' ? 0 : (0.2 / 6) * Math.exp(-t / 6)

describe('three-environment hazard fast path (Monte Carlo tables)', () => {
  const tab = tabulateHazard(exact, 72)
  const rates = new Float64Array(3)
  const slopes = new Float64Array(3)

  it('gives bit for bit the rates of the table function, on the grid, below it and beyond it', () => {
    expect(hasAllEnvironments(tab)).toBe(true)
    for (const t of [0, 3e-5, 1e-4, 1.7e-4, 0.013, 0.5, 1, 7.3, 48, 71.99, 72, 90, 500]) {
      tab.allEnvironments(t, rates)
      ENVS.forEach((env, e) => expect(rates[e]).toBe(tab(env, t)))
    }
  })

  it('gives the slope of the tabulated hazard: its own difference quotient to 1e-6, the closed-form derivative to first order in the grid step; a forward difference off the grid', () => {
    let worstOwn = 0
    let worstExact = 0
    for (let t = 2e-4; t <= 70; t *= 1.09) {
      tab.allEnvironments(t, rates, slopes)
      for (const [e, env] of ENVS.entries()) {
        // central difference of the table function itself, well inside one grid segment
        const dt = 1e-7 * t
        const own = (tab(env, t + dt) - tab(env, t - dt)) / (2 * dt)
        const d = exactSlope(env, t)
        // slope scale r/t: the difference quotients' round-off is ~1e-16·r/(1e-7·t)
        const scale = Math.abs(d) + rates[e]! / t
        worstOwn = Math.max(worstOwn, Math.abs(slopes[e]! - own) / scale)
        worstExact = Math.max(worstExact, Math.abs(slopes[e]! - d) / scale)
      }
    }
    expect(worstOwn).toBeLessThan(1e-6)
    // the interpolant's slope is a chord: off by ~ Δln t · t·|r″/r′|/2 (≈ 4 % for e^(−t/6) at 70 h)
    expect(worstExact).toBeLessThan(0.05)
    // beyond the grid: the exact hazard, and its forward difference (step 1e-6·t)
    tab.allEnvironments(100, rates, slopes)
    expect(rates[0]).toBe(exact('plasma', 100))
    expect(Math.abs(slopes[0]! - exactSlope('plasma', 100)) / Math.abs(exactSlope('plasma', 100))).toBeLessThan(1e-5)
  })

  it('keeps the fast path through a release speed: r_s(t) = s·r(s·t), ∂r_s/∂t = s²·r′(s·t)', () => {
    const s = 3.7
    const fast = tabulateHazard(exact, 72 * s)
    const scaled = speedScaledHazard(fast, s)
    expect(hasAllEnvironments(scaled)).toBe(true)
    if (!hasAllEnvironments(scaled)) return
    for (const t of [1e-3, 0.2, 5, 19]) {
      scaled.allEnvironments(t, rates, slopes)
      for (const [e, env] of ENVS.entries()) {
        expect(rates[e]).toBe(scaled(env, t))
        // against the difference quotient of the scaled function itself
        const dt = 1e-7 * t
        const own = (scaled(env, t + dt) - scaled(env, t - dt)) / (2 * dt)
        expect(Math.abs(slopes[e]! - own)).toBeLessThanOrEqual(1e-6 * (Math.abs(own) + rates[e]! / t))
      }
    }
  })

  it('the PBPK system gives the same right-hand side with or without the fast path, and ∂f/∂t within the forward difference\'s own error', () => {
    const input = { ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis' as const }
    const { params } = resolveParameters(input)
    const target = releaseTargetFor(params, input.goal)
    const withTable = buildSystem(params, tab, target)
    const plain = buildSystem(params, (env, t) => tab(env, t), target)
    const n = withTable.size
    const y = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 37) % 11))
    const a = new Float64Array(n)
    const b = new Float64Array(n)
    for (const t of [0.01, 0.7, 13.3, 55]) {
      withTable.rhs(t, y, a)
      plain.rhs(t, y, b)
      expect(Array.from(a)).toEqual(Array.from(b))
      withTable.timeDerivative(t, y, a)
      plain.timeDerivative(t, y, b)
      let scale = 0
      for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(b[i]!))
      // the forward difference it replaces (step 1e-6·max(1, t)) is off by ~ step/t ≤ 1e-4 in ln-t interpolation
      for (let i = 0; i < n; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(2e-4 * scale)
    }
  })
})
