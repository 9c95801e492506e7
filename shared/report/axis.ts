/**
 * Round numbers for chart axes and scale bars. Pure functions, no drawing.
 *
 * Axis steps follow Heckbert's "nice numbers" (Heckbert PS 1990, "Nice numbers for graph
 * labels", in Glassner AS (ed.), Graphics Gems, Academic Press, pp. 61-63): a step of 1, 2 or
 * 5 × 10ⁿ (2.5 added here so 0-100 % splits in quarters when asked for four ticks).
 */

const NICE_STEPS = [1, 2, 2.5, 5, 10] as const

/**
 * The smallest nice step (1, 2, 2.5 or 5 × 10ⁿ) not below `rough`. Throws on a step that is not
 * a positive finite number (an empty range is the caller's bug, not a chart).
 */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) throw new Error(`niceStep needs a positive finite step, got ${rough}`)
  const power = 10 ** Math.floor(Math.log10(rough))
  const fraction = rough / power
  // The 1e-9 guards against 0.30000000000000004 / 0.1 = 3.0000000000000004 picking 5 over 2.5·… .
  const nice = NICE_STEPS.find((s) => s >= fraction - 1e-9) ?? 10
  return nice * power
}

/** Tick positions from `min` to `max` (both included when they are multiples of the step), about `target` intervals. */
export function niceTicks(min: number, max: number, target = 5): number[] {
  if (!(max > min)) return [min]
  const step = niceStep((max - min) / Math.max(1, target))
  const first = Math.ceil(min / step - 1e-9) * step
  const ticks: number[] = []
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)))
  return ticks
}

/**
 * An axis upper limit: `max` rounded up to a multiple of the nice step for `target` intervals
 * (so the top tick is labelled), at least `floor` (a flat zero curve still gets an axis).
 */
export function niceCeiling(max: number, target = 5, floor = 1): number {
  const top = Math.max(max, floor)
  const step = niceStep(top / Math.max(1, target))
  return Number((Math.ceil(top / step - 1e-9) * step).toPrecision(12))
}

/**
 * A scale-bar length: the largest 1, 2 or 5 × 10ⁿ nm not above `fraction` of `extentNm`
 * (a third of the particle's diameter by default), so the bar reads as a round number.
 */
export function scaleBarLengthNm(extentNm: number, fraction = 1 / 3): number {
  const target = extentNm * fraction
  if (!(target > 0) || !Number.isFinite(target)) throw new Error(`scaleBarLengthNm needs a positive extent, got ${extentNm}`)
  const power = 10 ** Math.floor(Math.log10(target))
  const fractionOfPower = target / power
  const nice = fractionOfPower >= 5 ? 5 : fractionOfPower >= 2 ? 2 : 1
  return nice * power
}

/** A tick label: no float noise (0.30000000000000004 → "0.3"), thousands grouped. */
export function tickLabel(value: number): string {
  const clean = Number(value.toPrecision(10))
  return Math.abs(clean) >= 1000 ? clean.toLocaleString('en-US') : String(clean)
}
