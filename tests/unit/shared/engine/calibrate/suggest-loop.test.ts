/**
 * Issue #14's proof of the next-experiment loop: against a synthetic "lab" (the engine with
 * hidden multipliers, plus measurement noise), the suggest loop reaches the goal in fewer
 * experiments than random choice, over repeated seeds.
 *
 * Set-up (kept small to stay well under a minute of CPU):
 * - knobs: core diameter 50–300 nm and PEG grafting density 0.05–1 /nm² (log), on the default
 *   folate-PEG-PLGA design (mouse, rheumatoid arthritis);
 * - goal: bring the target AUC to 80 %ID·h (target objective: the Monte Carlo EI path) with
 *   liver + spleen at 24 h ≤ 74 %ID (constraint);
 * - the hidden lab: liver K_max × 2.5, spleen K_max × 1.5, target permeability × 0.5, and each
 *   measurement × exp(0.1·z) (CV ~10 %). The engine alone is wrong about where 200 %ID·h lies
 *   (it puts it near 95 nm; the lab near 60 nm), so the loop must learn the discrepancy. (The
 *   goal was 200 %ID·h and ≤ 60 %ID while a dense PEG brush left PLGA 0.008 of its phagocytic
 *   uptake; with the solid-core residual fitted on PEG-PLGA and PEG-gold rows, 0.1, no design of
 *   the pool reaches that goal in the lab, so the numbers moved with the engine, the method not.)
 * - the profile has learned nothing (its draws are prior draws, medians 1), 6 draws a design;
 * - a pool of 48 designs (scrambled Sobol', one per seed), the same for both strategies; both
 *   start with the base design measured;
 * - reached: a measured design whose true (noise-free) lab value is within 10 % of 200 and
 *   meets the constraint. Random choice without replacement from a pool of N with G such
 *   designs needs 1 + (N + 1)/(G + 1) experiments on average (the base included), exactly.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import type { Design } from '../../../../../shared/design/types'
import { setKnobs } from '../../../../../shared/analysis/design-paths'
import { parseGoal } from '../../../../../shared/analysis/goal'
import { knobValue } from '../../../../../shared/analysis/knobs'
import type { MetricId } from '../../../../../shared/metrics/registry'
import { sobolPoint, sobolShifts } from '../../../../../shared/sweep/sobol'
import { mulberry32, standardNormal } from '../../../../../shared/engine/pbpk/random'
import { CALIBRATION_PARAMETER_IDS, priorOf, type Multipliers } from '../../../../../shared/engine/calibrate/parameters'
import { designDomain } from '../../../../../shared/engine/calibrate/domain'
import { metricsWithMultipliers } from '../../../../../shared/engine/calibrate/suggest-engine'
import { suggestNextDesigns, type LabPoint } from '../../../../../shared/engine/calibrate/suggest'

const base = newDesign()
const TARGET = 80
const LIVER_SPLEEN_MAX = 74
const HIDDEN: Multipliers = { liverKMax: 2.5, spleenKMax: 1.5, targetPermeability: 0.5 }
const NOISE_SD_LN = 0.1
const POOL = 48
const SEEDS = [1, 2, 3, 4, 5, 6]
const MAX_EXPERIMENTS = 20

const parsed = parseGoal({
  format: 'nanoforge.goal', version: 1, base,
  vary: [{ path: 'core.diameterNm', min: 50, max: 300 }, { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1 }],
  objectives: [{ metric: 'targetAucPercentDoseH', target: TARGET }],
  constraints: [{ metric: 'liverSpleenAt24hPercentDose', max: LIVER_SPLEEN_MAX }],
})
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
const goal = parsed.goal

// the engine, memoised (a design and a multiplier set give one answer): not a stand-in
const memo = new Map<string, Readonly<Record<MetricId, number>>>()
function engine(design: Design, m: Multipliers, hours: number): Readonly<Record<MetricId, number>> {
  const key = JSON.stringify([design.core.diameterNm, design.coatings, m, hours])
  let v = memo.get(key)
  if (v === undefined) { v = metricsWithMultipliers(design, m, hours); memo.set(key, v) }
  return v
}

const sampled = [...CALIBRATION_PARAMETER_IDS]
const u0 = mulberry32(7)
const priorProfile = {
  medians: {}, sampled,
  drawsLn: Array.from({ length: 400 }, () => sampled.map((id) => priorOf(id).sigmaLn * standardNormal(u0))),
  domain: designDomain([{ design: base, species: 'mouse' }]),
}

describe('the next-experiment loop against a synthetic lab', () => {
  it('reaches the goal in fewer experiments than random choice, over repeated seeds', () => {
    const suggested: number[] = []
    const randomExpected: number[] = []
    const randomSimulated: number[] = []
    let engineAloneReached = 0
    for (const seed of SEEDS) {
      const shifts = sobolShifts(2, seed)
      const units = Array.from({ length: POOL }, (_, i) => sobolPoint(i, 2, shifts))
      const pool = units.map((u) => setKnobs(base, goal.knobs.map((k, i) => [k.path, knobValue(k, u[i]!)] as const)))
        .flatMap((c) => (c.valid ? [c.design] : []))
      expect(pool.length).toBe(POOL)
      const truth = (d: Design): Readonly<Record<MetricId, number>> => engine(d, HIDDEN, 72)
      const reached = (d: Design): boolean => {
        const v = truth(d)
        return v.liverSpleenAt24hPercentDose <= LIVER_SPLEEN_MAX && Math.abs(Math.log(v.targetAucPercentDoseH / TARGET)) <= Math.log(1.1)
      }
      const good = pool.filter(reached).length
      // the pool must hold an answer, and the base design must not be one (else nothing is tested)
      expect(good, `seed ${seed}`).toBeGreaterThan(0)
      expect(reached(base)).toBe(false)

      const noise = mulberry32(1000 + seed)
      const measure = (d: Design): LabPoint => {
        const lab = truth(d)
        const nominal = engine(d, {}, 72)
        const residualLn: Partial<Record<MetricId, number>> = {}
        const noiseSdLn: Partial<Record<MetricId, number>> = {}
        for (const m of ['targetAucPercentDoseH', 'liverSpleenAt24hPercentDose'] as const) {
          residualLn[m] = Math.log(lab[m] / nominal[m]) + NOISE_SD_LN * standardNormal(noise)
          noiseSdLn[m] = NOISE_SD_LN
        }
        return { design: d, residualLn, noiseSdLn, source: `experiment ${seed}` }
      }

      // control: the engine with the profile alone (no lab data) picks where it believes the goal lies
      const alone = suggestNextDesigns(goal, priorProfile, [], { count: 1, seed, candidateUnits: units, drawsPerCandidate: 6, evaluate: engine })
      if (reached(alone.suggestions[0]!.design)) engineAloneReached++

      // the suggest loop, one design a round
      const lab: LabPoint[] = [measure(base)]
      let done = false
      while (!done && lab.length < MAX_EXPERIMENTS) {
        const r = suggestNextDesigns(goal, priorProfile, lab, { count: 1, seed, candidateUnits: units, drawsPerCandidate: 6, evaluate: engine })
        const next = r.suggestions[0]!.design
        lab.push(measure(next))
        done = reached(next)
      }
      suggested.push(lab.length)
      randomExpected.push(1 + (POOL + 1) / (good + 1))
      // and random choice run once per seed (a seeded shuffle of the pool)
      const order = pool.map((d, i) => ({ d, key: mulberry32(seed * 7919 + i)() })).sort((a, b) => a.key - b.key)
      randomSimulated.push(1 + order.findIndex((o) => reached(o.d)) + 1)
    }
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
    // measured: suggest 2, 2, 5, 2, 3, 3 experiments (mean 2.8, the base design included); random
    // choice's expectation 17.3–25.5 (mean 20.1), one seeded run of it 36, 35, 12, 10, 5, 7
    // (mean 17.5); the engine alone hit the goal on its first pick in 0 of 6 seeds
    // the engine alone is wrong about where the goal lies: learning from the lab is what finds it
    expect(engineAloneReached).toBeLessThanOrEqual(1)
    expect(suggested.every((n) => n < MAX_EXPERIMENTS), `suggest: ${suggested.join(', ')}`).toBe(true)
    expect(mean(suggested)).toBeLessThan(mean(randomExpected) / 2)
    expect(mean(suggested)).toBeLessThan(mean(randomSimulated))
    suggested.forEach((n, i) => expect(n, `seed ${SEEDS[i]}`).toBeLessThan(randomExpected[i]!))
  }, 120_000)
})
