/**
 * Half-lives read from an engine curve the way a PK paper reads them from its samples (issue #10,
 * h60). A published half-life is one of two different quantities:
 * - the first halving (or an initial, α, distribution phase): how long the curve takes to fall
 *   to half its value after mixing;
 * - the terminal (β, elimination, λz) half-life: ln 2 over the slope of the log-linear tail, as a
 *   non-compartmental analysis (NCA) or a two-compartment fit estimates it from the late samples.
 * For a one-phase curve C0·e^(−kt) the two are the same number, ln 2 / k; for a two-phase curve
 * A·e^(−αt) + B·e^(−βt) (α > β) the first halving lies between ln 2/α and ln 2/β and the terminal
 * estimate tends to ln 2/β as the window moves into the tail (Gibaldi M, Perrier D 1982,
 * Pharmacokinetics, 2nd ed., Marcel Dekker, ch. 2-3 and 11: the method of residuals and the
 * terminal-phase regression [U: recalled, not re-read]).
 *
 * Which reading a published row carries is the row's `halfLifePhase`, decided from the paper's
 * own words by the rule in each validation file's `halfLifeConvention` header.
 */

/** How a published half-life was measured (the row's `halfLifePhase`). */
export type HalfLifePhase = 'terminal' | 'initial' | 'first-halving'

/** Engine sample times inside a terminal window: evenly spaced, both ends included. */
export const TERMINAL_WINDOW_SAMPLES = 25

/**
 * Sampling of a terminal phase when the row does not state the paper's: it runs to three
 * terminal half-lives (the usual minimum for estimating a terminal phase, e.g. FDA 2003 guidance
 * 'Bioavailability and bioequivalence studies for orally administered drug products - general
 * considerations', sampling 'for at least three or more terminal half-lives' [U: recalled, not
 * re-read]), and the window is its last two-thirds, [t½, 3·t½] of the published value.
 */
export const DEFAULT_SAMPLING_END_IN_HALF_LIVES = 3

/** The window's share of the sampling: its last two-thirds, [T_last/3, T_last]. */
export const WINDOW_START_FRACTION_OF_SAMPLING = 1 / 3

/** Default terminal window [from, to] (h) for a published half-life whose sampling is not stated. */
export function defaultTerminalWindowH(publishedHalfLifeH: number): [number, number] {
  if (!(publishedHalfLifeH > 0) || !Number.isFinite(publishedHalfLifeH)) {
    throw new Error(`a default terminal window needs a finite positive published half-life, got ${publishedHalfLifeH}`)
  }
  const lastH = DEFAULT_SAMPLING_END_IN_HALF_LIVES * publishedHalfLifeH
  return [WINDOW_START_FRACTION_OF_SAMPLING * lastH, lastH]
}

/** The window of a paper whose last sample is at `lastSampleH`: [T_last/3, T_last]. */
export function terminalWindowFromLastSampleH(lastSampleH: number): [number, number] {
  if (!(lastSampleH > 0) || !Number.isFinite(lastSampleH)) throw new Error(`last sample time must be finite and positive, got ${lastSampleH}`)
  return [WINDOW_START_FRACTION_OF_SAMPLING * lastSampleH, lastSampleH]
}

/** {@link TERMINAL_WINDOW_SAMPLES} evenly spaced times over [from, to] (h), both ends included. */
export function windowSampleTimesH(windowH: readonly [number, number]): number[] {
  const [fromH, toH] = windowH
  if (!(fromH >= 0) || !(toH > fromH) || !Number.isFinite(toH)) throw new Error(`a terminal window needs 0 <= from < to (finite), got [${fromH}, ${toH}] h`)
  const n = TERMINAL_WINDOW_SAMPLES
  return Array.from({ length: n }, (_, i) => fromH + ((toH - fromH) * i) / (n - 1))
}

/**
 * Terminal half-life of sampled points: t½ = ln 2 / λz with λz = −(least-squares slope of ln C on
 * t), the NCA estimate (every point weighted alike). Smooth in every C (no point is chosen or
 * dropped by a threshold). A flat or rising tail has no terminal half-life: +∞.
 * Throws when fewer than two points are given, when times are all equal, or when a
 * concentration is not positive (its logarithm does not exist).
 */
export function logLinearHalfLifeH(timesH: ReadonlyArray<number>, c: ReadonlyArray<number>): number {
  const n = timesH.length
  if (n !== c.length) throw new Error(`terminal half-life: ${n} times but ${c.length} concentrations`)
  if (n < 2) throw new Error('terminal half-life: at least two points are needed')
  let meanT = 0
  let meanY = 0
  for (let i = 0; i < n; i++) {
    const ci = c[i]!
    if (!(ci > 0) || !Number.isFinite(ci)) throw new Error(`terminal half-life: concentration ${ci} at ${timesH[i]} h is not positive`)
    meanT += timesH[i]!
    meanY += Math.log(ci)
  }
  meanT /= n
  meanY /= n
  let sTT = 0
  let sTY = 0
  for (let i = 0; i < n; i++) {
    const dt = timesH[i]! - meanT
    sTT += dt * dt
    sTY += dt * (Math.log(c[i]!) - meanY)
  }
  if (!(sTT > 0)) throw new Error('terminal half-life: the sample times are all equal')
  const lambdaZPerH = -sTY / sTT
  return lambdaZPerH > 0 ? Math.LN2 / lambdaZPerH : Number.POSITIVE_INFINITY
}

/**
 * The terminal half-life over the quantifiable points of a window: the points before the first
 * that is not positive (a curve the solver has taken to 0, as an assay's points below its limit
 * of quantification), when at least two remain; undefined when fewer do (the curve has gone
 * within the window). Equal to {@link logLinearHalfLifeH} when every point is positive.
 */
export function quantifiedTerminalHalfLifeH(timesH: ReadonlyArray<number>, c: ReadonlyArray<number>): number | undefined {
  const k = c.findIndex((v) => !(v > 0))
  if (k < 0) return logLinearHalfLifeH(timesH, c)
  return k >= 2 ? logLinearHalfLifeH(timesH.slice(0, k), c.slice(0, k)) : undefined
}

/**
 * First time a curve falls to half its value at t = 0 (after mixing), log-linear between output
 * times; +∞ when it never does within the curve.
 */
export function halvingTimeH(timesH: ReadonlyArray<number>, c: ReadonlyArray<number>): number {
  const half = 0.5 * c[0]!
  for (let i = 1; i < c.length; i++) {
    if (c[i]! <= half) {
      const [t0, t1, c0, c1] = [timesH[i - 1]!, timesH[i]!, c[i - 1]!, c[i]!]
      return c1 > 0 ? t0 + ((t1 - t0) * Math.log(c0 / half)) / Math.log(c0 / c1) : t1
    }
  }
  return Number.POSITIVE_INFINITY
}
