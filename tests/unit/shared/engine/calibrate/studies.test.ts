import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import { deriveProperties } from '../../../../../shared/design/derived'
import { biodistributionInputFromDesign, simulateBiodistribution } from '../../../../../shared/engine/pbpk'
import { predictRelease } from '../../../../../shared/engine/release'
import {
  biodistributionStudyFromMeasurement, calibrate, calibratedInput, type CalibrationInputError, checkStudies,
  perturbationOf, posteriorMedianMultipliers, predictBiodistributionStudy, predictReleaseStudy,
  releaseStudyFromMeasurement, type BiodistributionStudy,
} from '../../../../../shared/engine/calibrate'

const design = newDesign()
const input = biodistributionInputFromDesign(design, deriveProperties(design))
const tissues = ['blood', 'liver', 'spleen', 'joints'] as const
const times = [1, 4, 24]

function study(id: string, overrides: Partial<BiodistributionStudy> = {}): BiodistributionStudy {
  return {
    kind: 'biodistribution', id, input, counting: 'intact',
    observations: tissues.flatMap((tissue) => times.map((timeH) => ({ quantity: 'percentDose' as const, tissue, timeH, value: 1 }))),
    ...overrides,
  }
}

describe('parameter mapping', () => {
  it('puts each multiplier where the engine reads it, and nothing else', () => {
    const p = perturbationOf({ liverKMax: 2, spleenKMax: 0.5, mpsKRel: 3, targetPermeability: 1.5 })
    expect(p.organs.liver).toEqual({ partition: 1, permeability: 1, kMax: 2, kRel: 3, capacity: 1 })
    expect(p.organs.spleen).toEqual({ partition: 1, permeability: 1, kMax: 0.5, kRel: 3, capacity: 1 })
    expect(p.organs.joints).toEqual({ partition: 1, permeability: 1, kMax: 1, kRel: 1, capacity: 1 })
    expect(p.diseasePermeability).toBe(1.5)
    expect(p.diseaseKMax).toBe(1)
  })

  it('scales the carrier degradation rate of the core class (PLGA: 0.01 1/h in pbpk.json) and drops the release hazard', () => {
    const withHazard = { ...input, releaseHazard: () => 1 }
    const c = calibratedInput(withHazard, { degradation: 2 })
    expect(c.core.degradationPerH).toBeCloseTo(0.02, 12)
    expect(c.releaseHazard).toBeUndefined()
  })

  it('the nominal prediction is the engine\'s own (simulateBiodistribution at the same times), blood read as a blood sample reads it', () => {
    const s = study('a')
    const pred = predictBiodistributionStudy(s, {})
    const ref = simulateBiodistribution(input, { hours: 24, timesH: [0, ...times] })
    // a lab's blood %ID = sample concentration × all intravascular blood; the engine's blood key
    // is the central pool (organ capillary blood is in the organs): in a mouse the sample reads
    // about twice the central pool (whole blood ~7 % of body mass, central pool about half of it)
    const bloodSample = ref.intravascularBloodMassG / ref.tissueMassG.blood!
    expect(bloodSample).toBeGreaterThan(1.5)
    expect(bloodSample).toBeLessThan(3)
    s.observations.forEach((o, i) => {
      if (o.quantity === 'bloodHalfLifeH') return
      const v = ref.percentDose[o.tissue][ref.timesH.indexOf(o.timeH)]! * (o.tissue === 'blood' ? bloodSample : 1)
      // calibration runs use the Monte Carlo tolerances (3e-3/1e-4), the reference 1e-3/1e-5
      expect(Math.abs(pred[i]! - v)).toBeLessThan(0.01 * v + 2e-3)
    })
  })

  it('moves the predictions the way the parameters mean', () => {
    const s = study('a')
    const at = (m: Parameters<typeof predictBiodistributionStudy>[1], tissue: string, timeH: number): number => {
      const i = s.observations.findIndex((o) => o.quantity !== 'bloodHalfLifeH' && o.tissue === tissue && o.timeH === timeH)
      return predictBiodistributionStudy(s, m)[i]!
    }
    expect(at({ liverKMax: 2 }, 'liver', 4)).toBeGreaterThan(at({}, 'liver', 4) * 1.1)
    expect(at({ liverKMax: 2 }, 'blood', 4)).toBeLessThan(at({}, 'blood', 4))
    expect(at({ targetPermeability: 2 }, 'joints', 24)).toBeGreaterThan(at({}, 'joints', 24) * 1.05)
    // %ID per gram = %ID / the model's tissue mass
    const perG: BiodistributionStudy = { ...s, observations: [{ quantity: 'percentDosePerG', tissue: 'liver', timeH: 4, value: 1 }] }
    const mass = simulateBiodistribution(input, { hours: 4 }).tissueMassG.liver!
    // the study runs at the calibration tolerances, the direct run tighter: within 0.1 %
    expect(Math.abs(predictBiodistributionStudy(perG, {})[0]! / (at({}, 'liver', 4) / mass) - 1)).toBeLessThan(1e-3)
  })
})

describe('studies from stored measurements', () => {
  const data = {
    species: 'mouse' as const, doseMgPerKg: 10, doseBasis: 'particle' as const,
    timesH: [0, 1, 24],
    tissues: {
      liver: { percentInjectedDose: [null, 30, 45], sdPercentInjectedDose: [null, 5, null] },
      joints: { percentInjectedDose: [0.5, 0.8, 0.02] },
    },
  }

  it('reads means, SDs and the study\'s own dose; skips t = 0; censors at the LOQ', () => {
    const s = biodistributionStudyFromMeasurement({ id: 'lab-1', design, data, loqPercentDose: 0.05 })
    expect(s.input.particleDoseMgPerKg).toBe(10) // the study's particle dose, not the design's 2 mg/kg drug
    expect(s.observations).toEqual([
      { quantity: 'percentDose', tissue: 'liver', timeH: 1, value: 30, sd: 5 },
      { quantity: 'percentDose', tissue: 'liver', timeH: 24, value: 45 },
      { quantity: 'percentDose', tissue: 'joints', timeH: 1, value: 0.8 },
      { quantity: 'percentDose', tissue: 'joints', timeH: 24, value: 0.05, censored: true },
    ])
  })

  it('censors at the LOQ stored with the measurement (measure add --loq), 0 %ID included, without being told again', () => {
    const stored = { ...data, loqPercentInjectedDose: 0.05, tissues: { ...data.tissues, spleen: { percentInjectedDose: [null, 0, 3] } } }
    const s = biodistributionStudyFromMeasurement({ id: 'lab-1', design, data: stored })
    expect(s.observations.filter((o) => o.censored)).toEqual([
      { quantity: 'percentDose', tissue: 'spleen', timeH: 1, value: 0.05, censored: true },
      { quantity: 'percentDose', tissue: 'joints', timeH: 24, value: 0.05, censored: true },
    ])
    expect(s.observations).toHaveLength(6)
    // the caller's LOQ wins over the stored one (a re-analysis with another LOQ)
    const strict = biodistributionStudyFromMeasurement({ id: 'lab-1', design, data: stored, loqPercentDose: 1 })
    expect(strict.observations.filter((o) => o.censored).map((o) => (o.quantity === 'bloodHalfLifeH' ? 'half-life' : `${o.tissue}@${o.timeH}`))).toEqual(['spleen@1', 'joints@1', 'joints@24'])
    // a stored LOQ that is not > 0 is named at its field
    expect(() => biodistributionStudyFromMeasurement({ id: 'x', design, data: { ...stored, loqPercentInjectedDose: 0 } }))
      .toThrow(/data\.loqPercentInjectedDose: 0 is not a number > 0/)
  })

  it('refuses a 0 %ID without an LOQ, naming the cell', () => {
    const zero = { ...data, tissues: { liver: { percentInjectedDose: [null, 0, 45] } } }
    expect(() => biodistributionStudyFromMeasurement({ id: 'x', design, data: zero }))
      .toThrow(/data\.tissues\.liver\.percentInjectedDose\[1\]: 0 %ID at 1 h cannot enter a log-normal likelihood: attach the study with its limit of quantification \(nanoforge measure add --biodistribution FILE --loq X\)/)
  })

  it('a release profile: replicate mean and SD, the engine curve at the same times', () => {
    const r = releaseStudyFromMeasurement({ id: 'rel', design, data: { timesH: [1, 4, 24, 48], replicates: [[10, 20, null, 60], [14, 22, null, 64]] } })
    expect(r.timesH).toEqual([1, 4, 48])
    expect(r.meanPercent).toEqual([12, 21, 62])
    expect(r.sdPercent[0]).toBeCloseTo(Math.SQRT2 * 2, 12)
    const plasma = predictRelease(design, { timesH: [1, 4, 48] }).environments.plasma.fractionReleased
    expect(r.nominalFraction).toEqual(plasma)
    expect(predictReleaseStudy(r, { releaseRate: 2 })[2]).toBeCloseTo(100 * (1 - (1 - plasma[2]!) ** 2), 10)
  })
})

describe('bad input is refused with its path', () => {
  it('names the study and observation', () => {
    const bad = (o: object): BiodistributionStudy => study('b', { observations: [o as BiodistributionStudy['observations'][number]] })
    const path = (f: () => void): string => { try { f(); return '' } catch (e) { return (e as CalibrationInputError).path } }
    expect(path(() => checkStudies([study('a'), bad({ quantity: 'percentDose', tissue: 'liver', timeH: 1, value: -2 })]))).toBe('studies[1].observations[0].value')
    expect(path(() => checkStudies([bad({ quantity: 'percentDose', tissue: 'livr', timeH: 1, value: 2 })]))).toBe('studies[0].observations[0].tissue')
    expect(path(() => checkStudies([bad({ quantity: 'percentDosePerG', tissue: 'excreted', timeH: 1, value: 2 })]))).toBe('studies[0].observations[0].tissue')
    expect(path(() => checkStudies([bad({ quantity: 'percentDose', tissue: 'liver', timeH: 0, value: 2 })]))).toBe('studies[0].observations[0].timeH')
    expect(path(() => checkStudies([study('a'), study('a')]))).toBe('studies[1].id')
    expect(path(() => checkStudies([]))).toBe('studies')
    expect(() => calibrate([study('a')], { parameters: ['liverKMax', 'lungKMax' as 'liverKMax'] })).toThrow(/unknown parameter 'lungKMax'/)
    expect(() => calibrate([study('a')], { chains: 1 })).toThrow(/chains must be an integer ≥ 2, got 1/)
    expect(() => calibrate([study('a')], { draws: 2.5 })).toThrow(/draws must be an integer ≥ 4, got 2.5/)
    expect(() => calibrate([study('a')], { seed: -1 })).toThrow(/seed must be an integer ≥ 0/)
    expect(() => calibrate([study('a')], { rHatMax: 0.99 })).toThrow(/rHatMax must be a number above 1/)
  })
})

describe('identifiability and refusal', () => {
  it('a healthy context with a gold core informs neither the target permeability nor degradation; no release data, no release rate; too short a run is refused', () => {
    const gold = { ...input, disease: 'healthy' as const, core: { coreClass: 'inorganic-solid' as const, imaging: true, degradable: false } }
    const base = study('gold', { input: gold })
    const nominal = predictBiodistributionStudy(base, {})
    const s: BiodistributionStudy = { ...base, observations: base.observations.map((o, i) => ({ ...o, value: nominal[i]! })) }
    const r = calibrate([s], { warmup: 20, draws: 20, seed: 3 })
    const informed = Object.fromEntries(r.parameters.map((p) => [p.id, p.informed]))
    expect(informed).toEqual({ liverKMax: true, spleenKMax: true, targetPermeability: false, mpsKRel: true, degradation: false, releaseRate: false })
    expect(r.sampled).toEqual(['liverKMax', 'spleenKMax', 'mpsKRel'])
    // 20 draws per chain cannot converge: the posterior is withheld and the reasons say why
    expect(r.status).toBe('not-converged')
    expect(r.reasons.some((x) => /bulk ESS of \w+ is \d+ \(< 400\)/.test(x))).toBe(true)
    expect(r.parameters.every((p) => p.posterior === null)).toBe(true)
    expect(r.posteriorDrawsLn).toEqual([])
    expect(r.trace.length).toBe(4)
    expect(() => posteriorMedianMultipliers(r)).toThrow(/calibration has no posterior: .*bulk ESS/)
  })

  it('release data alone inform the release rate only, and recover a doubled release rate', () => {
    const timesH = [0.5, 1, 2, 4, 8, 24, 48]
    const plasma = predictRelease(design, { timesH }).environments.plasma.fractionReleased
    // the "lab" releases twice as fast as the engine says: F = 1 − (1 − F_engine)², ±2 % scatter
    const scatter = [1.5, -2, 0.5, 2, -1, -0.5, 1]
    const replicates = [plasma.map((f, i) => 100 * (1 - (1 - f) ** 2) + scatter[i]!), plasma.map((f, i) => 100 * (1 - (1 - f) ** 2) - scatter[i]!)]
    const rel = releaseStudyFromMeasurement({ id: 'rel', design, data: { timesH, replicates } })
    const r = calibrate([rel], { seed: 5, warmup: 500, draws: 2000 })
    expect(r.sampled).toEqual(['releaseRate'])
    expect(r.status).toBe('converged')
    const p = r.parameters.find((x) => x.id === 'releaseRate')!.posterior!
    expect(p.ci95[0]).toBeLessThan(2)
    expect(p.ci95[1]).toBeGreaterThan(2)
    expect(p.median).toBeGreaterThan(1.6)
    expect(p.median).toBeLessThan(2.5)
    expect(r.parameters.find((x) => x.id === 'liverKMax')!.informed).toBe(false)
    expect(r.identifiability!.notIdentifiable).toContain('liverKMax')
  })

  it('a proposal the engine cannot solve is rejected, counted and, when frequent, refuses the posterior', () => {
    const base = study('flaky')
    const nominal = predictBiodistributionStudy(base, {})
    const observations = base.observations.map((o, i) => ({ ...o, value: nominal[i]! }))
    let reads = 0
    // every 10th prediction after the screen throws, as a solver failure would
    const flaky = {
      ...base,
      get observations() {
        reads++
        if (reads > 20 && reads % 10 === 0) throw new Error('solver: step size underflow')
        return observations
      },
    } as BiodistributionStudy
    const r = calibrate([flaky], { parameters: ['liverKMax'], warmup: 50, draws: 100, seed: 2 })
    expect(r.diagnostics.engineFailures).toBeGreaterThan(0)
    expect(r.diagnostics.firstEngineFailure).toMatch(/^solver: step size underflow \(at liverKMax × [\d.]+\)$/)
    expect(r.status).toBe('not-converged')
    expect(r.reasons.some((x) => /the engine could not solve \d+ of \d+ proposals/.test(x))).toBe(true)
  })
})
