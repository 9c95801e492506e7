import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, fixturePath, loadExample, makeTempDir } from '../helpers'
import { validateDesign } from '../../../../shared/design/schema'
import { describeKnob, getKnob, setKnob } from '../../../../shared/analysis/design-paths'
import { evaluateDesign } from '../../../../shared/metrics/registry'
import type { Design } from '../../../../shared/design/types'
import { type InProcessRun, runInProcess } from './support/in-process'
import { withinStudySentence } from '../../../../shared/engine/validation/measured-accuracy'

let dir: string
let cleanup: () => void
beforeAll(() => ({ dir, cleanup } = makeTempDir('nanoforge-sensitivity-')))
afterAll(() => cleanup())


type Run = InProcessRun
const inProcess = runInProcess

function designOf(name: Parameters<typeof loadExample>[0]): Design {
  const checked = validateDesign(loadExample(name))
  if (!checked.valid) throw new Error(name)
  return checked.design
}

function writeGoal(name: string, goal: unknown): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify(goal, null, 2))
  return file
}

interface LocalRow { knob: string; coefficient: number | null }

describe('nanoforge sensitivity', () => {
  it('local (default) over a design: the contract keys, one row per knob and metric', async () => {
    const run = await inProcess('sensitivity', fixturePath('ra-folate-peg-liposome.nanoforge.json'), '--json')
    expect(run.code, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout) as { method: string; over: string; evaluations: number; knobs: Array<{ path: string; min: number; max: number }>; indices: Record<string, LocalRow[]> }
    expect(doc).toMatchObject({ method: 'local', over: 'design' })
    expect(doc.evaluations).toBe(2 * doc.knobs.length + 1)
    expect(doc.knobs.map((k) => k.path)).toContain('core.diameterNm')
    for (const k of doc.knobs) expect(k.min).toBeLessThan(k.max)
    expect(Object.keys(doc.indices)).toContain('selectivityIndex')
    for (const rows of Object.values(doc.indices)) expect(rows.map((r) => r.knob)).toEqual(doc.knobs.map((k) => k.path))
    // the text ends with how far the engine's differences between designs were checked
    const human = await inProcess('sensitivity', fixturePath('ra-folate-peg-liposome.nanoforge.json'), '--metrics', 'selectivityIndex')
    expect(human.stdout.trimEnd().endsWith(withinStudySentence())).toBe(true)
  })

  it('on the engine, the knob ranked first, moved by 10 %, changes the metric more than the knob ranked last', async () => {
    const file = fixturePath('ra-folate-peg-liposome.nanoforge.json')
    const design = designOf('ra-folate-peg-liposome.nanoforge.json')
    const run = await inProcess('sensitivity', file, '--metrics', 'selectivityIndex,bloodHalfLifeH', '--json')
    expect(run.code, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout) as { indices: Record<string, LocalRow[]> }
    for (const metric of ['selectivityIndex', 'bloodHalfLifeH'] as const) {
      const ranked = [...doc.indices[metric]!].filter((r) => r.coefficient !== null).sort((a, b) => Math.abs(b.coefficient!) - Math.abs(a.coefficient!))
      const y0 = evaluateDesign(design)[metric]
      // 10 % up (whole-number knobs rounded), through the validator, on the real engine
      const change = (path: string): number => {
        const x = getKnob(design, path) as number
        const moved = setKnob(design, path, describeKnob(design, path).kind === 'integer' ? Math.round(1.1 * x) : 1.1 * x)
        if (!moved.valid) throw new Error(`${path}: ${JSON.stringify(moved.errors)}`)
        return Math.abs(evaluateDesign(moved.design)[metric] - y0)
      }
      const first = ranked[0]!.knob
      const last = ranked[ranked.length - 1]!.knob
      expect(change(first), `${metric}: ${first} vs ${last}`).toBeGreaterThan(change(last))
    }
  })

  it('morris and sobol over a goal file\'s knobs report muStar/sigma and first/total with intervals', async () => {
    const goal = writeGoal('goal.json', {
      format: 'nanoforge.goal', version: 1, base: designOf('ra-folate-peg-liposome.nanoforge.json'),
      vary: [{ path: 'core.diameterNm', min: 60, max: 200 }, { path: 'ligands[0].perParticle', min: 10, max: 1000 }],
      objectives: [{ metric: 'selectivityIndex', sense: 'max' }],
    })
    const morris = await inProcess('sensitivity', goal, '--method', 'morris', '--samples', '4', '--metrics', 'selectivityIndex', '--json')
    expect(morris.code, morris.stderr).toBe(0)
    const m = JSON.parse(morris.stdout) as { evaluations: number; knobs: Array<{ scale: string }>; indices: { selectivityIndex: Array<{ knob: string; muStar: number; sigma: number }> } }
    expect(m.evaluations).toBe(4 * 3)
    expect(m.knobs.map((k) => k.scale)).toEqual(['linear', 'log'])
    expect(m.indices.selectivityIndex.map((r) => r.knob)).toEqual(['core.diameterNm', 'ligands[0].perParticle'])
    for (const r of m.indices.selectivityIndex) { expect(r.muStar).toBeGreaterThanOrEqual(0); expect(r.sigma).toBeGreaterThanOrEqual(0) }

    const sobol = await inProcess('sensitivity', goal, '--method', 'sobol', '--samples', '8', '--seed', '3', '--metrics', 'selectivityIndex', '--json')
    expect(sobol.code, sobol.stderr).toBe(0)
    const s = JSON.parse(sobol.stdout) as { method: string; seed: number; evaluations: number; indices: { selectivityIndex: Array<{ knob: string; first: number; total: number; totalCi95: [number, number] }> } }
    expect(s).toMatchObject({ method: 'sobol', seed: 3, evaluations: 8 * 4 })
    for (const r of s.indices.selectivityIndex) {
      expect(Number.isFinite(r.first) && Number.isFinite(r.total)).toBe(true)
      expect(r.totalCi95[0]).toBeLessThanOrEqual(r.totalCi95[1])
    }
    const again = await inProcess('sensitivity', goal, '--method', 'sobol', '--samples', '8', '--seed', '3', '--metrics', 'selectivityIndex', '--json')
    expect(again.stdout).toBe(sobol.stdout)
  })

  it('--over parameters ranks the engine\'s uncertain multipliers for the design', async () => {
    const run = await inProcess('sensitivity', fixturePath('ra-folate-peg-liposome.nanoforge.json'), '--over', 'parameters', '--metrics', 'bloodHalfLifeH', '--json')
    expect(run.code, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout) as { over: string; evaluations: number; knobs: Array<{ path: string; distribution: string }>; indices: { bloodHalfLifeH: LocalRow[] } }
    expect(doc.over).toBe('parameters')
    expect(doc.knobs.map((k) => k.path)).toContain('organs.liver.kMax')
    expect(doc.evaluations).toBe(2 * doc.knobs.length + 1)
    expect(doc.indices.bloodHalfLifeH).toHaveLength(doc.knobs.length)
    const human = await inProcess('sensitivity', fixturePath('ra-folate-peg-liposome.nanoforge.json'), '--over', 'parameters', '--metrics', 'bloodHalfLifeH')
    expect(human.stdout).toMatch(/multipliers, each lognormal/)
  })

  it('gives the same indices with 1 and 2 worker threads for a seed', async () => {
    const goal = writeGoal('goal-pool.json', {
      format: 'nanoforge.goal', version: 1, base: designOf('ra-folate-peg-liposome.nanoforge.json'),
      vary: [{ path: 'core.diameterNm', min: 60, max: 200 }, { path: 'payload.loadingPctWw', min: 2, max: 12 }],
      objectives: [{ metric: 'selectivityIndex', sense: 'max' }],
    })
    const args = ['sensitivity', goal, '--method', 'sobol', '--samples', '100', '--seed', '9', '--metrics', 'selectivityIndex,bloodHalfLifeH', '--json']
    const one = await inProcess(...args, '--workers', '1')
    const two = await inProcess(...args, '--workers', '2')
    expect(one.code, one.stderr).toBe(0)
    expect(two.code, two.stderr).toBe(0)
    expect((JSON.parse(two.stdout) as { evaluations: number }).evaluations).toBe(400) // enough to start the pool
    expect(two.stdout).toBe(one.stdout)
  }, 120_000)

  it('--over parameters runs on the worker threads: the same document on 1 and 2 threads, with progress', async () => {
    // 7 Morris trajectories over the 62 multipliers: 7·63 = 441 points, enough to start the pool
    const args = ['sensitivity', fixturePath('ra-folate-peg-liposome.nanoforge.json'), '--over', 'parameters', '--method', 'morris', '--samples', '7', '--seed', '5', '--metrics', 'selectivityIndex,bloodHalfLifeH', '--json']
    const one = await inProcess(...args, '--workers', '1')
    const two = await inProcess(...args, '--workers', '2')
    expect(one.code, one.stderr).toBe(0)
    expect(two.code, two.stderr).toBe(0)
    const doc = JSON.parse(two.stdout) as { over: string; evaluations: number; failedEvaluations: number; indices: Record<string, Array<{ knob: string; muStar: number }>> }
    expect(doc.over).toBe('parameters')
    expect(doc.evaluations).toBe(441)
    expect(doc.failedEvaluations).toBe(0)
    expect(doc.indices.selectivityIndex!.some((r) => r.muStar > 0)).toBe(true)
    expect(two.stdout).toBe(one.stdout)
    expect(two.stderr).toMatch(/sensitivity: 441\/441 evaluations/)
  }, 120_000)

  it('bad input exits 2 with the reason: options, a broken goal with JSON paths, a missing file', async () => {
    const design = fixturePath('ra-folate-peg-liposome.nanoforge.json')
    expect((await inProcess('sensitivity', design, '--method', 'fast')).stderr).toMatch(/--method must be one of local, morris, sobol/)
    expect((await inProcess('sensitivity', design, '--over', 'body')).stderr).toMatch(/--over must be design or parameters/)
    expect((await inProcess('sensitivity', design, '--metrics', 'selectivity')).stderr).toMatch(/unknown metric\(s\) selectivity/)
    expect((await inProcess('sensitivity', design, '--samples', '1', '--method', 'sobol')).code).toBe(2)
    const bad = writeGoal('bad.json', {
      format: 'nanoforge.goal', version: 1, base: designOf('ra-folate-peg-liposome.nanoforge.json'),
      vary: [{ path: 'core.diametre', min: 60, max: 200 }], objectives: [{ metric: 'selectivityIndex', sense: 'max' }],
    })
    const run = await inProcess('sensitivity', bad, '--json')
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { issues: [{ path: 'vary[0].path' }] } })
    expect(run.stderr).toContain('vary[0].path')
    const missing = await inProcess('sensitivity', join(dir, 'nope.json'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file')
  })

  it('spawned: --json prints one JSON document on stdout', async () => {
    const run = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'nanoforge.js'), 'sensitivity', fixturePath('t1d-tolerogenic-plga.nanoforge.json'), '--metrics', 'selectivityIndex', '--json'], { cwd: REPO_ROOT })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    })
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({ method: 'local', over: 'design' })
  })
})
