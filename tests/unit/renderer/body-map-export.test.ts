import { describe, expect, it } from 'vitest'
import { bodyMapCsv } from '../../../renderer/features/body-map/body-map-export'

describe('body map CSV', () => {
  it('writes one row per organ with the coloured quantity, its band when known, and the target', () => {
    const csv = bodyMapCsv([
      { tissue: 'Liver', value: 12.5, band: { median: 12, lower: 8.25, upper: 19 }, target: false },
      { tissue: 'Joints', value: 0.031, band: null, target: true },
    ], '% of dose per gram of organ (%ID/g) at 24 h')
    const rows = csv.split('\r\n')
    expect(rows[0]).toBe('tissue,% of dose per gram of organ (%ID/g) at 24 h,95 % band lower,95 % band upper,target')
    expect(rows[1]).toBe('Liver,12.5,8.25,19,no')
    expect(rows[2]).toBe('Joints,0.031,,,yes')
    expect(rows[3]).toBe('')
    expect(rows).toHaveLength(4)
  })

  it('quotes a name with a comma and neutralises a leading formula sign', () => {
    const rows = bodyMapCsv([{ tissue: 'Lymph nodes, inguinal', value: 1, band: null, target: false }, { tissue: '=cmd', value: 2, band: null, target: false }], 'AUC (%ID·h)').split('\r\n')
    expect(rows[1]).toBe('"Lymph nodes, inguinal",1,,,no')
    expect(rows[2]).toBe("'=cmd,2,,,no")
  })
})
