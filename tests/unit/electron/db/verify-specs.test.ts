/**
 * `db verify` re-checks each project's stored specification limits (schema v6 `project_specs`,
 * issue #16) against the last audit entry that set or cleared them: a limit edited in the file
 * around NanoForge (min, max, note, attribute, project, updated_at; triggers or none, as an
 * attacker with sqlite3 would) is found and named by project, attribute and entry; an intact
 * library, one with limits imported from a bundle, and the v5 and v6 fixtures stay intact.
 */
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDesignLibrary, type DesignLibrary } from '../../../../electron/db/library'
import { exportBundle, importBundle } from '../../../../electron/db/bundle'
import { verifyAuditTrail } from '../../../../electron/db/audit'
import { clearSpecLimit, setSpecLimit } from '../../../../electron/db/specs'
import { REPO_ROOT, loadExample, makeTempDir } from '../helpers'

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'db')
let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir()))
afterEach(() => cleanup())

const open = (path: string): DesignLibrary => openDesignLibrary({ path, deferredMetrics: false, dailyBackup: false })

/** Raw SQL on the file, as sqlite3 would run it (project_specs has no triggers; none needed). */
function tamper(path: string, sql: string): void {
  const raw = new Database(path)
  try {
    raw.exec(sql)
  } finally {
    raw.close()
  }
}

/** Verification of the file as it is on disk (a fresh read-only connection). */
function verifyFile(path: string): ReturnType<typeof verifyAuditTrail> {
  const raw = new Database(path, { readonly: true })
  try {
    return verifyAuditTrail(raw)
  } finally {
    raw.close()
  }
}

/** The seq of the last entry with this action and attribute, read from the file independently. */
function seqOf(path: string, action: string, attribute: string): number {
  const raw = new Database(path, { readonly: true })
  try {
    const row = raw.prepare("SELECT max(seq) AS seq FROM audit_log WHERE action = ? AND json_extract(detail, '$.attribute') = ?").get(action, attribute) as { seq: number | null }
    return row.seq!
  } finally {
    raw.close()
  }
}

/**
 * A library with one project "Lupus leads" holding two limits (zAverageNm set twice, pdi once)
 * and an ee limit set then cleared; returns its path and project id.
 */
function build(name = 'lib.db'): { path: string; projectId: string } {
  const path = join(dir, name)
  const library = open(path)
  try {
    const designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
    const projectId = library.createProject('Lupus leads').projectId
    library.moveToProject([designId], projectId)
    setSpecLimit(library, projectId, { attribute: 'zAverageNm', min: 80, max: 150, note: 'EPR window' }, new Date('2026-03-01T10:00:00Z'))
    setSpecLimit(library, projectId, { attribute: 'zAverageNm', min: 90, max: 140, note: 'tightened after batch 3' }, new Date('2026-03-02T10:00:00Z'))
    setSpecLimit(library, projectId, { attribute: 'pdi', min: null, max: 0.2, note: '' }, new Date('2026-03-02T11:00:00Z'))
    setSpecLimit(library, projectId, { attribute: 'encapsulationEfficiencyPct', min: 85, max: null, note: 'release' }, new Date('2026-03-02T12:00:00Z'))
    expect(clearSpecLimit(library, projectId, 'encapsulationEfficiencyPct', new Date('2026-03-03T09:00:00Z'))).toBe(true)
    return { path, projectId }
  } finally {
    library.close()
  }
}

describe('db verify checks every stored specification limit', () => {
  it('an intact library verifies, with its two limits counted', () => {
    const { path } = build()
    expect(verifyFile(path)).toMatchObject({ intact: true, firstBroken: null, problems: [], checked: { specLimits: 2 } })
  })

  it.each([
    ['min', "min_value = 85", /min 90 -> 85/],
    ['max', 'max_value = 160.5', /max 140 -> 160\.5/],
    ['a removed max', 'max_value = NULL', /max 140 -> null/],
    ['note', "note = 'EPR window (relaxed)'", /note/],
    ['updated_at', "updated_at = '2026-01-01T00:00:00.000Z'", /updated_at 2026-03-02T10:00:00\.000Z -> 2026-01-01/],
  ])('an edited %s: spec-changed at the entry that last set the limit, naming project and attribute', (_label, set, words) => {
    const { path, projectId } = build()
    tamper(path, `UPDATE project_specs SET ${set} WHERE project_id = '${projectId}' AND attribute = 'zAverageNm'`)
    const found = verifyFile(path)
    expect(found.intact).toBe(false)
    // The second spec-set of zAverageNm (2026-03-02), not the first: the limit is held to its last setting.
    expect(found.firstBroken).toMatchObject({ seq: seqOf(path, 'project.spec-set', 'zAverageNm'), kind: 'spec-changed', projectId, attribute: 'zAverageNm' })
    expect(found.firstBroken!.message).toMatch(/project "Lupus leads"/)
    expect(found.firstBroken!.message).toMatch(words)
    expect(found.problems).toHaveLength(1)
  })

  it('an edited attribute: the new attribute has no entry and the old one is missing, at its entry', () => {
    const { path, projectId } = build()
    tamper(path, `UPDATE project_specs SET attribute = 'zetaMv' WHERE project_id = '${projectId}' AND attribute = 'zAverageNm'`)
    const found = verifyFile(path)
    expect(found.intact).toBe(false)
    expect(found.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'spec-missing', seq: seqOf(path, 'project.spec-set', 'zAverageNm'), projectId, attribute: 'zAverageNm' }),
      expect.objectContaining({ kind: 'spec-unlogged', seq: null, projectId, attribute: 'zetaMv' }),
    ]))
    expect(found.problems).toHaveLength(2)
  })

  it('a limit moved to another project: both projects named', () => {
    const { path, projectId } = build()
    const library = open(path)
    const other = library.createProject('Other').projectId
    library.close()
    tamper(path, `UPDATE project_specs SET project_id = '${other}' WHERE project_id = '${projectId}' AND attribute = 'pdi'`)
    const kinds = verifyFile(path).problems.map((p) => [p.kind, p.projectId, p.attribute])
    expect(kinds).toEqual(expect.arrayContaining([['spec-missing', projectId, 'pdi'], ['spec-unlogged', other, 'pdi']]))
  })

  it('a deleted limit: spec-missing at the entry that set it', () => {
    const { path, projectId } = build()
    tamper(path, `DELETE FROM project_specs WHERE project_id = '${projectId}' AND attribute = 'pdi'`)
    expect(verifyFile(path).firstBroken).toMatchObject({ kind: 'spec-missing', seq: seqOf(path, 'project.spec-set', 'pdi'), projectId, attribute: 'pdi' })
  })

  it('a limit inserted around NanoForge: spec-unlogged with no entry', () => {
    const { path, projectId } = build()
    tamper(path, `INSERT INTO project_specs (project_id, attribute, min_value, max_value, note, updated_at) VALUES ('${projectId}', 'zetaMv', -30, -5, '', '2026-03-04T00:00:00.000Z')`)
    expect(verifyFile(path).firstBroken).toMatchObject({ kind: 'spec-unlogged', seq: null, projectId, attribute: 'zetaMv' })
  })

  it('a cleared limit put back in the file: spec-unlogged at the clear entry', () => {
    const { path, projectId } = build()
    tamper(path, `INSERT INTO project_specs (project_id, attribute, min_value, max_value, note, updated_at) VALUES ('${projectId}', 'encapsulationEfficiencyPct', 85, NULL, 'release', '2026-03-02T12:00:00.000Z')`)
    const found = verifyFile(path)
    expect(found.firstBroken).toMatchObject({ kind: 'spec-unlogged', seq: seqOf(path, 'project.spec-clear', 'encapsulationEfficiencyPct'), projectId, attribute: 'encapsulationEfficiencyPct' })
    expect(found.firstBroken!.message).toMatch(/project\.spec-clear/)
  })

  it('cleared then set again through NanoForge verifies; then tampered, it is held to the new setting', () => {
    const { path, projectId } = build()
    const library = open(path)
    setSpecLimit(library, projectId, { attribute: 'encapsulationEfficiencyPct', min: 80, max: null, note: 'new' }, new Date('2026-03-05T09:00:00Z'))
    library.close()
    expect(verifyFile(path).intact).toBe(true)
    tamper(path, `UPDATE project_specs SET min_value = 85 WHERE project_id = '${projectId}' AND attribute = 'encapsulationEfficiencyPct'`)
    expect(verifyFile(path).firstBroken).toMatchObject({ kind: 'spec-changed', seq: seqOf(path, 'project.spec-set', 'encapsulationEfficiencyPct'), attribute: 'encapsulationEfficiencyPct' })
  })

  it('limits imported from a bundle verify, and an imported limit edited afterwards is found at its import entry', () => {
    const source = build('source.db')
    const from = open(source.path)
    const designId = (from.connection.prepare('SELECT id FROM designs').get() as { id: string }).id
    const bundle = JSON.stringify(exportBundle(from, [designId]))
    from.close()
    const target = join(dir, 'target.db')
    const library = open(target)
    const summary = importBundle(library, bundle)
    library.close()
    expect(summary).toMatchObject({ specsAdded: 2 })
    expect(verifyFile(target)).toMatchObject({ intact: true, checked: { specLimits: 2 } })
    tamper(target, "UPDATE project_specs SET max_value = 0.3 WHERE attribute = 'pdi'")
    const found = verifyFile(target)
    expect(found.firstBroken).toMatchObject({ kind: 'spec-changed', seq: seqOf(target, 'project.spec-set', 'pdi'), attribute: 'pdi' })
    expect(found.firstBroken!.message).toMatch(/max 0\.2 -> 0\.3/)
  })

  it('library-v6.db (limits set through NanoForge) verifies intact with its 2 limits; a tampered one is found', () => {
    const path = join(dir, 'v6.db')
    copyFileSync(join(FIXTURES, 'library-v6.db'), path)
    expect(verifyFile(path)).toMatchObject({ intact: true, checked: { specLimits: 2 } })
    tamper(path, "UPDATE project_specs SET min_value = 100 WHERE attribute = 'zAverageNm'")
    expect(verifyFile(path).firstBroken).toMatchObject({ kind: 'spec-changed', attribute: 'zAverageNm', seq: seqOf(path, 'project.spec-set', 'zAverageNm') })
  })

  it('library-v5.db (no project_specs table) still verifies, with no limits checked; upgraded to v6 it stays intact', () => {
    const path = join(dir, 'v5.db')
    copyFileSync(join(FIXTURES, 'library-v5.db'), path)
    expect(verifyFile(path)).toMatchObject({ intact: true, checked: { specLimits: 0 } })
    open(path).close()
    expect(verifyFile(path)).toMatchObject({ intact: true, checked: { specLimits: 0 } })
  })
})
