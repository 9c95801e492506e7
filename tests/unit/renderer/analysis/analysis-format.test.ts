/**
 * The sensitivity panel's formatters (issue 13): knob and engine-parameter names as people
 * read them (never a path), rows ranked by the method's importance measure, and numbers
 * without e-notation.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { defaultKnobs } from '../../../../shared/analysis/knobs'
import { uncertainParameterPaths } from '../../../../shared/analysis/parameter-sensitivity'
import type { IndexRow } from '../../../../shared/analysis/design-sensitivity'
import {
  indexText, knobLabel, morrisRows, parameterLabel, rowLabel, sensitivityCsv, sobolRows, tornadoRows,
} from '../../../../renderer/features/analysis/analysis-format'
import { niceTicks, placeTags, shareText } from '../../../../renderer/features/analysis/analysis-charts'
import { csvCell } from '../../../../renderer/features/compare/compare-metrics'
import { listText } from '../../../../shared/design/format'

/** The code-word scan's pattern of a parameter path (tests/e2e/code-words.e2e.ts). */
const PARAMETER_PATH = /\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/

describe('names', () => {
  it('a design knob reads as the form labels it, with its unit', () => {
    expect(knobLabel('core.diameterNm')).toBe('Core diameter (nm)')
    expect(knobLabel('coatings[0].graftingDensityPerNm2')).toBe('Coating 1 PEG grafting density (chains/nm²)')
    expect(knobLabel('ligands[1].perParticle')).toBe('Ligand 2 per particle')
    expect(knobLabel('payload.loadingPctWw')).toBe('Drug loading (% w/w)')
    for (const k of defaultKnobs(newDesign())) {
      expect(knobLabel(k.path)).not.toMatch(PARAMETER_PATH)
      expect(knobLabel(k.path)).not.toContain(k.path)
    }
  })

  it('every engine parameter of the Monte Carlo has its own name in words', () => {
    const paths = uncertainParameterPaths()
    expect(paths.length).toBe(62) // 12 organs × 5 multipliers + the disease's 2
    const labels = paths.map(parameterLabel)
    expect(new Set(labels).size).toBe(paths.length)
    for (const l of labels) {
      expect(l).not.toMatch(PARAMETER_PATH)
      expect(l).not.toMatch(/[.[\]]/)
    }
    expect(parameterLabel('organs.liver.kMax')).toBe('Liver phagocytic uptake rate')
    expect(parameterLabel('organs.joints.permeability')).toBe('Joints capillary permeability')
    expect(parameterLabel('organs.rest.partition')).toBe('Rest of body partition coefficient')
    expect(parameterLabel('diseasePermeability')).toBe('Inflamed tissue extra permeability')
    expect(rowLabel('design', 'core.diameterNm')).toBe('Core diameter (nm)')
    expect(rowLabel('parameters', 'organs.spleen.capacity')).toBe('Spleen phagocytic capacity')
  })
})

describe('ranking', () => {
  const local: IndexRow[] = [
    { knob: 'core.diameterNm', coefficient: -0.4, stepUpLn: 0.1, stepDownLn: 0.1 },
    { knob: 'payload.loadingPctWw', coefficient: 1.2, stepUpLn: 0.1, stepDownLn: 0.1 },
    { knob: 'ligands[0].perParticle', coefficient: null, stepUpLn: 0, stepDownLn: 0 },
    { knob: 'context.dose.mgPerKg', coefficient: -2.5, stepUpLn: 0.1, stepDownLn: 0.1 },
  ]

  it('the tornado puts the largest |∂ln y/∂ln x| first whatever its sign, and lists undefined ones apart', () => {
    const { bars, undefinedFor } = tornadoRows(local, 'design')
    expect(bars.map((b) => b.coefficient)).toEqual([-2.5, 1.2, -0.4])
    expect(bars[0]!.label).toBe('Dose (mg/kg)')
    expect(undefinedFor).toEqual(['Ligand 1 per particle'])
  })

  it('Sobol by total index, Morris by μ*, non-finite last', () => {
    const sobol: IndexRow[] = [
      { knob: 'a.b', first: 0.1, total: 0.2, firstCi95: [0, 0.2], totalCi95: [0.1, 0.3], rowsUsed: 8 },
      { knob: 'c.d', first: 0.5, total: Number.NaN, firstCi95: [0.4, 0.6], totalCi95: [Number.NaN, Number.NaN], rowsUsed: 8 },
      { knob: 'e.f', first: 0.6, total: 0.7, firstCi95: [0.5, 0.7], totalCi95: [0.6, 0.8], rowsUsed: 8 },
    ]
    expect(sobolRows(sobol, 'design').map((r) => r.path)).toEqual(['e.f', 'a.b', 'c.d'])
    const morris: IndexRow[] = [
      { knob: 'a.b', muStar: 1, sigma: 3, mu: 1, effects: 4 },
      { knob: 'c.d', muStar: 5, sigma: 0.1, mu: -5, effects: 4 },
    ]
    expect(morrisRows(morris, 'design').map((r) => [r.path, r.muStar, r.sigma])).toEqual([['c.d', 5, 0.1], ['a.b', 1, 3]])
    // rows of another method are not drawn as this one
    expect(tornadoRows(sobol, 'design').bars).toEqual([])
  })
})

describe('numbers', () => {
  it('three significant digits, ×10ⁿ when tiny or huge, never e-notation', () => {
    expect(indexText(0.123456)).toBe('0.123')
    expect(indexText(-2.8512)).toBe('-2.85')
    expect(indexText(0)).toBe('0')
    expect(indexText(null)).toBe('—')
    expect(indexText(Number.NaN)).toBe('—')
    expect(indexText(1.234e-7)).toBe('1.23 × 10⁻⁷')
    expect(indexText(4.5e9)).toBe('4.50 × 10⁹')
    for (const v of [1e-12, 3.3e-5, 7e7, 1e21]) expect(indexText(v)).not.toMatch(/e[+-]?\d/)
  })

  it('nice ticks are round steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(2.64, 3.9, 5)).toEqual([2.8, 3, 3.2, 3.4, 3.6, 3.8])
    expect(niceTicks(-12, 37, 5)).toEqual([-10, 0, 10, 20, 30])
    expect(niceTicks(5, 5)).toEqual([5])
  })

  it('Sobol shares line up at three decimals, noise around 0 reads as 0.000', () => {
    expect(shareText(0.65234)).toBe('0.652')
    expect(shareText(-0.0001)).toBe('0.000')
    expect(shareText(-0.0152)).toBe('-0.015')
    expect(shareText(Number.NaN)).toBe('—')
  })

  it('Morris tags sit right or left of their point, inside the plot, and never overlap', () => {
    const pts = [
      { id: 'a', x: 950, y: 100, text: 'Core diameter (nm)' }, // near the right edge: goes left
      { id: 'b', x: 130, y: 340, text: 'Drug loading (% w/w)' },
      { id: 'c', x: 124, y: 346, text: 'Dose (mg/kg)' }, // 6 px below b: no room right, none left
      { id: 'd', x: 300, y: 200 },
    ]
    const placed = placeTags(pts, 64, 1000, 7)
    expect(placed.get('a')).toEqual({ x: 940, anchor: 'end' })
    expect(placed.get('b')).toEqual({ x: 140, anchor: 'start' })
    expect(placed.has('c')).toBe(false)
    expect(placed.has('d')).toBe(false)
  })

  it('lists read as English', () => {
    expect(listText(['a'])).toBe('a')
    expect(listText(['a', 'b', 'c'])).toBe('a, b and c')
  })
})

describe('sensitivityCsv', () => {
  it('writes every metric and knob with the panel\'s names, the path to join on, and full numbers', () => {
    const csv = sensitivityCsv({
      method: 'local', over: 'design',
      indices: {
        selectivityIndex: [{ knob: 'core.diameterNm', coefficient: -2.8512345678 }, { knob: 'payload.loadingPctWw', coefficient: null }],
        bloodHalfLifeH: [{ knob: 'core.diameterNm', coefficient: 0.5 }],
      },
    } as unknown as Parameters<typeof sensitivityCsv>[0])
    const lines = csv.trimEnd().split('\n')
    expect(lines[0]).toBe('metric,metric_label,knob,knob_label,coefficient')
    expect(lines[1]).toBe('selectivityIndex,Selectivity index,core.diameterNm,Core diameter (nm),-2.8512345678')
    // an undefined coefficient is an empty cell, not "null" or "—"
    expect(lines[2]).toMatch(/^selectivityIndex,Selectivity index,payload\.loadingPctWw,.*,$/)
    expect(lines[3]).toMatch(/^bloodHalfLifeH,.*,core\.diameterNm,Core diameter \(nm\),0\.5$/)
    expect(lines).toHaveLength(4)
  })

  it('gives Sobol its intervals and Morris its μ* and σ, and quotes a label holding a comma', () => {
    const sobol = sensitivityCsv({
      method: 'sobol', over: 'design',
      indices: { selectivityIndex: [{ knob: 'core.diameterNm', first: 0.65, total: 0.75, firstCi95: [0.36, 0.99], totalCi95: [0.59, 0.91] }] },
    } as unknown as Parameters<typeof sensitivityCsv>[0])
    expect(sobol.split('\n')[0]).toBe('metric,metric_label,knob,knob_label,first,first_ci95_low,first_ci95_high,total,total_ci95_low,total_ci95_high')
    expect(sobol.split('\n')[1]).toMatch(/,0\.65,0\.36,0\.99,0\.75,0\.59,0\.91$/)
    const morris = sensitivityCsv({
      method: 'morris', over: 'design',
      indices: { selectivityIndex: [{ knob: 'core.diameterNm', muStar: 1.5, sigma: 0.25 }] },
    } as unknown as Parameters<typeof sensitivityCsv>[0])
    expect(morris.split('\n')[1]).toMatch(/,1\.5,0\.25$/)
    expect(csvCell('a, b')).toBe('"a, b"')
  })
})
