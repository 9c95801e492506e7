/**
 * Version-1 designs stored in a library keep opening after the design format moved to version
 * 2: the committed fixture libraries (tests/fixtures/db/library-v*.db) hold a version-1
 * liposome design with two versions. Rows stay exactly as written (their hashes are of that
 * text); every reader gets the upgraded document; bundles carry the rows unchanged.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { designDocumentHash, openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { exportBundle, importBundle, parseBundle } from '../../../../electron/db/bundle'
import { diffDesigns } from '../../../../shared/design/diff'
import { validateDesign } from '../../../../shared/design/schema'

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..')
const LIPOSOME_ID = '00000000-0000-4000-8000-000000000003'
const PLGA_ID = '00000000-0000-4000-8000-000000000001'

let dir: string
const open = (path: string): DesignLibrary => openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nanoforge-v1-rows-'))
})
afterEach(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe.each(['library-v1.db', 'library-v2.db', 'library-v3.db'])('%s: version-1 design documents', (fixture) => {
  it('open upgraded, keep their stored text and hash, and validate without an upgrade warning', () => {
    const path = join(dir, 'lib.db')
    copyFileSync(join(REPO_ROOT, 'tests/fixtures/db', fixture), path)
    const library = open(path)
    try {
      for (const version of [1, 2]) {
        const stored = library.getDesign(LIPOSOME_ID, version)!
        expect(stored.documentAsWritten.version).toBe(1)
        expect(stored.documentAsWritten.core.bilayer).toBeUndefined()
        expect(stored.documentHash).toBe(designDocumentHash(stored.documentAsWritten))
        expect(stored.design.version).toBe(2)
        expect(stored.design.core).toMatchObject({ material: 'liposome', bilayer: { lipid: 'egg-pc', cholesterolMolPct: 0 } })
        const checked = validateDesign(stored.design)
        expect(checked.valid).toBe(true)
        expect(checked.warnings.filter((w) => w.path === 'version')).toEqual([])
      }
      const plga = library.getDesign(PLGA_ID, 1)!
      expect(plga.design.core.bilayer).toBeUndefined()
      expect(plga.design.version).toBe(2)
    } finally {
      library.close()
    }
  })

  it('diff between stored version-1 versions shows only real edits; a new version-2 save shows the bilayer change', () => {
    const path = join(dir, 'lib.db')
    copyFileSync(join(REPO_ROOT, 'tests/fixtures/db', fixture), path)
    const library = open(path)
    try {
      const v1 = library.getDesign(LIPOSOME_ID, 1)!
      const v2 = library.getDesign(LIPOSOME_ID, 2)!
      const paths = diffDesigns(v1.design, v2.design).map((c) => c.path)
      expect(paths).not.toContain('version')
      expect(paths.some((p) => p.startsWith('core.bilayer'))).toBe(false)
      const next = { ...v2.design, core: { ...v2.design.core, bilayer: { lipid: 'hspc' as const, cholesterolMolPct: 38 } } }
      const saved = library.saveDesign(next, { designId: LIPOSOME_ID })
      const v3 = library.getDesign(LIPOSOME_ID, saved.version)!
      expect(v3.documentAsWritten.version).toBe(2)
      expect(diffDesigns(v2.design, v3.design).map((c) => [c.path, c.before, c.after])).toEqual([
        ['core.bilayer.lipid', 'egg-pc', 'hspc'],
        ['core.bilayer.cholesterolMolPct', '0 mol %', '38 mol %'],
      ])
      library.computePendingMetrics()
      expect(library.listLibrary({ query: '' }).items.find((i) => i.designId === LIPOSOME_ID)?.metrics.bloodHalfLifeH).not.toBeNull()
    } finally {
      library.close()
    }
  })
})

describe('bundles of version-1 rows', () => {
  it('export the rows as written, import them with the same hashes, and re-import as duplicates', () => {
    const sourcePath = join(dir, 'source.db')
    copyFileSync(join(REPO_ROOT, 'tests/fixtures/db/library-v3.db'), sourcePath)
    const source = open(sourcePath)
    const target = open(join(dir, 'target.db'))
    try {
      const bundle = exportBundle(source, [LIPOSOME_ID])
      expect(bundle.designs[0]!.versions.map((v) => v.design.version)).toEqual([1, 1])
      const text = JSON.stringify(bundle)
      expect(parseBundle(text).ok).toBe(true)
      const first = importBundle(target, text)
      expect(first.versionsAdded).toBe(2)
      for (const version of [1, 2]) {
        const a = source.getDesign(LIPOSOME_ID, version)!
        const b = target.getDesign(LIPOSOME_ID, version)!
        expect(b.documentHash).toBe(a.documentHash)
        expect(b.documentAsWritten).toEqual(a.documentAsWritten)
        expect(b.design.core.bilayer).toEqual({ lipid: 'egg-pc', cholesterolMolPct: 0 })
      }
      const again = importBundle(source, text)
      expect(again).toMatchObject({ versionsAdded: 0, versionsSkipped: 2, conflicts: [] })
    } finally {
      source.close()
      target.close()
    }
  })
})
