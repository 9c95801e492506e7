/**
 * Issue 11 item 5: a bundle is checked as strictly as anything else that enters the library
 * (no control or bidi characters in text, strict and plausible times and dates), every
 * problem is named with its JSON path, nothing is written, and stored text is printed on a
 * terminal as visible escapes. Plus a fuzz of the bundle reader (fast-check, 10,000 cases):
 * it never throws anything but a validation error, and a refused bundle changes nothing.
 */
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BundleValidationError, exportBundle, importBundle, parseBundle, type Bundle } from '../../../../electron/db/bundle'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { isoDateProblem, isoTimeProblem, terminalSafe, unsafeTextProblem } from '../../../../shared/design/schema-text'
import { main } from '../../../../electron/cli/main'
import { loadExample, makeTempDir } from '../helpers'

let temp: ReturnType<typeof makeTempDir>
const opened: DesignLibrary[] = []
beforeEach(() => (temp = makeTempDir('nanoforge-bundle-input-')))
afterEach(() => {
  for (const l of opened.splice(0)) l.close()
  temp.cleanup()
})

function lib(name: string): DesignLibrary {
  const l = openDesignLibrary({ path: join(temp.dir, name), deferredMetrics: false, dailyBackup: false })
  opened.push(l)
  return l
}

/** A valid bundle of one design with a project, a tag and a zeta measurement. */
function validBundle(): Bundle {
  const source = lib('source.db')
  const id = source.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json'), { note: 'first\nsecond line' }).designId
  source.addTag(id, 'lead')
  source.setNote(id, 'Repeat DLS\n\tnext week')
  source.moveToProject([id], source.createProject('Tolerance').projectId)
  source.connection.prepare(`INSERT INTO measurements (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
    VALUES ('7d1e7a52-1c1b-4e0b-9a57-0d7f5a0d4b11', ?, 1, 'zeta', 'batch A', '2026-01-15', '2026-01-15T10:00:00.000Z', '{"zetaMv":-12}', NULL)`).run(id)
  return exportBundle(source, [id])
}

function designCount(library: DesignLibrary): number {
  return (library.connection.prepare('SELECT count(*) AS n FROM designs').get() as { n: number }).n
}

describe('bundle text and time checks', () => {
  it('a clean bundle (notes with line breaks and tabs) imports', () => {
    const target = lib('target.db')
    expect(importBundle(target, JSON.stringify(validBundle())).designsAdded).toBe(1)
  })

  const cases: Array<[string, (b: Bundle) => void, string, RegExp]> = [
    ['a tag with an ANSI escape', (b) => { (b.designs[0]!.tags as string[])[0] = '\u001b[31mred' }, 'designs[0].tags[0]', /control character \(U\+001B\)/],
    ['createdAt "zzzz"', (b) => { Object.assign(b.designs[0]!, { createdAt: 'zzzz' }) }, 'designs[0].createdAt', /not a UTC time/],
    ['a far-future updatedAt', (b) => { Object.assign(b.designs[0]!, { updatedAt: '2999-01-01T00:00:00.000Z' }) }, 'designs[0].updatedAt', /in the future/],
    ['an impossible date', (b) => { Object.assign(b.designs[0]!.versions[0]!, { createdAt: '2026-02-30T10:00:00.000Z' }) }, 'designs[0].versions[0].createdAt', /not a real date/],
    ['measuredOn "not-a-date-<script>"', (b) => { Object.assign(b.designs[0]!.measurements[0]!, { measuredOn: 'not-a-date-<script>' }) }, 'designs[0].measurements[0].measuredOn', /not a date/],
    ['a project name starting with NUL', (b) => { Object.assign(b.designs[0]!, { project: { ...b.designs[0]!.project!, name: '\u0000Lab' } }) }, 'designs[0].project.name', /U\+0000/],
    ['a design name with a right-to-left override', (b) => { Object.assign(b.designs[0]!, { name: 'safe\u202Etxt.exe' }) }, 'designs[0].name', /bidirectional formatting character \(U\+202E\)/],
    ['a document name with ESC', (b) => { Object.assign(b.designs[0]!.versions[0]!.design, { name: 'x\u001b]0;pwned\u0007' }) }, 'designs[0].versions[0].design.name', /control character/],
    ['a measurement label with a line break', (b) => { Object.assign(b.designs[0]!.measurements[0]!, { label: 'a\nb' }) }, 'designs[0].measurements[0].label', /U\+000A/],
  ]
  for (const [what, mutate, path, message] of cases) {
    it(`refuses ${what} at ${path}, and writes nothing`, () => {
      const bundle = validBundle()
      mutate(bundle)
      const parsed = parseBundle(JSON.stringify(bundle))
      expect(parsed.ok).toBe(false)
      if (parsed.ok) return
      const issue = parsed.issues.find((i) => i.path === path)
      expect(issue, JSON.stringify(parsed.issues)).toBeDefined()
      expect(issue!.message).toMatch(message)
      const target = lib('target.db')
      expect(() => importBundle(target, JSON.stringify(bundle))).toThrow(BundleValidationError)
      expect(designCount(target)).toBe(0)
    })
  }

  it('checks times, dates and text by their definitions', () => {
    const now = Date.parse('2026-06-01T00:00:00Z')
    expect(isoTimeProblem('2026-05-31T23:59:59.999Z', now)).toBeUndefined()
    expect(isoTimeProblem('2026-06-01T23:00:00Z', now)).toBeUndefined() // within a day of clock difference
    expect(isoTimeProblem('2026-06-03T00:00:00Z', now)).toMatch(/future/)
    expect(isoTimeProblem('2026-05-31T24:00:00Z', now)).toMatch(/real/)
    expect(isoTimeProblem('2026-05-31T12:00:00+02:00', now)).toMatch(/UTC/)
    expect(isoTimeProblem('1969-12-31T23:59:59Z', now)).toMatch(/1970/)
    expect(isoDateProblem('2024-02-29', now)).toBeUndefined()
    expect(isoDateProblem('2023-02-29', now)).toMatch(/real/)
    expect(unsafeTextProblem('Tolerance (PLGA) — 200 nm, 5 µm²')).toBeUndefined()
    expect(unsafeTextProblem('line\nbreak', { multiline: true })).toBeUndefined()
    expect(unsafeTextProblem('a\u2066b', { multiline: true })).toMatch(/U\+2066/)
    expect(unsafeTextProblem('a\u0085b')).toMatch(/U\+0085/)
    expect(terminalSafe('ab\u001b[2Jc\u202ed')).toBe('ab\\u{1b}[2Jc\\u{202e}d')
  })
})

/**
 * Appends version 2 of a design with this name and note through a plain connection, as a build
 * from before the text rules could have stored it (versions are append-only, so an INSERT).
 */
function storeAsOlderBuild(path: string, designId: string, name: string, note: string): void {
  const db = new Database(path)
  try {
    db.prepare(`INSERT INTO design_versions (design_id, version, created_at, note, document, document_hash, engine_version, summary,
      name, core_material, core_diameter_nm, hydrodynamic_diameter_nm, disease)
      SELECT design_id, 2, created_at, ?, json_set(document, '$.name', ?), document_hash, engine_version, summary, ?, core_material,
      core_diameter_nm, hydrodynamic_diameter_nm, disease FROM design_versions WHERE design_id = ? AND version = 1`).run(note, name, name, designId)
    db.prepare('UPDATE designs SET latest_version = 2, name = ? WHERE id = ?').run(name, designId)
  } finally {
    db.close()
  }
}

describe('the CLI never prints stored control characters raw', () => {
  it('db save refuses a name with ESC; db list and history print names stored by older builds as escapes', async () => {
    const designFile = join(temp.dir, 'esc.nanoforge.json')
    writeFileSync(designFile, JSON.stringify({ ...loadExample('lupus-rbc-silica.nanoforge.json'), name: 'Evil\u001b[2J name' }))
    const db = join(temp.dir, 'cli.db')
    let out = ''
    let err = ''
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) }
    expect(await main(['db', 'save', designFile, '--db', db, '--json'], io)).toBe(2)
    expect((JSON.parse(out) as { error: { issues: Array<{ path: string }> } }).error.issues.map((i) => i.path)).toEqual(['name'])

    // The library itself refuses such text whoever calls it, naming each field.
    const library = openDesignLibrary({ path: db, deferredMetrics: false, dailyBackup: false })
    expect(() => library.saveDesign({ ...loadExample('lupus-rbc-silica.nanoforge.json'), name: 'Trojan\u202Eexe.txt' }, { note: 'n\u001b[31m' }))
      .toThrow(expect.objectContaining({ name: 'InvalidInputError', issues: [expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'note' })] }))
    // A name and note stored raw (as an older build could), then listed as text.
    const id = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    library.close()
    storeAsOlderBuild(db, id, 'Trojan\u202Eexe.txt', 'n\u001b[31m')
    out = ''
    err = ''
    expect(await main(['db', 'list', '--db', db], io)).toBe(0)
    expect(out).toContain('Trojan\\u{202e}exe.txt')
    expect(out).not.toContain('\u202e')
    out = ''
    expect(await main(['db', 'history', id, '--db', db], io)).toBe(0)
    expect(out).toContain('n\\u{1b}[31m')
    expect(out).not.toContain('\u001b')
  })
})

describe('fuzz: the bundle reader', () => {
  it('10,000 mutated bundles: parseBundle answers ok or a list of issues, never throws', () => {
    const base = validBundle()
    const baseText = JSON.stringify(base)
    // Mutations: replace a random leaf with a random JSON value, or cut/insert text.
    const leafPaths: string[][] = []
    const walk = (v: unknown, path: string[]): void => {
      if (typeof v === 'object' && v !== null) for (const [k, c] of Object.entries(v)) walk(c, [...path, k])
      else leafPaths.push(path)
    }
    walk(base, [])
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('leaf' as const), at: fc.nat(leafPaths.length - 1), value: fc.jsonValue() }),
      fc.record({ kind: fc.constant('text' as const), at: fc.nat(baseText.length), cut: fc.nat(50), insert: fc.string({ unit: 'binary', maxLength: 20 }) }),
    )
    fc.assert(fc.property(mutation, (m) => {
      let text: string
      if (m.kind === 'leaf') {
        const copy = JSON.parse(baseText) as Record<string, unknown>
        const path = leafPaths[m.at]!
        let node = copy as Record<string, unknown>
        for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
        node[path[path.length - 1]!] = m.value
        text = JSON.stringify(copy)
      } else {
        text = baseText.slice(0, m.at) + m.insert + baseText.slice(m.at + m.cut)
      }
      const parsed = parseBundle(text)
      if (!parsed.ok) {
        expect(parsed.issues.length).toBeGreaterThan(0)
        for (const issue of parsed.issues) expect(typeof issue.message).toBe('string')
      }
    }), { numRuns: 10_000 })
  }, 120_000)

  it('1,000 of them imported: either imported or refused as a validation error, and a refusal changes nothing', () => {
    const target = lib('fuzz.db')
    const baseText = JSON.stringify(validBundle())
    fc.assert(fc.property(fc.nat(baseText.length), fc.nat(30), fc.string({ unit: 'binary', maxLength: 12 }), (at, cut, insert) => {
      const before = designCount(target)
      try {
        importBundle(target, baseText.slice(0, at) + insert + baseText.slice(at + cut), { backup: false })
      } catch (error) {
        expect(error).toBeInstanceOf(BundleValidationError)
        expect(designCount(target)).toBe(before)
      }
    }), { numRuns: 1000 })
  }, 120_000)
})
