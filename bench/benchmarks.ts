/**
 * Every benchmark `npm run bench` runs. Figures are named with their unit; targets come from
 * the issues. Engine and scene figures join this list as those capabilities land.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { validateDesign } from '../shared/design/schema'
import { deriveProperties } from '../shared/design/derived'
import { newDesign } from '../shared/design/defaults'
import { openDesignLibrary } from '../electron/db/library'
import { type Benchmark, medianMs } from './harness'

const design = newDesign()

const designBenchmarks: Benchmark = {
  name: 'design',
  async run() {
    return [
      { name: 'validateDesignMedianMs', value: await medianMs(() => validateDesign(design), 2000, 200), unit: 'ms' },
      { name: 'derivePropertiesMedianMs', value: await medianMs(() => deriveProperties(design), 2000, 200), unit: 'ms' },
    ]
  },
}

const storeBenchmarks: Benchmark = {
  name: 'store',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'nanoforge-bench-'))
    const library = openDesignLibrary({ path: join(dir, 'bench.db') })
    try {
      let i = 0
      // synchronous=FULL: each save is one fsync'd transaction, as in the app.
      const save = await medianMs(() => library.saveDesign({ ...design, name: `Bench design ${i++}` }, {}), 200, 20)
      const list = await medianMs(() => library.listDesigns({ limit: 50 }), 200, 20)
      return [
        { name: 'dbSaveMedianMs', value: save, unit: 'ms', target: 5, note: `${i} designs, synchronous=FULL` },
        { name: 'dbListFirstPageMs', value: list, unit: 'ms', target: 50, note: `${i} designs, newest first` },
      ]
    } finally {
      library.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export const benchmarks: ReadonlyArray<Benchmark> = [designBenchmarks, storeBenchmarks]
