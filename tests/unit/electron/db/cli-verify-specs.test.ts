/**
 * `nanoforge db verify` and specification limits (issue #16): a limit edited in the file
 * around NanoForge makes it exit 1 naming the project, the attribute and the audit entry the
 * row disagrees with; an intact library exits 0 and says how many limits it checked.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixturePath, makeTempDir } from '../helpers'
import { runInProcess as run } from '../cli/support/in-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-cli-verify-specs-')))
afterEach(() => cleanup())

describe('nanoforge db verify with specification limits', () => {
  it('exit 0 with the limits counted; a tampered note: exit 1 naming project, attribute and entry', async () => {
    const db = join(dir, 'lib.db')
    const saved = JSON.parse((await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--db', db, '--json')).stdout) as { designId: string }
    expect((await run('db', 'project', saved.designId, '--name', 'RA liposomes', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'set', 'RA liposomes', 'size', '--min', '80', '--max', '150', '--note', 'EPR window', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'set', 'RA liposomes', 'pdi', '--max', '0.2', '--db', db)).code).toBe(0)

    const intact = await run('db', 'verify', '--db', db)
    expect(intact.code).toBe(0)
    expect(intact.stdout).toMatch(/and 2 specification limit\(s\) checked/)

    const raw = new Database(db)
    const { seq } = raw.prepare("SELECT seq FROM audit_log WHERE action = 'project.spec-set' AND json_extract(detail, '$.attribute') = 'zAverageNm'").get() as { seq: number }
    const { id } = raw.prepare("SELECT id FROM projects WHERE name = 'RA liposomes'").get() as { id: string }
    raw.exec("UPDATE project_specs SET note = 'anything goes' WHERE attribute = 'zAverageNm'")
    raw.close()

    const broken = await run('db', 'verify', '--db', db, '--json')
    expect(broken.code).toBe(1)
    expect(JSON.parse(broken.stdout)).toMatchObject({ intact: false, firstBroken: { seq, kind: 'spec-changed', projectId: id, attribute: 'zAverageNm' } })
    const text = await run('db', 'verify', '--db', db)
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(new RegExp(`^Audit trail BROKEN at entry #${seq} \\(spec-changed\\): project "RA liposomes" \\(${id}\\)'s zAverageNm limit no longer matches what entry ${seq}`))
  })
})
