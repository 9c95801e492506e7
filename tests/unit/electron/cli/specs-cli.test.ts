/**
 * `nanoforge db project`, `db specs set|clear|show` and `measure add` with quality values
 * (issue #16, CQAs against specifications): a project's limits with who changed them, a design
 * version's CQA table with pass/fail from readings chosen here against limits chosen here,
 * every bad input refused with what and where (exit 2, "written": false, nothing written), and
 * `db verify` intact after it all.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fixturePath, makeTempDir } from '../helpers'
import { runInProcess as run } from './support/in-process'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = makeTempDir('nanoforge-cli-specs-')))
afterEach(() => cleanup())

const auditCount = (db: string): number => {
  const raw = new Database(db, { readonly: true })
  try {
    return (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
  } finally {
    raw.close()
  }
}

describe('nanoforge db specs', () => {
  it('sets limits per project, attaches quality readings and shows the CQA table with pass and fail', async () => {
    const db = join(dir, 'lab.db')
    const saved = JSON.parse((await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--db', db, '--json')).stdout) as { designId: string }
    const id = saved.designId
    expect((await run('db', 'project', id.slice(0, 8), '--name', 'Lupus leads', '--db', db)).stdout).toMatch(/1 design\(s\) filed under project "Lupus leads"/)
    expect((await run('db', 'specs', 'set', 'lupus leads', 'size', '--min', '150', '--max', '250', '--note', 'spleen filtration', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'set', 'Lupus leads', 'zeta', '--min=-40', '--max=-10', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'set', 'Lupus leads', 'ee', '--min', '80', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'set', 'Lupus leads', 'endotoxin', '--max', '0.5', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'set', 'Lupus leads', 'residual-solvent', '--max', '5000', '--db', db)).code).toBe(0)
    expect((await run('db', 'specs', 'clear', 'Lupus leads', 'residual-solvent', '--db', db)).stdout).toMatch(/limit is removed/)

    expect((await run('measure', 'add', id, '--version', '1', '--dls', '212', '--pdi', '0.12', '--db', db)).code).toBe(0)
    expect((await run('measure', 'add', id, '--version', '1', '--zeta=-45', '--db', db)).code).toBe(0)
    const q = await run('measure', 'add', id, '--version', '1', '--ee', '84,5', '--endotoxin', '0.5', '--residual-solvent', '900', '--solvent', 'ethanol', '--method', 'CoA', '--label', 'batch 1', '--db', db, '--json')
    expect(q.code).toBe(0)
    expect(JSON.parse(q.stdout).measurement).toMatchObject({ kind: 'quality', data: { encapsulationEfficiencyPct: 84.5, endotoxinEuPerMl: 0.5, residualSolventPpm: 900, residualSolventName: 'ethanol', method: 'CoA' } })
    expect((await run('measure', 'list', id, '--db', db)).stdout).toMatch(/quality Encapsulation efficiency 84.5 %, Endotoxin 0.5 EU\/mL, Residual solvent 900 ppm \(ethanol\)/)

    const shown = await run('db', 'specs', 'show', '--design', id, '--db', db, '--json')
    expect(shown.code).toBe(0)
    const table = JSON.parse(shown.stdout) as { project: { name: string }; rows: Array<{ attribute: string; status: string; readings: Array<{ value: number }> }>; counts: Record<string, number> }
    expect(table.project.name).toBe('Lupus leads')
    const status = Object.fromEntries(table.rows.map((r) => [r.attribute, r.status]))
    expect(status).toEqual({
      zAverageNm: 'pass', // 212 within 150-250
      pdi: 'no spec',
      zetaMv: 'fail', // -45 below -40
      encapsulationEfficiencyPct: 'pass', // 84.5 ≥ 80
      drugLoadingPctWw: 'no spec',
      freeDrugPct: 'no spec',
      endotoxinEuPerMl: 'pass', // 0.5 ≤ 0.5: limits are inclusive
      residualSolventPpm: 'no spec', // its limit was cleared
    })
    expect(table.counts).toEqual({ pass: 3, fail: 1, 'not measured': 0, 'no spec': 4 })
    expect((await run('db', 'specs', 'show', '--design', id, '--db', db)).stdout).toMatch(/3 pass, 1 fail, 0 not measured, 4 without a limit/)

    const project = JSON.parse((await run('db', 'specs', 'show', 'Lupus leads', '--db', db, '--json')).stdout) as { specs: Array<{ attribute: string }>; changes: Array<{ action: string; attribute: string; osUser: string }> }
    expect(project.specs.map((s) => s.attribute)).toEqual(['zAverageNm', 'zetaMv', 'encapsulationEfficiencyPct', 'endotoxinEuPerMl'])
    expect(project.changes.map((c) => `${c.action} ${c.attribute}`)).toEqual([
      'project.spec-set zAverageNm', 'project.spec-set zetaMv', 'project.spec-set encapsulationEfficiencyPct',
      'project.spec-set endotoxinEuPerMl', 'project.spec-set residualSolventPpm', 'project.spec-clear residualSolventPpm',
    ])
    const verified = await run('db', 'verify', '--db', db, '--json')
    expect(verified.code).toBe(0)
    expect(JSON.parse(verified.stdout)).toMatchObject({ intact: true })
  })

  it('refuses bad input with what and where, and writes nothing', async () => {
    const db = join(dir, 'lab.db')
    const id = (JSON.parse((await run('db', 'save', fixturePath('lupus-rbc-silica.nanoforge.json'), '--db', db, '--json')).stdout) as { designId: string }).designId
    await run('db', 'project', id, '--name', 'P', '--db', db)
    const before = auditCount(db)
    const cases: Array<[string[], RegExp]> = [
      [['db', 'specs', 'set', 'P', 'colour', '--max', '1'], /'colour' is not a quality attribute; use one of: size/],
      [['db', 'specs', 'set', 'P', 'size'], /Give --min, --max or both/],
      [['db', 'specs', 'set', 'P', 'pdi', '--max', '1.5'], /max: Polydispersity index is from 0 to 1; 1.5 is not/],
      [['db', 'specs', 'set', 'P', 'size', '--min', '200', '--max', '100'], /max: the upper limit 100 is below the lower limit 200/],
      [['db', 'specs', 'set', 'P', 'size', '--max', '0x10'], /--max must be a decimal number/],
      [['db', 'specs', 'set', 'Q', 'size', '--max', '100'], /No project named "Q"; the projects are: "P"/],
      [['db', 'specs', 'set', 'P', 'pdi', '--max', '0.2', '--note', 'a\u0007b'], /note: /],
      [['measure', 'add', id, '--version', '1', '--ee', '101'], /data.encapsulationEfficiencyPct: Encapsulation efficiency is from 0 % to 100 %; 101 is not/],
      [['measure', 'add', id, '--version', '1', '--ee', '90', '--dls', '100', '--pdi', '0.1'], /Give exactly one of/],
      [['measure', 'add', id, '--version', '1', '--ee', '90', '--solvent', 'ethanol'], /--solvent names the solvent of --residual-solvent/],
      [['measure', 'add', id, '--version', '1', '--endotoxin=-1'], /data.endotoxinEuPerMl: Endotoxin is from 0 EU\/mL/],
      [['db', 'specs', 'show', 'P', '--design', id], /Name a project or give --design ID, not both/],
    ]
    for (const [args, message] of cases) {
      const r = await run(...args, '--db', db, '--json')
      expect(r.code, args.join(' ')).toBe(2)
      const error = JSON.parse(r.stdout).error as { code: string; message: string; issues?: Array<{ path: string; message: string }>; written?: boolean }
      expect(error.code).toBe('bad-input')
      expect(`${error.message} ${(error.issues ?? []).map((i) => `${i.path}: ${i.message}`).join(' ')}`, args.join(' ')).toMatch(message)
      if (args[0] === 'measure' || args[2] === 'set') expect(error.written, args.join(' ')).toBe(false)
    }
    expect(auditCount(db)).toBe(before)
    expect(JSON.parse((await run('db', 'specs', 'show', 'P', '--db', db, '--json')).stdout).specs).toEqual([])
  })
})
