import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { DESIGN_LIMITS } from '../../../../shared/design/schema'
import {
  KnobPathError, describeKnob, getKnob, numericKnobPaths, parseKnobPath, setKnob, setKnobs,
} from '../../../../shared/analysis/design-paths'
import { defaultKnobs, defaultScale, designAt, knobUnit, knobValue, resolveKnobs, type Knob } from '../../../../shared/analysis/knobs'

describe('design paths', () => {
  const base = newDesign()

  it('parses dotted paths with indices and rejects malformed ones with where it failed', () => {
    expect(parseKnobPath('coatings[0].graftingDensityPerNm2')).toEqual(['coatings', 0, 'graftingDensityPerNm2'])
    expect(parseKnobPath('context.dose.mgPerKg')).toEqual(['context', 'dose', 'mgPerKg'])
    expect(() => parseKnobPath('')).toThrow(/empty/)
    expect(() => parseKnobPath('core..diameterNm')).toThrow(/empty field name at character 6/)
    expect(() => parseKnobPath('core.')).toThrow(/ends with a dot/)
    expect(() => parseKnobPath('[0].x')).toThrow(/starts with a field name/)
    expect(() => parseKnobPath('core.diameter-nm')).toThrow(/character 14/)
  })

  it('gets numbers and ids, and names the missing piece of a bad path', () => {
    expect(getKnob(base, 'core.diameterNm')).toBe(120)
    expect(getKnob(base, 'coatings[0].graftingDensityPerNm2')).toBe(0.5)
    expect(getKnob(base, 'core.material')).toBe('plga-50-50')
    expect(() => getKnob(base, 'coatings[1].graftingDensityPerNm2')).toThrow(/coatings has 1 entry \(index 0\), so \[1\] does not exist/)
    expect(() => getKnob(base, 'core.diametr')).toThrow(/core has no field 'diametr' \(its fields: material, diameterNm\)/)
    expect(() => getKnob(base, 'core')).toThrow(/is an object/)
    expect(() => getKnob(base, 'coatings.kind')).toThrow(KnobPathError)
    expect(() => getKnob(base, 'coatings[0].kind')).toThrow(/cannot be varied/)
    expect(() => getKnob(base, 'name')).toThrow(/cannot be varied/)
  })

  it('sets a copy and validates it: a valid value gives the new design, a bad one the validator\'s error', () => {
    const ok = setKnob(base, 'coatings[0].graftingDensityPerNm2', 0.2)
    expect(ok.valid).toBe(true)
    if (ok.valid) {
      expect(ok.design.coatings[0]).toMatchObject({ kind: 'peg', graftingDensityPerNm2: 0.2 })
      expect(ok.design.core).toEqual(base.core)
    }
    expect(base.coatings[0]).toMatchObject({ graftingDensityPerNm2: 0.5 }) // the base is untouched
    const bad = setKnob(base, 'core.diameterNm', -5)
    expect(bad.valid).toBe(false)
    if (!bad.valid) expect(bad.errors[0]!.path).toBe('core.diameterNm')
    const both = setKnobs(base, [['core.material', 'plga-75-25'], ['payload.loadingPctWw', 12]])
    expect(both.valid && both.design.core.material === 'plga-75-25' && both.design.payload.loadingPctWw === 12).toBe(true)
    const unknown = setKnob(base, 'core.material', 'unobtainium')
    expect(unknown.valid).toBe(false)
    expect(() => setKnob(base, 'core.material', 5)).toThrow(/holds an id, so it cannot be set to 5/)
    expect(() => setKnob(base, 'ligands[3].perParticle', 5)).toThrow(KnobPathError)
  })

  it('describes knobs with the validator\'s limits and lists the numeric ones', () => {
    expect(describeKnob(base, 'core.diameterNm')).toMatchObject({ kind: 'continuous', unit: 'nm', min: 1, max: 5000 })
    expect(describeKnob(base, 'ligands[0].perParticle')).toMatchObject({ kind: 'integer', min: 1, max: DESIGN_LIMITS.ligandsPerParticleMax })
    expect(describeKnob(base, 'coatings[0].graftingDensityPerNm2')).toMatchObject({ min: 0, minExclusive: true, max: DESIGN_LIMITS.pegGraftingDensityMaxPerNm2 })
    expect(describeKnob(base, 'core.material').options).toContain('pla')
    expect(numericKnobPaths(base)).toEqual([
      'core.diameterNm', 'coatings[0].molecularWeightDa', 'coatings[0].graftingDensityPerNm2', 'ligands[0].perParticle',
      'payload.loadingPctWw', 'context.dose.mgPerKg',
    ])
  })
})

describe('knobs and ranges', () => {
  const base = newDesign()

  it('maps the unit interval linearly, log-uniformly, to whole numbers and to options', () => {
    const lin: Knob = { path: 'core.diameterNm', kind: 'continuous', unit: 'nm', min: 50, max: 250, scale: 'linear' }
    const log: Knob = { path: 'ligands[0].perParticle', kind: 'integer', unit: '', min: 10, max: 10000, scale: 'log' }
    const cat: Knob = { path: 'core.material', kind: 'categorical', unit: '', options: ['plga-50-50', 'plga-75-25', 'pla'] }
    expect(knobValue(lin, 0.25)).toBe(100)
    expect(knobValue(log, 0.5)).toBe(316) // √(10 × 10000) = 316.2 → 316
    expect(knobValue(log, 0)).toBe(10)
    expect(knobValue(log, 1)).toBe(10000)
    expect([0, 0.33, 0.34, 0.99, 1].map((u) => knobValue(cat, u))).toEqual(['plga-50-50', 'plga-50-50', 'plga-75-25', 'pla', 'pla'])
    for (const u of [0, 0.3, 0.77, 1]) expect(knobUnit(lin, knobValue(lin, u))).toBeCloseTo(u, 12)
    expect(knobUnit(log, 1000)).toBeCloseTo(2 / 3, 12) // 10 → 10,000 is 3 decades; 1000 is 2 of them
    expect(knobUnit(lin, 9999)).toBe(1)
    expect(knobUnit(cat, 'plga-75-25')).toBeCloseTo(0.5, 12)
    expect(knobUnit(cat, 'gold')).toBeNull()
    expect(defaultScale(10, 10000)).toBe('log')
    expect(defaultScale(50, 250)).toBe('linear')
    expect(defaultScale(0, 100)).toBe('linear')
    const d = designAt(base, [lin, cat], [0.5, 0.9])
    expect(d.valid && d.design.core).toEqual({ material: 'pla', diameterNm: 150 })
  })

  it('resolves a vary list and reports each problem at its JSON path', () => {
    const good = resolveKnobs(base, [
      { path: 'core.diameterNm', min: 50, max: 250 },
      { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1.0 },
      { path: 'core.material', options: ['plga-50-50', 'plga-75-25', 'pla'] },
    ])
    expect(good.ok).toBe(true)
    if (good.ok) expect(good.knobs.map((k) => k.kind === 'categorical' ? k.kind : k.scale)).toEqual(['linear', 'log', 'categorical'])

    const bad = resolveKnobs(base, [
      { path: 'core.diameterNm', min: 50, max: 9000 },
      { path: 'coatings[2].thicknessNm', min: 1, max: 5 },
      { path: 'core.material', options: ['plga-50-50', 'plga-7525'] },
      { path: 'coatings[0].graftingDensityPerNm2', min: 0, max: 0.5 },
      { path: 'core.diameterNm', min: 60, max: 70 },
      { path: 'payload.trigger', min: 1, max: 2 },
      { path: 'ligands[0].perParticle', min: 10.5, max: 100 },
    ], 'vary')
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      const byPath = Object.fromEntries(bad.errors.map((e) => [e.path, e.message]))
      expect(byPath['vary[0].max']).toMatch(/at most 5000 nm, got 9000/)
      expect(byPath['vary[1].path']).toMatch(/coatings has 1 entry/)
      expect(byPath['vary[2].options[1]']).toMatch(/did you mean "plga-75-25"/)
      expect(byPath['vary[3].min']).toMatch(/greater than 0/)
      expect(byPath['vary[4].path']).toMatch(/already varied by vary\[0\]/)
      expect(byPath['vary[5]']).toMatch(/give "options"/)
      expect(byPath['vary[6].min']).toMatch(/whole number/)
    }
  })

  it('default ranges are x/2 to 2x on a log scale, clipped to the limits', () => {
    const knobs = defaultKnobs(base)
    const byPath = Object.fromEntries(knobs.map((k) => [k.path, k]))
    expect(byPath['core.diameterNm']).toMatchObject({ min: 60, max: 240, scale: 'log' })
    expect(byPath['ligands[0].perParticle']).toMatchObject({ kind: 'integer', min: 125, max: 500 })
    expect(byPath['payload.loadingPctWw']).toMatchObject({ min: 2.5, max: 10 })
    const dense = setKnob(base, 'coatings[0].graftingDensityPerNm2', DESIGN_LIMITS.pegGraftingDensityMaxPerNm2)
    expect(dense.valid).toBe(true)
    if (dense.valid) {
      const k = defaultKnobs(dense.design).find((x) => x.path === 'coatings[0].graftingDensityPerNm2')!
      expect(k.kind !== 'categorical' && k.max).toBe(DESIGN_LIMITS.pegGraftingDensityMaxPerNm2)
    }
  })
})
