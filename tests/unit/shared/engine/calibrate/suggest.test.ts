/**
 * The next-experiment search (suggest.ts and its helpers): the engine under multipliers
 * against `nanoforge simulate`'s metrics and the release rule F_m = 1 − (1 − F)^m, the lab
 * residuals of stored measurements, the whole model against the GP's one-point closed form
 * (with an analytic "engine"), determinism, batches and bad input.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import type { Design } from '../../../../../shared/design/types'
import { parseGoal, type Goal } from '../../../../../shared/analysis/goal'
import { evaluateDesign, METRIC_IDS, type MetricId } from '../../../../../shared/metrics/registry'
import { releasedFractionFunction } from '../../../../../shared/engine/release'
import { biodistributionStudyFromMeasurement, predictBiodistributionStudy } from '../../../../../shared/engine/calibrate'
import { designDomain } from '../../../../../shared/engine/calibrate/domain'
import type { ProfilePosterior } from '../../../../../shared/engine/calibrate/apply'
import { metricsWithMultipliers } from '../../../../../shared/engine/calibrate/suggest-engine'
import { interpolatedCrossingH, labPointsFromMeasurements, trapezoidFromZero } from '../../../../../shared/engine/calibrate/suggest-lab'
import {
  DEFAULT_LENGTH_SCALE, DISCREPANCY_PRIOR_SD_LN, suggestNextDesigns, type MetricsUnderMultipliers,
} from '../../../../../shared/engine/calibrate/suggest'

const base = newDesign()

describe('metrics under multipliers', () => {
  it('with no multiplier, the metrics of nanoforge simulate', () => {
    const ours = metricsWithMultipliers(base, {})
    const simulate = evaluateDesign(base)
    for (const id of METRIC_IDS) expect(ours[id], id).toBeCloseTo(simulate[id], 9)
  })

  it('the release-rate multiplier moves t50 to where 1 − (1 − F)^m = ½, and liver uptake raises liver + spleen', () => {
    const slow: Design = { ...base, core: { ...base.core, diameterNm: 250 } }
    const nominal = metricsWithMultipliers(slow, {})
    for (const m of [0.5, 2]) {
      const r = metricsWithMultipliers(slow, { releaseRate: m })
      for (const [metric, env] of [['t50PlasmaH', 'plasma'], ['t50InflamedH', 'inflamed']] as const) {
        const f = releasedFractionFunction(slow, env)(r[metric])
        expect(1 - Math.pow(1 - f, m), `${metric} at m = ${m}`).toBeCloseTo(0.5, 6)
      }
      // faster release (m > 1) reaches half sooner
      expect(Math.sign(nominal.t50PlasmaH - r.t50PlasmaH)).toBe(Math.sign(m - 1))
    }
    expect(metricsWithMultipliers(base, { liverKMax: 3 }).liverSpleenAt24hPercentDose).toBeGreaterThan(metricsWithMultipliers(base, {}).liverSpleenAt24hPercentDose)
  })
})

describe('lab residuals of stored measurements', () => {
  it('trapezoid through (0, 0) and linear crossing, by hand', () => {
    // (0,0)–(1,2)–(3,2): 1 + 4 = 5
    expect(trapezoidFromZero([1, 3], [2, 2])).toBe(5)
    // 20 % at 2 h, 60 % at 4 h: 50 % at 2 + 30/40·2 = 3.5 h; 80 % at 1 h: 50/80 h from the origin
    expect(interpolatedCrossingH([2, 4], [20, 60], 50)).toBe(3.5)
    expect(interpolatedCrossingH([1, 4], [80, 90], 50)).toBe(0.625)
    expect(interpolatedCrossingH([1, 4], [10, 40], 50)).toBeNull()
  })

  const times = [1, 4, 24, 48]
  const tissues = ['blood', 'liver', 'spleen', 'joints'] as const
  /** A biodistribution measurement whose values are the engine's at the medians × factor per tissue. */
  function measurement(factor: Partial<Record<(typeof tissues)[number], number>>, medians = {}): Parameters<typeof labPointsFromMeasurements>[0][number] {
    const skeleton = {
      species: 'mouse' as const, doseMgPerKg: 2, doseBasis: 'drug' as const, timesH: times,
      tissues: Object.fromEntries(tissues.map((t) => [t, { percentInjectedDose: times.map(() => 1) }])),
    }
    const study = biodistributionStudyFromMeasurement({ id: 'x', design: base, data: skeleton })
    const engine = predictBiodistributionStudy(study, medians)
    const data = {
      ...skeleton,
      tissues: Object.fromEntries(tissues.map((t) => [t, {
        percentInjectedDose: times.map((time) => engine[study.observations.findIndex((o) => o.quantity === 'percentDose' && o.tissue === t && o.timeH === time)]! * (factor[t] ?? 1)),
      }])),
    }
    return { kind: 'biodistribution', id: 'm1', design: base, data }
  }

  it('a lab that reads exactly the engine gives residuals 0; one that reads 2× in every tissue gives ln 2 (ratio 0)', () => {
    const same = labPointsFromMeasurements([measurement({})], {})
    expect(same.notes).toEqual([])
    const r0 = same.points[0]!.residualLn
    expect(Object.keys(r0).sort()).toEqual(['liverSpleenAt24hPercentDose', 'targetAucPercentDoseH', 'targetToLiverSpleenAucRatio'])
    for (const v of Object.values(r0)) expect(Math.abs(v!)).toBeLessThan(1e-12)
    const twice = labPointsFromMeasurements([measurement({ blood: 2, liver: 2, spleen: 2, joints: 2 })], {}).points[0]!.residualLn
    expect(twice.liverSpleenAt24hPercentDose).toBeCloseTo(Math.LN2, 12)
    expect(twice.targetAucPercentDoseH).toBeCloseTo(Math.LN2, 12)
    expect(twice.targetToLiverSpleenAucRatio).toBeCloseTo(0, 12)
    // only the target tissue off by 3: AUC and ratio ln 3, liver + spleen untouched
    const target = labPointsFromMeasurements([measurement({ joints: 3 })], {}).points[0]!.residualLn
    expect(target.targetAucPercentDoseH).toBeCloseTo(Math.log(3), 12)
    expect(target.targetToLiverSpleenAucRatio).toBeCloseTo(Math.log(3), 12)
    expect(target.liverSpleenAt24hPercentDose).toBeCloseTo(0, 12)
  })

  it('residuals are against the engine at the profile medians, and a release that never reaches half is named', () => {
    const lab = measurement({}, {})
    const withLiver = labPointsFromMeasurements([lab], { liverKMax: 2 }).points[0]!.residualLn
    // the lab read the nominal engine; the profile says liver uptake ×2: the engine overshoots, residual < 0
    expect(withLiver.liverSpleenAt24hPercentDose!).toBeLessThan(-0.01)
    const flat = labPointsFromMeasurements([{ kind: 'release', id: 'r1', design: base, data: { timesH: [0, 1, 2], replicates: [[0, 1, 2]] } }], {})
    expect(flat.points).toEqual([])
    expect(flat.notes[0]).toMatch(/measurement r1: the measured release does not reach 50 %/)
  })
})

/** A one-knob goal on the core diameter (linear, 50–250 nm), maximising the target AUC. */
function goalOf(extra: Record<string, unknown> = {}): Goal {
  const parsed = parseGoal({
    format: 'nanoforge.goal', version: 1, base,
    vary: [{ path: 'core.diameterNm', min: 50, max: 250, scale: 'linear' }],
    objectives: [{ metric: 'targetAucPercentDoseH', sense: 'max' }], ...extra,
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  return parsed.goal
}

const domain = designDomain([{ design: base, species: 'mouse' }])
const noDraws: ProfilePosterior = { medians: {}, sampled: [], drawsLn: [], domain }
/** An analytic "engine": the target AUC is the diameter in nm, liver + spleen 30 %ID (the test checks the model, not the engine). */
const analytic: MetricsUnderMultipliers = (d) => {
  const out = {} as Record<MetricId, number>
  for (const id of METRIC_IDS) out[id] = 1
  out.targetAucPercentDoseH = d.core.diameterNm
  out.liverSpleenAt24hPercentDose = 30
  return out
}
const at = (nm: number): Design => ({ ...base, core: { ...base.core, diameterNm: nm } })

describe('suggestNextDesigns', () => {
  it('one lab point, no parametric draws: the expected value is the engine × the GP\'s one-point posterior (closed form)', () => {
    const goal = goalOf()
    // lab at 100 nm (u = 0.25) reads 2× the engine; candidate at 200 nm (u = 0.75)
    const r = suggestNextDesigns(goal, noDraws, [{ design: at(100), residualLn: { targetAucPercentDoseH: Math.LN2 }, noiseSdLn: { targetAucPercentDoseH: 0.2 } }], {
      count: 1, candidateUnits: [[0.75]], drawsPerCandidate: 0, evaluate: analytic,
    })
    const s2 = DISCREPANCY_PRIOR_SD_LN ** 2
    // base design (120 nm) is also a candidate; find the 200 nm one by scoring both
    expect(r.candidatesScored).toBe(2)
    const k = s2 * Math.exp(-0.5 * (0.5 / DEFAULT_LENGTH_SCALE) ** 2)
    const meanLn = Math.log(200) + (k / (s2 + 0.04)) * Math.LN2
    const sdLn = Math.sqrt(s2 - (k * k) / (s2 + 0.04))
    const s = r.suggestions[0]!
    expect(s.knobs['core.diameterNm']).toBe(200)
    expect(s.engine.targetAucPercentDoseH).toBeCloseTo(200, 9)
    expect(Math.log(s.expected.targetAucPercentDoseH!.median)).toBeCloseTo(meanLn, 10)
    expect(Math.log(s.expected.targetAucPercentDoseH!.ci95[1])).toBeCloseTo(meanLn + 1.959964 * sdLn, 10)
    expect(Math.log(s.expected.targetAucPercentDoseH!.ci95[0])).toBeCloseTo(meanLn - 1.959964 * sdLn, 10)
    // maximise: the scalar is −ln M; incumbent = −(posterior mean at 100 nm); EI is the closed form's
    expect(r.incumbent).not.toBeNull()
    expect(s.probabilityFeasible).toBe(1)
    expect(s.why).toMatch(/targetAucPercentDoseH 2\d\d \[/)
    expect(s.settle.metric).toBe('targetAucPercentDoseH')
  })

  it('a constraint: P(feasible) is the normal probability of the predictive below the bound', () => {
    const goal = goalOf({ constraints: [{ metric: 'liverSpleenAt24hPercentDose', max: 40 }] })
    const r = suggestNextDesigns(goal, noDraws, [], { count: 1, candidateUnits: [[0.9]], drawsPerCandidate: 0, evaluate: analytic })
    // no lab data: ln M ~ N(ln 30, 0.3537²): P(M ≤ 40) = Φ(ln(4/3)/0.3537) = Φ(0.8134) = 0.792
    for (const s of r.suggestions) expect(s.probabilityFeasible).toBeCloseTo(0.7920, 3)
    expect(r.incumbent).toBeNull()
    expect(r.suggestions[0]!.why).toMatch(/No lab data yet on targetAucPercentDoseH, liverSpleenAt24hPercentDose/)
  })

  it('is deterministic for a seed; a batch holds distinct designs, the later ones explained as believed', () => {
    const goal = goalOf()
    const lab = [{ design: at(100), residualLn: { targetAucPercentDoseH: -0.3 }, source: 'm1' }]
    const a = suggestNextDesigns(goal, noDraws, lab, { count: 3, candidates: 16, seed: 4, evaluate: analytic })
    const b = suggestNextDesigns(goal, noDraws, lab, { count: 3, candidates: 16, seed: 4, evaluate: analytic })
    expect(JSON.stringify(b)).toBe(JSON.stringify(a))
    const sizes = a.suggestions.map((s) => s.knobs['core.diameterNm'])
    expect(new Set(sizes).size).toBe(3)
    expect(a.suggestions[1]!.why).toMatch(/kriging believer/)
    // a measured design is never proposed again
    expect(sizes).not.toContain(100)
  })

  it('refuses bad options and lab points with what and where', () => {
    const goal = goalOf()
    expect(() => suggestNextDesigns(goal, noDraws, [], { count: 6, evaluate: analytic })).toThrow(/count must be a whole number from 1 to 5, got 6/)
    expect(() => suggestNextDesigns(goal, noDraws, [{ design: base, residualLn: { targetAucPercentDoseH: Number.NaN } }], { evaluate: analytic }))
      .toThrow(/lab\[0\]\.residualLn\.targetAucPercentDoseH is NaN/)
    expect(() => suggestNextDesigns(goal, noDraws, [], { candidateUnits: [[1.5]], evaluate: analytic })).toThrow(/candidateUnits\[0\] must be 1 numbers in \[0, 1\]/)
  })

  it('stops when cancelled', () => {
    const r = suggestNextDesigns(goalOf(), noDraws, [], { candidates: 8, evaluate: analytic, signal: { aborted: true } })
    expect(r.cancelled).toBe(true)
    expect(r.suggestions).toEqual([])
  })
})
