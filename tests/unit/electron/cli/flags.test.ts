/** `nanoforge flags FILE [--json]` (issue #16 contract): the shared rules, through the CLI. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import { evaluateFlags } from '../../../../shared/flags/evaluate'
import { REPO_ROOT } from '../helpers'
import { runInProcess } from './support/in-process'

const cli = runInProcess
const LUPUS = `${REPO_ROOT}/resources/examples/lupus-rbc-silica.nanoforge.json`

describe('nanoforge flags', () => {
  it('--json prints {"flags": [...]} with every contract field, the same flags as the app', async () => {
    const r = await cli('flags', LUPUS, '--json')
    expect(r.code).toBe(0)
    const { flags } = JSON.parse(r.stdout)
    const checked = validateDesign(JSON.parse(readFileSync(LUPUS, 'utf8')))
    if (!checked.valid) throw new Error('example invalid')
    expect(flags).toEqual(evaluateFlags(checked.design))
    expect(flags.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['cell-membrane-immunogenicity', 'antibody-immunogenicity']))
    for (const f of flags) {
      expect(Object.keys(f).sort()).toEqual(['evidence', 'id', 'measure', 'severity', 'source', 'title', 'why'])
      expect(['info', 'caution', 'concern']).toContain(f.severity)
    }
  })

  it('prints each flag with its why, what to measure and its source', async () => {
    const r = await cli('flags', LUPUS)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/\[caution\] Cell-membrane coat/)
    expect(r.stdout).toMatch(/measure: /)
    expect(r.stdout).toMatch(/source: Fang RH/)
  })

  it('an invalid design is bad input with its problems, no flags', async () => {
    const r = await cli('flags', `${REPO_ROOT}/package.json`, '--json')
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout).error.code).toBe('bad-input')
  })
})
