/** `nanoforge published FILE [--json]` (issue #10): the app's published experiments like a design, through the CLI. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { IN_VIVO_ROW_FILES, inVivoRows } from '../../../../shared/engine/validation/in-vivo-rows'
import { publishedExperimentsLike } from '../../../../shared/engine/validation/published-like'
import { designOfRow } from '../../../../shared/engine/validation/published-rows'
import { REPO_ROOT } from '../helpers'
import { runInProcess } from './support/in-process'

const cli = runInProcess
const dir = mkdtempSync(join(tmpdir(), 'nanoforge-published-'))
// the published design of Lobatto 2015's 8 mg/kg rat arm, saved as a design file
const lobatto = designOfRow(IN_VIVO_ROW_FILES['liposome-drug']!.rows.find((r) => r.id === 'lobatto2015-lnplp-rat-8mgkg-thalf')!)
const FILE = join(dir, 'lobatto.nanoforge.json')
writeFileSync(FILE, JSON.stringify(lobatto))
const LUPUS = `${REPO_ROOT}/resources/examples/lupus-rbc-silica.nanoforge.json`

describe('nanoforge published', () => {
  it('--json prints {"experiments": [...]}, the lookup the app makes', async () => {
    const r = await cli('published', FILE, '--json')
    expect(r.code).toBe(0)
    const { experiments } = JSON.parse(r.stdout)
    expect(experiments).toEqual(JSON.parse(JSON.stringify(publishedExperimentsLike(lobatto, [...inVivoRows('calibration'), ...inVivoRows('validation')]))))
    expect(experiments[0].paper).toBe('Lobatto 2015')
    expect(experiments[0].differences).toEqual([])
  })

  it('prints each experiment with its read-out, the three numbers, the differences and the citation', async () => {
    const r = await cli('published', FILE)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^LN-PLP 8 mg\/kg, rat \(Lobatto 2015\): \d+ published experiment\(s\) like this design, closest first/)
    expect(r.stdout).toMatch(/published [\d.]+ (h|%ID·h), engine [\d.]+ (h|%ID·h) \([\d.]+×\), this design [\d.]+ (h|%ID·h)/)
    expect(r.stdout).toMatch(/source: Lobatto ME, .*doi:10\.1016\/j\.nano\.2015\.02\.020/)
  })

  it('says so when nothing published is like the design, and refuses an invalid file', async () => {
    const none = await cli('published', LUPUS)
    expect(none.code).toBe(0)
    expect(none.stdout).toMatch(/no published experiment in the engine's validation rows is like this design/)
    const bad = await cli('published', `${REPO_ROOT}/package.json`, '--json')
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.stdout).error.code).toBe('bad-input')
  })
})
