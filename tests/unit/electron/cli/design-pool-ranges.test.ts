/**
 * The design pool hands Monte Carlo samples to its workers in guided ranges (big first, then
 * shorter, to whichever worker is free); the band must not depend on the split.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createDesignPool, guidedRanges } from '../../../../electron/cli/commands/design-pool'
import { validateDesign } from '../../../../shared/design/schema'
import { simulateDesignUncertainty } from '../../../../shared/engine/simulate'
import type { Design } from '../../../../shared/design/types'
import { REPO_ROOT } from '../helpers'

function example(): Design {
  const checked = validateDesign(JSON.parse(readFileSync(`${REPO_ROOT}/resources/examples/lupus-rbc-silica.nanoforge.json`, 'utf8')))
  if (!checked.valid) throw new Error('example does not validate')
  return checked.design
}

describe('guided sample ranges', () => {
  it('cover [0, samples) in order without gaps, shrinking from 1/(2·workers) of the rest to at least 16', () => {
    for (const [samples, workers] of [[1000, 2], [1000, 8], [10, 2], [17, 3], [2, 2]] as const) {
      const ranges = guidedRanges(samples, workers)
      let next = 0
      for (const [k, [from, to]] of ranges.entries()) {
        expect(from).toBe(next)
        expect(to).toBeGreaterThan(from)
        if (k < ranges.length - 1) expect(to - from).toBeGreaterThanOrEqual(16)
        next = to
      }
      expect(next).toBe(samples)
    }
    // 1000 on 2 workers: a quarter first, then a quarter of the rest, ...
    expect(guidedRanges(1000, 2).slice(0, 3)).toEqual([[0, 250], [250, 438], [438, 579]])
  })
})

describe('design pool: Monte Carlo over many ranges', () => {
  it('2 and 3 workers, several ranges each, give the one-thread band to the last digit', async () => {
    const design = example()
    const serial = simulateDesignUncertainty(design, { samples: 90, seed: 4, hours: 24 })
    expect(guidedRanges(90, 2).length).toBeGreaterThan(3)
    for (const workers of [2, 3]) {
      const pool = createDesignPool(workers)
      try {
        expect(await pool.uncertainty(design, 90, 4, 24)).toEqual(serial)
      } finally {
        await pool.close()
      }
    }
  }, 120_000)
})
