/**
 * Stiff ODE solver: the L-stable Rosenbrock method of order 2 with an embedded order-3 error
 * estimate of Shampine & Reichelt (1997, SIAM J Sci Comput 18:1, "The MATLAB ODE Suite",
 * method `ode23s`), with adaptive step control and cubic Hermite dense output.
 *
 * Hand-written: no maintained pure-TypeScript stiff solver (Rosenbrock/BDF/LSODA) was
 * available to depend on, and shared/ must stay dependency-free pure TS. The PBPK system is
 * stiff (spleen K_max up to 20 h⁻¹ against brain PAC 1e-6; capillary transit times of
 * seconds against days of phagocytic retention; brief Part 4 note 2), so an explicit method
 * would need tiny steps.
 *
 * Rosenbrock stages are linear combinations of f and J·v, so linear invariants (total mass)
 * are preserved to round-off: mass balance holds at every step (brief Part 4 note 4).
 *
 * The linear systems W·x = b with W = I − h·d·J are solved by an LU factorisation that skips
 * structural zeros (the compartment graph is sparse; arterial/venous states come last so the
 * arrow-head structure produces little fill-in) and stores L and U as compressed rows.
 * No pivoting: W is column diagonally dominant for a compartmental system (column sums of J
 * are ≤ 0 and its off-diagonal entries ≥ 0), for which elimination without pivoting is stable.
 */

/** The system as the solver needs it. */
export interface StiffSystem {
  readonly size: number
  /** Flat row-major positions (i·n + j) of the structural non-zeros of W = I − γJ (incl. the diagonal). */
  readonly pattern: Int32Array
  rhs(t: number, y: Float64Array, dy: Float64Array): void
  /** W = I − γ·J(t, y) into `w` (dense, row-major); only pattern positions may be written. */
  iterationMatrix(t: number, y: Float64Array, gamma: number, w: Float64Array): void
}

/** Solver tolerances and limits. */
export interface RosenbrockOptions {
  readonly rtol: number
  readonly atol: number
  readonly initialStepH?: number
  readonly maxStepH?: number
  readonly maxSteps?: number
}

/** Called after every accepted step with both ends and their derivatives (for dense output). */
export type StepCallback = (t0: number, y0: Float64Array, f0: Float64Array, t1: number, y1: Float64Array, f1: Float64Array) => void

/** Step statistics, accumulated across calls. */
export interface SolverStats {
  steps: number
  rejected: number
  rhsEvaluations: number
}

/**
 * Work arrays and the symbolic LU analysis for one sparsity pattern: the fill-in of the
 * elimination is computed once, so every factorisation touches only structural non-zeros.
 */
export interface RosenbrockWorkspace {
  readonly n: number
  /** Dense storage of W and then of its LU factors (only pattern + fill positions are used). */
  readonly w: Float64Array
  /** Positions to clear before assembling W (pattern + fill). */
  readonly clear: Int32Array
  /** Elimination schedule: for pivot k, rows rowsPtr[k]..rowsPtr[k+1] of `rows`, columns of `cols`. */
  readonly rowsPtr: Int32Array
  readonly rows: Int32Array
  readonly colsPtr: Int32Array
  readonly cols: Int32Array
  /** Strictly lower part of each row (column indices), for the forward solve. */
  readonly lPtr: Int32Array
  readonly lIdx: Int32Array
  readonly f0: Float64Array
  readonly f1: Float64Array
  readonly f2: Float64Array
  readonly ft: Float64Array
  readonly k1: Float64Array
  readonly k2: Float64Array
  readonly k3: Float64Array
  readonly yTmp: Float64Array
  readonly yNew: Float64Array
}

/** Allocates the work arrays and runs the symbolic LU (fill-in) analysis of `pattern`. */
export function createWorkspace(n: number, pattern: Int32Array): RosenbrockWorkspace {
  const nz = new Uint8Array(n * n)
  for (let i = 0; i < n; i++) nz[i * n + i] = 1
  for (let p = 0; p < pattern.length; p++) nz[pattern[p]] = 1
  // symbolic elimination without pivoting
  const rowsPtr = new Int32Array(n + 1)
  const colsPtr = new Int32Array(n + 1)
  const rows: number[] = []
  const cols: number[] = []
  for (let k = 0; k < n; k++) {
    rowsPtr[k] = rows.length
    colsPtr[k] = cols.length
    const ck: number[] = []
    for (let j = k + 1; j < n; j++) if (nz[k * n + j]) ck.push(j)
    for (let i = k + 1; i < n; i++) {
      if (!nz[i * n + k]) continue
      rows.push(i)
      for (const j of ck) nz[i * n + j] = 1
    }
    cols.push(...ck)
  }
  rowsPtr[n] = rows.length
  colsPtr[n] = cols.length
  const clear: number[] = []
  const lPtr = new Int32Array(n + 1)
  const lIdx: number[] = []
  for (let i = 0; i < n; i++) {
    lPtr[i] = lIdx.length
    for (let j = 0; j < n; j++) {
      if (!nz[i * n + j]) continue
      clear.push(i * n + j)
      if (j < i) lIdx.push(j)
    }
  }
  lPtr[n] = lIdx.length
  const v = (): Float64Array => new Float64Array(n)
  return {
    n, w: new Float64Array(n * n), clear: Int32Array.from(clear),
    rowsPtr, rows: Int32Array.from(rows), colsPtr, cols: Int32Array.from(cols),
    lPtr, lIdx: Int32Array.from(lIdx),
    f0: v(), f1: v(), f2: v(), ft: v(), k1: v(), k2: v(), k3: v(), yTmp: v(), yNew: v(),
  }
}

/** Clears W's structural positions (call before `iterationMatrix`). */
export function clearMatrix(ws: RosenbrockWorkspace): void {
  const { w, clear } = ws
  for (let p = 0; p < clear.length; p++) w[clear[p]] = 0
}

/**
 * In-place LU (no pivoting) of W in `ws.w` following the symbolic schedule. The upper
 * factor's entries of row k are exactly the schedule's columns of pivot k.
 */
export function factorize(ws: RosenbrockWorkspace): void {
  const { n, w: a, rowsPtr, rows, colsPtr, cols } = ws
  for (let k = 0; k < n; k++) {
    const rk = k * n
    const piv = a[rk + k]
    if (piv === 0 || !Number.isFinite(piv)) throw new Error('rosenbrock: singular iteration matrix')
    const inv = 1 / piv
    const c0 = colsPtr[k]
    const c1 = colsPtr[k + 1]
    for (let r = rowsPtr[k]; r < rowsPtr[k + 1]; r++) {
      const ri = rows[r] * n
      const lik = a[ri + k] * inv
      a[ri + k] = lik
      if (lik === 0) continue
      for (let c = c0; c < c1; c++) {
        const j = cols[c]
        a[ri + j] -= lik * a[rk + j]
      }
    }
  }
}

/** Solves W·x = b in place (x holds b on entry) with the factors in `ws.w`. */
export function luSolve(ws: RosenbrockWorkspace, x: Float64Array): void {
  const { n, w: a, lPtr, lIdx, colsPtr, cols } = ws
  for (let i = 0; i < n; i++) {
    const ri = i * n
    let s = x[i]
    for (let p = lPtr[i]; p < lPtr[i + 1]; p++) s -= a[ri + lIdx[p]] * x[lIdx[p]]
    x[i] = s
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n
    let s = x[i]
    for (let c = colsPtr[i]; c < colsPtr[i + 1]; c++) s -= a[ri + cols[c]] * x[cols[c]]
    x[i] = s / a[ri + i]
  }
}

const D = 1 / (2 + Math.SQRT2)
const E32 = 6 + Math.SQRT2

/**
 * Integrates y' = f(t, y) from t0 to t1 (y updated in place). Returns the last accepted step
 * size (a good first step for a following segment).
 */
export function integrate(
  sys: StiffSystem, t0: number, t1: number, y: Float64Array, opts: RosenbrockOptions,
  ws: RosenbrockWorkspace, stats: SolverStats, onStep?: StepCallback,
): number {
  const n = sys.size
  const { rtol, atol } = opts
  const span = t1 - t0
  const hMax = Math.min(opts.maxStepH ?? span, span)
  let h = Math.min(opts.initialStepH ?? span * 1e-3, hMax)
  const maxSteps = opts.maxSteps ?? 1_000_000
  const { f0, f1, f2, ft, k1, k2, k3, yTmp, yNew } = ws
  let t = t0
  sys.rhs(t, y, f0)
  stats.rhsEvaluations++
  let count = 0
  while (t < t1) {
    if (++count > maxSteps) throw new Error('rosenbrock: too many steps')
    let last = false
    if (t + h >= t1 || t + 1.01 * h >= t1) { h = t1 - t; last = true }
    // ∂f/∂t by a forward difference (the Hill activation and the hazard depend on t)
    const dt = 1e-7 * Math.max(1, Math.abs(t))
    sys.rhs(t + dt, y, ft)
    stats.rhsEvaluations++
    for (let i = 0; i < n; i++) ft[i] = (ft[i] - f0[i]) / dt
    const hd = h * D
    clearMatrix(ws)
    sys.iterationMatrix(t, y, hd, ws.w)
    factorize(ws)
    // k1 = W⁻¹(F0 + h·d·T)
    for (let i = 0; i < n; i++) k1[i] = f0[i] + hd * ft[i]
    luSolve(ws, k1)
    // F1 = f(t + h/2, y + h/2·k1)
    for (let i = 0; i < n; i++) yTmp[i] = y[i] + 0.5 * h * k1[i]
    sys.rhs(t + 0.5 * h, yTmp, f1)
    // k2 = W⁻¹(F1 − k1) + k1
    for (let i = 0; i < n; i++) k2[i] = f1[i] - k1[i]
    luSolve(ws, k2)
    for (let i = 0; i < n; i++) { k2[i] += k1[i]; yNew[i] = y[i] + h * k2[i] }
    const tNew = last ? t1 : t + h
    sys.rhs(tNew, yNew, f2)
    stats.rhsEvaluations += 2
    // k3 = W⁻¹(F2 − e32(k2 − F1) − 2(k1 − F0) + h·d·T)
    for (let i = 0; i < n; i++) k3[i] = f2[i] - E32 * (k2[i] - f1[i]) - 2 * (k1[i] - f0[i]) + hd * ft[i]
    luSolve(ws, k3)
    // error = h/6 (k1 − 2k2 + k3), max norm scaled by atol + rtol·|y|
    let err = 0
    for (let i = 0; i < n; i++) {
      const e = (h / 6) * (k1[i] - 2 * k2[i] + k3[i])
      const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]))
      const r = Math.abs(e) / sc
      if (r > err) err = r
    }
    if (!Number.isFinite(err)) err = 1e10
    const factor = Math.min(5, Math.max(0.2, 0.8 * Math.pow(Math.max(err, 1e-10), -1 / 3)))
    if (err <= 1) {
      if (onStep) onStep(t, y, f0, tNew, yNew, f2)
      t = tNew
      y.set(yNew)
      f0.set(f2)
      stats.steps++
      if (last) break
      h = Math.min(h * factor, hMax)
    } else {
      stats.rejected++
      h *= Math.min(factor, 0.5)
      if (h < 1e-14 * Math.max(1, Math.abs(t))) throw new Error('rosenbrock: step size underflow')
    }
  }
  return h
}
