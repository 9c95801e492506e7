/**
 * Replicate statistics and goodness-of-fit criteria (brief §1.6, DDSolver / Scientist forms,
 * weights w_i = 1).
 */

/** Mean and sample SD (n - 1) per time over replicate columns; NaN cells are missing values. */
export function replicateMeanSd(replicates: ReadonlyArray<ReadonlyArray<number>>, nTimes: number): {
  meanPct: number[]; sdPct: number[]; counts: number[]
} {
  const meanPct: number[] = []
  const sdPct: number[] = []
  const counts: number[] = []
  for (let i = 0; i < nTimes; i++) {
    let n = 0
    let s = 0
    for (const col of replicates) {
      const v = col[i]
      if (v !== undefined && Number.isFinite(v)) { n++; s += v }
    }
    const mean = n > 0 ? s / n : NaN
    let ss = 0
    for (const col of replicates) {
      const v = col[i]
      if (v !== undefined && Number.isFinite(v)) ss += (v - mean) ** 2
    }
    meanPct.push(mean)
    sdPct.push(n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : NaN)
    counts.push(n)
  }
  return { meanPct, sdPct, counts }
}

/** Goodness-of-fit numbers of one fitted model. */
export interface GoodnessOfFit {
  readonly ssr: number
  readonly r2: number
  readonly adjustedR2: number | null
  readonly aic: number
  readonly aicc: number | null
  readonly msc: number
  readonly rmse: number
}

/**
 * Brief §1.6: R² = 1 - SSR/SST; R²adj = 1 - (n-1)/(n-p) (1 - R²); AIC = n ln(WSSR) + 2p;
 * AICc = AIC + 2p(p+1)/(n-p-1); MSC = ln(SST/SSR) - 2p/n. SSR is floored at 1e-12·max(SST, 1)
 * so a perfect fit gives finite AIC and MSC. adjustedR2 / aicc are null when undefined (n ≤ p, n ≤ p+1).
 */
export function goodnessOfFit(y: ArrayLike<number>, yHat: ArrayLike<number>, p: number): GoodnessOfFit {
  const n = y.length
  let mean = 0
  for (let i = 0; i < n; i++) mean += y[i] as number
  mean /= n
  let sst = 0
  let ssrRaw = 0
  for (let i = 0; i < n; i++) {
    sst += ((y[i] as number) - mean) ** 2
    ssrRaw += ((y[i] as number) - (yHat[i] as number)) ** 2
  }
  const ssr = Math.max(ssrRaw, 1e-12 * Math.max(sst, 1))
  const r2 = sst > 0 ? 1 - ssrRaw / sst : ssrRaw === 0 ? 1 : 0
  const adjustedR2 = n - p > 0 ? 1 - ((n - 1) / (n - p)) * (1 - r2) : null
  const aic = n * Math.log(ssr) + 2 * p
  const aicc = n - p - 1 > 0 ? aic + (2 * p * (p + 1)) / (n - p - 1) : null
  const msc = Math.log(Math.max(sst, 1e-300) / ssr) - (2 * p) / n
  return { ssr: ssrRaw, r2, adjustedR2, aic, aicc, msc, rmse: Math.sqrt(ssrRaw / n) }
}
