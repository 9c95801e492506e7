import { describe, expect, it } from 'vitest'
import { frontChartSpec } from '../../../../renderer/features/analysis/find-designs-panel'
import { chartToCsv } from '../../../../renderer/lib/chart-export'
import type { MetricId } from '../../../../shared/metrics/registry'

describe('Pareto front export', () => {
  const m = (half: number, si: number): Record<MetricId, number> => ({ bloodHalfLifeH: half, selectivityIndex: si } as Record<MetricId, number>)
  const front = [
    { feasible: true, metrics: m(8, 3.4) },
    { feasible: false, metrics: m(2, 0.4) },
    { feasible: true, metrics: m(12, 2.1) },
  ]

  it('writes each plotted point under whether it meets the constraints, and the starting design', () => {
    const spec = frontChartSpec(front, ['bloodHalfLifeH', 'selectivityIndex'], m(5, 1))
    expect(spec.xLabel).toBe('Blood half-life (h)')
    expect(spec.yLabel).toBe('Selectivity index')
    const rows = chartToCsv(spec).split('\r\n').filter(Boolean)
    expect(rows[0]).toBe('series,Blood half-life (h),Selectivity index')
    expect(rows.slice(1).sort()).toEqual(['Meets every constraint,12,2.1', 'Meets every constraint,8,3.4', 'Misses a constraint,2,0.4', 'Starting design,5,1'].sort())
  })

  it('leaves out an empty group and the starting design when unknown', () => {
    const spec = frontChartSpec(front.filter((f) => f.feasible), ['selectivityIndex', 'bloodHalfLifeH'], null)
    expect(spec.series.map((s) => s.label)).toEqual(['Meets every constraint'])
    expect(spec.series[0]!.xs).toEqual([3.4, 2.1])
  })
})
