import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import { makeTempDir, fileHash } from '../helpers'
import { newDesign } from '../../../../shared/design/defaults'
import { decodeSweepParquet } from '../../../../shared/sweep/parquet'
import { evaluateDesign } from '../../../../shared/metrics/registry'
import { setKnobs } from '../../../../shared/analysis/design-paths'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import { BIN, collect } from './support/cli-process'

let dir: string
let cleanup: () => void
beforeAll(() => ({ dir, cleanup } = makeTempDir('nanoforge-sweep-')))
afterAll(() => cleanup())

interface Run { code: number; stdout: string; stderr: string }

async function cli(...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

function writeSpec(name: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify({
    format: 'nanoforge.sweep', version: 1, base: newDesign(), method: 'latin-hypercube', samples: 40, seed: 3,
    vary: [{ path: 'core.diameterNm', min: 50, max: 250 }, { path: 'core.material', options: ['plga-50-50', 'pla'] }, { path: 'ligands[0].perParticle', min: 10, max: 1000 }],
    metrics: ['selectivityIndex', 'bloodHalfLifeH'], hours: 24, ...extra,
  }, null, 2))
  return file
}

function issuesOf(run: Run): Array<{ path: string; message: string }> {
  return (JSON.parse(run.stdout) as { error: { issues?: Array<{ path: string; message: string }> } }).error.issues ?? []
}

async function readTable(file: string): Promise<Awaited<ReturnType<typeof decodeSweepParquet>>> {
  const b = readFileSync(file)
  return decodeSweepParquet(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer)
}

describe('nanoforge sweep', () => {
  it('refuses a bad spec with exit 2 and every problem at its JSON path', async () => {
    const spec = writeSpec('bad.json', { method: 'grid', samples: 7, metrics: ['selectivity'], vary: [{ path: 'core.diameterNm', min: 300, max: 50 }] })
    const run = await cli('sweep', spec, '--out', join(dir, 'never'), '--json')
    expect(run.code).toBe(2)
    const paths = issuesOf(run).map((i) => i.path)
    expect(paths).toContain('metrics[0]')
    expect(paths).toContain('vary[0].max')
    expect(existsSync(join(dir, 'never'))).toBe(false)
  })

  it('refuses a bad --shard with the reason', async () => {
    const spec = writeSpec('ok.json')
    for (const [shard, why] of [['4/4', /from 0 to 3/], ['a/b', /must be I\/N/], ['0/41', /at most 40 shards/]] as const) {
      const run = await cli('sweep', spec, '--shard', shard, '--out', join(dir, 'never'))
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(why)
    }
    const noOut = await cli('sweep', spec)
    expect(noOut.code).toBe(2)
    expect(noOut.stderr).toMatch(/--out DIR is missing/)
  })

  it('writes the same merged file from 1 shard and from 4 shards; rows are the engine\'s numbers', async () => {
    const spec = writeSpec('s40.json')
    const one = join(dir, 'one')
    const four = join(dir, 'four')
    expect((await cli('sweep', spec, '--out', one, '--workers', '1')).code).toBe(0)
    for (let i = 0; i < 4; i++) {
      const run = await cli('sweep', spec, '--shard', `${i}/4`, '--out', four, '--workers', '1', '--json')
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ shard: { index: i, count: 4 }, samples: { start: 10 * i, end: 10 * i + 10 }, rows: 10, engineVersion: ENGINE_VERSION })
    }
    expect(readdirSync(four).sort()).toEqual([0, 1, 2, 3].map((i) => `shard-0000${i}-of-00004.parquet`))
    const m1 = await cli('merge', one, '--out', join(dir, 'one.parquet'), '--json')
    const m4 = await cli('merge', four, '--out', join(dir, 'four.parquet'), '--json')
    expect(m1.code, m1.stderr).toBe(0)
    expect(m4.code, m4.stderr).toBe(0)
    expect(JSON.parse(m4.stdout)).toMatchObject({ rows: 40, shards: 4, failedSamples: 0 })
    expect(fileHash(join(dir, 'four.parquet'))).toBe(fileHash(join(dir, 'one.parquet')))

    const table = await readTable(join(dir, 'four.parquet'))
    expect(table.info.shard).toBeNull()
    expect(table.info.specHash).toMatch(/^[0-9a-f]{64}$/)
    expect(table.columnNames).toEqual(['sample', 'core.diameterNm', 'core.material', 'ligands[0].perParticle', 'selectivityIndex', 'bloodHalfLifeH', 'error'])
    expect(table.columns[0]).toEqual(Array.from({ length: 40 }, (_, i) => i))
    // row 17 recomputed from its knob values by the engine directly
    const r = 17
    const design = setKnobs(newDesign(), [['core.diameterNm', table.columns[1]![r]!], ['core.material', table.columns[2]![r]!], ['ligands[0].perParticle', table.columns[3]![r]!]])
    expect(design.valid).toBe(true)
    if (!design.valid) return
    const direct = evaluateDesign(design.design, { hours: 24 })
    expect(table.columns[4]![r]).toBe(direct.selectivityIndex)
    expect(table.columns[5]![r]).toBe(direct.bloodHalfLifeH)
    expect(Number.isInteger(table.columns[3]![r])).toBe(true)

    // CSV: the same rows, numbers that read back to the same doubles, provenance columns
    expect((await cli('merge', four, '--out', join(dir, 'four.csv'))).code).toBe(0)
    const lines = readFileSync(join(dir, 'four.csv'), 'utf8').trim().split('\n')
    expect(lines.length).toBe(41)
    expect(lines[0]).toBe('sample,core.diameterNm,core.material,ligands[0].perParticle,selectivityIndex,bloodHalfLifeH,error,specHash,engineVersion')
    const cells = lines[1 + r]!.split(',')
    expect(Number(cells[0])).toBe(r)
    expect(Number(cells[4])).toBe(direct.selectivityIndex)
    expect(cells[7]).toBe(table.info.specHash)
  })

  it('never overwrites a shard of another sweep', async () => {
    const out = join(dir, 'guard')
    expect((await cli('sweep', writeSpec('g1.json'), '--shard', '0/4', '--out', out)).code).toBe(0)
    const before = fileHash(join(out, 'shard-00000-of-00004.parquet'))
    const run = await cli('sweep', writeSpec('g2.json', { seed: 4 }), '--shard', '0/4', '--out', out, '--json')
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(/another sweep/)
    expect(fileHash(join(out, 'shard-00000-of-00004.parquet'))).toBe(before)
  })
})

describe('nanoforge merge', () => {
  it('names missing, duplicate and foreign shards and files that are not shards, and writes nothing', async () => {
    const spec = writeSpec('m.json')
    const shards = join(dir, 'messy')
    for (const i of [0, 1, 3]) expect((await cli('sweep', spec, '--shard', `${i}/4`, '--out', shards)).code).toBe(0)
    copyFileSync(join(shards, 'shard-00001-of-00004.parquet'), join(shards, 'copy of shard 1.parquet'))
    const other = join(dir, 'other')
    expect((await cli('sweep', writeSpec('m2.json', { seed: 9 }), '--shard', '2/4', '--out', other)).code).toBe(0)
    renameSync(join(other, 'shard-00002-of-00004.parquet'), join(shards, 'shard-00002-of-00004.parquet'))
    writeFileSync(join(shards, 'notes.parquet'), 'not parquet at all')
    const out = join(dir, 'messy.parquet')
    const run = await cli('merge', shards, '--out', out, '--json')
    expect(run.code).toBe(2)
    const issues = issuesOf(run)
    const text = issues.map((i) => `${i.path}: ${i.message}`).join('\n')
    expect(text).toMatch(/missing shard 2 of 4/)
    expect(text).toMatch(/copy of shard 1\.parquet: is shard 1\/4, which is present 2 times/)
    expect(text).toMatch(/shard-00002-of-00004\.parquet: is a shard of another sweep/)
    expect(text).toMatch(/notes\.parquet: is not a readable Parquet file/)
    expect(existsSync(out)).toBe(false)
  })

  it('refuses shards of a different split and an empty folder', async () => {
    const spec = writeSpec('split.json')
    const shards = join(dir, 'split')
    for (const s of ['0/2', '1/2', '1/4']) expect((await cli('sweep', spec, '--shard', s, '--out', shards)).code).toBe(0)
    const run = await cli('merge', shards, '--out', join(dir, 'split.parquet'), '--json')
    expect(run.code).toBe(2)
    expect(issuesOf(run)).toEqual([{ path: 'shard-00001-of-00004.parquet', message: 'is shard 1/4, but the other shards split the sweep into 2' }])
    mkdirSync(join(dir, 'empty'))
    const empty = await cli('merge', join(dir, 'empty'), '--out', join(dir, 'e.parquet'))
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/holds no shard files/)
  })

  it('gives the same merged file after a shard is killed mid-run and re-run alone (and on 2 workers as on 1)', async () => {
    // 1200 samples in 2 shards: shard 1 reports progress after its first 500 samples and is killed there
    const spec = writeSpec('kill.json', { samples: 1200, metrics: ['selectivityIndex'] })
    const reference = join(dir, 'kill-one')
    const whole = await cli('sweep', spec, '--out', reference, '--workers', '2', '--json')
    expect(whole.code, whole.stderr).toBe(0)
    expect(JSON.parse(whole.stdout)).toMatchObject({ workers: 2, rows: 1200 })
    expect((await cli('merge', reference, '--out', join(dir, 'kill-reference.parquet'))).code).toBe(0)

    const shards = join(dir, 'kill-shards')
    expect((await cli('sweep', spec, '--shard', '0/2', '--out', shards, '--workers', '1')).code).toBe(0)
    const child = spawn(process.execPath, [BIN, 'sweep', spec, '--shard', '1/2', '--out', shards, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stderr.on('data', (chunk: Buffer) => { if (chunk.toString().includes('500/600')) child.kill('SIGKILL') })
    const killed = await collect(child)
    expect(killed.signal).toBe('SIGKILL')
    expect(readdirSync(shards).filter((n) => n.endsWith('.parquet'))).toEqual(['shard-00000-of-00002.parquet'])
    const incomplete = await cli('merge', shards, '--out', join(dir, 'kill.parquet'), '--json')
    expect(incomplete.code).toBe(2)
    expect(issuesOf(incomplete)[0]!.message).toMatch(/^missing shard 1 of 2 \(re-run each with nanoforge sweep SPEC --shard I\/2/)

    expect((await cli('sweep', spec, '--shard', '1/2', '--out', shards, '--workers', '1')).code).toBe(0)
    expect((await cli('merge', shards, '--out', join(dir, 'kill.parquet'))).code).toBe(0)
    expect(fileHash(join(dir, 'kill.parquet'))).toBe(fileHash(join(dir, 'kill-reference.parquet')))
  }, 120_000)
})

describe('nanoforge sweep --slurm', () => {
  it('writes a job array of N shards, a merge job and a submit script that makes the merge depend on the array', async () => {
    const spec = writeSpec('slurm.json')
    const jobs = join(dir, 'jobs')
    const run = await cli('sweep', spec, '--slurm', jobs, '--array', '4', '--partition', 'debug', '--time', '00:10:00', '--json')
    expect(run.code, run.stderr).toBe(0)
    const doc = JSON.parse(run.stdout) as { shards: number; specHash: string }
    expect(doc.shards).toBe(4)
    const array = readFileSync(join(jobs, 'sweep.sbatch'), 'utf8')
    expect(array).toMatch(/^#SBATCH --array=0-3$/m)
    expect(array).toMatch(/^#SBATCH --partition=debug$/m)
    expect(array).toMatch(/^#SBATCH --time=00:10:00$/m)
    expect(array).toContain('--shard "${SLURM_ARRAY_TASK_ID}/4"')
    expect(array).toContain(`--out '${join(jobs, 'shards')}'`)
    const merge = readFileSync(join(jobs, 'merge.sbatch'), 'utf8')
    expect(merge).toContain(`merge '${join(jobs, 'shards')}' --out '${join(jobs, 'sweep.parquet')}'`)
    const submit = readFileSync(join(jobs, 'submit.sh'), 'utf8')
    expect(submit).toMatch(/sbatch --parsable --dependency=afterok:"\$array" merge\.sbatch/)
    // the spec is frozen beside the jobs, canonical, with the hash the shards will carry
    expect(JSON.parse(readFileSync(join(jobs, 'spec.json'), 'utf8'))).toMatchObject({ format: 'nanoforge.sweep', samples: 40, seed: 3 })
  })

  it('refuses a bad --time, a folder Slurm cannot name and more shards than samples', async () => {
    const spec = writeSpec('slurm-bad.json')
    expect((await cli('sweep', spec, '--slurm', join(dir, 'j1'), '--time', 'soon')).stderr).toMatch(/--time must be a Slurm time limit/)
    expect((await cli('sweep', spec, '--slurm', join(dir, 'with space'))).stderr).toMatch(/cannot quote spaces/)
    expect((await cli('sweep', spec, '--slurm', join(dir, 'j2'), '--array', '41')).stderr).toMatch(/use at most 40/)
    expect((await cli('sweep', spec, '--slurm', join(dir, 'j3'), '--shard', '0/2')).code).toBe(2)
    expect(existsSync(join(dir, 'j1'))).toBe(false)
  })
})
