import { describe, expect, it } from 'vitest'
import { resolveParameters } from '../../../../../shared/engine/pbpk'
import { assembleAndFactorize, createWorkspace, luSolve, sumConstantEntries, type StiffSystem } from '../../../../../shared/engine/pbpk/rosenbrock'
import { buildSystem, releaseTargetFor } from '../../../../../shared/engine/pbpk/system'
import { mulberry32 } from '../../../../../shared/engine/pbpk/random'
import { PEG_LIPOSOME } from './fixtures'

/** Dense Gaussian elimination with partial pivoting (the independent reference). */
function denseSolve(a: Float64Array, n: number, b: Float64Array): Float64Array {
  const m = Float64Array.from(a)
  const x = Float64Array.from(b)
  for (let k = 0; k < n; k++) {
    let p = k
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]!) > Math.abs(m[p * n + k]!)) p = i
    if (p !== k) {
      for (let j = 0; j < n; j++) { const t = m[k * n + j]!; m[k * n + j] = m[p * n + j]!; m[p * n + j] = t }
      const t = x[k]!; x[k] = x[p]!; x[p] = t
    }
    for (let i = k + 1; i < n; i++) {
      const l = m[i * n + k]! / m[k * n + k]!
      if (l === 0) continue
      for (let j = k; j < n; j++) m[i * n + j] = m[i * n + j]! - l * m[k * n + j]!
      x[i] = x[i]! - l * x[k]!
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!
    for (let j = i + 1; j < n; j++) s -= m[i * n + j]! * x[j]!
    x[i] = s / m[i * n + i]!
  }
  return x
}

/** W = I − γ·J as a dense matrix from a system's Jacobian entries. */
function denseW(sys: StiffSystem, values: Float64Array, gamma: number): Float64Array {
  const n = sys.size
  const w = new Float64Array(n * n)
  for (let i = 0; i < n; i++) w[i * n + i] = 1
  sys.jacobianPattern.forEach((pos, e) => { w[pos] = w[pos]! - gamma * values[e]! })
  return w
}

function maxRelativeError(x: Float64Array, ref: Float64Array): number {
  let scale = 0
  for (const v of ref) scale = Math.max(scale, Math.abs(v))
  let err = 0
  for (let i = 0; i < x.length; i++) err = Math.max(err, Math.abs(x[i]! - ref[i]!))
  return err / scale
}

describe('sparse LU of the iteration matrix (blocks, minimum-degree order, leaves)', () => {
  const input = { ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis' as const }
  const { params } = resolveParameters(input)
  const sys = buildSystem(params, (env, t) => (env === 'plasma' ? 0.02 : 0.3) * (1 + 0.1 * t), releaseTargetFor(params, input.goal))

  it('solves the PBPK system\'s W·x = b as dense elimination does, for step sizes from 1e-6 to 10 h, with and without the constant entries summed once', () => {
    const n = sys.size
    const ws = createWorkspace(sys)
    const u = mulberry32(3)
    const y = Float64Array.from({ length: n }, () => 10 * u())
    sys.jacobian(0.7, y, ws.jac)
    const b = Float64Array.from({ length: n }, () => u() - 0.3)
    for (const gamma of [1e-6, 1e-3, 0.1, 10]) {
      const ref = denseSolve(denseW(sys, ws.jac, gamma), n, b)
      for (const constant of [0, sys.constantJacobianEntries!]) {
        if (constant > 0) sumConstantEntries(ws, sys, constant)
        assembleAndFactorize(ws, gamma, constant)
        const x = Float64Array.from(b)
        luSolve(ws, x)
        expect(maxRelativeError(x, ref)).toBeLessThan(1e-12)
      }
    }
  })

  it('finds the particle and drug blocks and leaves almost no fill (was 180 extra entries in state order)', () => {
    const ws = createWorkspace(sys)
    expect(ws.lu.blocks).toBe(2)
    const distinct = new Set(Array.from(sys.jacobianPattern))
    for (let i = 0; i < sys.size; i++) distinct.add(i * sys.size + i)
    expect(ws.lu.nnz - distinct.size).toBeLessThanOrEqual(10)
  })

  it('solves random block-triangular, column-dominant systems with leaves and coupling entries as dense elimination does', () => {
    const u = mulberry32(17)
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(u() * 30)
      // state blocks [0, cut) and [cut, n); a few leaves; entries only from the first block into the second
      const cut = 1 + Math.floor(u() * (n - 2))
      const leaf = Array.from({ length: n }, () => u() < 0.15)
      const positions: number[] = []
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          if (i === j || leaf[j] || u() > 0.2) continue
          if (i < cut && j >= cut) continue // the first block does not read the second
          positions.push(i * n + j)
        }
        positions.push(i * n + i)
      }
      const pattern = Int32Array.from(positions)
      // off-diagonal ≥ 0, diagonal ≤ −(column sum of off-diagonals): a compartmental Jacobian
      const values = Float64Array.from(positions, (pos) => (Math.floor(pos / n) === pos % n ? 0 : u() * 5))
      const colSum = new Float64Array(n)
      positions.forEach((pos, e) => { colSum[pos % n] = colSum[pos % n]! + values[e]! })
      positions.forEach((pos, e) => { if (Math.floor(pos / n) === pos % n) values[e] = -colSum[pos % n]! - u() })
      const s: StiffSystem = { size: n, jacobianPattern: pattern, rhs: () => undefined, jacobian: (_t, _y, v) => v.set(values) }
      const ws = createWorkspace(s)
      ws.jac.set(values)
      const gamma = 0.01 + u() * 3
      assembleAndFactorize(ws, gamma)
      const b = Float64Array.from({ length: n }, () => u() - 0.5)
      const x = Float64Array.from(b)
      luSolve(ws, x)
      expect(maxRelativeError(x, denseSolve(denseW(s, values, gamma), n, b))).toBeLessThan(1e-11)
    }
  })
})
