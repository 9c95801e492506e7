import { describe, expect, it } from 'vitest'
import { parseBiodistributionCsv } from '../../../../shared/engine/measurements/biodistribution-csv'
import { BiodistributionMeasurementData } from '../../../../shared/ipc/channels/measurement'

/** Edge cases of the in-vivo biodistribution CSV reader (shared, used by the app and the CLI). */

function errorsOf(text: string): Array<{ line: number; message: string }> {
  const out = parseBiodistributionCsv(text)
  if (out.ok) throw new Error('expected errors')
  return out.errors
}

describe('parseBiodistributionCsv', () => {
  it('reads tissues in any order with SD partners, blanks as null, and output the contract accepts', () => {
    const out = parseBiodistributionCsv('\uFEFF# study 12\r\ntime (h),Spleen SD,spleen,Liver (%ID),liver_sd\r\n1,0.5,5,30,4\r\n\r\n24,,9.5,NA,\r\n')
    expect(out).toMatchObject({ ok: true, timesH: [1, 24], timeUnit: 'h' })
    if (!out.ok) return
    expect(out.tissues).toEqual({
      liver: { percentInjectedDose: [30, null], sdPercentInjectedDose: [4, null] },
      spleen: { percentInjectedDose: [5, 9.5], sdPercentInjectedDose: [0.5, null] },
    })
    expect(Object.keys(out.tissues)).toEqual(['liver', 'spleen']) // engine key order
    expect(BiodistributionMeasurementData.safeParse({ species: 'mouse', doseMgPerKg: 1, doseBasis: 'drug', timesH: out.timesH, tissues: out.tissues }).success).toBe(true)
  })

  it('converts days with a decimal comma and sorts rows with a warning', () => {
    const out = parseBiodistributionCsv('time (d);blood;joints\n1;2,5;0,4\n0,5;10;0,2\n')
    expect(out).toMatchObject({ ok: true, timesH: [12, 24] })
    if (!out.ok) return
    expect(out.tissues.blood?.percentInjectedDose).toEqual([10, 2.5])
    expect(out.tissues.joints?.sdPercentInjectedDose).toBeUndefined()
    expect(out.warnings).toEqual(expect.arrayContaining(['rows were not in time order; sorted by time', 'times converted from d to hours']))
  })

  it('warns about a missing unit, fractions and an all-blank column, which it drops', () => {
    const out = parseBiodistributionCsv('time,liver,spleen\n1,0.3,\n2,0.4,\n')
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(Object.keys(out.tissues)).toEqual(['liver'])
    expect(out.warnings.join(' | ')).toMatch(/no time unit.*\| .*'spleen' hold no values.*\| all values are <= 0.4/)
  })

  it('refuses header problems on line 1: unknown, repeated, SD without mean, numbers, one column', () => {
    expect(errorsOf('time (h),liver,kidney,liver,heart sd\n1,1,1,1,1\n')).toEqual([
      { line: 1, message: expect.stringMatching(/^column 'kidney' is not a tissue: use blood, liver/) },
      { line: 1, message: "column 4 ('liver') repeats column 2" },
      { line: 1, message: "column 'heart sd' has no 'heart' column of means" },
    ])
    expect(errorsOf('1,2,3\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/header row is required/) })
    expect(errorsOf('time (h)\n1\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/at least one tissue column/) })
    expect(errorsOf('time (fortnights),liver\n1,2\n')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/unknown time unit 'fortnights'/) })
    expect(errorsOf('')).toEqual([{ line: 0, message: expect.stringMatching(/the file is empty/) }])
  })

  it('lists every bad data row with its line number and reads nothing from the file', () => {
    const errors = errorsOf([
      'time (h),liver,liver sd,spleen',
      '1,20,2,3', // line 2 fine
      '2,abc,1,2', // 3: not a number
      '-1,5,1,1', // 4: negative time
      ',5,1,1', // 5: missing time
      '4,130,1,1', // 6: above 120 %ID
      '5,10,-2,1', // 7: negative SD
      '6,,3,1', // 8: SD without mean
      '7,1,1,1,9', // 9: too many cells
      '1,2,1,1', // 10: repeats line 2
    ].join('\n'))
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10])
    expect(errors[0]!.message).toBe("column 2 ('liver'): 'abc' is not a number")
    expect(errors[3]!.message).toBe("column 2 ('liver'): 130 % of injected dose is above 120")
    expect(errors[4]!.message).toBe("column 3 ('liver sd'): -2 is negative")
    expect(errors[5]!.message).toBe("'liver sd' is given but 'liver' is blank")
    expect(errors[7]!.message).toBe('time 1 h repeats line 2')
  })

  it('needs data and at least one value, and bounds the number of rows', () => {
    expect(errorsOf('time (h),liver\n')).toEqual([{ line: 1, message: 'no data rows after the header' }])
    expect(errorsOf('time (h),liver\n1,\n2,nd\n')).toEqual([{ line: 1, message: 'no tissue column holds any value' }])
    const rows = Array.from({ length: 101 }, (_, i) => `${i},1`).join('\n')
    expect(errorsOf(`time (h),liver\n${rows}\n`)).toEqual([{ line: 102, message: 'at most 100 time rows (this file has 101)' }])
  })
})
