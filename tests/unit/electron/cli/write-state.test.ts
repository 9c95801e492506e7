/**
 * Brief H9 item 2 (docs/cli.md contract): every bad input to a command that writes (`db save`,
 * `db import`, `db restore`, `measure add`, `measure delete`) is one JSON error with
 * `written: false`, and nothing is written: an existing library keeps its bytes, and a `--db`
 * that did not exist is not created (a failed `db import` used to leave an empty library).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import { openDesignLibrary } from '../../../../electron/db/library'
import { EXAMPLE_FILES, fileHash, fixturePath, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
let library: string
let designId: string
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('nanoforge-write-state-'))
  library = join(dir, 'lib.db')
  const l = openDesignLibrary({ path: library, deferredMetrics: false, dailyBackup: false })
  designId = l.saveDesign(JSON.parse(readFileSync(fixturePath(EXAMPLE_FILES[0]), 'utf8'))).designId
  l.close()
})
afterEach(() => cleanup())

interface ErrorDoc { error: { code: string; reason: string; message: string; written?: boolean } }

async function run(args: string[]): Promise<{ code: number; doc: ErrorDoc; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
  let doc: ErrorDoc
  try {
    doc = JSON.parse(stdout) as ErrorDoc
  } catch {
    throw new Error(`stdout is not one JSON document for ${args.join(' ')}:\n${stdout}\n${stderr}`)
  }
  return { code, doc, stderr }
}

function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe('bad input to a writing command: written false, nothing written', () => {
  it('db save, db import, db restore, measure add and measure delete, on an existing library', async () => {
    const invalidDesign = file('bad.nanoforge.json', JSON.stringify({ format: 'nanoforge.design', version: 2, name: 'x' }))
    const design = fixturePath(EXAMPLE_FILES[1])
    const badCsv = file('bad.csv', 'time (h),A\n0,0\n1,zz\n')
    const mixedCsv = file('mixed.csv', 'time (h);r1,r2\n1;10,10\n')
    const notJson = file('not.json', '{"format": ')
    const designAsBundle = file('design-as-bundle.json', readFileSync(design, 'utf8'))
    const folder = join(dir, 'a-folder')
    mkdirSync(folder)
    const cases: string[][] = [
      ['db', 'save'],
      ['db', 'save', design, '--colour', 'red'],
      ['db', 'save', join(dir, 'missing.json')],
      ['db', 'save', invalidDesign],
      ['db', 'save', design, '--note', 'a\u001bb'],
      ['db', 'save', design, '--design', 'ffffffff'],
      ['db', 'import'],
      ['db', 'import', join(dir, 'missing.json')],
      ['db', 'import', folder],
      ['db', 'import', notJson],
      ['db', 'import', designAsBundle],
      ['db', 'restore'],
      ['db', 'restore', 'lib-backup-manual-2026-01-01T00-00-00-000Z.db'],
      ['measure', 'add', designId],
      ['measure', 'add', designId, '--version', '1', badCsv],
      ['measure', 'add', designId, '--version', '1', mixedCsv],
      ['measure', 'add', designId, '--version', '1', '--zeta=0x10'],
      ['measure', 'add', designId, '--version', '1', '--dls', '120', '--pdi', '3'],
      ['measure', 'add', designId, '--version', '9', '--zeta=-5'],
      ['measure', 'delete'],
      ['measure', 'delete', 'no-such-measurement'],
    ]
    const before = fileHash(library)
    for (const args of cases) {
      const { code, doc, stderr } = await run([...args, '--db', library, '--json'])
      const what = args.join(' ')
      expect(code, what).toBe(2)
      expect(Object.keys(doc), what).toEqual(['error'])
      expect(doc.error.code, what).toBe('bad-input')
      expect(doc.error.written, `${what}: ${doc.error.message}`).toBe(false)
      expect(stderr, what).toMatch(/nothing (was|has been) (written|saved|changed|imported)/i)
    }
    expect(fileHash(library)).toBe(before)
  })

  it('db import of a bundle that cannot be imported creates no library file; a good one then does', async () => {
    const fresh = join(dir, 'fresh', 'new.db')
    mkdirSync(join(dir, 'fresh'))
    const bundles = [
      file('garbage.json', 'not json at all'),
      file('wrong.json', JSON.stringify({ format: 'something-else' })),
      file('empty-design.json', JSON.stringify({ format: 'nanoforge.bundle', version: 1, exportedAt: '2026-01-01T00:00:00Z', engineVersion: 'x', designs: [{ designId: 'abc' }] })),
      file('utf16.json', '{\u0000}\u0000'),
    ]
    for (const bundle of bundles) {
      const { code, doc } = await run(['db', 'import', bundle, '--db', fresh, '--json'])
      expect(code, bundle).toBe(2)
      expect(doc.error).toMatchObject({ code: 'bad-input', written: false })
      expect(existsSync(fresh), bundle).toBe(false)
    }
    // A valid export of the seeded library imports into the same, not yet existing, path.
    const out = join(dir, 'good.nanoforge-bundle.json')
    let stdout = ''
    expect(await main(['db', 'export', designId, '--out', out, '--db', library], { stdout: (t) => void (stdout += t), stderr: () => undefined })).toBe(0)
    stdout = ''
    expect(await main(['db', 'import', out, '--db', fresh, '--json'], { stdout: (t) => void (stdout += t), stderr: () => undefined })).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ designsAdded: 1 })
  })

  it('read commands do not carry a write state', async () => {
    const { code, doc } = await run(['db', 'show', 'ffffffff', '--db', library, '--json'])
    expect(code).toBe(2)
    expect(doc.error.written).toBeUndefined()
  })
})
