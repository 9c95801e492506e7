import { describe, expect, it } from 'vitest'
import { autoHorizonH, measuredReleasePoints, RELEASE_HORIZONS_H, slowestLevels } from '../../../../renderer/features/release/release-format'
import { releaseChartSpec } from '../../../../renderer/features/release/release-panel'
import { predictRelease } from '../../../../shared/engine/release'
import { newDesign } from '../../../../shared/design/defaults'

const DEFAULT_DESIGN = newDesign()

describe('release horizon', () => {
  it('offers 24 h to 90 days', () => {
    expect(RELEASE_HORIZONS_H.map((h) => h.hours)).toEqual([24, 72, 168, 336, 720, 2160])
  })
  it('auto shows every t80 with room, from the engine run when it reached them, else by predicting longer', () => {
    const never = (): boolean => {
      throw new Error('no prediction needed when the engine reached every t80')
    }
    const run = (t50: number | null, t80: number | null) => ({ horizonH: 72, slowestT50H: t50, slowestT80H: t80 })
    expect(autoHorizonH(run(0.45, 1.8), never)).toBe(24) // fast carrier: 24 h, not a flat 72-h line
    expect(autoHorizonH(run(20, 50), never)).toBe(72) // 1.25 × 50 = 62.5 h
    expect(autoHorizonH(run(30, 70), never)).toBe(168) // 87.5 h
    // A matrix reaching 80 % at 400 h: 30 days is the first preset that shows it.
    expect(autoHorizonH(run(null, null), (h, level) => level === 't80' && h >= 400)).toBe(720)
    // A curve that plateaus below 80 %: twice the slowest t50.
    expect(autoHorizonH(run(10, null), () => false)).toBe(24)
    expect(autoHorizonH(run(null, null), (h, level) => level === 't50' && h >= 300)).toBe(336)
    expect(autoHorizonH(run(null, null), () => false)).toBe(2160)
  })
  it('reads the slowest t50 and t80 of a prediction', () => {
    const release = predictRelease(DEFAULT_DESIGN, { hours: 72 })
    const levels = slowestLevels(release)
    expect(levels.horizonH).toBe(72)
    const t50s = (['plasma', 'inflamed', 'endolysosome'] as const).map((e) => release.environments[e].t50H)
    if (t50s.every((t) => t !== null)) expect(levels.slowestT50H).toBe(Math.max(...(t50s as number[])))
    else expect(levels.slowestT50H).toBeNull()
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
