/**
 * `nanoforge db approve`, `db audit` and `db verify` (issue #16 contract): exit codes, JSON,
 * the first broken entry of a tampered file, and refusals that write nothing.
 */
import Database from 'better-sqlite3'
import { copyFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { REPO_ROOT, fileHash, fixturePath, makeTempDir } from '../helpers'
import { runInProcess as run } from '../cli/support/in-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-cli-audit-')))
afterEach(() => cleanup())

interface Entry { seq: number; action: string; version: number | null; osUser: string; hash: string; prevHash: string; detail: Record<string, unknown> }

async function twoVersions(db: string): Promise<string> {
  const first = JSON.parse((await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--db', db, '--json')).stdout) as { designId: string }
  expect((await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--design', first.designId, '--note', 'second', '--db', db)).code).toBe(0)
  return first.designId
}

describe('nanoforge db approve / audit / verify', () => {
  it('signs a version, lists the design\'s trail oldest first and verifies the chain with its head hash', async () => {
    const db = join(dir, 'lib.db')
    const id = await twoVersions(db)
    const approved = await run('db', 'approve', id.slice(0, 8), '--version', '2', '--meaning', 'approved for synthesis', '--name', 'Dr. Ada Lovelace', '--db', db, '--json')
    expect(approved.code).toBe(0)
    const approval = JSON.parse(approved.stdout) as Record<string, unknown>
    expect(approval).toMatchObject({ designId: id, version: 2, meaning: 'approved for synthesis', signerName: 'Dr. Ada Lovelace', signerUser: userInfo().username })
    const text = await run('db', 'approve', id, '--version', '1', '--meaning', 'reviewed', '--db', db)
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`version 1 signed "reviewed" by ${userInfo().username}`))

    const audit = await run('db', 'audit', id.slice(0, 6), '--db', db, '--json')
    expect(audit.code).toBe(0)
    const trail = JSON.parse(audit.stdout) as { designId: string; entries: Entry[]; approvals: Array<{ auditSeq: number }> }
    expect(trail.designId).toBe(id)
    expect(trail.entries.map((e) => [e.action, e.version])).toEqual([['design.create', 1], ['design.save', 2], ['design.approve', 2], ['design.approve', 1]])
    expect(trail.entries.map((e) => e.seq)).toEqual([...trail.entries.map((e) => e.seq)].sort((a, b) => a - b))
    expect(trail.entries[1]!.detail.note).toBe('second')
    expect(trail.approvals.map((a) => a.auditSeq)).toEqual([trail.entries[2]!.seq, trail.entries[3]!.seq])
    const lines = (await run('db', 'audit', id, '--db', db)).stdout.trim().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[2]).toMatch(/design\.approve {2}v2 {2}meaning="approved for synthesis" signerName="Dr\. Ada Lovelace"/)

    const verified = await run('db', 'verify', '--db', db, '--json')
    expect(verified.code).toBe(0)
    const result = JSON.parse(verified.stdout) as { intact: boolean; entries: number; head: { seq: number; hash: string }; firstBroken: unknown }
    const raw = new Database(db, { readonly: true })
    const last = raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string }
    raw.close()
    expect(result).toMatchObject({ intact: true, entries: 5, head: last, firstBroken: null })
    expect((await run('db', 'verify', '--db', db)).stdout).toMatch(new RegExp(`Head: entry #5 ${last.hash}`))
  })

  it('exits 1 naming the first broken entry of a tampered file', async () => {
    const db = join(dir, 'lib.db')
    const id = await twoVersions(db)
    expect((await run('db', 'approve', id, '--version', '2', '--meaning', 'reviewed', '--db', db)).code).toBe(0)
    const raw = new Database(db)
    raw.exec("DROP TRIGGER audit_log_immutable_update; UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE seq = 3")
    raw.close()
    const broken = await run('db', 'verify', '--db', db, '--json')
    expect(broken.code).toBe(1)
    expect(JSON.parse(broken.stdout)).toMatchObject({ intact: false, firstBroken: { seq: 3, kind: 'hash-mismatch' } })
    const text = await run('db', 'verify', '--db', db)
    expect(text.code).toBe(1)
    expect(text.stdout).toMatch(/^Audit trail BROKEN at entry #3 \(hash-mismatch\)/)
  })

  it('refuses an unknown version, meaning or design and missing options with exit 2, writing nothing', async () => {
    const db = join(dir, 'lib.db')
    const id = await twoVersions(db)
    const before = fileHash(db)
    const cases: Array<[string[], RegExp]> = [
      [['--version', '3', '--meaning', 'reviewed'], /has no version 3 \(latest is 2\)/],
      [['--version', '1', '--meaning', 'approved'], /meaning: 'approved' is not a meaning of an approval; use one of: "reviewed", "approved for synthesis"/],
      [['--meaning', 'reviewed'], /--version V is required/],
      [['--version', '1'], /--meaning is required/],
      [['--version', 'one', '--meaning', 'reviewed'], /--version must be a whole number/],
    ]
    for (const [args, message] of cases) {
      const result = await run('db', 'approve', id, ...args, '--db', db, '--json')
      expect(result.code).toBe(2)
      const error = (JSON.parse(result.stdout) as { error: { code: string; message: string; written: boolean } }).error
      expect(error).toMatchObject({ code: 'bad-input', written: false })
      expect(error.message).toMatch(message)
    }
    expect((await run('db', 'approve', 'ffffffff', '--version', '1', '--meaning', 'reviewed', '--db', db)).code).toBe(2)
    expect((await run('db', 'audit', 'ffffffff', '--db', db)).code).toBe(2)
    expect(fileHash(db)).toBe(before)
    // No library: bad input, none created.
    expect((await run('db', 'verify', '--db', join(dir, 'none.db'))).code).toBe(2)
    expect((await run('db', 'approve', id, '--version', '1', '--meaning', 'reviewed', '--db', join(dir, 'none.db'))).code).toBe(2)
  })

  it('a library before schema v5 read by verify or audit: bad input with how to start its trail, and the file untouched', async () => {
    const db = join(dir, 'v4.db')
    copyFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'db', 'library-v4.db'), db)
    const before = fileHash(db)
    const result = await run('db', 'verify', '--db', db, '--json')
    expect(result.code).toBe(2)
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { reason: 'no-audit-trail' } })
    expect((await run('db', 'audit', '00000000-0000-4000-8000-000000000001', '--db', db)).code).toBe(2)
    expect(fileHash(db)).toBe(before)
  })
})
