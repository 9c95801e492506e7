/**
 * Issue 17's proof on a real Slurm: a single-node cluster (Debian's slurm-wlm and munge;
 * slurmctld and slurmd on localhost, started and stopped here by their PID files) runs the
 * job array that `nanoforge sweep --slurm` writes — 4 shards of a 2,000-sample sweep with the
 * merge as a dependent job — and the merged file equals the single-process run byte for byte
 * and row for row. Then one shard's output is lost, the merge job names it, the shard is
 * re-run alone, and the merged file is the same again.
 *
 * When Slurm is not installed or cannot start, this test FAILS with the reason: it is never
 * skipped (.ci/run installs slurm-wlm and munge when they are missing).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, freemem, hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import { fileHash, makeTempDir } from '../helpers'
import { newDesign } from '../../../../shared/design/defaults'
import { decodeSweepParquet } from '../../../../shared/sweep/parquet'

const SBIN = '/usr/sbin'
let dir: string
let cleanup: () => void
let env: NodeJS.ProcessEnv
/** PID files of the daemons this test started (stopped in afterAll, only these). */
const started: string[] = []
let startFailure: string | undefined

function tail(file: string, lines = 15): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n') : `(${file} does not exist)`
}

function run(cmd: string, args: string[]): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', timeout: 150_000 })
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` }
}

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

/** Starts munged (if no munge daemon answers) and a one-node Slurm in `dir`; throws with the reason when it cannot. */
async function startSlurm(): Promise<void> {
  for (const bin of ['slurmctld', 'slurmd', 'munged']) {
    if (!existsSync(join(SBIN, bin))) {
      throw new Error(`Slurm cannot start: ${join(SBIN, bin)} is not installed. .ci/run installs Debian's slurm-wlm and munge; on this machine run: apt-get install -y slurm-wlm munge`)
    }
  }
  if (process.getuid?.() !== 0) throw new Error(`Slurm cannot start: this test runs slurmctld and slurmd as root (SlurmUser=root, as in the single-node recipe), but it runs as uid ${process.getuid?.()}`)
  const munge = spawnSync('sh', ['-c', 'munge -n | unmunge'], { encoding: 'utf8' })
  if (munge.status !== 0) {
    mkdirSync('/run/munge', { recursive: true })
    execFileSync('chown', ['munge:munge', '/run/munge'])
    const m = spawnSync(join(SBIN, 'munged'), ['--force'], { encoding: 'utf8' })
    if (m.status !== 0) throw new Error(`Slurm cannot start: munged failed (${m.stderr.trim()})`)
    started.push('/run/munge/munged.pid')
    const again = spawnSync('sh', ['-c', 'munge -n | unmunge'], { encoding: 'utf8' })
    if (again.status !== 0) throw new Error(`Slurm cannot start: munge does not authenticate after starting munged (${again.stderr.trim()})`)
  }
  const host = hostname().split('.')[0]!
  // ports of this run (two runs on one machine must not collide)
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const realMemoryMb = Math.max(256, Math.floor((freemem() / 2 ** 20) * 0.8))
  mkdirSync(join(dir, 'state'))
  mkdirSync(join(dir, 'spool'))
  const conf = join(dir, 'slurm.conf')
  writeFileSync(conf, [
    'ClusterName=nanoforge-test', `SlurmctldHost=${host}`, 'SlurmUser=root', `SlurmctldPort=${port}`, `SlurmdPort=${port + 1}`,
    'AuthType=auth/munge', `StateSaveLocation=${dir}/state`, `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`, `SlurmdPidFile=${dir}/slurmd.pid`,
    'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'JobAcctGatherType=jobacct_gather/none',
    'SelectType=select/cons_tres', 'SelectTypeParameters=CR_Core', 'SchedulerType=sched/backfill', 'ReturnToService=2',
    `SlurmctldLogFile=${dir}/ctld.log`, `SlurmdLogFile=${dir}/d.log`,
    `NodeName=${host} CPUs=${availableParallelism()} RealMemory=${realMemoryMb} State=UNKNOWN`,
    `PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP`, '',
  ].join('\n'))
  env = { ...process.env, SLURM_CONF: conf }
  const ctld = run(join(SBIN, 'slurmctld'), ['-f', conf])
  if (ctld.status !== 0) throw new Error(`Slurm cannot start: slurmctld exited ${ctld.status}: ${ctld.out}\n${tail(join(dir, 'ctld.log'))}`)
  started.push(join(dir, 'slurmctld.pid'))
  await waitFor('slurmctld to answer', () => run('sinfo', ['-h']).status === 0, 20_000).catch((e: Error) => {
    throw new Error(`Slurm cannot start: ${e.message}\n${tail(join(dir, 'ctld.log'))}`)
  })
  const d = run(join(SBIN, 'slurmd'), ['-f', conf])
  if (d.status !== 0) throw new Error(`Slurm cannot start: slurmd exited ${d.status}: ${d.out}\n${tail(join(dir, 'd.log'))}`)
  started.push(join(dir, 'slurmd.pid'))
  await waitFor('the node to be idle', () => /idle/.test(run('sinfo', ['-h', '-o', '%T']).out), 30_000).catch((e: Error) => {
    throw new Error(`Slurm cannot start: ${e.message} (sinfo: ${run('sinfo', []).out.trim()})\n${tail(join(dir, 'd.log'))}\n${tail(join(dir, 'ctld.log'))}`)
  })
}

/** Stops, by their PID files, the daemons this test started (slurmd first, munged last). */
async function stopSlurm(): Promise<void> {
  for (const pidFile of [...started].reverse()) {
    if (!existsSync(pidFile)) continue
    const pid = Number(readFileSync(pidFile, 'utf8').trim())
    if (!Number.isInteger(pid) || pid <= 1) continue
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      continue // already gone
    }
    await waitFor(`pid ${pid} to exit`, () => { try { process.kill(pid, 0); return false } catch { return true } }, 10_000).catch(() => {})
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = makeTempDir('nanoforge-slurm-'))
  try {
    await startSlurm()
  } catch (error) {
    startFailure = error instanceof Error ? error.message : String(error)
  }
}, 90_000)

afterAll(async () => {
  await stopSlurm()
  cleanup()
}, 60_000)

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) })
  return { code, stdout, stderr }
}

async function rows(file: string): Promise<unknown[][]> {
  const b = readFileSync(file)
  const t = await decodeSweepParquet(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer)
  return Array.from({ length: t.rows }, (_, r) => t.columns.map((c) => c[r]))
}

describe('a sweep on a real single-node Slurm', () => {
  it('runs a 4-shard array of 2,000 samples with a dependent merge; the merged file equals the single-process run; a lost shard re-run alone gives it again', async () => {
    if (startFailure !== undefined) throw new Error(startFailure)
    const spec = join(dir, 'spec.json')
    writeFileSync(spec, JSON.stringify({
      format: 'nanoforge.sweep', version: 1, base: newDesign(), method: 'latin-hypercube', samples: 2000, seed: 17,
      vary: [
        { path: 'core.diameterNm', min: 50, max: 250 },
        { path: 'core.material', options: ['plga-50-50', 'plga-75-25', 'pla'] },
        { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1 },
      ],
    }))
    const jobs = join(dir, 'jobs')
    const written = await cli('sweep', spec, '--slurm', jobs, '--array', '4')
    expect(written.code, written.stderr).toBe(0)

    const submit = run('sh', [join(jobs, 'submit.sh')])
    expect(submit.status, submit.out).toBe(0)
    expect(submit.out).toMatch(/submitted: shard array \d+, merge \d+/)
    const merged = join(jobs, 'sweep.parquet')
    const logs = (): string => ['shard-0', 'shard-1', 'shard-2', 'shard-3', 'merge'].map((n) => `${n}: ${tail(join(jobs, 'logs', `${n}.err`), 5)}`).join('\n')
    await waitFor('the array and the merge job to finish', () => run('squeue', ['-h']).out.trim() === '', 150_000)
      .catch((e: Error) => { throw new Error(`${e.message}\nsqueue: ${run('squeue', []).out}\n${logs()}`) })
    expect(existsSync(merged), `no merged file; job logs:\n${logs()}`).toBe(true)

    // the single-process run of the same spec
    const single = join(dir, 'single')
    expect((await cli('sweep', spec, '--out', single, '--workers', '1')).code).toBe(0)
    expect((await cli('merge', single, '--out', join(dir, 'single.parquet'))).code).toBe(0)
    const reference = await rows(join(dir, 'single.parquet'))
    expect(reference.length).toBe(2000)
    expect(await rows(merged)).toEqual(reference)
    expect(fileHash(merged)).toBe(fileHash(join(dir, 'single.parquet')))

    // a shard's output is lost: the merge job fails naming it; re-run that shard alone, merge again
    rmSync(join(jobs, 'shards', 'shard-00002-of-00004.parquet'))
    rmSync(merged)
    const refused = run('sbatch', ['--wait', join(jobs, 'merge.sbatch')])
    expect(refused.status).not.toBe(0)
    expect(readFileSync(join(jobs, 'logs', 'merge.err'), 'utf8')).toMatch(/missing shard 2 of 4/)
    expect(existsSync(merged)).toBe(false)
    const again = run('sbatch', ['--wait', '--array=2', join(jobs, 'sweep.sbatch')])
    expect(again.status, `${again.out}\n${logs()}`).toBe(0)
    const remerge = run('sbatch', ['--wait', join(jobs, 'merge.sbatch')])
    expect(remerge.status, `${remerge.out}\n${logs()}`).toBe(0)
    expect(fileHash(merged)).toBe(fileHash(join(dir, 'single.parquet')))
  }, 180_000)
})
