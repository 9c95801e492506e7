import { describe, expect, it } from 'vitest'
import { designAssumptions } from '../../../../shared/design/assumptions'
import { newDesign } from '../../../../shared/design/defaults'

describe('designAssumptions', () => {
  it('lists the [U] numbers of the catalog entries the design uses, and only those', () => {
    const paths = designAssumptions(newDesign()).map((a) => a.path)
    expect(paths).toContain('core plga-50-50.densityGPerCm3')
    expect(paths).toContain('peg.floryConstantNm')
    expect(paths).toContain('ligand folate.footprintNm2')
    expect(paths).not.toContain('peg.packingLimitPerNm2') // [V]
    expect(paths).not.toContain('ligand folate.molecularWeightDa') // [D]
    expect(paths.some((p) => p.startsWith('core gold'))).toBe(false)
    expect(designAssumptions(newDesign()).every((a) => a.cited.evidence === 'U')).toBe(true)
  })
})
