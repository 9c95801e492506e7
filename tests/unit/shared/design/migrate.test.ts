import { describe, expect, it } from 'vitest'
import { DESIGN_MIGRATIONS, migrateDesignDocument, type DesignMigration } from '../../../../shared/design/migrate'
import { DESIGN_VERSION } from '../../../../shared/design/types'

const step = (from: number, tag: string): DesignMigration => ({
  from,
  description: `step ${from}`,
  migrate: (doc) => ({ ...doc, trail: [...((doc.trail as string[] | undefined) ?? []), tag] }),
})

describe('migrateDesignDocument', () => {
  it('applies the steps in order and sets the version after each', () => {
    const seen: number[] = []
    const spy: DesignMigration = { from: 2, description: 'spy', migrate: (doc) => { seen.push(doc.version as number); return doc } }
    // Deliberately unordered table: the runner picks steps by `from`.
    const out = migrateDesignDocument({ version: 1 }, 1, [spy, step(1, 'a'), step(3, 'c')], 4)
    expect(out.ok).toBe(true)
    if (!out.ok) return
    expect(out.document).toEqual({ version: 4, trail: ['a', 'c'] })
    expect(seen).toEqual([2])
    expect(out.applied.map((m) => m.from)).toEqual([1, 2, 3])
  })

  it('does nothing at the current version', () => {
    const out = migrateDesignDocument({ version: DESIGN_VERSION, x: 1 }, DESIGN_VERSION)
    expect(out).toEqual({ ok: true, document: { version: DESIGN_VERSION, x: 1 }, applied: [] })
  })

  it('never mutates the input', () => {
    const input = { version: 1, trail: ['x'] }
    migrateDesignDocument(input, 1, [{ from: 1, description: 'mutator', migrate: (d) => { (d.trail as string[]).push('y'); return d } }], 2)
    expect(input).toEqual({ version: 1, trail: ['x'] })
  })

  it('reports a gap and a duplicate in the table', () => {
    const gap = migrateDesignDocument({}, 1, [step(1, 'a')], 3)
    expect(gap).toEqual({ ok: false, issue: { path: 'version', message: expect.stringMatching(/no upgrade from version 2 to 3 is known/) } })
    const dup = migrateDesignDocument({}, 1, [step(1, 'a'), step(1, 'b')], 2)
    expect(dup.ok).toBe(false)
    if (!dup.ok) expect(dup.issue.message).toMatch(/more than once/)
  })

  it('turns a throwing migration into an issue', () => {
    const out = migrateDesignDocument({}, 1, [{ from: 1, description: 'boom', migrate: () => { throw new Error('bad dose unit') } }], 2)
    expect(out.ok).toBe(false)
    if (!out.ok) expect(out.issue.message).toBe('upgrading from version 1 to 2 failed: bad dose unit')
  })

  it('the shipped table covers every version before the current one', () => {
    for (let v = 1; v < DESIGN_VERSION; v++) expect(DESIGN_MIGRATIONS.filter((m) => m.from === v)).toHaveLength(1)
    expect(DESIGN_MIGRATIONS.every((m) => m.from < DESIGN_VERSION)).toBe(true)
  })
})
