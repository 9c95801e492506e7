/**
 * Empirical release models for fitting measured data (brief §1.6, DDSolver family; Zhang et al.
 * 2010 AAPS J 12:263; Costa & Sousa Lobo 2001 Eur J Pharm Sci 13:123). F in % released, t in h.
 *
 * One table holds, per model: id, equation, parameter names and units, bounds, and the
 * initial-guess heuristics (linearisations) used to seed the multi-start fit.
 */
import { bakerLonsdaleFraction } from '../release/sphere-diffusion'

/** Fitting data seen by the initial-guess heuristics: times (h) and mean % released. */
export interface GuessData {
  readonly t: Float64Array
  readonly y: Float64Array
}

/** One empirical model of the fitting library. */
export interface ReleaseModelDef {
  readonly id: string
  readonly name: string
  /** Equation in plain text, F in %, t in h. */
  readonly equation: string
  readonly parameterNames: ReadonlyArray<string>
  readonly parameterUnits: ReadonlyArray<string>
  readonly lower: ReadonlyArray<number>
  readonly upper: ReadonlyArray<number>
  /** Model value (% released) at t (h). */
  readonly evaluate: (p: Float64Array, tH: number) => number
  /** Starting points for the multi-start fit (at least one), derived from the data. */
  readonly initialGuesses: (d: GuessData) => number[][]
  /** Only points with mean % released ≤ this are fitted (Korsmeyer-Peppas: 60). */
  readonly maxPercentFitted?: number
  readonly reference: string
}

const LN10 = Math.LN10

/** Least-squares slope through the origin of z on x over finite pairs (guess helper). */
function slopeThroughOrigin(x: ArrayLike<number>, z: ArrayLike<number>): number {
  let sxz = 0
  let sxx = 0
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number
    const zi = z[i] as number
    if (Number.isFinite(xi) && Number.isFinite(zi)) { sxz += xi * zi; sxx += xi * xi }
  }
  return sxx > 0 ? sxz / sxx : 0
}

/** Ordinary least squares z = a + b x over finite pairs (guess helper); [a, b]. */
function linearRegression(x: ArrayLike<number>, z: ArrayLike<number>): [number, number] {
  let n = 0, sx = 0, sz = 0, sxx = 0, sxz = 0
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number
    const zi = z[i] as number
    if (!Number.isFinite(xi) || !Number.isFinite(zi)) continue
    n++; sx += xi; sz += zi; sxx += xi * xi; sxz += xi * zi
  }
  const den = n * sxx - sx * sx
  if (n < 2 || den === 0) return [n > 0 ? sz / n : 0, 0]
  const b = (n * sxz - sx * sz) / den
  return [(sz - b * sx) / n, b]
}

/** Least squares z = b1 x1 + b2 x2 (no intercept), by the 2×2 normal equations. */
function twoTermLeastSquares(x1: ArrayLike<number>, x2: ArrayLike<number>, z: ArrayLike<number>): [number, number] {
  let a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0
  for (let i = 0; i < z.length; i++) {
    const u = x1[i] as number, v = x2[i] as number, w = z[i] as number
    if (!Number.isFinite(u) || !Number.isFinite(v) || !Number.isFinite(w)) continue
    a11 += u * u; a12 += u * v; a22 += v * v; b1 += u * w; b2 += v * w
  }
  const det = a11 * a22 - a12 * a12
  if (Math.abs(det) < 1e-300) return [a11 > 0 ? b1 / a11 : 0, 0]
  return [(b1 * a22 - b2 * a12) / det, (a11 * b2 - a12 * b1) / det]
}

/** Least squares z = c0 + c1 x1 + c2 x2 by the 3×3 normal equations (Cramer's rule). */
function threeTermLeastSquares(x1: ArrayLike<number>, x2: ArrayLike<number>, z: ArrayLike<number>): [number, number, number] | null {
  const s = new Float64Array(9)
  const r = new Float64Array(3)
  for (let i = 0; i < z.length; i++) {
    const row = [1, x1[i] as number, x2[i] as number]
    const w = z[i] as number
    if (!row.every(Number.isFinite) || !Number.isFinite(w)) continue
    for (let j = 0; j < 3; j++) {
      r[j] = (r[j] as number) + (row[j] as number) * w
      for (let k = 0; k < 3; k++) s[j * 3 + k] = (s[j * 3 + k] as number) + (row[j] as number) * (row[k] as number)
    }
  }
  const det3 = (m: ArrayLike<number>): number =>
    (m[0] as number) * ((m[4] as number) * (m[8] as number) - (m[5] as number) * (m[7] as number))
    - (m[1] as number) * ((m[3] as number) * (m[8] as number) - (m[5] as number) * (m[6] as number))
    + (m[2] as number) * ((m[3] as number) * (m[7] as number) - (m[4] as number) * (m[6] as number))
  const d = det3(s)
  if (!(Math.abs(d) > 1e-300)) return null
  const out: number[] = []
  for (let c = 0; c < 3; c++) {
    const mc = Float64Array.from(s)
    for (let j = 0; j < 3; j++) mc[j * 3 + c] = r[j] as number
    out.push(det3(mc) / d)
  }
  return [out[0] as number, out[1] as number, out[2] as number]
}

/** Maps points (t > 0, 0 < y < 100) through fx/fz for linearised guesses. */
function transformed(d: GuessData, fx: (t: number) => number, fz: (y: number) => number): { x: number[]; z: number[] } {
  const x: number[] = []
  const z: number[] = []
  for (let i = 0; i < d.t.length; i++) {
    const t = d.t[i] as number
    const y = d.y[i] as number
    if (t > 0 && y > 0 && y < 100) {
      const xv = fx(t)
      const zv = fz(y)
      if (Number.isFinite(xv) && Number.isFinite(zv)) { x.push(xv); z.push(zv) }
    }
  }
  return { x, z }
}

function positive(v: number, fallback: number): number {
  return Number.isFinite(v) && v > 0 ? v : fallback
}

function tMaxOf(d: GuessData): number {
  let m = 0
  for (let i = 0; i < d.t.length; i++) m = Math.max(m, d.t[i] as number)
  return m > 0 ? m : 1
}

/** Standard normal CDF, via erfc (Numerical Recipes erfcc, fractional error < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2
  const ax = Math.abs(x)
  const t = 1 / (1 + 0.5 * ax)
  const erfc = t * Math.exp(-ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))))
  const v = x >= 0 ? erfc : 2 - erfc
  return 0.5 * v
}

/** (1 - k t)^n when k t < 1, else 0 (Hixson-Crowell / Hopfenberg: fully eroded). */
function erodedPower(k: number, t: number, n: number): number {
  const b = 1 - k * t
  return b > 0 ? Math.pow(b, n) : 0
}

/** log10 t with the t → 0 limit handled by the caller (these models give F(0) = 0 for β > 0). */
function log10t(t: number): number {
  return Math.log(t) / LN10
}

const BIG = 1e9

/**
 * The model library every form below belongs to (DDSolver), and the open-source
 * re-implementation in which the forms tagged [V*] were confirmed (BEMoDA).
 */
const DDSOLVER = 'DDSolver library (Zhang Y et al. 2010, AAPS J 12:263)'
const BEMODA = 'BEMoDA (Szlęk J & Mendyk A 2017, Jagiellonian University)'

/** The model library. Order here is the `--list-models` order. */
export const RELEASE_MODELS: ReadonlyArray<ReleaseModelDef> = [
  {
    id: 'zero-order', name: 'Zero-order', equation: 'F = k0 * t',
    parameterNames: ['k0'], parameterUnits: ['%/h'], lower: [0], upper: [BIG],
    evaluate: (p, t) => (p[0] as number) * t,
    initialGuesses: (d) => [[Math.max(0, slopeThroughOrigin(d.t, d.y))]],
    reference: `Zero-order model (Costa P & Sousa Lobo JM 2001, Eur J Pharm Sci 13:123); ${DDSOLVER} [V*]`,
  },
  {
    id: 'first-order', name: 'First-order', equation: 'F = 100 * (1 - exp(-k1 * t))',
    parameterNames: ['k1'], parameterUnits: ['1/h'], lower: [0], upper: [BIG],
    evaluate: (p, t) => -100 * Math.expm1(-(p[0] as number) * t),
    initialGuesses: (d) => {
      const { x, z } = transformed(d, (t) => t, (y) => -Math.log1p(-y / 100))
      const k = positive(slopeThroughOrigin(x, z), 1 / tMaxOf(d))
      return [[k], [k * 0.2], [k * 5]]
    },
    reference: `First-order model (Costa P & Sousa Lobo JM 2001, Eur J Pharm Sci 13:123); ${DDSOLVER} [V*]`,
  },
  {
    id: 'higuchi', name: 'Higuchi', equation: 'F = kH * t^0.5',
    parameterNames: ['kH'], parameterUnits: ['%/h^0.5'], lower: [0], upper: [BIG],
    evaluate: (p, t) => (p[0] as number) * Math.sqrt(t),
    initialGuesses: (d) => [[Math.max(0, slopeThroughOrigin(Array.from(d.t, Math.sqrt), d.y))]],
    reference: `Higuchi model (Higuchi T 1963, J Pharm Sci 52:1145); ${DDSOLVER} [V*]`,
  },
  {
    id: 'korsmeyer-peppas', name: 'Korsmeyer-Peppas', equation: 'F = kKP * t^n (fitted on points with F <= 60 %)',
    parameterNames: ['kKP', 'n'], parameterUnits: ['%/h^n', '1'], lower: [0, 0.01], upper: [BIG, 5],
    evaluate: (p, t) => (p[0] as number) * Math.pow(t, p[1] as number),
    initialGuesses: (d) => {
      const { x, z } = transformed(d, Math.log, Math.log)
      const [a, b] = linearRegression(x, z)
      const n = Math.min(2, Math.max(0.1, Number.isFinite(b) && b > 0 ? b : 0.5))
      const k = positive(Math.exp(a), 10)
      return [[k, n], [k, 0.43], [k, 0.85]]
    },
    maxPercentFitted: 60,
    reference: `Korsmeyer–Peppas model (Korsmeyer RW et al. 1983, Int J Pharm 15:25; Ritger PL & Peppas NA 1987, J Control Release 5:23); ${DDSOLVER} [V*]`,
  },
  {
    id: 'hixson-crowell', name: 'Hixson-Crowell', equation: 'F = 100 * [1 - (1 - kHC * t)^3]',
    parameterNames: ['kHC'], parameterUnits: ['1/h'], lower: [0], upper: [BIG],
    evaluate: (p, t) => 100 * (1 - erodedPower(p[0] as number, t, 3)),
    initialGuesses: (d) => {
      const { x, z } = transformed(d, (t) => t, (y) => 1 - Math.cbrt(1 - y / 100))
      const k = positive(slopeThroughOrigin(x, z), 0.3 / tMaxOf(d))
      return [[k], [k * 0.5], [k * 2]]
    },
    reference: `Hixson–Crowell cube-root law (Hixson AW & Crowell JH 1931, Ind Eng Chem 23:923); ${DDSOLVER} [V*]`,
  },
  {
    id: 'hopfenberg', name: 'Hopfenberg', equation: 'F = 100 * [1 - (1 - kHB * t)^n]  (n = 1 slab, 2 cylinder, 3 sphere)',
    parameterNames: ['kHB', 'n'], parameterUnits: ['1/h', '1'], lower: [0, 0.1], upper: [BIG, 50],
    evaluate: (p, t) => 100 * (1 - erodedPower(p[0] as number, t, p[1] as number)),
    initialGuesses: (d) => [1, 2, 3].map((n) => {
      const { x, z } = transformed(d, (t) => t, (y) => 1 - Math.pow(1 - y / 100, 1 / n))
      return [positive(slopeThroughOrigin(x, z), 0.3 / tMaxOf(d)), n]
    }),
    reference: `Hopfenberg surface-erosion model (Hopfenberg HB 1976, ACS Symp Ser 33:26); ${DDSOLVER} [V*]`,
  },
  {
    id: 'baker-lonsdale', name: 'Baker-Lonsdale', equation: '(3/2) * [1 - (1 - F/100)^(2/3)] - F/100 = kBL * t  (solved for F at each point)',
    parameterNames: ['kBL'], parameterUnits: ['1/h'], lower: [0], upper: [BIG],
    // closed-form root of the implicit equation (shared with the mechanistic engine)
    evaluate: (p, t) => 100 * bakerLonsdaleFraction((p[0] as number) * t),
    initialGuesses: (d) => {
      const { x, z } = transformed(d, (t) => t, (y) => 1.5 * (1 - Math.pow(1 - y / 100, 2 / 3)) - y / 100)
      const k = positive(slopeThroughOrigin(x, z), 0.1 / tMaxOf(d))
      return [[k], [k * 0.3], [k * 3]]
    },
    reference: `Baker–Lonsdale model (Baker RW & Lonsdale HK 1974, in Controlled Release of Biologically Active Agents, Plenum); ${DDSOLVER}`,
  },
  {
    id: 'weibull', name: 'Weibull', equation: 'F = 100 * [1 - exp(-t^beta / alpha)]',
    parameterNames: ['alpha', 'beta'], parameterUnits: ['h^beta', '1'], lower: [1e-12, 0.01], upper: [1e15, 20],
    evaluate: (p, t) => -100 * Math.expm1(-Math.pow(t, p[1] as number) / (p[0] as number)),
    initialGuesses: (d) => {
      const { x, z } = transformed(d, Math.log, (y) => Math.log(-Math.log1p(-y / 100)))
      const [a, b] = linearRegression(x, z)
      const beta = Math.min(10, Math.max(0.1, Number.isFinite(b) && b > 0 ? b : 1))
      const alpha = positive(Math.exp(-a), Math.pow(tMaxOf(d) / 2, beta))
      return [[alpha, beta], [Math.pow(tMaxOf(d) / 3, 0.75), 0.75], [Math.pow(tMaxOf(d) / 3, 1.5), 1.5]]
    },
    reference: `Weibull model (Langenbucher F 1972, J Pharm Pharmacol 24:979); ${DDSOLVER}, Weibull 1 [V*]`,
  },
  {
    id: 'peppas-sahlin', name: 'Peppas-Sahlin', equation: 'F = k1 * t^m + k2 * t^(2m)',
    parameterNames: ['k1', 'k2', 'm'], parameterUnits: ['%/h^m', '%/h^2m', '1'], lower: [-BIG, -BIG, 0.01], upper: [BIG, BIG, 5],
    evaluate: (p, t) => {
      const tm = Math.pow(t, p[2] as number)
      return (p[0] as number) * tm + (p[1] as number) * tm * tm
    },
    initialGuesses: (d) => [0.3, 0.45, 0.6].map((m) => {
      const x1 = Array.from(d.t, (t) => Math.pow(t, m))
      const x2 = x1.map((v) => v * v)
      const [k1, k2] = twoTermLeastSquares(x1, x2, d.y)
      return [k1, k2, m]
    }),
    reference: `Peppas–Sahlin model (Peppas NA & Sahlin JJ 1989, Int J Pharm 57:169); ${DDSOLVER}, Peppas-Sahlin 1`,
  },
  {
    id: 'gompertz', name: 'Gompertz', equation: 'F = 100 * exp[-alpha * exp(-beta * log10(t))]',
    parameterNames: ['alpha', 'beta'], parameterUnits: ['1', '1'], lower: [1e-12, 0], upper: [1e12, 100],
    evaluate: (p, t) => (t > 0 ? 100 * Math.exp(-(p[0] as number) * Math.exp(-(p[1] as number) * log10t(t))) : 0),
    initialGuesses: (d) => {
      const { x, z } = transformed(d, log10t, (y) => Math.log(-Math.log(y / 100)))
      const [a, b] = linearRegression(x, z)
      const beta = Math.min(50, Math.max(0.1, Number.isFinite(b) ? -b : 2))
      const alpha = positive(Math.exp(a), 1)
      return [[alpha, beta], [alpha, beta * 0.5], [alpha * 3, beta * 2]]
    },
    reference: `Gompertz model; ${DDSOLVER} [V*] (base-10 log as in ${BEMODA})`,
  },
  {
    id: 'logistic', name: 'Logistic', equation: 'F = 100 * exp(alpha + beta * log10(t)) / [1 + exp(alpha + beta * log10(t))]',
    parameterNames: ['alpha', 'beta'], parameterUnits: ['1', '1'], lower: [-1000, 0], upper: [1000, 100],
    evaluate: (p, t) => {
      if (!(t > 0)) return 0
      const e = (p[0] as number) + (p[1] as number) * log10t(t)
      return 100 / (1 + Math.exp(-e))
    },
    initialGuesses: (d) => {
      const { x, z } = transformed(d, log10t, (y) => Math.log(y / (100 - y)))
      const [a, b] = linearRegression(x, z)
      const beta = Math.min(50, Math.max(0.1, Number.isFinite(b) && b > 0 ? b : 2))
      return [[Number.isFinite(a) ? a : 0, beta], [Number.isFinite(a) ? a : 0, beta * 2], [Number.isFinite(a) ? a : 0, beta * 0.5]]
    },
    reference: `Logistic model; ${DDSOLVER} [V*] (base-10 log as in ${BEMODA})`,
  },
  {
    id: 'makoid-banakar', name: 'Makoid-Banakar', equation: 'F = kMB * t^n * exp(-k * t)',
    parameterNames: ['kMB', 'n', 'k'], parameterUnits: ['%/h^n', '1', '1/h'], lower: [0, 0, -100], upper: [BIG, 10, 100],
    evaluate: (p, t) => (p[0] as number) * Math.pow(t, p[1] as number) * Math.exp(-(p[2] as number) * t),
    initialGuesses: (d) => {
      // ln F = ln kMB + n ln t - k t  (linear in ln kMB, n, k)
      const { x, z } = transformed(d, (t) => t, Math.log)
      const lnT = x.map(Math.log)
      const sol = threeTermLeastSquares(lnT, x, z)
      const tm = tMaxOf(d)
      const guesses: number[][] = [[50, 0.5, 0.5 / tm], [20, 0.3, 0]]
      if (sol) guesses.unshift([positive(Math.exp(sol[0]), 10), Math.min(5, Math.max(0.01, sol[1])), -sol[2]])
      return guesses
    },
    reference: `Makoid–Banakar model; ${DDSOLVER}`,
  },
  {
    id: 'first-order-fmax', name: 'First-order with Fmax', equation: 'F = Fmax * (1 - exp(-k1 * t))',
    parameterNames: ['Fmax', 'k1'], parameterUnits: ['%', '1/h'], lower: [0, 0], upper: [200, BIG],
    evaluate: (p, t) => -(p[0] as number) * Math.expm1(-(p[1] as number) * t),
    initialGuesses: (d) => {
      let yMax = 0
      for (let i = 0; i < d.y.length; i++) yMax = Math.max(yMax, d.y[i] as number)
      const fmax = Math.min(200, Math.max(1, yMax * 1.05))
      const { x, z } = transformed({ t: d.t, y: d.y.map((y) => (100 * y) / fmax) }, (t) => t, (y) => -Math.log1p(-y / 100))
      const k = positive(slopeThroughOrigin(x, z), 1 / tMaxOf(d))
      return [[fmax, k], [Math.min(200, yMax * 1.3 + 1), k * 0.5], [100, k]]
    },
    reference: `First-order model with F_max; ${DDSOLVER} [V*]`,
  },
  {
    id: 'quadratic', name: 'Quadratic', equation: 'F = 100 * (k1 * t^2 + k2 * t)',
    parameterNames: ['k1', 'k2'], parameterUnits: ['1/h^2', '1/h'], lower: [-BIG, -BIG], upper: [BIG, BIG],
    evaluate: (p, t) => 100 * ((p[0] as number) * t * t + (p[1] as number) * t),
    initialGuesses: (d) => [twoTermLeastSquares(Array.from(d.t, (t) => 100 * t * t), Array.from(d.t, (t) => 100 * t), d.y)],
    reference: `Quadratic model; ${DDSOLVER} [V*]`,
  },
  {
    id: 'probit', name: 'Probit', equation: 'F = 100 * Phi(alpha + beta * log10(t))  (Phi = standard normal CDF)',
    parameterNames: ['alpha', 'beta'], parameterUnits: ['1', '1'], lower: [-1000, 0], upper: [1000, 100],
    evaluate: (p, t) => (t > 0 ? 100 * normalCdf((p[0] as number) + (p[1] as number) * log10t(t)) : 0),
    initialGuesses: (d) => {
      // logit ≈ 1.7 probit: reuse the logistic linearisation
      const { x, z } = transformed(d, log10t, (y) => Math.log(y / (100 - y)) / 1.7)
      const [a, b] = linearRegression(x, z)
      const beta = Math.min(50, Math.max(0.1, Number.isFinite(b) && b > 0 ? b : 1))
      return [[Number.isFinite(a) ? a : 0, beta], [Number.isFinite(a) ? a : 0, beta * 2]]
    },
    reference: `Probit model; ${DDSOLVER} [U]`,
  },
]

/** The twelve model ids required by cli.md (the default set for `fit`). */
export const REQUIRED_MODEL_IDS: ReadonlyArray<string> = [
  'zero-order', 'first-order', 'higuchi', 'korsmeyer-peppas', 'hixson-crowell', 'hopfenberg',
  'baker-lonsdale', 'weibull', 'peppas-sahlin', 'gompertz', 'logistic', 'makoid-banakar',
]

/** Model lookup by id; undefined if unknown. */
export function getReleaseModel(id: string): ReleaseModelDef | undefined {
  return RELEASE_MODELS.find((m) => m.id === id)
}

/** Description of a model for `nanoforge fit --list-models`. */
export interface ModelListing {
  readonly model: string
  readonly name: string
  readonly equation: string
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly unit: string; readonly lower: number; readonly upper: number }>
  readonly fittedOn: string
  readonly reference: string
}

/** Lists every model with its equation, parameter names, units and bounds (`--list-models`). */
export function listModels(): ModelListing[] {
  return RELEASE_MODELS.map((m) => ({
    model: m.id,
    name: m.name,
    equation: m.equation,
    parameters: m.parameterNames.map((name, i) => ({
      name, unit: m.parameterUnits[i] as string, lower: m.lower[i] as number, upper: m.upper[i] as number,
    })),
    fittedOn: m.maxPercentFitted !== undefined ? `points with mean F <= ${m.maxPercentFitted} %` : 'all points',
    reference: m.reference,
  }))
}
