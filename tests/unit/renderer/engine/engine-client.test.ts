import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign, simulateDesignUncertainty } from '../../../../shared/engine/simulate'
import { MIN_SAMPLES_PER_UNCERTAINTY_WORKER, STALE, createEngineClient, monteCarloRanges } from '../../../../renderer/engine/engine-client'
import { workerFactory } from './in-process-worker'

/** The default design with another PEG grafting density (a different estimate). */
function withPegDensity(perNm2: number): Design {
  const d = newDesign()
  return { ...d, coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: perNm2 }] }
}

/** Lets queued promise callbacks run. */
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('engine client: single estimates (latest change wins)', () => {
  it('keeps one request in flight, drops superseded waiting requests, and answers only the latest', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const a = withPegDensity(0.5)
    const b = withPegDensity(0.2)
    const c = withPegDensity(0.05)
    const pa = client.simulate(a, 24)
    const pb = client.simulate(b, 24)
    const pc = client.simulate(c, 24)
    const fast = workers[0]
    // Only the first request reached the worker; b was superseded by c while waiting.
    expect(fast.received.map((r) => r.kind === 'simulate' && r.design)).toEqual([a])
    await expect(pb).resolves.toBe(STALE)

    // a's answer comes back: stale (c is newer), and c is sent next.
    fast.answer(fast.received[0])
    await expect(pa).resolves.toBe(STALE)
    expect(fast.received).toHaveLength(2)
    const sent = fast.received[1]
    expect(sent.kind === 'simulate' && sent.design).toBe(c)
    expect(sent.kind === 'simulate' && sent.hours).toBe(24)

    fast.answer(sent)
    const answer = await pc
    expect(answer).not.toBe(STALE)
    if (answer === STALE) return
    // The answer is the estimate of c, not of a or b.
    const expected = simulateDesign(c, { hours: 24 })
    expect(answer.result.biodistribution.bloodHalfLifeH).toBeCloseTo(expected.biodistribution.bloodHalfLifeH, 9)
    expect(answer.result.biodistribution.bloodHalfLifeH).not.toBeCloseTo(simulateDesign(a, { hours: 24 }).biodistribution.bloodHalfLifeH, 3)
    client.dispose()
  })

  it('ignores answers for requests it never sent and reports an engine error for the latest request', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const p = client.simulate(newDesign(), 12)
    const fast = workers[0]
    fast.send({ id: 9999, kind: 'error', message: 'not mine' })
    fast.send({ id: fast.received[0].id, kind: 'error', message: 'model diverged' })
    await expect(p).rejects.toThrow('model diverged')
    // The worker is free again: the next request goes straight out.
    void client.simulate(newDesign(), 12)
    expect(fast.received).toHaveLength(2)
    client.dispose()
  })

  it('fails the request in flight when the worker itself breaks, and recovers with a new worker', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const p = client.simulate(newDesign(), 12)
    workers[0].onerror?.({ message: 'SyntaxError in worker' } as ErrorEvent)
    await expect(p).rejects.toThrow('SyntaxError in worker')
    expect(workers[0].terminated).toBe(true)
    const q = client.simulate(newDesign(), 12)
    expect(workers).toHaveLength(2)
    workers[1].answer(workers[1].received[0])
    await expect(q).resolves.not.toBe(STALE)
    client.dispose()
  })

  it('resolves everything pending as stale on dispose', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const p1 = client.simulate(newDesign(), 12)
    const p2 = client.simulate(withPegDensity(0.1), 12)
    client.dispose()
    await expect(p1).resolves.toBe(STALE)
    await expect(p2).resolves.toBe(STALE)
    expect(workers[0].terminated).toBe(true)
  })
})

describe('engine client: Monte Carlo in its own worker', () => {
  it('forwards progress and resolves with the band of the requested design', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const progress: Array<[number, number]> = []
    const run = client.uncertainty(newDesign(), { samples: 6, seed: 7, hours: 24 }, (done, total) => progress.push([done, total]))
    const mcWorker = workers[0]
    const request = mcWorker.received[0]
    expect(request.kind).toBe('uncertainty')
    mcWorker.answer(request)
    const result = await run.promise
    expect(result).not.toBe(STALE)
    if (result === STALE) return
    expect(result.samples).toBe(6)
    expect(result.seed).toBe(7)
    expect(progress.at(-1)).toEqual([6, 6])
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4, 5, 6])
    // Band brackets its median for the blood curve at every time.
    const blood = result.percentDose.blood
    blood.median.forEach((m, i) => {
      expect(blood.lower[i]).toBeLessThanOrEqual(m + 1e-12)
      expect(blood.upper[i]).toBeGreaterThanOrEqual(m - 1e-12)
    })
    // a finished run's worker stays alive, warm, and takes the next run; dispose ends it
    expect(mcWorker.terminated).toBe(false)
    const next = client.uncertainty(newDesign(), { samples: 3, seed: 8, hours: 24 })
    expect(workers).toHaveLength(1)
    expect(mcWorker.received[1]!.kind).toBe('uncertainty')
    mcWorker.answer(mcWorker.received[1]!)
    const again = await next.promise
    expect(again === STALE ? 0 : again.seed).toBe(8)
    client.dispose()
    expect(mcWorker.terminated).toBe(true)
  })

  it('cancel terminates the worker at once, resolves stale, and ignores anything the old run still says', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const progress: number[] = []
    const run = client.uncertainty(newDesign(), { samples: 50, seed: 1 }, (done) => progress.push(done))
    const mcWorker = workers[0]
    const id = mcWorker.received[0].id
    mcWorker.send({ id, kind: 'progress', done: 3, total: 50 })
    run.cancel()
    expect(mcWorker.terminated).toBe(true)
    await expect(run.promise).resolves.toBe(STALE)
    mcWorker.send({ id, kind: 'progress', done: 4, total: 50 })
    expect(progress).toEqual([3])
    client.dispose()
  })

  it('a new run replaces the old one, and the single-estimate worker keeps working meanwhile', async () => {
    const { make, workers } = workerFactory('manual')
    const client = createEngineClient(make)
    const first = client.uncertainty(newDesign(), { samples: 50, seed: 1, hours: 12 })
    const second = client.uncertainty(withPegDensity(0.1), { samples: 4, seed: 2, hours: 12 })
    const [w1, w2] = workers
    expect(w1.terminated).toBe(true)
    expect(w2.terminated).toBe(false)
    await expect(first.promise).resolves.toBe(STALE)

    // A live estimate during Monte Carlo goes to a third, separate worker.
    const estimate = client.simulate(newDesign(), 12)
    const fast = workers[2]
    expect(fast).toBeDefined()
    expect(fast.received[0].kind).toBe('simulate')
    fast.answer(fast.received[0])
    await expect(estimate).resolves.not.toBe(STALE)

    w2.answer(w2.received[0])
    const result = await second.promise
    expect(result).not.toBe(STALE)
    if (result !== STALE) expect(result.seed).toBe(2)
    // Cancelling the replaced run later does not touch the new one.
    first.cancel()
    client.dispose()
    await flush()
  })
})

describe('engine client: Monte Carlo split over several workers (issue #13, all cores)', () => {
  it('two workers give the band of one worker and of the engine, to the last digit, with progress summed', async () => {
    const samples = 2 * MIN_SAMPLES_PER_UNCERTAINTY_WORKER
    const one = createEngineClient(workerFactory('auto').make, 1)
    const split = workerFactory('auto')
    const two = createEngineClient(split.make, 2)
    const progress: Array<[number, number]> = []
    const [a, b] = await Promise.all([
      one.uncertainty(newDesign(), { samples, seed: 5, hours: 24 }).promise,
      two.uncertainty(newDesign(), { samples, seed: 5, hours: 24 }, (done, total) => progress.push([done, total])).promise,
    ])
    expect(split.workers).toHaveLength(2)
    // short ranges (at least 25 samples) taken in turn by whichever worker is free: both worked
    expect(split.workers.every((w) => w.received.length > 0)).toBe(true)
    const ranges = split.workers.flatMap((w) => w.received).map((r) => (r.kind === 'uncertainty-range' ? [r.from, r.to] : null))
    expect([...ranges].sort((x, y) => x![0]! - y![0]!)).toEqual([[0, 25], [25, 50], [50, 75], [75, 100]])
    expect(b).toEqual(a)
    expect(b).toEqual(simulateDesignUncertainty(newDesign(), { samples, seed: 5, hours: 24 }))
    expect(progress.at(-1)).toEqual([samples, samples])
    // kept for the next run (warm), ended by dispose
    expect(split.workers.some((w) => w.terminated)).toBe(false)
    expect(await two.uncertainty(newDesign(), { samples, seed: 5, hours: 24 }).promise).toEqual(a)
    expect(split.workers).toHaveLength(2)
    one.dispose()
    two.dispose()
    expect(split.workers.every((w) => w.terminated)).toBe(true)
  })

  it('a run is cut into contiguous ranges of 25 to 100 samples, long first (guided), covering every sample once', () => {
    // 1000 on 2 workers: a quarter of what is left, capped at 100 while 400 or more are left
    // (7 × 100), then ceil(300/4) = 75, ceil(225/4) = 57, ceil(168/4) = 42, ceil(126/4) = 32,
    // the 25 floor three times (94, 69, 44 left) and the last 19
    const sizes = monteCarloRanges(1000, 2).map(([from, to]) => to - from)
    expect(sizes).toEqual([100, 100, 100, 100, 100, 100, 100, 75, 57, 42, 32, 25, 25, 25, 19])
    const r = monteCarloRanges(1000, 2)
    r.forEach(([from], i) => expect(from).toBe(i === 0 ? 0 : r[i - 1]![1]))
    expect(r.at(-1)![1]).toBe(1000)
    // 130 on 2: ceil(130/4) = 33, then ceil(97/4) = 25, then the 25 floor, then the 22 left
    expect(monteCarloRanges(130, 2)).toEqual([[0, 33], [33, 58], [58, 83], [83, 108], [108, 130]])
    // 200 on 1: ceil(200/2) = 100, ceil(100/2) = 50, then 25 and 25
    expect(monteCarloRanges(200, 1)).toEqual([[0, 100], [100, 150], [150, 175], [175, 200]])
    expect(monteCarloRanges(10, 4)).toEqual([[0, 10]])
    expect(monteCarloRanges(0, 2)).toEqual([])
  })

  it('few samples stay on one worker; cancel terminates every worker of a split run', async () => {
    const small = workerFactory('manual')
    const c1 = createEngineClient(small.make, 4)
    void c1.uncertainty(newDesign(), { samples: MIN_SAMPLES_PER_UNCERTAINTY_WORKER + 1, seed: 1 })
    expect(small.workers).toHaveLength(1)
    expect(small.workers[0]!.received[0]!.kind).toBe('uncertainty')
    c1.dispose()

    const big = workerFactory('manual')
    const c2 = createEngineClient(big.make, 3)
    const run = c2.uncertainty(newDesign(), { samples: 3 * MIN_SAMPLES_PER_UNCERTAINTY_WORKER, seed: 1 })
    expect(big.workers).toHaveLength(3)
    run.cancel()
    await expect(run.promise).resolves.toBe(STALE)
    expect(big.workers.every((w) => w.terminated)).toBe(true)
    c2.dispose()
  })
})
