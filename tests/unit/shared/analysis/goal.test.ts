import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { parseGoal } from '../../../../shared/analysis/goal'

/** The goal of issue 13, on the default design. */
function issueGoal(): Record<string, unknown> {
  return {
    format: 'nanoforge.goal', version: 1,
    base: newDesign(),
    vary: [
      { path: 'core.diameterNm', min: 50, max: 250 },
      { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1.0 },
      { path: 'core.material', options: ['plga-50-50', 'plga-75-25', 'pla'] },
    ],
    objectives: [{ metric: 'selectivityIndex', sense: 'max' }, { metric: 't50InflamedH', target: 48 }],
    constraints: [{ metric: 'bloodHalfLifeH', min: 6 }],
  }
}

describe('nanoforge.goal v1', () => {
  it('reads the issue\'s example: base validated, knobs resolved with their scales', () => {
    const parsed = parseGoal(issueGoal())
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.goal.knobs.map((k) => k.kind)).toEqual(['continuous', 'continuous', 'categorical'])
    expect(parsed.goal.knobs[1]).toMatchObject({ scale: 'log' }) // 0.05 → 1.0 spans a factor 20
    expect(parsed.goal.objectives).toEqual([{ metric: 'selectivityIndex', sense: 'max' }, { metric: 't50InflamedH', target: 48 }])
    expect(parsed.goal.constraints).toEqual([{ metric: 'bloodHalfLifeH', min: 6 }])
  })

  it('reports a wrong envelope with JSON paths', () => {
    const parsed = parseGoal({ ...issueGoal(), format: 'nanoforge.design', version: 2, extra: 1, vary: [] })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    const paths = parsed.errors.map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['format', 'version', 'vary', '']))
    expect(parsed.errors.find((e) => e.path === '')!.message).toMatch(/extra/)
    expect(parseGoal('not an object').ok).toBe(false)
  })

  it('reports every problem of the content at once, each at its path', () => {
    const goal = issueGoal()
    const base = newDesign()
    goal.base = { ...base, core: { ...base.core, diameterNm: -3 } }
    const parsed = parseGoal(goal)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.errors[0]).toMatchObject({ path: 'base.core.diameterNm' })

    const g2 = issueGoal()
    g2.vary = [
      { path: 'core.diameterNm', min: 50, max: 250, options: ['x'] },
      { path: 'coatings[0].graftingDensityPerNm2', min: 0.05 },
      { path: 'core.material', options: ['plga-50-50', 'pla', 'plga75'] },
      { path: 'coatings[4].thicknessNm', min: 1, max: 2 },
    ]
    g2.objectives = [{ metric: 'selectivityIndx', sense: 'max' }, { metric: 't50InflamedH', sense: 'min', target: 48 }]
    g2.constraints = [{ metric: 'bloodHalfLifeH' }, { metric: 'bloodHalfLifeH', min: 10, max: 5 }]
    const bad = parseGoal(g2)
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    const byPath = Object.fromEntries(bad.errors.map((e) => [e.path, e.message]))
    expect(byPath['vary[0]']).toMatch(/not both/)
    expect(byPath['vary[1].max']).toMatch(/is missing/)
    expect(byPath['vary[2].options[2]']).toMatch(/did you mean "plga-75-25"/)
    expect(byPath['vary[3].path']).toMatch(/coatings has 1 entry/)
    expect(byPath['objectives[0].metric']).toMatch(/did you mean "selectivityIndex"/)
    expect(byPath['objectives[1]']).toMatch(/exactly one of "sense"/)
    expect(byPath['constraints[0]']).toMatch(/give "min", "max" or both/)
    expect(byPath['constraints[1].max']).toMatch(/below min/)
  })

  it('rejects types and unknown fields inside entries with their paths', () => {
    const g = issueGoal()
    g.vary = [{ path: 'core.diameterNm', min: '50', max: 250 }, { path: 'core.diameterNm', minimum: 1 }]
    g.objectives = [{ metric: 'selectivityIndex', sense: 'maximise' }]
    const parsed = parseGoal(g)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    const paths = parsed.errors.map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['vary[0].min', 'vary[1]', 'objectives[0].sense']))
  })
})
