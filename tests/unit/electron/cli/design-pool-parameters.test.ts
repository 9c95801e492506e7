/**
 * The CLI's design pool evaluates the points of a sensitivity over the engine's uncertain
 * parameters on its worker threads (`sensitivity --over parameters`): the rows must be the
 * one-thread rows, in order, whatever the split.
 */
import { describe, expect, it } from 'vitest'
import { createDesignPool } from '../../../../electron/cli/commands/design-pool'
import { newDesign } from '../../../../shared/design/defaults'
import { cachedParameterEvaluator, multiplierAt, uncertainParameterPaths } from '../../../../shared/analysis/parameter-sensitivity'
import { METRIC_IDS } from '../../../../shared/metrics/registry'
import { mulberry32 } from '../../../../shared/engine/pbpk/random'

describe('design pool: parameter points', () => {
  it('2 worker threads give the one-thread rows in order, every metric of the registry per point', async () => {
    const design = newDesign()
    const k = uncertainParameterPaths().length
    const random = mulberry32(17)
    const points = Array.from({ length: 30 }, () => Array.from({ length: k }, () => multiplierAt(random())))
    const expected = cachedParameterEvaluator()(design, 48, points)
    const pool = createDesignPool(2)
    try {
      const rows = await pool.parameters(design, 48, points)
      expect(rows).toEqual(expected)
      expect(rows.every((r) => r !== null && r.length === METRIC_IDS.length)).toBe(true)
      // the multipliers move the biodistribution: the points do not all give the same selectivity
      expect(new Set(rows.map((r) => r![0])).size).toBeGreaterThan(20)
      // a second run of another design in the same workers uses that design, not the kept set-up
      const other = { ...design, core: { ...design.core, diameterNm: design.core.diameterNm * 1.5 } }
      expect(await pool.parameters(other, 48, points.slice(0, 8))).toEqual(cachedParameterEvaluator()(other, 48, points.slice(0, 8)))
    } finally {
      await pool.close()
    }
  }, 60_000)
})
