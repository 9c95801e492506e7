/**
 * Independent reference solutions for the PBPK solver tests: a classic fixed-step RK4
 * (explicit, tiny step) on the same right-hand side, and a matrix exponential (scaling and
 * squaring with a Taylor series) for linear constant-coefficient cases.
 */

/** Classic 4th-order Runge-Kutta with a fixed step; returns y at each of `times` (ascending). */
export function rk4(
  rhs: (t: number, y: Float64Array, dy: Float64Array) => void, y0: Float64Array, t0: number,
  times: ReadonlyArray<number>, h: number,
): Float64Array[] {
  const n = y0.length
  const y = Float64Array.from(y0)
  const k1 = new Float64Array(n); const k2 = new Float64Array(n); const k3 = new Float64Array(n); const k4 = new Float64Array(n)
  const tmp = new Float64Array(n)
  const out: Float64Array[] = []
  let t = t0
  for (const target of times) {
    while (t < target - 1e-12) {
      const step = Math.min(h, target - t)
      rhs(t, y, k1)
      for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * step * k1[i]
      rhs(t + 0.5 * step, tmp, k2)
      for (let i = 0; i < n; i++) tmp[i] = y[i] + 0.5 * step * k2[i]
      rhs(t + 0.5 * step, tmp, k3)
      for (let i = 0; i < n; i++) tmp[i] = y[i] + step * k3[i]
      rhs(t + step, tmp, k4)
      for (let i = 0; i < n; i++) y[i] += (step / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i])
      t += step
    }
    out.push(Float64Array.from(y))
  }
  return out
}

function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const aik = a[i * n + k]
    if (aik === 0) continue
    for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j]
  }
  return c
}

/** exp(A) for a dense row-major n×n matrix: scaling and squaring with a 30-term Taylor series. */
export function expm(a: Float64Array, n: number): Float64Array {
  let norm = 0
  for (let i = 0; i < n; i++) { let s = 0; for (let j = 0; j < n; j++) s += Math.abs(a[i * n + j]); norm = Math.max(norm, s) }
  const sq = Math.max(0, Math.ceil(Math.log2(norm)) + 1)
  const scale = Math.pow(2, -sq)
  const as = a.map((v) => v * scale)
  let term: Float64Array = new Float64Array(n * n)
  for (let i = 0; i < n; i++) term[i * n + i] = 1
  const sum = Float64Array.from(term)
  for (let k = 1; k <= 30; k++) {
    term = matMul(term, as, n).map((v) => v / k)
    for (let i = 0; i < n * n; i++) sum[i] += term[i]
  }
  let r: Float64Array = sum
  for (let s = 0; s < sq; s++) r = matMul(r, r, n)
  return r
}

/** Jacobian of `rhs` at (t, y) by central differences (exact for a linear system). */
export function numericJacobian(rhs: (t: number, y: Float64Array, dy: Float64Array) => void, n: number, t: number, y: Float64Array): Float64Array {
  const j = new Float64Array(n * n)
  const fp = new Float64Array(n)
  const fm = new Float64Array(n)
  for (let c = 0; c < n; c++) {
    const yp = Float64Array.from(y); const ym = Float64Array.from(y)
    yp[c] += 1; ym[c] -= 1
    rhs(t, yp, fp); rhs(t, ym, fm)
    for (let r = 0; r < n; r++) j[r * n + c] = (fp[r] - fm[r]) / 2
  }
  return j
}
