/**
 * `nanoforge simulate --samples N`: the Monte Carlo band next to the estimate, and the design
 * pool's Monte Carlo split over worker threads giving the same band as one thread (issue #13,
 * "results identical for a given seed whatever the number of workers").
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createDesignPool } from '../../../../electron/cli/commands/design-pool'
import { validateDesign } from '../../../../shared/design/schema'
import { simulateDesign, simulateDesignUncertainty } from '../../../../shared/engine/simulate'
import { formatQuantity } from '../../../../shared/design/format'
import type { Design } from '../../../../shared/design/types'
import { foldErrorByReadoutSentence, foldErrorSentence, MEASURED_PREDICTION_INTERVAL, predictionIntervalSentence } from '../../../../shared/engine/validation/measured-accuracy'
import { REPO_ROOT } from '../helpers'
import { runInProcess } from './support/in-process'


const cli = runInProcess

const EXAMPLE = `${REPO_ROOT}/resources/examples/ra-folate-peg-liposome.nanoforge.json`

/** The design the CLI reads, validated the same way. */
function example(): Design {
  const checked = validateDesign(JSON.parse(readFileSync(EXAMPLE, 'utf8')))
  if (!checked.valid) throw new Error('example does not validate')
  return checked.design
}

describe('nanoforge simulate --samples', () => {
  it('adds the Monte Carlo band (an addition: every other key as without it), seeded and reproducible', async () => {
    const plain = JSON.parse((await cli('simulate', EXAMPLE, '--json')).stdout)
    const a = await cli('simulate', EXAMPLE, '--samples', '30', '--seed', '5', '--json')
    expect(a.code).toBe(0)
    const withBand = JSON.parse(a.stdout)
    const { uncertainty, ...rest } = withBand
    expect(rest).toEqual(plain)
    expect(uncertainty.samples).toBe(30)
    expect(uncertainty.seed).toBe(5)
    // the deterministic half-life lies inside its band
    const tHalf = plain.biodistribution.bloodHalfLifeH
    expect(uncertainty.bloodHalfLifeH.lower).toBeLessThan(tHalf)
    expect(uncertainty.bloodHalfLifeH.upper).toBeGreaterThan(tHalf)
    // the same band as the app's "Compute uncertainty" for the same design and seed
    const app = simulateDesignUncertainty(example(), { samples: 30, seed: 5, hours: 72 })
    expect(uncertainty.selectivity.selectivityIndex).toEqual(app.selectivity.selectivityIndex)
    const b = await cli('simulate', EXAMPLE, '--samples', '30', '--seed', '5', '--json')
    expect(b.stdout).toBe(a.stdout)
  })

  it('gives the checked prediction interval under `accuracy`, beside the keys every script reads', async () => {
    const out = JSON.parse((await cli('simulate', EXAMPLE, '--json')).stdout)
    for (const key of ['derived', 'release', 'biodistribution', 'selectivity', 'warnings']) expect(out, key).toHaveProperty(key)
    expect(out.accuracy.predictionInterval).toEqual(JSON.parse(JSON.stringify(MEASURED_PREDICTION_INTERVAL)))
    expect(out.accuracy.statement).toBe(predictionIntervalSentence())
    // a script's interval around the blood half-life: estimate ×/÷ fold
    const { fold } = out.accuracy.predictionInterval.level80
    expect(fold).toBeGreaterThan(1)
  })

  it('writes particles per mg as the app does (× 10ⁿ), not as a 13-digit integer', async () => {
    const r = await cli('simulate', EXAMPLE)
    expect(r.code).toBe(0)
    const perMg = simulateDesign(example(), { hours: 72 }).derived.particlesPerMg
    expect(perMg).toBeGreaterThan(1e6)
    expect(r.stdout).toContain(`${formatQuantity(perMg)} particles/mg`)
    expect(r.stdout).toMatch(/\d\.\d\d × 10[⁰¹²³⁴⁵⁶⁷⁸⁹]+ particles\/mg/)
  })

  it('prints the bands of the key numbers in the text summary', async () => {
    const r = await cli('simulate', EXAMPLE, '--samples', '20')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Uncertainty \(20 samples, seed 1; median \[95 % band\]/)
    expect(r.stdout).toMatch(/blood half-life [\d.]+ \[[\d.]+, [\d.]+\] h/)
    // and how far published values fell from the engine's estimates (measured-accuracy.ts)
    // where a published value will fall first (the checked prediction interval), then the fold errors
    expect(r.stdout).toContain(`Accuracy: ${predictionIntervalSentence()} ${foldErrorSentence()}`)
    expect(r.stdout).toContain(foldErrorByReadoutSentence())
  })

  it('refuses a bad sample count, and --seed or --workers without --samples, as usage errors', async () => {
    for (const args of [['--samples', '1'], ['--samples', '10001'], ['--samples', '2.5'], ['--seed', '3'], ['--workers', '2'], ['--samples', '10', '--workers', '0']]) {
      const r = await cli('simulate', EXAMPLE, ...args, '--json')
      expect(r.code, args.join(' ')).toBe(2)
      const error = JSON.parse(r.stdout).error
      expect(error.code).toBe('bad-input')
      expect(error.message).toMatch(/--(samples|seed|workers)/)
    }
  })
})

describe('design pool: Monte Carlo on worker threads', () => {
  it('two worker threads give the band of one thread, to the last digit', async () => {
    const design = example()
    const one = createDesignPool(1)
    const two = createDesignPool(2)
    try {
      const [serial, pooled] = await Promise.all([one.uncertainty(design, 24, 9, 72), two.uncertainty(design, 24, 9, 72)])
      expect(pooled).toEqual(serial)
      expect(pooled.samples).toBe(24)
      // and it is the engine's own band
      expect(serial).toEqual(simulateDesignUncertainty(design, { samples: 24, seed: 9, hours: 72 }))
      // the median half-life sits near the deterministic one (50 % CV, 24 samples)
      const det = simulateDesign(design, { hours: 72 }).biodistribution.bloodHalfLifeH
      expect(pooled.bloodHalfLifeH.median / det).toBeGreaterThan(0.5)
      expect(pooled.bloodHalfLifeH.median / det).toBeLessThan(2)
    } finally {
      await Promise.all([one.close(), two.close()])
    }
  }, 60_000)
})
