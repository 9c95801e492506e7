import { describe, expect, it } from 'vitest'
import { autoHorizonH, measuredReleasePoints, RELEASE_HORIZONS_H } from '../../../../renderer/features/release/release-format'
import { releaseChartSpec } from '../../../../renderer/features/release/release-panel'
import { predictRelease } from '../../../../shared/engine/release'
import { newDesign } from '../../../../shared/design/defaults'

const DEFAULT_DESIGN = newDesign()

describe('release horizon', () => {
  it('offers 24 h to 90 days', () => {
    expect(RELEASE_HORIZONS_H.map((h) => h.hours)).toEqual([24, 72, 168, 336, 720, 2160])
  })
  it('auto keeps the engine horizon when every t50 is reached, else the shortest preset that reaches them', () => {
    expect(autoHorizonH(72, () => true)).toBe(72)
    // A matrix whose slowest environment reaches 50 % at 400 h: 30 days is the first preset past it.
    expect(autoHorizonH(72, (h) => h >= 400)).toBe(720)
    expect(autoHorizonH(72, () => false)).toBe(2160)
  })
  it('a longer horizon turns "not reached" into a t50 for a slow design, on the same curve', () => {
    const design = { ...DEFAULT_DESIGN, core: { ...DEFAULT_DESIGN.core, diameterNm: 400 } }
    const short = predictRelease(design, { hours: 24 })
    const long = predictRelease(design, { hours: 2160 })
    const t50 = long.environments.plasma.t50H
    if (short.environments.plasma.t50H === null) expect(t50 === null || t50 > 24).toBe(true)
    else expect(t50).toBeCloseTo(short.environments.plasma.t50H, 3)
  })
})

describe('measured release over the prediction', () => {
  it('is the replicate mean with the sample SD (n − 1), missing cells skipped, empty times null', () => {
    const p = measuredReleasePoints({ timesH: [1, 2, 4], replicates: [[10, 20, null], [14, null, null], [12, 26, null]] })
    expect(p.timesH).toEqual([1, 2, 4])
    expect(p.meanPct[0]).toBeCloseTo(12, 12)
    expect(p.sdPct[0]).toBeCloseTo(2, 12) // (10,14,12): deviations −2, 2, 0 → s² = 8/2 = 4
    expect(p.meanPct[1]).toBeCloseTo(23, 12)
    expect(p.sdPct[1]).toBeCloseTo(Math.sqrt(18), 12) // (20,26): s² = (9 + 9)/1
    expect(p.meanPct[2]).toBeNull()
    expect(p.sdPct[2]).toBeNull()
    expect(measuredReleasePoints({ timesH: [1], replicates: [[5]] }).sdPct).toEqual([null])
  })
  it('goes into the chart export with the three predicted curves', () => {
    const release = predictRelease(DEFAULT_DESIGN, { hours: 72 })
    const measured = measuredReleasePoints({ timesH: [1, 24], replicates: [[10, 40], [14, 44]] })
    const spec = releaseChartSpec(release, measured, 'batch 7')
    expect(spec.series.map((s) => s.label)).toEqual([
      'Predicted, Plasma (pH 7.4)', 'Predicted, Inflamed tissue (pH 6.8)', 'Predicted, Endolysosome (pH 5.0)', 'Measured, batch 7 (mean ± SD)',
    ])
    expect(spec.series[0]!.ys[spec.series[0]!.ys.length - 1]).toBeCloseTo(100 * release.environments.plasma.fractionReleased.at(-1)!, 9)
    expect(spec.series[3]!.ys).toEqual([12, 42])
  })
})
