/**
 * The CQA rows of a design version (shared/quality): limits are inclusive (a reading equal to
 * "≤ 0.2" meets it), one batch outside fails the attribute, trashed readings and other kinds do
 * not count, cholesterol exists only for a liposome, a prediction never passes an attribute,
 * and limits read as a specification writes them. Expected values are set by hand here.
 */
import { describe, expect, it } from 'vitest'
import type { Measurement } from '../../../../shared/ipc/channels/measurement'
import { CQA_ATTRIBUTES, CQA_ATTRIBUTE_IDS, findCqaAttribute } from '../../../../shared/quality/attributes'
import { cqaCounts, evaluateCqas } from '../../../../shared/quality/evaluate'
import { SpecLimitInput, meetsSpec, specText, type SpecLimit } from '../../../../shared/quality/specs'
import { qualityReadingText } from '../../../../shared/quality/text'
import { loadExample } from '../../electron/helpers'

const base = { designId: 'd', version: 1, label: 'batch', measuredOn: '2026-01-02', createdAt: '2026-01-02T10:00:00.000Z', deletedAt: null }
let n = 0
const dls = (zAverageNm: number, pdi: number, deletedAt: string | null = null): Measurement => ({ ...base, id: `m${++n}`, kind: 'dls', data: { zAverageNm, pdi }, deletedAt })
const quality = (data: Record<string, number | string>): Measurement => ({ ...base, id: `m${++n}`, kind: 'quality', data } as Measurement)
const spec = (attribute: SpecLimit['attribute'], min: number | null, max: number | null): SpecLimit => ({ attribute, min, max, note: '', updatedAt: '2026-01-01T00:00:00.000Z' })

describe('evaluateCqas', () => {
  const silica = loadExample('lupus-rbc-silica.nanoforge.json')
  const file = loadExample('ra-folate-peg-liposome.nanoforge.json')
  // The example is a version-1 file (no bilayer); the app and CLI read it upgraded with one.
  const liposome = { ...file, core: { ...file.core, bilayer: { lipid: 'egg-pc', cholesterolMolPct: 40 } } } as typeof file

  it('passes readings on the limits (inclusive), fails when any batch is outside, counts only live readings of the version', () => {
    const rows = evaluateCqas(silica, [dls(150, 0.2), dls(80, 0.1), dls(400, 0.9, '2026-01-03T00:00:00.000Z')], [spec('zAverageNm', 80, 150), spec('pdi', null, 0.2)])
    const size = rows.find((r) => r.attribute === 'zAverageNm')!
    expect(size.readings.map((r) => r.value)).toEqual([150, 80]) // the trashed 400 nm reading is ignored
    expect(size.status).toBe('pass')
    expect(rows.find((r) => r.attribute === 'pdi')!.status).toBe('pass')

    const failing = evaluateCqas(silica, [dls(120, 0.1), dls(151, 0.21)], [spec('zAverageNm', 80, 150), spec('pdi', null, 0.2)])
    expect(failing.find((r) => r.attribute === 'zAverageNm')).toMatchObject({ status: 'fail', readings: [{ value: 120, meets: true }, { value: 151, meets: false }] })
    expect(failing.find((r) => r.attribute === 'pdi')!.status).toBe('fail')
  })

  it('says not measured for a limit without readings and no spec for readings without a limit; a prediction never passes', () => {
    const rows = evaluateCqas(silica, [quality({ encapsulationEfficiencyPct: 70 })], [spec('zetaMv', -30, -5), spec('drugLoadingPctWw', 4, 6)])
    expect(rows.find((r) => r.attribute === 'zetaMv')!.status).toBe('not measured')
    expect(rows.find((r) => r.attribute === 'encapsulationEfficiencyPct')).toMatchObject({ status: 'no spec', readings: [{ value: 70, meets: null }] })
    const loading = rows.find((r) => r.attribute === 'drugLoadingPctWw')!
    // The design's own loading, from the example file, shown as nominal; still "not measured".
    expect(loading.predicted).toMatchObject({ value: silica.payload.loadingPctWw, basis: 'design', meets: silica.payload.loadingPctWw >= 4 && silica.payload.loadingPctWw <= 6 })
    expect(loading.status).toBe('not measured')
    expect(cqaCounts(rows)).toEqual({ pass: 0, fail: 0, 'not measured': 2, 'no spec': rows.length - 2 })
  })

  it('has a cholesterol row only for a liposome core, with the design\'s mol % as nominal', () => {
    expect(evaluateCqas(silica, [], []).map((r) => r.attribute)).not.toContain('cholesterolMolPct')
    const row = evaluateCqas(liposome, [quality({ cholesterolMolPct: 41 })], [spec('cholesterolMolPct', 35, 45)]).find((r) => r.attribute === 'cholesterolMolPct')!
    expect(row).toMatchObject({ status: 'pass', predicted: { value: 40, basis: 'design', meets: true } })
  })

  it('predicts size and zeta with the engine (size in nanometres near the design\'s outer size, zeta inside the physical range)', () => {
    const rows = evaluateCqas(silica, [], [])
    const size = rows.find((r) => r.attribute === 'zAverageNm')!.predicted!
    expect(size.basis).toBe('engine')
    // The hydrodynamic diameter is at least the core diameter the file states.
    expect(size.value).toBeGreaterThanOrEqual(silica.core.diameterNm)
    const zeta = rows.find((r) => r.attribute === 'zetaMv')!.predicted!
    expect(Math.abs(zeta.value)).toBeLessThan(100)
  })
})

describe('limits and words', () => {
  it('reads limits as a specification writes them', () => {
    expect(specText({ min: 80, max: 150 }, 'zAverageNm')).toBe('80 to 150 nm')
    expect(specText({ min: null, max: 0.2 }, 'pdi')).toBe('≤ 0.2')
    expect(specText({ min: 90, max: null }, 'encapsulationEfficiencyPct')).toBe('≥ 90 %')
    expect(specText({ min: -30, max: -10 }, 'zetaMv')).toBe('-30 to -10 mV')
    expect(meetsSpec(0.2, { min: null, max: 0.2 })).toBe(true)
    expect(meetsSpec(0.2000001, { min: null, max: 0.2 })).toBe(false)
  })

  it('finds every attribute by its key or id, and each has a source and a unit-bearing range', () => {
    expect(CQA_ATTRIBUTES.map((a) => a.id)).toEqual([...CQA_ATTRIBUTE_IDS])
    for (const a of CQA_ATTRIBUTES) {
      expect(findCqaAttribute(a.key)).toBe(a)
      expect(findCqaAttribute(a.id.toUpperCase())).toBe(a)
      expect(a.source).toMatch(/FDA|ICH|Pharmacopeia/)
      expect(a.max).toBeGreaterThan(a.min)
    }
    expect(findCqaAttribute('colour')).toBeUndefined()
  })

  it('refuses a limit outside the attribute\'s range at its side', () => {
    const r = SpecLimitInput.safeParse({ attribute: 'zetaMv', min: -600, max: 0, note: '' })
    expect(r.success).toBe(false)
    expect(r.error!.issues[0]).toMatchObject({ path: ['min'], message: 'Zeta potential is from -500 mV to 500 mV; -600 is not' })
  })

  it('writes a quality reading with its units and the solvent named', () => {
    expect(qualityReadingText({ encapsulationEfficiencyPct: 91.5, residualSolventPpm: 800, residualSolventName: 'ethanol' }))
      .toBe('Encapsulation efficiency 91.5 %, Residual solvent 800 ppm (ethanol)')
  })
})
