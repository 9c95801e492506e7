import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runMeasureAdd, runMeasureDelete, runMeasureList } from '../../../../electron/cli/commands/measure'
import { UsageError } from '../../../../electron/cli/commands/common'
import { main } from '../../../../electron/cli/main'
import { openDesignLibrary } from '../../../../electron/db/library'
import type { CliIo } from '../../../../electron/cli/types'
import { loadExample, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
let db: string
let designId: string

beforeEach(() => {
  const temp = makeTempDir()
  dir = temp.dir
  cleanup = temp.cleanup
  db = join(dir, 'lib.db')
  const library = openDesignLibrary({ path: db })
  designId = library.saveDesign(loadExample('lupus-rbc-silica.nanoforge.json')).designId
  library.close()
})
afterEach(() => cleanup())

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { stdout: (t) => { out += t }, stderr: (t) => { err += t }, out: () => out, err: () => err }
}

function csv(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe('nanoforge measure', () => {
  it('attaches a release CSV (by id prefix), lists it, deletes and restores it', async () => {
    const file = csv('run-3.csv', 'time (d);A;B\n0;0;0\n0,5;12,5;13\n1;20;21\n2;33;\n')
    let io = capture()
    expect(await runMeasureAdd([designId.slice(0, 8), '--version', '1', file, '--measured-on', '2026-10-01', '--db', db, '--json'], io)).toBe(0)
    const added = JSON.parse(io.out()).measurement
    expect(added).toMatchObject({ designId, version: 1, kind: 'release', label: 'run-3', measuredOn: '2026-10-01' })
    expect(added.data.timesH).toEqual([0, 12, 24, 48]) // days → hours
    expect(added.data.replicates[1]).toEqual([0, 13, 21, null])

    io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', '--zeta=-18.5', '--label', 'zeta PBS', '--db', db], io)).toBe(0)
    io = capture()
    expect(await runMeasureList([designId, '--db', db, '--json'], io)).toBe(0)
    expect(JSON.parse(io.out()).items.map((m: { kind: string }) => m.kind)).toEqual(['release', 'zeta'])

    io = capture()
    expect(await runMeasureDelete([added.id, '--db', db], io)).toBe(0)
    io = capture()
    await runMeasureList([designId, '--db', db, '--json'], io)
    expect(JSON.parse(io.out()).items).toHaveLength(1)
    io = capture()
    expect(await runMeasureDelete([added.id, '--restore', '--db', db], io)).toBe(0)
    io = capture()
    await runMeasureList([designId, '--version', '1', '--db', db], io)
    expect(io.out().split('\n').filter(Boolean)).toHaveLength(2)
  })

  it('exits 2 with line numbers for a bad CSV, with paths for bad values, and for a missing version', async () => {
    let io = capture()
    expect(await main(['measure', 'add', designId, '--version', '1', csv('bad.csv', 'time (h),A\n0,0\n1,zz\n'), '--db', db], io)).toBe(2)
    expect(io.err()).toMatch(/line 3: .*'zz' is not a number/)
    io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', '--dls', '120', '--pdi', '3', '--db', db, '--json'], io)).toBe(2)
    expect(JSON.parse(io.out()).error.issues[0]).toMatchObject({ path: 'data.pdi' })
    io = capture()
    expect(await runMeasureAdd([designId, '--version', '4', '--zeta', '1', '--db', db], io)).toBe(2)
    expect(io.err()).toContain(`Design ${designId} has no version 4.`)
    await expect(runMeasureAdd([designId, '--zeta', '1', '--db', db], capture())).rejects.toThrow(UsageError)
    await expect(runMeasureAdd([designId, '--version', '1', '--zeta', '1', '--dls', '3', '--db', db], capture())).rejects.toThrow(/exactly one/)
  })

  it('stores the release set-up with the curve, and refuses a set-up it does not know with its path', async () => {
    const file = csv('dialysis.csv', 'time (h),A\n0,0\n4,30\n24,70\n')
    let io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', file, '--release-method', 'dialysis', '--particle-mg-per-ml', '2', '--db', db, '--json'], io)).toBe(0)
    expect(JSON.parse(io.out()).measurement.data.releaseMethod).toEqual({ kind: 'dialysis', particleConcentrationMgPerMl: 2 })
    io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', file, '--release-method', 'osmosis', '--db', db, '--json'], io)).toBe(2)
    expect(JSON.parse(io.out()).error.issues[0]).toMatchObject({ path: 'data.releaseMethod.kind' })
    io = capture()
    expect(await runMeasureAdd([designId, '--version', '1', file, '--release-method', 'dialysis', '--particle-mg-per-ml', '0', '--db', db, '--json'], io)).toBe(2)
    expect(JSON.parse(io.out()).error.issues[0]).toMatchObject({ path: 'data.releaseMethod.particleConcentrationMgPerMl' })
    await expect(runMeasureAdd([designId, '--version', '1', '--zeta', '1', '--release-method', 'dialysis', '--db', db], capture())).rejects.toThrow(/belong to a release FILE.csv/)
    await expect(runMeasureAdd([designId, '--version', '1', file, '--particle-mg-per-ml', '1', '--db', db], capture())).rejects.toThrow(/needs --release-method/)
  })
})
