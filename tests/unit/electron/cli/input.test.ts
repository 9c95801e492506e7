/**
 * Issue 11 items 6 and 7 for the CLI's file readers: bounded reads (no FIFO, no device, no
 * file over the limit, no CSV over the row limit), encodings refused with what to do, mixed
 * separators refused with the line, option numbers that are plain decimals only, and
 * messages that never echo a huge cell whole. Every case: bad-input, exit 2, one JSON error.
 */
import fc from 'fast-check'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyError } from '../../../../electron/cli/errors'
import { csvShapeProblem, readInputText } from '../../../../electron/cli/input'
import { readDesignFile } from '../../../../electron/cli/commands/design-file'
import { readReleaseCsvFile } from '../../../../electron/cli/commands/fit'
import { EXAMPLE_FILES, fixturePath, makeTempDir } from '../helpers'
import { type InProcessRun, runInProcess } from './support/in-process'

let dir: string
let cleanup: () => void
beforeAll(() => ({ dir, cleanup } = makeTempDir('nanoforge-input-')))
afterAll(() => cleanup())


type Run = InProcessRun
const cli = runInProcess

/** Exit 2 and one JSON error document of code bad-input whose message matches `pattern`. */
function expectRefused(run: Run, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(2)
  const doc = JSON.parse(run.stdout) as { error?: { code: string; message: string }; valid?: boolean; errors?: Array<{ message: string }> }
  // `validate` answers with its documented {"valid": false, "errors"} shape; the others with {"error"}.
  const message = doc.error !== undefined ? doc.error.message : (doc.errors ?? []).map((e) => e.message).join(' ')
  if (doc.error !== undefined) expect(doc.error.code).toBe('bad-input')
  else expect(doc.valid).toBe(false)
  expect(message).toMatch(pattern)
}

const RELEASE_CSV = 'time (h),r1,r2\n0,0,0\n1,10,12\n2,20,22\n4,35,37\n8,55,58\n24,80,83\n'

describe('bounded reads', () => {
  it('refuses devices, FIFOs and folders at once instead of blocking or reading forever', async () => {
    expectRefused(await cli('validate', '/dev/zero', '--json'), /not a regular file/)
    expectRefused(await cli('fit', '/dev/zero', '--json'), /not a regular file/)
    const fifo = join(dir, 'pipe.csv')
    execFileSync('mkfifo', [fifo])
    // No writer ever opens the FIFO: a reader that opened it would block this test until its timeout.
    expectRefused(await cli('fit', fifo, '--json'), /not a regular file/)
    expectRefused(await cli('db', 'import', fifo, '--db', join(dir, 'lib.db'), '--json'), /not a regular file/)
    mkdirSync(join(dir, 'folder.nanoforge.json'))
    expectRefused(await cli('validate', join(dir, 'folder.nanoforge.json'), '--json'), /folder/)
  })

  it('refuses files over the size limit without reading them', async () => {
    const big = join(dir, 'big.nanoforge.json')
    writeFileSync(big, ' '.repeat(1024 * 1024 + 1))
    expectRefused(await cli('validate', big, '--json'), /limit is 1048576 bytes/)
    const bigCsv = join(dir, 'big.csv')
    writeFileSync(bigCsv, `time (h),r1\n${'1,1\n'.repeat(600_000)}`)
    expectRefused(await cli('fit', bigCsv, '--json'), /limit is 2097152 bytes/)
  })

  it('refuses a CSV with more than 10,000 data rows, naming the line', async () => {
    const rows = join(dir, 'rows.csv')
    writeFileSync(rows, `time (h),r1\n${Array.from({ length: 10_001 }, (_, i) => `${i},${Math.min(100, i / 100)}`).join('\n')}\n`)
    expectRefused(await cli('fit', rows, '--json'), /rows.csv:10002: more than 10000 data rows/)
  })

  it('never echoes a huge cell whole', async () => {
    const cell = join(dir, 'cell.csv')
    writeFileSync(cell, `time (h),r1\n0,0\n1,${'9x'.repeat(700_000)}\n`)
    const run = await cli('fit', cell, '--json')
    expect(run.code).toBe(2)
    expect(run.stderr.length).toBeLessThan(10_000)
    expect(run.stdout.length).toBeLessThan(10_000)
  })
})

describe('encodings and separators', () => {
  it('refuses UTF-16 with a byte-order mark and without one, saying to save as UTF-8', async () => {
    const withBom = join(dir, 'utf16-bom.csv')
    writeFileSync(withBom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RELEASE_CSV, 'utf16le')]))
    expectRefused(await cli('fit', withBom, '--json'), /UTF-16.*UTF-8/)
    const noBom = join(dir, 'utf16.nanoforge.json')
    writeFileSync(noBom, Buffer.from(readFileSync(fixturePath(EXAMPLE_FILES[0]), 'utf8'), 'utf16le'))
    expectRefused(await cli('validate', noBom, '--json'), /UTF-16/)
  })

  it('refuses Latin-1 text with the line of the first byte that is not UTF-8', async () => {
    const latin1 = join(dir, 'latin1.csv')
    writeFileSync(latin1, Buffer.from('time (h),r1\n0,0\n1,10\n# mesuré à 37 °C\n2,20\n', 'latin1'))
    expectRefused(await cli('fit', latin1, '--json'), /not UTF-8 text: byte 0xe9 at line 4/)
  })

  it('accepts a UTF-8 byte-order mark in designs and CSVs alike', async () => {
    const design = join(dir, 'bom.nanoforge.json')
    writeFileSync(design, `\ufeff${readFileSync(fixturePath(EXAMPLE_FILES[0]), 'utf8')}`)
    expect((await cli('validate', design, '--json')).code).toBe(0)
    const csv = join(dir, 'bom.csv')
    writeFileSync(csv, `\ufeff${RELEASE_CSV}`)
    const fit = await cli('fit', csv, '--models', 'weibull', '--json')
    expect(fit.code, fit.stderr).toBe(0)
    expect((JSON.parse(fit.stdout) as { data: { replicates: number } }).data.replicates).toBe(2)
  })

  it('refuses a header mixing ";" and "," (time (h);r1,r2) with line 1, instead of reading 10,10 as 10.1', async () => {
    const mixed = join(dir, 'mixed.csv')
    writeFileSync(mixed, 'time (h);r1,r2\n0;0,0\n1;10,10\n2;20,20\n4;35,35\n')
    expectRefused(await cli('fit', mixed, '--json'), /mixed.csv:1: .*mixes ";" and ","/)
    const library = join(dir, 'lib.db')
    expectRefused(await cli('measure', 'add', 'abcd1234', '--version', '1', mixed, '--db', library, '--json'), /nothing was saved/)
  })
})

describe('numbers on the command line', () => {
  it('reads plain decimals only: --zeta=0x10, Infinity and blanks are refused; -18.5, 12,5 and 1e1 are read', async () => {
    const library = join(dir, 'numbers.db')
    for (const zeta of ['0x10', '0b11', 'Infinity', ' ', '1e', '--5']) {
      expectRefused(await cli('measure', 'add', 'abcd1234', '--version', '1', `--zeta=${zeta}`, '--db', library, '--json'), /--zeta must be a decimal number/)
    }
    const { numberOption } = await import('../../../../electron/cli/commands/args')
    expect(numberOption({ zeta: '-18.5' }, 'zeta')).toBe(-18.5)
    expect(numberOption({ zeta: '12,5' }, 'zeta')).toBe(12.5)
    expect(numberOption({ zeta: '1e1' }, 'zeta')).toBe(10)
    expect(numberOption({ zeta: '+.5' }, 'zeta')).toBe(0.5)
    // the same reader serves every number option: --hours=0x30 is not a 48 h horizon
    expectRefused(await cli('simulate', 'resources/examples/ra-folate-peg-liposome.nanoforge.json', '--hours=0x30', '--json'), /--hours must be a decimal number/)
  })
})

describe('fuzz: the CLI file readers', () => {
  it('10,000 random files (bytes, near-CSV, near-JSON): every reader answers or refuses as bad input, never crashes', () => {
    const file = join(dir, 'fuzz.input')
    const cell = fc.oneof(fc.double().map(String), fc.constantFrom('', 'NA', ' ', '"', ';', ',', '\t', '1,5', 'time (h)', '%'), fc.string({ maxLength: 6 }))
    const csvish = fc.tuple(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 }), fc.constantFrom(',', ';', '\t'))
      .map(([rows, sep]) => Buffer.from(rows.map((r) => r.join(sep)).join('\n'), 'utf8'))
    const jsonish = fc.jsonValue().map((v) => Buffer.from(JSON.stringify({ format: 'nanoforge.design', version: 2, name: 'x', core: v, ...(typeof v === 'object' && v !== null ? v : {}) }), 'utf8'))
    const bytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))
    fc.assert(fc.property(fc.oneof(bytes, csvish, jsonish), (content) => {
      writeFileSync(file, content)
      const read = readInputText(file, 4096)
      if (read.ok) csvShapeProblem(read.text)
      const design = readDesignFile(file)
      expect(typeof design.valid).toBe('boolean')
      try {
        readReleaseCsvFile(file)
      } catch (error) {
        expect(classifyError(error).code).toBe('bad-input')
      }
    }), { numRuns: 10_000 })
  }, 180_000)
})

describe('simulate under --json', () => {
  it('answers an invalid design with one JSON error document on stdout (exit 2)', async () => {
    const bad = join(dir, 'not-a-design.nanoforge.json')
    writeFileSync(bad, '{"format": "nanoforge.design", "version": 2}')
    expectRefused(await cli('simulate', bad, '--json'), /problem\(s\); nothing was simulated/)
  })
})
