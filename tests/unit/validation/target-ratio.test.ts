/**
 * The `targetToHealthyRatio` observable of published rows: the diseased target tissue against
 * the same tissue of a healthy twin. Checked by relations that hold whatever the multipliers are:
 * with the whole joint compartment as the lesion, the per-gram ratio is the whole-tissue ratio
 * divided by the lesion's swelling (tissue mass = volume × density, density unchanged); an
 * inflamed, leakier lesion holds more than the healthy tissue; rows that cannot be scored say why.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PBPK_DATA } from '../../../shared/engine/pbpk'
import { predictRow, type PublishedRow } from '../../../shared/engine/validation/published-rows'

const design = JSON.parse(readFileSync(new URL('../../../resources/examples/ra-folate-peg-liposome.nanoforge.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>
}

const row = (over: Partial<PublishedRow>): PublishedRow => ({
  id: 'probe', set: 'calibration', design, observable: 'targetToHealthyRatio', tissue: 'joints', timeH: 24,
  value: 1, unit: '1', counting: 'intact', ratioBasis: 'whole-tissue', healthyReference: 'healthy-animals',
  source: 'probe', evidence: 'D', ...over,
})

describe('targetToHealthyRatio', () => {
  const ra = PBPK_DATA.diseases['rheumatoid-arthritis']
  it('the design is an arthritis design whose whole joint compartment is the lesion', () => {
    expect(design.context.disease).toBe('rheumatoid-arthritis')
    expect(ra.targetTissue).toBe('joints')
    expect(ra.lesionFractionOfOrgan?.value ?? 1).toBe(1)
  })

  it('per gram = whole tissue / the lesion swelling (same density, volume × the multiplier)', () => {
    const whole = predictRow(row({ ratioBasis: 'whole-tissue' }))
    const perGram = predictRow(row({ ratioBasis: 'per-gram' }))
    expect(perGram * ra.volumeMultiplier!.value).toBeCloseTo(whole, 6)
  })

  it('an inflamed joint holds more particles than a healthy one, and a residualizing label more still at 72 h', () => {
    expect(predictRow(row({}))).toBeGreaterThan(1)
    const intact72 = predictRow(row({ timeH: 72 }))
    const label72 = predictRow(row({ timeH: 72, counting: 'label' }))
    expect(label72).toBeGreaterThan(1)
    expect(Number.isFinite(intact72) && intact72 > 0).toBe(true)
  })

  it('refuses a healthy design, a tissue that is not the disease target, and a missing basis, naming the row', () => {
    expect(() => predictRow(row({ design: { ...design, context: { ...design.context, disease: 'healthy' } } }))).toThrow(/probe: .*diseased design/)
    expect(() => predictRow(row({ tissue: 'kidneys' }))).toThrow(/probe: the target tissue of rheumatoid-arthritis is joints/)
    const { ratioBasis: _omit, ...noBasis } = row({})
    expect(() => predictRow(noBasis as PublishedRow)).toThrow(/probe: .*ratioBasis/)
  })
})
