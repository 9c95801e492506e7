/**
 * Convergence diagnostics of MCMC draws (issue #14, step 3): split R-hat and bulk effective
 * sample size after Vehtari A, Gelman A, Simpson D, Carpenter B, Bürkner P-C 2021, "Rank-
 * normalization, folding, and localization: an improved R-hat for assessing convergence of
 * MCMC", Bayesian Analysis 16:667–718, doi:10.1214/20-BA1221.
 *
 * Chains are arrays of draws of one scalar (one parameter), all of the same length.
 * - split: each chain is cut into its first and second half (an odd middle draw is dropped),
 *   so a chain that drifts shows as two chains that disagree (paper §4.1).
 * - R-hat (basic, Gelman–Rubin with split chains; paper eq. 3–4): with N draws per (split)
 *   chain, W = mean of the within-chain variances, B/N = variance of the chain means,
 *   var⁺ = (N − 1)/N · W + B/N, R-hat = √(var⁺ / W).
 * - rank normalisation (paper §4.2): every draw of every chain ranked together (ties
 *   averaged), z = Φ⁻¹((r − 3/8)/(S + 1/4)), S draws in all. Rank-normalised split R-hat
 *   ("bulk") and the same on the folded draws |x − median| ("tail"); the reported R-hat is
 *   the larger of the two (paper §4.3).
 * - ESS (paper §3.2 and appendix): ρ̂_t = 1 − (W − mean over chains of the lag-t
 *   autocovariance)/var⁺, summed in pairs with Geyer's initial positive sequence made
 *   monotone, τ = −1 + 2 Σ_{t<T} ρ̂_t + ρ̂_T, ESS = M·N/τ, τ at least 1/log10(M·N).
 *   Bulk ESS = ESS of the rank-normalised split chains.
 * The conventions (split at the middle, autocovariance with divisor N, the ESS cap) are those
 * of the paper's reference implementation, the R package posterior (Bürkner et al.), so the
 * numbers can be checked against it (tests/unit/shared/engine/calibrate/diagnostics.test.ts).
 */
import { normalQuantile } from '../pbpk/random'

/** Draws of one scalar: one array per chain. */
export type Chains = ReadonlyArray<ArrayLike<number>>

function checkChains(chains: Chains, what: string): number {
  if (chains.length === 0) throw new Error(`${what}: no chains`)
  const n = chains[0]!.length
  chains.forEach((c, i) => {
    if (c.length !== n) throw new Error(`${what}: chain ${i} has ${c.length} draws, chain 0 has ${n}`)
    for (let j = 0; j < c.length; j++) if (!Number.isFinite(c[j]!)) throw new Error(`${what}: chain ${i} draw ${j} is ${c[j]}`)
  })
  return n
}

/** Each chain cut in two halves (an odd middle draw dropped). */
export function splitChains(chains: Chains): number[][] {
  const n = checkChains(chains, 'splitChains')
  if (n < 2) return chains.map((c) => Array.from(c))
  const half = Math.floor(n / 2)
  const out: number[][] = []
  for (const c of chains) {
    const a = Array.from(c)
    out.push(a.slice(0, half), a.slice(n - half))
  }
  return out
}

function mean(x: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i]!
  return s / x.length
}

function sampleVariance(x: ArrayLike<number>, m = mean(x)): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += (x[i]! - m) ** 2
  return s / (x.length - 1)
}

/**
 * Gelman–Rubin R-hat of the chains as given (no splitting): √((N − 1)/N + B/(N·W)).
 * NaN when the draws are constant (W = 0).
 */
export function rHatBasic(chains: Chains): number {
  const n = checkChains(chains, 'rHat')
  if (n < 2) return Number.NaN
  const means = chains.map((c) => mean(c))
  const w = mean(chains.map((c, i) => sampleVariance(c, means[i])))
  const b = chains.length > 1 ? n * sampleVariance(means) : 0
  if (!(w > 0)) return Number.NaN
  return Math.sqrt((b / w + n - 1) / n)
}

/** Split R-hat on the raw draws (paper eq. 4 with split chains). */
export function splitRHat(chains: Chains): number {
  return rHatBasic(splitChains(chains))
}

/** Rank-normalised z-scores of every draw (ranks over all chains together, ties averaged). */
export function rankNormalize(chains: Chains): number[][] {
  const flat: Array<{ v: number; c: number; i: number }> = []
  chains.forEach((c, ci) => { for (let i = 0; i < c.length; i++) flat.push({ v: c[i]!, c: ci, i }) })
  flat.sort((a, b) => a.v - b.v)
  const s = flat.length
  const out = chains.map((c) => new Array<number>(c.length))
  let k = 0
  while (k < s) {
    let e = k
    while (e + 1 < s && flat[e + 1]!.v === flat[k]!.v) e++
    const rank = (k + e) / 2 + 1 // average of the 1-based ranks k+1 … e+1
    const z = normalQuantile((rank - 3 / 8) / (s + 1 / 4))
    for (let j = k; j <= e; j++) out[flat[j]!.c]![flat[j]!.i] = z
    k = e + 1
  }
  return out
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/**
 * R-hat of Vehtari et al. 2021: the larger of the rank-normalised split R-hat of the draws
 * (bulk) and of the folded draws |x − median(x)| (tail).
 */
export function rankNormalizedRHat(chains: Chains): number {
  const n = checkChains(chains, 'rHat')
  const med = median(chains.flatMap((c) => Array.from(c)))
  const folded = chains.map((c) => Array.from(c, (v) => Math.abs(v - med)))
  const bulk = rHatBasic(rankNormalize(splitChains(chains)))
  const tail = rHatBasic(rankNormalize(splitChains(folded)))
  return n < 4 ? Number.NaN : Math.max(bulk, tail)
}

/** Lag-t autocovariance with divisor N: (1/N) Σ_{i<N−t} (x_i − x̄)(x_{i+t} − x̄). */
function autocovariance(x: ArrayLike<number>, m: number, t: number): number {
  let s = 0
  const n = x.length
  for (let i = 0; i + t < n; i++) s += (x[i]! - m) * (x[i + t]! - m)
  return s / n
}

/**
 * Effective sample size of the chains as given (no splitting, no rank normalisation): the
 * multi-chain estimator of the paper's appendix with Geyer's initial monotone sequence.
 * NaN with fewer than 3 draws per chain or constant draws.
 */
export function essBasic(chains: Chains): number {
  const n = checkChains(chains, 'ess')
  const m = chains.length
  if (n < 3) return Number.NaN
  const means = chains.map((c) => mean(c))
  const acovMean = (t: number): number => mean(chains.map((c, i) => autocovariance(c, means[i]!, t)))
  const acov0 = acovMean(0)
  if (!(acov0 > 0)) return Number.NaN
  const meanVar = (acov0 * n) / (n - 1)
  let varPlus = (meanVar * (n - 1)) / n
  if (m > 1) varPlus += sampleVariance(means)
  const rho = new Array<number>(n).fill(0)
  const rhoAt = (t: number): number => 1 - (meanVar - acovMean(t)) / varPlus
  let t = 0
  let even = 1
  rho[0] = even
  let odd = rhoAt(1)
  rho[1] = odd
  // Geyer's initial positive sequence: pairs Γ_k = ρ_2k + ρ_2k+1 while positive
  while (t < n - 5 && even + odd > 0) {
    t += 2
    even = rhoAt(t)
    odd = rhoAt(t + 1)
    if (even + odd >= 0) { rho[t] = even; rho[t + 1] = odd }
  }
  const maxT = t
  if (even > 0) rho[maxT] = even
  // ... made monotone: a pair may not exceed the pair before it
  for (let u = 2; u <= maxT - 2; u += 2) {
    if (rho[u]! + rho[u + 1]! > rho[u - 2]! + rho[u - 1]!) {
      rho[u] = (rho[u - 2]! + rho[u - 1]!) / 2
      rho[u + 1] = rho[u]!
    }
  }
  // Σ_{t<T} ρ̂_t; when the first pair is already non-positive (T = 0) the reference
  // implementation's sum still holds ρ̂_0 (R's 1:0 indexes element 1): kept for agreement
  let sum = maxT === 0 ? rho[0]! : 0
  for (let u = 0; u < maxT; u++) sum += rho[u]!
  const total = m * n
  const tau = Math.max(-1 + 2 * sum + rho[maxT]!, 1 / Math.log10(total))
  return total / tau
}

/** Bulk ESS: ESS of the rank-normalised split chains. */
export function bulkEss(chains: Chains): number {
  return essBasic(rankNormalize(splitChains(chains)))
}

/** Monte Carlo standard error of the mean, sd/√ESS (ESS of the split, not rank-normalised, draws). */
export function mcseMean(chains: Chains): number {
  const all = chains.flatMap((c) => Array.from(c))
  return Math.sqrt(sampleVariance(all) / essBasic(splitChains(chains)))
}
