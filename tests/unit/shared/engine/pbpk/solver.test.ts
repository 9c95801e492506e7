import { describe, expect, it } from 'vitest'
import { resolveParameters, runModel } from '../../../../../shared/engine/pbpk'
import { buildSystem } from '../../../../../shared/engine/pbpk/system'
import { createWorkspace, integrate } from '../../../../../shared/engine/pbpk/rosenbrock'
import type { ModelParameters } from '../../../../../shared/engine/pbpk/parameters'
import { expm, numericJacobian, rk4 } from './reference'
import { PEG_LIPOSOME } from './fixtures'

describe('Rosenbrock solver against independent references', () => {
  it('matches a tiny-step classic RK4 on the full nonlinear, time-dependent system (incl. release)', () => {
    const input = { ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis' as const, particleDoseMgPerKg: 50,
      releaseHazard: (env: string, t: number) => (env === 'plasma' ? 0.02 : env === 'inflamed' ? 0.1 : 0.3) * (1 + 0.5 * Math.sin(t)) }
    const { params } = resolveParameters(input)
    const times = [0.5, 2, 6, 12]
    const run = runModel(params, input, [0, ...times], 1e-7, 1e-9)
    // reference: start after the 0.005 h infusion from the same state is not available, so
    // integrate the infusion too: RK4 with the same RHS, infusion on for t < 0.005 h.
    const sys = buildSystem(params, input.releaseHazard)
    const n = sys.size
    const y0 = new Float64Array(n)
    const rate = 100 / params.bolusInfusionH
    const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
      sys.setInfusion(t < params.bolusInfusionH ? rate : 0)
      sys.rhs(t, y, dy)
    }
    // stiffest rate ≈ Q_C / V_lung,capillary ≈ 1.3e4 h⁻¹: RK4 is stable for h < 2.8/1.3e4
    const inf = rk4(rhs, y0, 0, [params.bolusInfusionH], 2.5e-5)[0]!
    const ref = rk4(rhs, inf, params.bolusInfusionH, times, 5e-5)
    let maxErr = 0
    times.forEach((_, k) => {
      for (let i = 0; i < n; i++) maxErr = Math.max(maxErr, Math.abs(run.states[(k + 1) * n + i]! - ref[k]![i]!))
    })
    expect(maxErr).toBeLessThan(2e-4) // %ID
  })

  it('matches the matrix exponential on a linear constant-coefficient case', () => {
    const { params } = resolveParameters(PEG_LIPOSOME)
    // Linear: no time activation (K_50 = 0) and unlimited capacity; near-instant bolus.
    const linear: ModelParameters = {
      ...params, bolusInfusionH: 1e-9,
      compartments: params.compartments.map((c) => ({ ...c, k50H: 0, capacityUg: 1e30 })),
    }
    const sys = buildSystem(linear)
    const n = sys.size
    const J = numericJacobian((t, y, dy) => sys.rhs(t, y, dy), n, 1, new Float64Array(n))
    const y0 = new Float64Array(n)
    y0[sys.layout.venous] = 100
    const times = [1, 8, 24]
    const run = runModel(linear, PEG_LIPOSOME, [0, ...times], 1e-7, 1e-9)
    for (const [k, t] of times.entries()) {
      const E = expm(J.map((v) => v * t), n)
      for (let i = 0; i < n; i++) {
        let ref = 0
        for (let j = 0; j < n; j++) ref += E[i * n + j]! * y0[j]!
        expect(Math.abs(run.states[(k + 1) * n + i]! - ref)).toBeLessThan(2e-4)
      }
    }
  })

  it('integrates a scalar stiff test problem y′ = −1000(y − cos t) to 1e-4 against its closed form', () => {
    const lambda = 1000
    const sys = {
      size: 1, pattern: Int32Array.from([0]),
      rhs: (t: number, y: Float64Array, dy: Float64Array) => { dy[0] = -lambda * (y[0]! - Math.cos(t)) },
      iterationMatrix: (_t: number, _y: Float64Array, g: number, w: Float64Array) => { w[0] = 1 + g * lambda },
    }
    const y = Float64Array.from([0])
    const stats = { steps: 0, rejected: 0, rhsEvaluations: 0 }
    integrate(sys, 0, 5, y, { rtol: 1e-4, atol: 1e-7 }, createWorkspace(1, sys.pattern), stats)
    // exact: y = (λ²cos t + λ sin t)/(λ² + 1) − λ² e^{−λt}/(λ² + 1)
    const exact = (lambda * lambda * Math.cos(5) + lambda * Math.sin(5)) / (lambda * lambda + 1)
    expect(Math.abs(y[0]! - exact)).toBeLessThan(1e-4)
    // L-stable implicit method: fewer steps than explicit RK4's stability limit alone needs (5·1000/2.8)
    expect(stats.steps).toBeLessThan(5 * lambda / 2.8)
  })
})
