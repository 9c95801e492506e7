/**
 * `nanoforge sweep` with the virtual-cohort method (issue 17): the spec names its cohort file,
 * the canonical spec (and so every shard, the merged file and a --slurm folder's spec.json)
 * carries the cohort itself; shards of any split merge into the same bytes; the covariate
 * columns stand between the knobs and the metrics in Parquet and CSV; a non-human base design
 * and an unreadable cohort file are refused with exit 2 and the reason.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import { fileHash, makeTempDir, REPO_ROOT } from '../helpers'
import { newDesign } from '../../../../shared/design/defaults'
import { decodeSweepParquet } from '../../../../shared/sweep/parquet'
import { parseSweepSpec } from '../../../../shared/sweep/spec'
import { sweepSampler } from '../../../../shared/sweep/shard'
import { evaluatePatientsSerially } from '../../../../shared/sweep/cohort'
import { createDesignPool } from '../../../../electron/cli/commands/design-pool'

let dir: string
let cleanup: () => void
beforeAll(() => {
  ({ dir, cleanup } = makeTempDir('nanoforge-sweep-cohort-'))
  copyFileSync(join(REPO_ROOT, 'resources', 'cohorts', 'ra.nanoforge-cohort.json'), join(dir, 'ra.nanoforge-cohort.json'))
})
afterAll(() => cleanup())

interface Run { code: number; stdout: string; stderr: string }

async function cli(...args: string[]): Promise<Run> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

function humanBase(): Record<string, unknown> {
  const d = newDesign()
  return { ...d, name: 'Cohort base', context: { ...d.context, species: 'human', disease: 'rheumatoid-arthritis' } }
}

function writeSpec(name: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, name)
  writeFileSync(file, JSON.stringify({
    format: 'nanoforge.sweep', version: 1, base: humanBase(), method: 'virtual-cohort', cohort: 'ra.nanoforge-cohort.json',
    samples: 9, seed: 11, vary: [{ path: 'core.diameterNm', min: 60, max: 200 }],
    metrics: ['selectivityIndex', 'targetExposureRatio', 'cortisolSuppression'], hours: 24, ...extra,
  }, null, 2))
  return file
}

async function readTable(file: string): Promise<Awaited<ReturnType<typeof decodeSweepParquet>>> {
  const b = readFileSync(file)
  return decodeSweepParquet(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer)
}

describe('nanoforge sweep, virtual cohort', () => {
  it('1 shard and 3 shards merge into the same bytes; the table has the covariates beside the knob and the metrics', async () => {
    const spec = writeSpec('cohort.json')
    expect((await cli('sweep', spec, '--out', join(dir, 'one'))).code).toBe(0)
    for (let i = 0; i < 3; i++) {
      const run = await cli('sweep', spec, '--shard', `${i}/3`, '--out', join(dir, 'three'), '--json')
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ shard: { index: i, count: 3 }, rows: 3, failedSamples: 0 })
    }
    expect((await cli('merge', join(dir, 'one'), '--out', join(dir, 'one.parquet'))).code).toBe(0)
    const merged = await cli('merge', join(dir, 'three'), '--out', join(dir, 'three.parquet'), '--json')
    expect(merged.code, merged.stdout).toBe(0)
    expect(fileHash(join(dir, 'three.parquet'))).toBe(fileHash(join(dir, 'one.parquet')))
    const columns = ['sample', 'core.diameterNm', 'patient.sex', 'patient.ageY', 'patient.heightCm', 'patient.bodyWeightKg', 'patient.egfrMlPerMin', 'patient.activity', 'selectivityIndex', 'targetExposureRatio', 'cortisolSuppression', 'error']
    expect(JSON.parse(merged.stdout).columns).toEqual(columns)
    const table = await readTable(join(dir, 'three.parquet'))
    expect(table.columnNames).toEqual(columns)
    expect(table.rows).toBe(9)
    // the file carries the cohort it drew from, not the file name
    const carried = JSON.parse(table.info.spec) as { cohort: { disease: string; femaleFraction: { value: number } } }
    expect(carried.cohort.disease).toBe('rheumatoid-arthritis')
    expect(carried.cohort.femaleFraction.value).toBe(0.75)
    for (const v of table.columns[2]!) expect(['female', 'male']).toContain(v)
    // the CSV holds the same columns, then the provenance
    expect((await cli('merge', join(dir, 'three'), '--out', join(dir, 'three.csv'))).code).toBe(0)
    const csv = readFileSync(join(dir, 'three.csv'), 'utf8').trim().split('\n')
    expect(csv[0]).toBe([...columns, 'specHash', 'engineVersion'].join(','))
    expect(csv).toHaveLength(10)
    expect(Number(csv[1]!.split(',')[3])).toBe(table.columns[3]![0])
  })

  it('a --slurm folder\'s spec.json carries the cohort inline: a shard run from it is the shard run from the spec that names the file', async () => {
    const spec = writeSpec('cohort-slurm.json')
    const slurm = join(dir, 'slurm')
    const w = await cli('sweep', spec, '--slurm', slurm, '--array', '3', '--json')
    expect(w.code, w.stderr).toBe(0)
    const canonical = JSON.parse(readFileSync(join(slurm, 'spec.json'), 'utf8')) as { cohort: unknown }
    expect(typeof canonical.cohort).toBe('object')
    expect(readFileSync(join(slurm, 'sweep.sbatch'), 'utf8')).toContain(`sweep '${join(slurm, 'spec.json')}' --shard "\${SLURM_ARRAY_TASK_ID}/3"`)
    expect((await cli('sweep', join(slurm, 'spec.json'), '--shard', '1/3', '--out', join(dir, 'from-canonical'))).code).toBe(0)
    expect((await cli('sweep', spec, '--shard', '1/3', '--out', join(dir, 'from-named'))).code).toBe(0)
    const name = 'shard-00001-of-00003.parquet'
    expect(fileHash(join(dir, 'from-canonical', name))).toBe(fileHash(join(dir, 'from-named', name)))
  })

  it('refuses a non-human base design, and a cohort file it cannot read, with exit 2, the path and the reason; writes nothing', async () => {
    const mouse = writeSpec('mouse.json', { base: { ...newDesign(), name: 'Mouse base' } })
    const run = await cli('sweep', mouse, '--out', join(dir, 'never'), '--json')
    expect(run.code).toBe(2)
    const issues = (JSON.parse(run.stdout) as { error: { issues: Array<{ path: string; message: string }> } }).error.issues
    expect(issues).toEqual([{ path: 'base.context.species', message: expect.stringMatching(/^is "mouse": a virtual-cohort sweep draws virtual patients, who are human/) }])
    const text = await cli('sweep', mouse, '--out', join(dir, 'never'))
    expect(text.code).toBe(2)
    expect(text.stderr).toMatch(/base\.context\.species.*must be a human design/)
    const lost = writeSpec('lost.json', { cohort: 'no-such-cohort.json' })
    const missing = await cli('sweep', lost, '--out', join(dir, 'never'), '--json')
    expect(missing.code).toBe(2)
    const why = (JSON.parse(missing.stdout) as { error: { message: string; issues: Array<{ path: string; message: string }> } }).error
    expect(why.message).toMatch(/the cohort file it names cannot be read/)
    expect(why.issues[0]!.path).toBe('cohort')
    expect(why.issues[0]!.message).toContain(join(dir, 'no-such-cohort.json'))
    // a problem inside the named file says which file it is in
    writeFileSync(join(dir, 'bad-cohort.json'), JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'ra.nanoforge-cohort.json'), 'utf8')) as object, femaleFraction: { value: 2, source: 'x' } }))
    const bad = await cli('sweep', writeSpec('bad.json', { cohort: 'bad-cohort.json' }), '--out', join(dir, 'never'), '--json')
    expect(bad.code).toBe(2)
    const badIssue = (JSON.parse(bad.stdout) as { error: { issues: Array<{ path: string; message: string }> } }).error.issues[0]!
    expect(badIssue.path).toBe('cohort.femaleFraction.value')
    expect(badIssue.message).toContain(`(in ${join(dir, 'bad-cohort.json')})`)
    expect(existsSync(join(dir, 'never'))).toBe(false)
  })

  it('the worker pool evaluates (design, patient) pairs to exactly the single-thread outcomes', async () => {
    const parsed = parseSweepSpec({ ...JSON.parse(readFileSync(writeSpec('pool.json'), 'utf8')) as Record<string, unknown>, cohort: JSON.parse(readFileSync(join(dir, 'ra.nanoforge-cohort.json'), 'utf8')) as unknown, samples: 16 })
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
    const { sample } = sweepSampler(parsed.sweep)
    const items = Array.from({ length: 16 }, (_, i) => sample(i)).map((s) => (s.ok ? { design: s.design, patient: s.patient! } : null)).filter((x) => x !== null)
    expect(items).toHaveLength(16)
    const pool = createDesignPool(2)
    try {
      const threaded = await pool.patients(items, 24, parsed.sweep.cohort!)
      const serial = await evaluatePatientsSerially(items, 24, parsed.sweep.cohort!)
      expect(threaded.every((o) => o.ok)).toBe(true)
      expect(threaded).toEqual(serial)
    } finally {
      await pool.close()
    }
  }, 60_000)
})
