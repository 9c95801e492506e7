/**
 * The pool with one worker thread (`threads: true`, what the bench's 1-worker side uses) gives
 * the one-thread band to the last digit, run after run in the same worker (a kept worker sets
 * each run up afresh: a second run of another seed is not served the first run's set-up).
 */
import { describe, expect, it } from 'vitest'
import { createDesignPool } from '../../../../electron/cli/commands/design-pool'
import { newDesign } from '../../../../shared/design/defaults'
import { simulateDesignUncertainty } from '../../../../shared/engine/simulate'

describe('design pool with one worker thread', () => {
  it('equals the in-process band for consecutive runs of different designs and seeds', async () => {
    const a = newDesign()
    const b = { ...newDesign(), core: { ...newDesign().core, diameterNm: 220 } }
    const pool = createDesignPool(1, { threads: true })
    try {
      expect(pool.workers).toBe(1)
      expect(await pool.uncertainty(a, 40, 3, 24)).toEqual(simulateDesignUncertainty(a, { samples: 40, seed: 3, hours: 24 }))
      expect(await pool.uncertainty(b, 40, 4, 24)).toEqual(simulateDesignUncertainty(b, { samples: 40, seed: 4, hours: 24 }))
      expect(await pool.uncertainty(a, 40, 3, 24)).toEqual(simulateDesignUncertainty(a, { samples: 40, seed: 3, hours: 24 }))
    } finally {
      await pool.close()
    }
  }, 120_000)
})
