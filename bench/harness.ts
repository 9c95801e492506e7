/**
 * Benchmark harness for `npm run bench`. Speed and memory targets are checked here, never in
 * timed tests (a test must not fail because the machine is busy).
 */
export interface Figure {
  /** Stable name, e.g. `releaseCurvesMedianMs`; the JSON output is keyed by it. */
  readonly name: string
  readonly value: number
  readonly unit: string
  /** The target from the issue, when there is one; `value <= target` passes. */
  readonly target?: number
  readonly note?: string
}

export interface Benchmark {
  readonly name: string
  run(): Promise<ReadonlyArray<Figure>> | ReadonlyArray<Figure>
}

/** Median wall time of `fn` in ms over `iterations` runs after `warmup` runs. */
export async function medianMs(fn: () => unknown, iterations = 200, warmup = 20): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const samples: number[] = []
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now()
    await fn()
    samples.push(performance.now() - t0)
  }
  samples.sort((a, b) => a - b)
  const mid = samples.length >> 1
  return samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2
}

/** Median of `values` (the mean of the middle two for an even count). */
export function median(values: ReadonlyArray<number>): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}
