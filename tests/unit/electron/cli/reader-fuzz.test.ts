/**
 * Issue 11, Proof: "a fuzz test of every file reader". `input.test.ts` fuzzes the design file
 * and release CSV readers and `bundle-input.test.ts` the bundle reader; this file covers the
 * other files the CLI reads: goal files (optimize, suggest), patient and cohort files
 * (simulate --patient, population), sweep specs (sweep) and biodistribution CSVs
 * (measure add --biodistribution).
 *
 * Each case writes one file and hands it to every reader, as a user could hand any file to
 * any command: random bytes, near-CSV text, random JSON, the shipped example files as they are or with one
 * to three fields broken (so the checks deep inside are reached), and now and then a value nested
 * far deeper than any document. Property: every reader answers (a value, or problems with
 * paths), or refuses with an error the CLI classifies as bad input; none throws anything else
 * (which the CLI would answer as `internal`).
 *
 * Not here: the sweep shard reader (shared/sweep/parquet.ts, read by `merge`). A fuzz of damaged
 * shards found it throwing a TypeError for damaged key-value metadata ("Iterator value 0 is not
 * an entry object", answered `internal`) and hyparquet leaking unhandled rejections from damaged
 * column chunks; that code belongs to the sweep work and is reported there, not changed here.
 */
import fc from 'fast-check'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyError } from '../../../../electron/cli/errors'
import { readInputText } from '../../../../electron/cli/input'
import { main } from '../../../../electron/cli/main'
import { readGoalFile } from '../../../../electron/cli/commands/optimize'
import { readCohortFile, readPatientFile } from '../../../../electron/cli/commands/patient-file'
import { readSweepSpec } from '../../../../electron/cli/commands/sweep'
import { readDesignFile } from '../../../../electron/cli/commands/design-file'
import { parseBiodistributionCsv } from '../../../../shared/engine/measurements/biodistribution-csv'
import { REPO_ROOT, fixturePath, makeTempDir } from '../helpers'

const CASES = 10_000

let dir: string
let cleanup: () => void

const readJson = (path: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'))
const lupus = JSON.parse(readFileSync(fixturePath('lupus-rbc-silica.nanoforge.json'), 'utf8')) as Record<string, unknown>
const SPEC = {
  format: 'nanoforge.sweep', version: 1, base: lupus, method: 'latin-hypercube', samples: 4, seed: 3,
  vary: [{ path: 'core.diameterNm', min: 50, max: 250 }, { path: 'core.material', options: ['plga-50-50', 'pla'] }],
  metrics: ['selectivityIndex'], hours: 24,
}
/** The example JSON files a user hands the CLI (every JSON reader gets every one of them, broken). */
const TEMPLATES: ReadonlyArray<unknown> = [
  readJson('resources/goals/ra-selectivity.nanoforge-goal.json'),
  readJson('resources/patients/ra-62f.nanoforge-patient.json'),
  readJson('resources/cohorts/ra.nanoforge-cohort.json'),
  SPEC,
  lupus,
]
const BIO_CSV = 'time (h),blood,liver,liver sd,spleen,kidneys\n1,60,10,2,3,1\n4,40,20,3,5,2\n24,5,30,4,6,2\n'

beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('nanoforge-reader-fuzz-'))
})
afterAll(() => cleanup())

// ---- arbitraries --------------------------------------------------------------------------

type Key = string | number
const hostile = fc.oneof(
  fc.constantFrom<unknown>(null, true, 0, -1, 1e308, -0.0, '', ' ', '\u0000', '\u001b[2J', 'a\u202Eb', 'x'.repeat(5000), [], {}, [[[]]], '1,5', 'NaN', '2025-02-30'),
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 12 }),
  fc.double(),
)

function pathsOf(value: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(prefix)
  if (prefix.length >= 8 || typeof value !== 'object' || value === null) return out
  for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k], out)
  return out
}

function copyOf(value: unknown): unknown {
  try {
    return structuredClone(value)
  } catch {
    return value
  }
}

function broken(template: unknown, edits: ReadonlyArray<{ pick: number; remove: boolean; value: unknown }>): unknown {
  const root = { v: structuredClone(template) }
  for (const e of edits) {
    const path = pathsOf(root.v)[e.pick % pathsOf(root.v).length]!
    let node: Record<Key, unknown> = root
    const full: Key[] = ['v', ...path]
    for (const key of full.slice(0, -1)) node = node[key] as Record<Key, unknown>
    const key = full[full.length - 1]!
    if (e.remove && key !== 'v') {
      if (Array.isArray(node)) node.splice(Number(key), 1)
      else delete node[key]
    } else {
      // a copy: fast-check may hand two edits the same object (a constant), and writing it into
      // itself would make a cycle that JSON cannot hold
      node[key] = copyOf(e.value)
    }
  }
  return root.v
}

const edit = fc.record({ pick: fc.nat(), remove: fc.boolean(), value: hostile })
const brokenJson = fc.tuple(fc.constantFrom(...TEMPLATES), fc.array(edit, { minLength: 0, maxLength: 3 }))
  .map(([t, edits]) => Buffer.from(JSON.stringify(broken(t, edits)) ?? 'null', 'utf8'))
const deepJson = fc.integer({ min: 50, max: 5_000 }).map((n) => Buffer.from(`{"format":"nanoforge.goal","notes":${'['.repeat(n)}${']'.repeat(n)}}`, 'utf8'))
const cell = fc.oneof(fc.double().map(String), fc.constantFrom('', 'NA', ' ', '"', ';', ',', '1,5', 'time (h)', 'time (d)', 'blood', 'liver sd', 'spleen', 'tumour', '%'), fc.string({ maxLength: 6 }))
const csvish = fc.tuple(fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }), fc.constantFrom(',', ';', '\t'))
  .map(([rows, sep]) => Buffer.from(rows.map((r) => r.join(sep)).join('\n'), 'utf8'))
const brokenBioCsv = fc.tuple(fc.nat({ max: BIO_CSV.length }), fc.string({ maxLength: 4 }), fc.nat({ max: 6 }))
  .map(([at, insert, cut]) => Buffer.from(BIO_CSV.slice(0, at) + insert + BIO_CSV.slice(at + cut), 'utf8'))
const randomJson = fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v), 'utf8'))
const bytes = fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a))
const anyFile = fc.oneof(
  { weight: 5, arbitrary: brokenJson },
  { weight: 2, arbitrary: csvish },
  { weight: 2, arbitrary: brokenBioCsv },
  { weight: 1, arbitrary: randomJson },
  { weight: 1, arbitrary: bytes },
  { weight: 1, arbitrary: deepJson },
)

/** A reader's failure the CLI answers as bad input (exit 2), never as internal. */
function expectBadInput(reader: string, error: unknown): void {
  const classified = classifyError(error)
  expect(classified.code, `${reader} threw ${String(error).slice(0, 300)}`).toBe('bad-input')
}

describe('fuzz: the goal, patient, cohort, sweep-spec and biodistribution readers', () => {
  it(`${CASES.toLocaleString('en')} files through every reader: each answers or refuses as bad input`, () => {
    const file = join(dir, 'fuzz.input')
    const outcomes = { goal: 0, patient: 0, cohort: 0, spec: 0, design: 0, bio: 0 }
    fc.assert(fc.property(anyFile, (content) => {
      writeFileSync(file, content)
      const checks: Array<[keyof typeof outcomes, () => boolean]> = [
        ['goal', () => readGoalFile(file).ok],
        ['patient', () => readPatientFile(file).ok],
        ['cohort', () => readCohortFile(file).ok],
        ['spec', () => (readSweepSpec(file), true)],
        ['design', () => readDesignFile(file).valid],
        ['bio', () => {
          // what `measure add --biodistribution` does: the bounded read, then the parser
          const read = readInputText(file, 2 * 1024 * 1024)
          return read.ok && parseBiodistributionCsv(read.text).ok
        }],
      ]
      for (const [reader, run] of checks) {
        try {
          if (run()) outcomes[reader]++
        } catch (error) {
          expectBadInput(reader, error)
        }
      }
    }), { numRuns: CASES })
    // The broken examples reach past the first check: some files still pass each JSON reader
    // (an edit that keeps the file valid) and some CSVs parse.
    for (const reader of ['goal', 'patient', 'cohort', 'spec', 'design', 'bio'] as const) expect(outcomes[reader], reader).toBeGreaterThan(0)
  }, 300_000)

  it('a file nested 100,000 levels deep is refused with the depth, by every JSON reader (it overflowed the stack: internal)', async () => {
    const deep = join(dir, 'deep.json')
    // A whole design whose notes are nested brackets: the validator used to copy it recursively.
    writeFileSync(deep, JSON.stringify({ ...lupus, notes: 'X' }).replace('"X"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`))
    for (const command of [['validate', deep], ['simulate', deep], ['optimize', deep], ['sensitivity', deep], ['population', deep, '--cohort', join(REPO_ROOT, 'resources', 'cohorts', 'ra.nanoforge-cohort.json')]]) {
      let stdout = ''
      const code = await main([...command, '--json'], { stdout: (t) => (stdout += t), stderr: () => {} })
      expect(code, `${command[0]}: ${stdout.slice(0, 300)}`).toBe(2)
      expect(stdout).toMatch(/nested deeper than 64 levels/)
    }
    const lib = join(dir, 'deep.db')
    const bundle = join(dir, 'deep.nanoforge-bundle.json')
    // A real bundle whose first design document has those notes.
    const real = readJson('tests/fixtures/bundles/bundle-v1.nanoforge-bundle.json') as { designs: Array<{ versions: Array<{ design: { notes: unknown } }> }> }
    real.designs[0]!.versions[0]!.design.notes = 'X'
    writeFileSync(bundle, JSON.stringify(real).replace('"X"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`))
    let stdout = ''
    const code = await main(['db', 'import', bundle, '--db', lib, '--json'], { stdout: (t) => (stdout += t), stderr: () => {} })
    expect(code).toBe(2)
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'bad-input', reason: 'invalid-bundle', written: false } })
    expect(stdout).toMatch(/nested deeper than 64 levels/)
  }, 120_000)
})
