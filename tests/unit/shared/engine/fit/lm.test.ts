import { describe, expect, it } from 'vitest'
import { levenbergMarquardt } from 'ml-levenberg-marquardt'
import { boundedLevenbergMarquardt, type LeastSquaresProblem } from '../../../../../shared/engine/fit/lm'
import { getReleaseModel } from '../../../../../shared/engine/fit/models'
import { mulberry32, normalSource } from '../../../../../shared/engine/fit/random'

const T = [0.5, 1, 2, 4, 6, 8, 12, 24, 36, 48]

function problemFor(id: string, truth: (t: number) => number, seed: number): LeastSquaresProblem {
  const def = getReleaseModel(id)!
  const gauss = normalSource(mulberry32(seed))
  return { x: T, y: T.map((t) => truth(t) + gauss()), model: def.evaluate, lower: def.lower, upper: def.upper }
}

function ssr(problem: LeastSquaresProblem, p: ArrayLike<number>): number {
  const pp = Float64Array.from(p)
  let s = 0
  for (let i = 0; i < problem.x.length; i++) s += ((problem.y[i] as number) - problem.model(pp, problem.x[i] as number)) ** 2
  return s
}

describe('bounded Levenberg-Marquardt', () => {
  it('reaches an SSR at least as low as ml-levenberg-marquardt from the same start', () => {
    const cases: Array<[string, (t: number) => number, number[]]> = [
      ['first-order', (t) => 100 * (1 - Math.exp(-0.1 * t)), [0.05]],
      ['weibull', (t) => 100 * (1 - Math.exp(-Math.pow(t, 0.7) / 4)), [3, 1]],
      ['makoid-banakar', (t) => 20 * Math.pow(t, 0.5) * Math.exp(-0.01 * t), [10, 0.4, 0]],
      ['logistic', (t) => 100 / (1 + Math.exp(-(-1 + 2 * Math.log10(t)))), [0, 1]],
    ]
    cases.forEach(([id, truth, start], k) => {
      const problem = problemFor(id, truth, 100 + k)
      const ours = boundedLevenbergMarquardt(problem, start)
      const lib = levenbergMarquardt(
        { x: Array.from(problem.x), y: Array.from(problem.y) },
        (p: number[]) => (x: number) => problem.model(Float64Array.from(p), x),
        {
          initialValues: start, minValues: Array.from(problem.lower), maxValues: Array.from(problem.upper),
          maxIterations: 2000, damping: 1e-2, gradientDifference: 1e-6, errorTolerance: 1e-12,
        },
      )
      const libSsr = ssr(problem, lib.parameterValues)
      expect(ours.ssr, id).toBeLessThanOrEqual(libSsr * (1 + 1e-6) + 1e-9)
      expect(ours.ssr).toBeCloseTo(ssr(problem, ours.params), 9)
    })
  })

  it('recovers exact parameters from noise-free data', () => {
    const def = getReleaseModel('weibull')!
    const y = T.map((t) => 100 * (1 - Math.exp(-Math.pow(t, 1.3) / 20)))
    const r = boundedLevenbergMarquardt({ x: T, y, model: def.evaluate, lower: def.lower, upper: def.upper }, [5, 0.8])
    expect(r.params[0]).toBeCloseTo(20, 4)
    expect(r.params[1]).toBeCloseTo(1.3, 6)
    expect(r.converged).toBe(true)
  })

  it('keeps parameters inside the bounds and stops on the bound when the optimum lies outside', () => {
    // y = 2 t fitted by y = a t with a ≤ 1: the constrained optimum is a = 1
    const r = boundedLevenbergMarquardt({ x: T, y: T.map((t) => 2 * t), model: (p, t) => p[0]! * t, lower: [0], upper: [1] }, [0.2])
    expect(r.params[0]).toBe(1)
    // two parameters, one bounded: y = 3 + 0.5 t with intercept ≤ 1, the slope still adapts
    const r2 = boundedLevenbergMarquardt(
      { x: T, y: T.map((t) => 3 + 0.5 * t), model: (p, t) => p[0]! + p[1]! * t, lower: [-10, -10], upper: [1, 10] }, [0, 0],
    )
    expect(r2.params[0]).toBe(1)
    // least squares of y - 1 = b t through the origin: b = Σ t (y - 1) / Σ t²
    const b = T.reduce((s, t) => s + t * (2 + 0.5 * t), 0) / T.reduce((s, t) => s + t * t, 0)
    expect(r2.params[1]).toBeCloseTo(b, 8)
  })
})
