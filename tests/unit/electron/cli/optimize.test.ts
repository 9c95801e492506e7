import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, loadExample, makeTempDir } from '../helpers'
import { validateDesign } from '../../../../shared/design/schema'
import { dominates } from '../../../../shared/analysis/nsga2'
import { runInProcess } from './support/in-process'
import { withinStudySentence } from '../../../../shared/engine/validation/measured-accuracy'

let dir: string
let cleanup: () => void
beforeAll(() => ({ dir, cleanup } = makeTempDir('nanoforge-optimize-')))
afterAll(() => cleanup())


const inProcess = runInProcess

function writeJson(name: string, value: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(value, null, 2))
  return file
}

/** The issue's goal on the default design (resources/goals/ra-selectivity.nanoforge-goal.json). */
const ISSUE_GOAL = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'goals', 'ra-selectivity.nanoforge-goal.json'), 'utf8')) as Record<string, unknown>

interface FrontDoc {
  front: Array<{ design: unknown; metrics: Record<string, number>; feasible: boolean }>
  evaluations: number
  seed: number
}

describe('nanoforge optimize', () => {
  it('prints a front of valid, mutually non-dominated designs, the same for the same seed', async () => {
    const goal = writeJson('goal.json', ISSUE_GOAL)
    const run = await inProcess('optimize', goal, '--evaluations', '80', '--population', '20', '--seed', '5', '--json')
    expect(run.code, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout) as FrontDoc
    expect(doc.seed).toBe(5)
    expect(doc.evaluations).toBeLessThanOrEqual(80)
    expect(doc.front.length).toBeGreaterThan(0)
    const objectives = (m: Record<string, number>): number[] => [-m.selectivityIndex!, Math.abs(m.t50InflamedH! - 48)]
    for (const member of doc.front) {
      expect(validateDesign(member.design).valid).toBe(true)
      expect(member.feasible).toBe(member.metrics.bloodHalfLifeH! >= 2)
      for (const other of doc.front) {
        if (other !== member && other.feasible === member.feasible) expect(dominates(objectives(other.metrics), objectives(member.metrics))).toBe(false)
      }
    }
    const again = await inProcess('optimize', goal, '--evaluations', '80', '--population', '20', '--seed', '5', '--json')
    expect(again.stdout).toBe(run.stdout)
    const human = await inProcess('optimize', goal, '--evaluations', '40', '--population', '20')
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/Pareto front: \d+ design\(s\) from 40 evaluations/)
    expect(human.stdout).toContain('core.material')
    expect(human.stdout.trimEnd().endsWith(withinStudySentence())).toBe(true)
  })

  it('a bad goal file exits 2 with every problem at its JSON path', async () => {
    const base = loadExample('ra-folate-peg-liposome.nanoforge.json')
    const bad = writeJson('bad.json', {
      ...ISSUE_GOAL,
      base: { ...base, core: { ...base.core, diameterNm: 0 } },
      objectives: [{ metric: 'selectivityIndx', sense: 'max' }],
    })
    const run = await inProcess('optimize', bad, '--json')
    expect(run.code).toBe(2)
    const doc = JSON.parse(run.stdout) as { error: { code: string; issues: Array<{ path: string; message: string }> } }
    expect(JSON.stringify(doc.error)).toContain('invalid-goal')
    const paths = doc.error.issues.map((i) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['base.core.diameterNm', 'objectives[0].metric']))
    for (const p of paths) expect(run.stderr).toContain(p)

    const options = writeJson('options.json', { ...ISSUE_GOAL, vary: [{ path: 'core.material', options: ['plga-50-50', 'plga7525'] }] })
    const r2 = await inProcess('optimize', options)
    expect(r2.code).toBe(2)
    expect(r2.stderr).toMatch(/vary\[0\]\.options\[1\]: .*did you mean "plga-75-25"/)

    const broken = join(dir, 'broken.json')
    writeFileSync(broken, '{ "format": "nanoforge.goal",, }')
    const r3 = await inProcess('optimize', broken)
    expect(r3.code).toBe(2)
    expect(r3.stderr).toMatch(/not valid JSON at line 1/)
  })

  it('gives the same front with 1 and 2 worker threads for a seed', async () => {
    const goal = writeJson('goal-pool.json', ISSUE_GOAL)
    const args = ['optimize', goal, '--evaluations', '400', '--population', '40', '--seed', '11', '--json']
    const one = await inProcess(...args, '--workers', '1')
    const two = await inProcess(...args, '--workers', '2')
    expect(one.code, one.stderr).toBe(0)
    expect(two.code, two.stderr).toBe(0)
    expect(two.stdout).toBe(one.stdout)
  }, 120_000)

  it('bad options exit 2 with the reason', async () => {
    const goal = writeJson('goal2.json', ISSUE_GOAL)
    expect((await inProcess('optimize', goal, '--evaluations', 'lots')).stderr).toMatch(/--evaluations must be a whole number/)
    expect((await inProcess('optimize', goal, '--evaluations', '10')).stderr).toMatch(/must cover at least one population \(24\)/)
    expect((await inProcess('optimize', goal, '--seed', '-1')).code).toBe(2)
    expect((await inProcess('optimize', goal, '--hours', '6')).stderr).toMatch(/--hours must be a number from 24/)
    expect((await inProcess('optimize', goal, '--workers', '0')).stderr).toMatch(/--workers must be a whole number from 1 to 64/)
  })
})
