import { describe, expect, it } from 'vitest'
import { summaryLine } from '../../../../renderer/features/library/library-row'

describe('summaryLine', () => {
  it('writes an optimiser-made diameter as the app writes numbers (131.543007751 → 132) and whole ones as they are', () => {
    const base = { coreMaterial: 'plga-50-50', disease: 'rheumatoid-arthritis', latestVersion: 1 } as const
    expect(summaryLine({ ...base, coreDiameterNm: 131.543007751 })).toBe('PLGA 50:50, 132 nm, Rheumatoid arthritis, version 1')
    expect(summaryLine({ ...base, coreDiameterNm: 120 })).toBe('PLGA 50:50, 120 nm, Rheumatoid arthritis, version 1')
  })
})
