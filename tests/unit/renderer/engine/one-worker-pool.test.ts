/**
 * Architecture rule (issue #13, "All cores"): the renderer computes on one shared worker pool
 * (renderer/engine/worker-pool.ts). No feature makes its own Web Worker: a second set of workers
 * would compete with the pool for the same cores and slip past its live lane and priorities.
 * The one exception is the report's PDF worker (report-client.ts says why in a comment).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '../../../..')
const RENDERER = join(ROOT, 'renderer')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|js|jsx|mts)$/.test(e.name) ? [path] : []
  })
}

/** Every `new Worker(` / `new SharedWorker(` in renderer/, by file (relative path) and count. */
function workerConstructions(): Record<string, number> {
  const found: Record<string, number> = {}
  for (const file of sourceFiles(RENDERER)) {
    const n = (readFileSync(file, 'utf8').match(/new\s+(?:Shared)?Worker\s*\(/g) ?? []).length
    if (n > 0) found[relative(ROOT, file).split('\\').join('/')] = n
  }
  return found
}

describe('one worker pool in the renderer', () => {
  it('only the pool makes Web Workers (and the report its PDF worker, explained beside it)', () => {
    expect(workerConstructions()).toEqual({
      'renderer/engine/worker-pool.ts': 1,
      'renderer/features/report/report-client.ts': 1,
    })
    const report = readFileSync(join(RENDERER, 'features/report/report-client.ts'), 'utf8')
    expect(report).toMatch(/outside the shared pool \(renderer\/engine\/worker-pool\.ts\), on purpose/)
  })

  it('the pool starts the one pool worker entry, and no other worker entry is left in renderer/', () => {
    const pool = readFileSync(join(RENDERER, 'engine/worker-pool.ts'), 'utf8')
    expect(pool).toMatch(/new Worker\(new URL\('\.\/pool\.worker\.ts', import\.meta\.url\)/)
    const entries = sourceFiles(RENDERER).filter((f) => /\.worker\.tsx?$/.test(f)).map((f) => relative(ROOT, f).split('\\').join('/')).sort()
    expect(entries).toEqual(['renderer/engine/pool.worker.ts', 'renderer/features/report/report.worker.ts'])
  })
})
