/**
 * How sure a held-out score is (issue #10). "54 of 94 within 2-fold" is a share of published
 * rows, and rows are not independent: one paper gives many (Choi 2011 twelve PEG-gold organ
 * values), and they miss or hit together because they share the paper's animals, label and
 * assay. Two intervals are given:
 *
 * - the Wilson score interval, which treats rows as independent (Wilson EB 1927, J Am Stat Assoc
 *   22:209-212, doi:10.1080/01621459.1927.10502953; recommended over the Wald interval by
 *   Newcombe RG 1998, Stat Med 17:857-872, doi:10.1002/(SICI)1097-0258(19980430)17:8<857::AID-SIM777>3.0.CO;2-E):
 *   p̃ = (k + z²/2)/(n + z²), half-width z·√(k(n − k)/n + z²/4)/(n + z²);
 * - a percentile bootstrap that resamples papers, not rows (the cluster bootstrap: Davison AC,
 *   Hinkley DV 1997, Bootstrap Methods and their Application, Cambridge University Press, §3.8
 *   [U: recalled, not re-read]): draw as many papers as there are, with replacement, and take
 *   the share of their rows within 2-fold; its 2.5 and 97.5 % quantiles (type 7, quantile.ts)
 *   bound the score. It is the honest one when rows cluster, and the wider.
 */
import { quantileSorted } from '../quantile'
import { mulberry32 } from '../random'

/** One paper's held-out rows: how many, and how many within 2-fold. */
export interface PaperOutcome {
  readonly within: number
  readonly rows: number
}

/** The two-sided standard-normal quantile of a 95 % interval, Φ⁻¹(0.975). */
const Z95 = 1.959963984540054

/** Wilson score interval [lower, upper] of k successes in n trials (module comment); throws on k ∉ [0, n] or n < 1. */
export function wilsonInterval(k: number, n: number, z = Z95): readonly [number, number] {
  if (!(Number.isInteger(n) && n >= 1) || !(Number.isInteger(k) && k >= 0 && k <= n)) {
    throw new Error(`wilsonInterval: needs integers 0 <= k <= n, n >= 1; got k = ${k}, n = ${n}`)
  }
  const z2 = z * z
  const centre = (k + z2 / 2) / (n + z2)
  const half = (z * Math.sqrt((k * (n - k)) / n + z2 / 4)) / (n + z2)
  return [Math.max(0, centre - half), Math.min(1, centre + half)]
}

/** Options of {@link paperBootstrapInterval}. */
export interface PaperBootstrapOptions {
  /** Bootstrap resamples (default 10 000). */
  readonly resamples?: number
  /** Seed of the resampling (default 1), so the interval the README quotes can be reproduced. */
  readonly seed?: number
}

/**
 * Percentile bootstrap 95 % interval of the pooled share Σ within / Σ rows, resampling papers
 * with replacement (module comment). Throws on no papers or a paper with no rows.
 */
export function paperBootstrapInterval(papers: ReadonlyArray<PaperOutcome>, options: PaperBootstrapOptions = {}): readonly [number, number] {
  if (papers.length === 0) throw new Error('paperBootstrapInterval: no papers')
  for (const [i, p] of papers.entries()) {
    if (!(Number.isInteger(p.rows) && p.rows >= 1 && Number.isInteger(p.within) && p.within >= 0 && p.within <= p.rows)) {
      throw new Error(`paperBootstrapInterval: paper ${i} has ${p.within} of ${p.rows} rows within 2-fold`)
    }
  }
  const resamples = options.resamples ?? 10_000
  const u = mulberry32(options.seed ?? 1)
  const shares = new Float64Array(resamples)
  for (let b = 0; b < resamples; b++) {
    let within = 0
    let rows = 0
    for (let i = 0; i < papers.length; i++) {
      const p = papers[Math.floor(u() * papers.length)]!
      within += p.within
      rows += p.rows
    }
    shares[b] = within / rows
  }
  shares.sort()
  return [quantileSorted(shares, 0.025), quantileSorted(shares, 0.975)]
}

/** Group scored rows by paper (`paperOf` names a row's paper) into outcomes, in first-seen order. */
export function outcomesByPaper<T>(rows: ReadonlyArray<T>, paperOf: (row: T) => string, within: (row: T) => boolean): PaperOutcome[] {
  const byPaper = new Map<string, { within: number; rows: number }>()
  for (const r of rows) {
    const key = paperOf(r)
    const o = byPaper.get(key) ?? { within: 0, rows: 0 }
    o.rows++
    if (within(r)) o.within++
    byPaper.set(key, o)
  }
  return [...byPaper.values()]
}
