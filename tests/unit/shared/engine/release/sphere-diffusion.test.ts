import { describe, expect, it } from 'vitest'
import {
  bakerLonsdaleFraction, sphereFractionReleased, sphereFractionSeries, sphereFractionShortTime,
  sphereSurvivalSeries, sphereTauForFraction, SPHERE_SWITCH_TAU,
} from '../../../../../shared/engine/release/sphere-diffusion'
import { erosionTimeIntegralH } from '../../../../../shared/engine/release/erosion'
import { phMultiplierAcidCatalysed } from '../../../../../shared/engine/release/triggers'

/**
 * Independent reference: the sphere diffusion PDE solved numerically. With u = r c the
 * spherical equation becomes u_τ = u_rr on 0 < r < 1, u(0) = u(1) = 0, u(r,0) = r, and
 * F = 1 - 3 ∫ r u dr. Crank-Nicolson after backward-Euler start-up steps (Rannacher).
 */
function pdeFractionReleased(tauTargets: number[], nodes = 800, dt = 2e-5): number[] {
  const h = 1 / nodes
  const m = nodes - 1 // interior nodes r_i = i h, i = 1..nodes-1
  let u: Float64Array = Float64Array.from({ length: m }, (_, k) => (k + 1) * h)
  const solveTridiag = (diag: number, off: number, rhs: Float64Array): Float64Array => {
    const c = new Float64Array(m)
    const d = new Float64Array(m)
    c[0] = off / diag
    d[0] = rhs[0]! / diag
    for (let i = 1; i < m; i++) {
      const den = diag - off * c[i - 1]!
      c[i] = off / den
      d[i] = (rhs[i]! - off * d[i - 1]!) / den
    }
    const x = new Float64Array(m)
    x[m - 1] = d[m - 1]!
    for (let i = m - 2; i >= 0; i--) x[i] = d[i]! - c[i]! * x[i + 1]!
    return x
  }
  const fraction = (v: Float64Array): number => {
    let s = 0 // trapezoid of r u, zero at both ends
    for (let k = 0; k < m; k++) s += (k + 1) * h * v[k]! * h
    return 1 - 3 * s
  }
  const out: number[] = []
  let tau = 0
  let step = 0
  for (const target of tauTargets) {
    while (tau < target - 1e-12) {
      const k = Math.min(dt, target - tau)
      const lam = k / (h * h)
      const rhs = new Float64Array(m)
      if (step < 4) {
        u = solveTridiag(1 + 2 * lam, -lam, u) // backward Euler
      } else {
        for (let i = 0; i < m; i++) {
          const left = i > 0 ? u[i - 1]! : 0
          const right = i < m - 1 ? u[i + 1]! : 0
          rhs[i] = u[i]! + 0.5 * lam * (left - 2 * u[i]! + right)
        }
        u = solveTridiag(1 + lam, -0.5 * lam, rhs)
      }
      tau += k
      step++
    }
    out.push(fraction(u))
  }
  return out
}

describe('sphere diffusion (Crank 1975; brief §1.2)', () => {
  it('reaches the characteristic fractions at the published tau values', () => {
    // Brief §1.2 table [D]: F = 0.5 at 0.0305, 0.9 at 0.183, 0.99 at 0.416 (3 significant figures)
    expect(sphereFractionSeries(0.0305)).toBeCloseTo(0.5, 2)
    expect(sphereFractionSeries(0.183)).toBeCloseTo(0.9, 2)
    expect(sphereFractionSeries(0.416)).toBeCloseTo(0.99, 3)
    expect(sphereTauForFraction(0.5)).toBeCloseTo(0.0305, 3)
    expect(sphereTauForFraction(0.9)).toBeCloseTo(0.183, 2)
    expect(Math.abs(sphereTauForFraction(0.99) - 0.416)).toBeLessThan(0.001)
  })

  it('short-time form agrees with the series to < 0.2 % absolute up to tau = 0.2, and underestimates at 0.3', () => {
    for (let tau = 1e-4; tau <= SPHERE_SWITCH_TAU; tau += 0.002) {
      expect(Math.abs(sphereFractionShortTime(tau) - sphereFractionSeries(tau))).toBeLessThan(0.002)
    }
    // brief §1.2: at tau = 0.3 the short-time form gives 0.954 vs 0.969
    expect(sphereFractionShortTime(0.3)).toBeCloseTo(0.954, 3)
    expect(sphereFractionSeries(0.3)).toBeCloseTo(0.969, 3)
  })

  it('matches a finite-difference solution of the diffusion PDE', () => {
    const taus = [0.005, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5]
    const pde = pdeFractionReleased(taus)
    taus.forEach((tau, i) => {
      expect(Math.abs(sphereFractionReleased(tau) - pde[i]!)).toBeLessThan(2e-3)
    })
  })

  it('gives the exact mean release time R²/(15 D)', () => {
    // ∫0^∞ S(τ) dτ = 1/15 (Processes 2023, 11:3431, brief §1.2 [V]); Simpson on the series
    const upper = 3
    const n = 30000
    const hStep = upper / n
    let s = sphereSurvivalSeries(1e-12) + sphereSurvivalSeries(upper)
    for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * sphereSurvivalSeries(i * hStep)
    expect((s * hStep) / 3).toBeCloseTo(1 / 15, 5)
  })

  it('inverts its own forward map across the range and handles the limits', () => {
    for (const f of [0.01, 0.2, 0.5, 0.8, 0.87, 0.9, 0.95, 0.999]) {
      expect(sphereFractionReleased(sphereTauForFraction(f))).toBeCloseTo(f, 10)
    }
    expect(sphereTauForFraction(0)).toBe(0)
    expect(sphereTauForFraction(1)).toBe(Infinity)
    expect(sphereFractionReleased(0)).toBe(0)
  })
})

describe('Baker-Lonsdale (brief §1.2)', () => {
  it('solves the implicit relation exactly and by hand at c = 0.25', () => {
    // c = 0.25: F = 0.875 since 1.5 (1 - 0.125^(2/3)) - 0.875 = 1.5 * 0.75 - 0.875 = 0.25
    expect(bakerLonsdaleFraction(0.25)).toBeCloseTo(0.875, 12)
    for (const c of [1e-6, 0.01, 0.1, 0.3, 0.45, 0.4999]) {
      const f = bakerLonsdaleFraction(c)
      expect(1.5 * (1 - Math.pow(1 - f, 2 / 3)) - f).toBeCloseTo(c, 10)
    }
    expect(bakerLonsdaleFraction(0.5)).toBe(1)
    expect(bakerLonsdaleFraction(2)).toBe(1)
    expect(bakerLonsdaleFraction(0)).toBe(0)
  })

  it('agrees with bisection on the implicit equation', () => {
    for (const c of [0.02, 0.2, 0.4]) {
      let lo = 0
      let hi = 1
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2
        if (1.5 * (1 - Math.pow(1 - mid, 2 / 3)) - mid < c) lo = mid
        else hi = mid
      }
      expect(bakerLonsdaleFraction(c)).toBeCloseTo(lo, 9)
    }
  })
})

describe('erosion coupling (brief §1.3)', () => {
  it('∫ exp[β(1 - e^(-k t))] dt matches Simpson quadrature', () => {
    for (const [t, k, beta] of [[24, 0.1 / 24, 3], [720, 0.1 / 24, 3], [2000, 0.035 / 24, 5], [100, 1e-6, 2], [50, 0.5, 4]] as const) {
      const n = 20000
      const hStep = t / n
      const f = (s: number): number => Math.exp(beta * (1 - Math.exp(-k * s)))
      let s = f(0) + f(t)
      for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * hStep)
      const simpson = (s * hStep) / 3
      expect(erosionTimeIntegralH(t, k, beta) / simpson).toBeCloseTo(1, 9)
    }
    expect(erosionTimeIntegralH(10, 0, 3)).toBe(10)
  })
})

describe('pH multiplier (brief §1.5.2)', () => {
  it('reproduces the theoretical 10^(7.4 - pH) table when k0 = 0 and uncapped', () => {
    const table: Array<[number, number]> = [[7.0, 2.5], [6.8, 4.0], [6.5, 7.9], [6.0, 25], [5.5, 79], [5.0, 251], [4.5, 794]]
    for (const [pH, m] of table) {
      expect(phMultiplierAcidCatalysed(pH, 7.4, 0, Infinity) / m).toBeCloseTo(1, 1)
    }
    expect(phMultiplierAcidCatalysed(5.0, 7.4, 0, 56)).toBe(56)
    expect(phMultiplierAcidCatalysed(7.4, 7.4, 0.05, 56)).toBeCloseTo(1, 12)
  })
})
