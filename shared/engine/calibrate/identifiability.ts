/**
 * Which parameters the data can and cannot learn (issue #14: "report which are not
 * identifiable from the data given"). Three signs, reported together:
 * 1. structural (before sampling): no observation responds to a one-prior-SD change of the
 *    parameter (e.g. the target permeability in a healthy context, degradation of a gold core,
 *    the release rate without a release profile) — the parameter is left at its prior;
 * 2. the posterior-to-prior width ratio: a 95 % interval of ln m that keeps ≥ 90 % of the
 *    prior's width means the data hardly moved it;
 * 3. the Fisher information at the posterior median, I = JᵀJ with J the Jacobian of the
 *    standardised residuals r = (ln y − ln μ)/σ (release: (y − μ)/SD) by ln m — the
 *    Gauss–Newton form, exact for Gaussian residuals (Bates DM & Watts DG 1988, Nonlinear
 *    Regression Analysis and Its Applications, Wiley, §2.1). Scaled by the prior SDs,
 *    S = diag(σ)·I·diag(σ) compares the data's precision with the prior's: an eigenvalue
 *    λ < 0.1 of S is a direction (a combination of parameters) along which the data carry
 *    under a tenth of the prior's information — e.g. K_rel and degradation trading off.
 * J by central differences, step 0.05 in ln m (5 %, large against the solver's ~1e-3
 * relative error, small against the prior SD 0.47).
 */
import type { CalibrationParameterId } from './parameters'

/** The identifiability report of a calibration. */
export interface IdentifiabilityReport {
  /** diag(σ)·I·diag(σ), row-major, in the order of `parameters`. */
  readonly scaledFisher: ReadonlyArray<number>
  readonly parameters: ReadonlyArray<CalibrationParameterId>
  /** Data precision over prior precision per parameter alone, I_jj·σ_j². */
  readonly dataToPriorPrecision: Readonly<Partial<Record<CalibrationParameterId, number>>>
  /** Eigenvalues of the scaled Fisher information, ascending, with their unit eigenvectors. */
  readonly eigen: ReadonlyArray<{ readonly value: number; readonly vector: ReadonlyArray<number> }>
  readonly notIdentifiable: ReadonlyArray<CalibrationParameterId>
  /** Plain sentences: what is not identifiable and why. */
  readonly notes: ReadonlyArray<string>
}

/** Step of the central differences, in ln m. */
const STEP_LN = 0.05
/** Scaled-Fisher eigenvalue below which a direction counts as not identifiable. */
const MIN_SCALED_EIGENVALUE = 0.1

/**
 * Eigen-decomposition of a symmetric matrix (row-major n×n) by cyclic Jacobi rotations
 * (Golub GH & Van Loan CF 2013, Matrix Computations, 4th ed., §8.5): values ascending.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): Array<{ value: number; vector: number[] }> {
  const m = Float64Array.from(a)
  const v = new Float64Array(n * n)
  for (let i = 0; i < n; i++) v[i * n + i] = 1
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2
    if (off < 1e-30) break
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!
        if (Math.abs(apq) < 1e-300) continue
        // rotation angle that zeroes a_pq: cot 2φ = (a_qq − a_pp)/(2 a_pq)
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq)
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let k = 0; k < n; k++) {
          const akp = m[k * n + p]!
          const akq = m[k * n + q]!
          m[k * n + p] = c * akp - s * akq
          m[k * n + q] = s * akp + c * akq
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p * n + k]!
          const aqk = m[q * n + k]!
          m[p * n + k] = c * apk - s * aqk
          m[q * n + k] = s * apk + c * aqk
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!
          const vkq = v[k * n + q]!
          v[k * n + p] = c * vkp - s * vkq
          v[k * n + q] = s * vkp + c * vkq
        }
      }
    }
  }
  const out = Array.from({ length: n }, (_, j) => ({ value: m[j * n + j]!, vector: Array.from({ length: n }, (_, k) => v[k * n + j]!) }))
  return out.sort((x, y) => x.value - y.value)
}

/**
 * The identifiability report at `thetaLn` (posterior median): `residuals(θ)` gives the
 * standardised residuals; `wide` are parameters whose posterior kept ≥ 90 % of the prior
 * width, `uninformed` those no observation responds to (both from the caller).
 */
export function fisherInformation(
  residuals: (thetaLn: Float64Array) => number[], thetaLn: Float64Array, parameters: ReadonlyArray<CalibrationParameterId>,
  sigmaLn: ArrayLike<number>, wide: ReadonlyArray<CalibrationParameterId>, uninformed: ReadonlyArray<CalibrationParameterId>,
): IdentifiabilityReport {
  const d = parameters.length
  const columns: number[][] = []
  for (let j = 0; j < d; j++) {
    const up = Float64Array.from(thetaLn)
    const down = Float64Array.from(thetaLn)
    up[j]! += STEP_LN
    down[j]! -= STEP_LN
    const ru = residuals(up)
    const rd = residuals(down)
    columns.push(ru.map((r, i) => (r - rd[i]!) / (2 * STEP_LN)))
  }
  const scaled = new Array<number>(d * d).fill(0)
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) {
      let s = 0
      columns[a]!.forEach((x, i) => { s += x * columns[b]![i]! })
      scaled[a * d + b] = s * sigmaLn[a]! * sigmaLn[b]!
    }
  }
  const dataToPriorPrecision: Partial<Record<CalibrationParameterId, number>> = {}
  parameters.forEach((id, j) => { dataToPriorPrecision[id] = scaled[j * d + j]! })
  const eigen = symmetricEigen(scaled, d)
  const notes: string[] = []
  for (const id of uninformed) notes.push(`${id}: no observation of these studies responds to it, so it is not identifiable from them (left at its prior)`)
  for (const id of wide) notes.push(`${id}: its posterior 95 % interval keeps at least 90 % of the prior's width, so these data hardly inform it`)
  for (const e of eigen) {
    if (e.value >= MIN_SCALED_EIGENVALUE) continue
    const terms = e.vector.map((c, j) => ({ c, id: parameters[j]! })).filter((t) => Math.abs(t.c) >= 0.2)
    const combo = terms.map((t) => `${t.c >= 0 ? '+' : '−'}${Math.abs(t.c).toFixed(2)}·ln ${t.id}`).join(' ')
    notes.push(`the combination ${combo} is not identifiable: along it the data carry ${(100 * Math.max(0, e.value)).toFixed(0)} % of the prior's precision (scaled Fisher eigenvalue ${e.value.toPrecision(2)})`)
  }
  const notIdentifiable = parameters.filter((id) => wide.includes(id)).concat(uninformed)
  return { scaledFisher: scaled, parameters, dataToPriorPrecision, eigen, notIdentifiable, notes }
}
