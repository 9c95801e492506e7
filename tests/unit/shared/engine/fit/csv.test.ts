import { describe, expect, it } from 'vitest'
import { parseReleaseCsv, timeUnitFromHeader, type ParsedReleaseCsv, type ReleaseCsvErrors } from '../../../../../shared/engine/fit/csv'

function ok(text: string): ParsedReleaseCsv {
  const r = parseReleaseCsv(text)
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`)
  return r
}
function bad(text: string): ReleaseCsvErrors {
  const r = parseReleaseCsv(text)
  if (r.ok) throw new Error('expected errors')
  return r
}

describe('parseReleaseCsv', () => {
  it('reads a plain comma file with replicates as columns', () => {
    const r = ok('time (h),r1,r2,r3\n0,0,0,0\n1,10.5,11,9.5\n2,20,21,19\n')
    expect(r.timesH).toEqual([0, 1, 2])
    expect(r.replicates).toEqual([[0, 10.5, 20], [0, 11, 21], [0, 9.5, 19]])
    expect(r.replicateNames).toEqual(['r1', 'r2', 'r3'])
    expect(r.warnings).toEqual([])
  })

  it('reads semicolons with decimal commas, CRLF, a BOM and thousands dots', () => {
    const r = ok('\uFEFFZeit [min];A;B\r\n30;12,5;13,1\r\n60;25,0;24,2\r\n1.440;99,5;100\r\n')
    expect(r.timesH).toEqual([0.5, 1, 24])
    expect(r.replicates[0]).toEqual([12.5, 25, 99.5])
    expect(r.timeUnit).toBe('min')
    expect(r.warnings.some((w) => /converted from min/.test(w))).toBe(true)
  })

  it('treats blank cells as missing replicate values and ignores an empty column', () => {
    const r = ok('t_h,r1,r2,r3\n1,10,,12\n2,20,21,\n4,40,41,42\n')
    expect(r.replicates[1]![0]).toBeNaN()
    expect(r.replicates[2]![1]).toBeNaN()
    expect(r.warnings.some((w) => /2 blank cell/.test(w))).toBe(true)
    const e = ok('hours,r1,empty\n1,10,\n2,20,\n')
    expect(e.replicates).toHaveLength(1)
    expect(e.warnings.some((w) => /'empty'/.test(w))).toBe(true)
  })

  it('converts the time unit named in the header to hours', () => {
    expect(ok('Time [d],x\n1,5\n2,9\n').timesH).toEqual([24, 48])
    expect(ok('time (min),x\n90,5\n').timesH).toEqual([1.5])
    expect(ok('t_h,x\n3,5\n').timesH).toEqual([3])
    expect(ok('hours,x\n3,5\n').timesH).toEqual([3])
    expect(ok('days,x\n2,5\n').timesH).toEqual([48])
    expect(ok('time/s,x\n7200,5\n').timesH).toEqual([2])
    expect(ok('Time, h;x\n3;5\n').timesH).toEqual([3])
    expect(timeUnitFromHeader('time (weeks)')).toEqual({ unit: 'week', toHours: 168 })
    const noUnit = ok('time,x\n3,5\n')
    expect(noUnit.timesH).toEqual([3])
    expect(noUnit.warnings.some((w) => /no time unit/.test(w))).toBe(true)
  })

  it('accepts percent signs, quoted cells, comment and blank lines, and sorts rows', () => {
    const r = ok('# exported by the plate reader\ntime (h),"rep, 1",rep2\n\n4,"40 %",41%\n1,10%,11%\n')
    expect(r.timesH).toEqual([1, 4])
    expect(r.replicates).toEqual([[10, 40], [11, 41]])
    expect(r.replicateNames[0]).toBe('rep, 1')
    expect(r.warnings.some((w) => /sorted/.test(w))).toBe(true)
    expect(r.warnings.some((w) => /'%' signs/.test(w))).toBe(true)
  })

  it('warns when values look like fractions rather than percent', () => {
    expect(ok('h,x\n1,0.2\n2,0.5\n').warnings.some((w) => /fractions/.test(w))).toBe(true)
  })

  it('requires a header row', () => {
    const e = bad('0,0,0\n1,10,11\n')
    expect(e.errors[0]).toEqual({ line: 1, message: expect.stringMatching(/header row is required/) })
    expect(bad('').errors[0]!.message).toMatch(/empty/)
    expect(bad('time (h),a\n').errors[0]!.message).toMatch(/no data rows/)
  })

  it('reports every unreadable cell with its line number', () => {
    const e = bad('time (h),a,b\n1,10,11\n2,abc,21\n\n3,30,31,32\nx,1,2\n5,-,3\n')
    expect(e.errors).toEqual([
      { line: 3, message: expect.stringMatching(/column 2 \('a'\): 'abc' is not a number/) },
      { line: 5, message: expect.stringMatching(/4 cells but the header has 3 columns/) },
      { line: 6, message: expect.stringMatching(/time 'x' is not a number/) },
    ])
  })

  it('explains a decimal comma in a comma-separated file', () => {
    const e = bad('time (h),a\n1,10,5\n')
    expect(e.errors[0]!.line).toBe(2)
    expect(e.errors[0]!.message).toMatch(/decimal comma needs ";"/)
  })

  it('rejects repeated and negative times, and unknown units', () => {
    expect(bad('h,a\n1,10\n1,11\n').errors[0]).toEqual({ line: 3, message: expect.stringMatching(/repeats line 2/) })
    expect(bad('h,a\n-1,10\n').errors[0]).toEqual({ line: 2, message: expect.stringMatching(/negative/) })
    expect(bad('time (fortnights),a\n1,10\n').errors[0]).toEqual({ line: 1, message: expect.stringMatching(/unknown time unit 'fortnights'/) })
  })

  it('reads tab-separated files', () => {
    expect(ok('time (h)\ta\tb\n1\t10,5\t11\n').replicates).toEqual([[10.5], [11]])
  })
})
