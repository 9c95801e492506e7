/**
 * How often the engine's Monte Carlo 95 % band contained the published value, measured on the
 * published rows (tests/unit/validation/band-coverage.test.ts recomputes these numbers with
 * band-coverage.ts and fails when they differ; the README states the same numbers and is checked
 * too). The app quotes them beside every band, so a scientist reads the band as what it is: the
 * spread the engine's own uncertain parameters give, not where a laboratory's value will fall.
 */
export const MEASURED_BAND_COVERAGE = {
  drawsPerRow: 200,
  seed: 7,
  calibration: { inside: 44, rows: 116 },
  heldOut: { inside: 30, rows: 87 },
} as const

/** One sentence for the app: the band's measured coverage of published values. */
export function bandCoverageSentence(): string {
  const c = MEASURED_BAND_COVERAGE.calibration
  const h = MEASURED_BAND_COVERAGE.heldOut
  const pct = (x: { inside: number; rows: number }): number => Math.round((100 * x.inside) / x.rows)
  return `It is the spread of the engine's own uncertain parameters, not a prediction interval: checked against published studies, such a band contained the published value for ${c.inside} of ${c.rows} calibration values (${pct(c)} %) and ${h.inside} of ${h.rows} held-out values (${pct(h)} %).`
}
