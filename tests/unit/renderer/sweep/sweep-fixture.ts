import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../../../electron/cli/main'
import { newDesign } from '../../../../shared/design/defaults'

/** The spec of the test sweep: three knobs (one a choice, one a whole number on a log range), three metrics, 24 h. */
export function testSpec(samples: number, seed = 5): Record<string, unknown> {
  return {
    format: 'nanoforge.sweep', version: 1, base: { ...newDesign(), name: 'Sweep base' }, method: 'latin-hypercube', samples, seed,
    vary: [
      { path: 'core.diameterNm', min: 50, max: 250 },
      { path: 'core.material', options: ['plga-50-50', 'pla'] },
      { path: 'ligands[0].perParticle', min: 10, max: 1000 },
    ],
    metrics: ['selectivityIndex', 'bloodHalfLifeH', 'liverSpleenAt24hPercentDose'], hours: 24,
  }
}

/** Files of one sweep made by the CLI's own commands: the spec as written, 2 shards, the merged Parquet and CSV. */
export interface SweepFiles {
  readonly spec: string
  readonly parquet: string
  readonly csv: string
}

async function cli(...args: string[]): Promise<void> {
  let err = ''
  const code = await main(args, { stdout: () => {}, stderr: (t) => (err += t) })
  if (code !== 0) throw new Error(`nanoforge ${args.join(' ')} exited ${code}: ${err}`)
}

/**
 * Runs `nanoforge sweep SPEC --shard I/2` twice and `nanoforge merge` into Parquet and CSV,
 * in-process through the CLI's entry point (the commands a cluster user runs).
 */
export async function makeSweepFiles(dir: string, samples = 30, seed = 5): Promise<SweepFiles> {
  const spec = join(dir, 'spec.json')
  writeFileSync(spec, JSON.stringify(testSpec(samples, seed), null, 2))
  const shards = join(dir, 'shards')
  for (let i = 0; i < 2; i++) await cli('sweep', spec, '--shard', `${i}/2`, '--out', shards, '--workers', '1')
  const parquet = join(dir, 'sweep.parquet')
  const csv = join(dir, 'sweep.csv')
  await cli('merge', shards, '--out', parquet)
  await cli('merge', shards, '--out', csv)
  return { spec, parquet, csv }
}

/** A file's bytes as an ArrayBuffer of exactly its length. */
export function fileBytes(path: string): ArrayBuffer {
  const b = readFileSync(path)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}
