/**
 * The Monte Carlo sample loop (monteCarloRun: one set-up per run, arrays reused from sample to
 * sample, no assumption or warning text, only the numbers a band reads) must give exactly the
 * numbers of the plain public route: for every sample, draw its perturbation and release speed
 * from its own stream, run `simulateWithPerturbation` (the single-run path `nanoforge simulate`
 * takes, with assumptions, warnings and every derived series), and band the results. Compared
 * bit for bit (−0 told apart from +0), on three designs that take different branches of the
 * engine: the default PLGA particle (drug, folate, release speed sampled), the RA
 * folate-PEG-liposome example (a liposome with a drug, pH-triggered), and a PEG-gold imaging
 * particle (non-degradable inorganic core, goal "image").
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { deriveProperties } from '../../../../shared/design/derived'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import {
  BIODISTRIBUTION_KEYS, biodistributionInputFromDesign, outputTimes, PBPK_DATA, residualizingLabelPercentDose, sampleStream,
  samplePerturbation, SELECTIVITY_METRICS, simulateWithPerturbation, summarizeMonteCarlo, type MonteCarloResult, type MonteCarloSamples,
} from '../../../../shared/engine/pbpk'
import { sampleReleaseSpeed, speedScaledHazard, tabulateHazard } from '../../../../shared/engine/pbpk/monte-carlo'
import { parameterResolver, resolveParameters } from '../../../../shared/engine/pbpk/parameters'
import { normalQuantile } from '../../../../shared/engine/pbpk/random'
import { releaseHazard, releaseSpeedSpreadLog10 } from '../../../../shared/engine/release'
import { designUncertaintySamples, simulateDesignUncertainty } from '../../../../shared/engine/simulate'

function valid(raw: unknown, what: string): Design {
  const v = validateDesign(raw)
  if (!v.valid) throw new Error(`${what} is not a valid design: ${JSON.stringify(v)}`)
  return v.design
}

function example(name: string): Design {
  return valid(JSON.parse(readFileSync(join(__dirname, '../../../../resources/examples', `${name}.nanoforge.json`), 'utf8')), name)
}

const base = newDesign()
const DESIGNS: ReadonlyArray<readonly [string, Design]> = [
  ['default PLGA (folate-PEG, dexamethasone)', valid(base, 'default design')],
  ['RA folate PEG-liposome (dexamethasone, pH trigger)', example('ra-folate-peg-liposome')],
  ['PEG-gold imaging particle', valid({
    ...base, name: 'PEG-gold', core: { material: 'gold', diameterNm: 40 },
    coatings: [{ kind: 'peg', molecularWeightDa: 5000, graftingDensityPerNm2: 0.3 }], ligands: [],
    context: { ...base.context, goal: 'image' },
  }, 'PEG-gold design')],
]

/** Solver tolerances of a Monte Carlo sample (monte-carlo.ts, monteCarloRun). */
const MC_RTOL = 3e-3
const MC_ATOL = 1e-4

/**
 * The samples [from, to) by the plain route: per sample its stream, perturbation and (when the
 * design's release speed is uncertain) speed, on the run's tabulated hazard, through
 * simulateWithPerturbation.
 */
function plainSamples(design: Design, seed: number, hours: number, from: number, to: number): MonteCarloSamples {
  const nominal = biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
  const spread = releaseSpeedSpreadLog10(design)
  const times = outputTimes({ hours })
  const nT = times.length
  const speedMax = spread ? Math.pow(10, spread * normalQuantile(PBPK_DATA.monteCarlo.upperQuantile.value)) : 1
  const input = nominal.releaseHazard ? { ...nominal, releaseHazard: tabulateHazard(nominal.releaseHazard, hours * speedMax) } : nominal
  const n = to - from
  const curves: Record<string, Float64Array> = {}
  for (const k of BIODISTRIBUTION_KEYS) { curves[k] = new Float64Array(n * nT); curves[`label.${k}`] = new Float64Array(n * nT) }
  const scalars: Record<string, Float64Array> = { bloodHalfLifeH: new Float64Array(n) }
  for (const k of BIODISTRIBUTION_KEYS) scalars[`auc.${k}`] = new Float64Array(n)
  for (const m of SELECTIVITY_METRICS) scalars[`sel.${m}`] = new Float64Array(n)
  for (let i = from; i < to; i++) {
    const u = sampleStream(seed, i)
    const perturbation = samplePerturbation(u)
    const sampleInput = spread && input.releaseHazard ? { ...input, releaseHazard: speedScaledHazard(input.releaseHazard, sampleReleaseSpeed(u, spread)) } : input
    const r = simulateWithPerturbation(sampleInput, { hours, rtol: MC_RTOL, atol: MC_ATOL }, perturbation)
    const label = residualizingLabelPercentDose(r.percentDose, r.degradedInTissuePercentDose)
    const s = i - from
    for (const k of BIODISTRIBUTION_KEYS) {
      curves[k]!.set(r.percentDose[k], s * nT)
      curves[`label.${k}`]!.set(label[k], s * nT)
      scalars[`auc.${k}`]![s] = r.aucPercentDoseH[k]
    }
    scalars.bloodHalfLifeH![s] = r.bloodHalfLifeH
    for (const m of SELECTIVITY_METRICS) scalars[`sel.${m}`]![s] = r.selectivity[m]
  }
  return { from, count: n, timesH: times, curves, scalars, cancelled: false }
}

/** JSON in which −0 and +0 differ (JSON.stringify writes both as 0). */
function exact(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && Object.is(v, -0) ? '-0' : v))
}

/** Every value of two sample sets, bit for bit: the first mismatch, or null. */
function firstMismatch(a: MonteCarloSamples, b: MonteCarloSamples): string | null {
  if (a.count !== b.count || a.from !== b.from) return `count/from ${a.from}+${a.count} vs ${b.from}+${b.count}`
  for (const kind of ['curves', 'scalars'] as const) {
    const names = Object.keys(a[kind]).sort()
    if (exact(names) !== exact(Object.keys(b[kind]).sort())) return `${kind} names differ`
    for (const name of names) {
      const x = a[kind][name]!
      const y = b[kind][name]!
      if (x.length !== y.length) return `${name}: length ${x.length} vs ${y.length}`
      for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return `${name}[${i}]: ${x[i]} vs ${y[i]}`
    }
  }
  return null
}

describe('Monte Carlo fast path = plain per-sample simulate, bit for bit', () => {
  for (const [what, design] of DESIGNS) {
    it(`${what}: every sample's curves and scalars, and the band`, () => {
      const samples = 40
      const fast = designUncertaintySamples(design, { samples, seed: 11, hours: 72, from: 0, to: samples })
      const plain = plainSamples(design, 11, 72, 0, samples)
      expect(firstMismatch(fast, plain)).toBeNull()
      const band: MonteCarloResult = simulateDesignUncertainty(design, { samples, seed: 11, hours: 72 })
      expect(exact(band)).toBe(exact(summarizeMonteCarlo([plain], samples, 11)))
      // a band is not degenerate: the samples differ (a broken sampler could pass the equality)
      expect(band.percentDose.liver.upper[10]!).toBeGreaterThan(band.percentDose.liver.lower[10]!)
    })
  }

  it('a later range of a run on another horizon (the scratch arrays of one run carry over between ranges)', () => {
    const design = DESIGNS[1]![1]
    const fast = designUncertaintySamples(design, { samples: 100, seed: 4, hours: 30, from: 57, to: 71 })
    expect(firstMismatch(fast, plainSamples(design, 4, 30, 57, 71))).toBeNull()
  })

  it('parameterResolver gives resolveParameters\' numbers, also when a later sample changes another input field than the hazard', () => {
    const design = DESIGNS[0]![1]
    const nominal = biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
    const resolve = parameterResolver(nominal)
    const hazard = nominal.releaseHazard!
    const inputs = [
      nominal,
      { ...nominal, releaseHazard: speedScaledHazard(hazard, 3) },
      // a calibration-like sample: another size, so the size modifier's result must not be reused
      { ...nominal, hydrodynamicDiameterNm: nominal.hydrodynamicDiameterNm * 2 },
      { ...nominal, releaseHazard: speedScaledHazard(hazard, 0.5) },
    ]
    inputs.forEach((input, i) => {
      const perturbation = samplePerturbation(sampleStream(9, i))
      expect(exact(resolve(input, perturbation))).toBe(exact(resolveParameters(input, perturbation).params))
    })
    // the doubled size changes the parameters (the comparison above could not pass by reuse)
    const p = samplePerturbation(sampleStream(9, 2))
    expect(exact(resolveParameters(inputs[2]!, p).params)).not.toBe(exact(resolveParameters(nominal, p).params))
  })
})
