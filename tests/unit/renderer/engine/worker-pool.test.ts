/**
 * The app's one worker pool (issue #13, "All cores"; renderer/engine/worker-pool.ts). The pool
 * workers are in-process stand-ins running the real pool handler (engine and calibration) with
 * the real engine; the feature clients (engine client, analysis pool, calibration client) run on
 * the pool's handles exactly as in the app.
 *
 * What must hold: the live estimate never waits behind background work; queued work runs most
 * urgent first; cancel stops one job only; a crashed worker fails its own task with a sentence
 * and is replaced; a Monte Carlo band and a sensitivity are the same, bit for bit, on pools of 1
 * and 2 workers and on one thread without a pool.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign, simulateDesignUncertainty } from '../../../../shared/engine/simulate'
import { defaultKnobs } from '../../../../shared/analysis/knobs'
import { designSensitivity } from '../../../../shared/analysis/design-sensitivity'
import { evaluateSerially } from '../../../../shared/analysis/evaluate'
import type { ProfilePosterior } from '../../../../shared/engine/calibrate/apply'
import { MIN_SAMPLES_PER_UNCERTAINTY_WORKER, STALE, createAnalysisPool, createEngineClient } from '../../../../renderer/engine/engine-client'
import { MAX_GENERAL_WORKERS, createWorkerPool, poolSize, priorityOf, type WorkerPool } from '../../../../renderer/engine/worker-pool'
import type { PoolMessage, PoolTask } from '../../../../renderer/engine/pool-protocol'
import { CalibrateRequestError, runSuggest } from '../../../../renderer/features/calibrate/calibrate-client'
import { cohortSlices, runCohortInWorkers } from '../../../../renderer/engine/patient-client'
import { validateDesign } from '../../../../shared/design/schema'
import { runCohort, validateCohort } from '../../../../shared/patient/cohort'
import raCohort from '../../../../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import liposome from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import { poolWorkerFactory, type InProcessPoolWorker } from './in-process-pool-worker'

const design = newDesign()
const withDiameter = (diameterNm: number): Design => ({ ...design, core: { ...design.core, diameterNm } })
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/** The worker a pool made for a slot ('live', or general worker i), the latest if replaced. */
function workerAt(workers: ReadonlyArray<InProcessPoolWorker>, where: 'live' | number): InProcessPoolWorker | undefined {
  return [...workers].reverse().find((w) => (where === 'live' ? w.slot.lane === 'live' : w.slot.lane === 'general' && w.slot.index === where))
}

/** Submits a raw task and records what it hears. */
function track(pool: WorkerPool, task: PoolTask): { heard: PoolMessage[]; failed: string[]; cancel: () => void } {
  const heard: PoolMessage[] = []
  const failed: string[] = []
  const handle = pool.submit(task, { message: (m) => heard.push(m), fail: (r) => failed.push(r) })
  return { heard, failed, cancel: handle.cancel }
}

const mc = (id: number, from = 0, to = 10): PoolTask => ({ domain: 'engine', request: { id, kind: 'uncertainty-range', design, hours: 24, samples: 10, seed: 1, from, to } })

describe('worker pool: size and priorities', () => {
  it('one general worker per core, at least 1 and at most 8', () => {
    expect(poolSize(2)).toBe(2)
    expect(poolSize(1)).toBe(1)
    expect(poolSize(0)).toBe(1)
    expect(poolSize(undefined)).toBe(1)
    expect(poolSize(Number.NaN)).toBe(1)
    expect(poolSize(64)).toBe(MAX_GENERAL_WORKERS)
    expect(MAX_GENERAL_WORKERS).toBe(8)
    expect(() => createWorkerPool({ makeWorker: poolWorkerFactory('auto').make, size: 0 })).toThrow(/whole number ≥ 1, got 0/)
  })

  it('only the live estimate is live; single answers are interactive; runs are background', () => {
    expect(priorityOf({ domain: 'engine', request: { id: 1, kind: 'simulate', design, hours: 72 } })).toBe('live')
    expect(priorityOf({ domain: 'engine', request: { id: 1, kind: 'simulate-batch', designs: [design], hours: 72 } })).toBe('interactive')
    expect(priorityOf(mc(1))).toBe('background')
    expect(priorityOf({ domain: 'engine', request: { id: 1, kind: 'evaluate-designs', designs: [design], hours: 72 } })).toBe('background')
    expect(priorityOf({ domain: 'calibrate', request: { kind: 'suggest', goalDocument: {}, posterior: {} as ProfilePosterior, sources: [], count: 1, seed: 1 } })).toBe('background')
  })

  it('the live estimate runs in its lane at once while a Monte Carlo run and an analysis batch hold the workers', async () => {
    const f = poolWorkerFactory('manual')
    const pool = createWorkerPool({ makeWorker: f.make, size: 1 })
    const client = createEngineClient(() => pool.enginePort(), pool.size)
    const band = client.uncertainty(design, { samples: MIN_SAMPLES_PER_UNCERTAINTY_WORKER, seed: 3, hours: 24 })
    const analysis = createAnalysisPool(() => pool.enginePort(), 1)
    const batch = analysis.evaluate([withDiameter(80), withDiameter(120), withDiameter(160), withDiameter(200)], 24)
    const general = workerAt(f.workers, 0)!
    expect(general.kinds()).toEqual(['uncertainty'])
    expect(pool.status()).toMatchObject({ queued: 1, running: 1 })

    const estimate = client.simulate(withDiameter(150), 24)
    const lane = workerAt(f.workers, 'live')!
    // sent at once, not queued behind the 2 background tasks
    expect(lane.kinds()).toEqual(['simulate'])
    lane.answer()
    const answer = await estimate
    if (answer === STALE) throw new Error('the only estimate was stale')
    expect(answer.result.biodistribution.bloodHalfLifeH).toBe(simulateDesign(withDiameter(150), { hours: 24 }).biodistribution.bloodHalfLifeH)
    // ...while the Monte Carlo run still holds the general worker and the batch still waits
    expect(general.kinds()).toEqual(['uncertainty'])
    expect(pool.status()).toMatchObject({ queued: 1, running: 1 })

    general.answer()
    const result = await band.promise
    expect(result).toEqual(simulateDesignUncertainty(design, { samples: MIN_SAMPLES_PER_UNCERTAINTY_WORKER, seed: 3, hours: 24 }))
    expect(general.kinds()).toEqual(['uncertainty', 'evaluate-designs'])
    general.answer()
    expect(await batch).toEqual(await evaluateSerially([withDiameter(80), withDiameter(120), withDiameter(160), withDiameter(200)], 24))
    analysis.terminate()
    client.dispose()
    pool.dispose()
  })

  it('a patient estimate waits for one Monte Carlo range, not for the whole run', async () => {
    const f = poolWorkerFactory('manual')
    const pool = createWorkerPool({ makeWorker: f.make, size: 1 })
    const client = createEngineClient(() => pool.enginePort(), pool.size)
    const run = client.uncertainty(design, { samples: 200, seed: 2, hours: 24 })
    const general = workerAt(f.workers, 0)!
    const batch = track(pool, { domain: 'engine', request: { id: 77, kind: 'simulate-batch', designs: [withDiameter(90)], hours: 24 } })
    general.answer()
    // after the first range (100 of 200 samples) the interactive task goes before the next range
    expect(general.received.map((e) => e.task.request.kind)).toEqual(['uncertainty-range', 'simulate-batch'])
    general.answer()
    expect(batch.heard.at(-1)!.kind).toBe('batch')
    for (let i = 0; i < 3; i++) general.answer()
    expect(general.kinds()).toEqual(['uncertainty-range', 'simulate-batch', 'uncertainty-range', 'uncertainty-range', 'uncertainty-range'])
    expect(await run.promise).toEqual(simulateDesignUncertainty(design, { samples: 200, seed: 2, hours: 24 }))
    client.dispose()
    pool.dispose()
  })

  it('queued work runs most urgent first, in order within a priority; a live estimate takes a general worker when its lane is busy', () => {
    const f = poolWorkerFactory('manual')
    const pool = createWorkerPool({ makeWorker: f.make, size: 1 })
    track(pool, { domain: 'engine', request: { id: 1, kind: 'simulate', design, hours: 24 } })
    track(pool, mc(2))
    track(pool, mc(3))
    track(pool, { domain: 'engine', request: { id: 4, kind: 'simulate-batch', designs: [design], hours: 24 } })
    track(pool, { domain: 'engine', request: { id: 5, kind: 'simulate', design, hours: 24 } })
    const lane = workerAt(f.workers, 'live')!
    const general = workerAt(f.workers, 0)!
    expect(lane.kinds()).toEqual(['simulate'])
    expect(general.kinds()).toEqual(['uncertainty-range'])
    for (let i = 0; i < 3; i++) general.answer()
    // live 5 (lane still busy with 1), then the interactive batch 4, then background 3
    expect(general.received.map((e) => (e.task.request as { id: number }).id)).toEqual([2, 5, 4, 3])
    pool.dispose()
  })
})

describe('worker pool: cancel, crashes, disposal', () => {
  it('cancel stops one job: its queued tasks are dropped, its running worker is terminated and replaced, the other job runs on', async () => {
    const f = poolWorkerFactory('manual')
    const pool = createWorkerPool({ makeWorker: f.make, size: 2 })
    const a = pool.enginePort()
    const b = pool.enginePort()
    const heardA: string[] = []
    const heardB: string[] = []
    a.onmessage = (e) => heardA.push(e.data.kind)
    b.onmessage = (e) => heardB.push(e.data.kind)
    a.postMessage(mc(1).request as Extract<PoolTask, { domain: 'engine' }>['request'])
    b.postMessage(mc(2).request as Extract<PoolTask, { domain: 'engine' }>['request'])
    a.postMessage(mc(3).request as Extract<PoolTask, { domain: 'engine' }>['request'])
    const [g0, g1] = [workerAt(f.workers, 0)!, workerAt(f.workers, 1)!]
    expect(pool.status()).toMatchObject({ queued: 1, running: 2, workers: 2, created: 2 })
    a.terminate()
    expect(g0.terminated).toBe(true)
    expect(g1.terminated).toBe(false)
    expect(pool.status()).toMatchObject({ queued: 0, running: 1, workers: 1 })
    g1.answer()
    expect(heardB.at(-1)).toBe('uncertainty-samples')
    expect(heardA).toEqual([])
    // a terminated handle ignores messages, as a terminated Worker does
    a.postMessage(mc(4).request as Extract<PoolTask, { domain: 'engine' }>['request'])
    expect(pool.status().queued + pool.status().running).toBe(0)
    // the next task gets a fresh worker in the freed slot
    const c = track(pool, mc(5))
    track(pool, mc(6))
    expect(pool.status()).toMatchObject({ running: 2, created: 3 })
    const fresh = f.workers.at(-1)!
    expect(fresh.slot).toEqual({ lane: 'general', index: 0 })
    fresh.answer()
    expect(c.heard.at(-1)!.kind).toBe('uncertainty-samples')
    expect(c.failed).toEqual([])
    await flush()
    pool.dispose()
  })

  it('a worker that crashes fails only its task, with a sentence; the pool replaces it and the next run gives the right band', async () => {
    const f = poolWorkerFactory('manual')
    const pool = createWorkerPool({ makeWorker: f.make, size: 2 })
    const client = createEngineClient(() => pool.enginePort(), 1)
    const other = track(pool, mc(99))
    const run = client.uncertainty(design, { samples: 20, seed: 4, hours: 24 })
    const crashed = workerAt(f.workers, 1)!
    expect(crashed.kinds()).toEqual(['uncertainty'])
    crashed.crash('out of memory')
    await expect(run.promise).rejects.toThrow(/Engine worker failed: The worker running the engine task 'uncertainty' crashed: out of memory\. That task was stopped; the pool replaced the worker/)
    expect(crashed.terminated).toBe(true)
    // the pool lives on: a fresh worker in the crashed one's place takes the next run
    const again = client.uncertainty(design, { samples: 20, seed: 4, hours: 24 })
    const fresh = f.workers.at(-1)!
    expect(fresh).not.toBe(crashed)
    expect(fresh.slot).toEqual(crashed.slot)
    fresh.answer()
    // the other task, running all along, is untouched and answers
    workerAt(f.workers, 0)!.answer()
    expect(other.failed).toEqual([])
    expect(other.heard.at(-1)!.kind).toBe('uncertainty-samples')
    expect(await again.promise).toEqual(simulateDesignUncertainty(design, { samples: 20, seed: 4, hours: 24 }))
    // a worker that fails to load (no message) says so in words too
    const t = track(pool, mc(7))
    f.workers.find((w) => !w.terminated && (w.received.at(-1)?.task.request as { id?: number }).id === 7)!.crash('')
    expect(t.failed).toEqual([`The worker running the engine task 'uncertainty-range' crashed (it failed to load or stopped). That task was stopped; the pool replaced the worker and goes on with the other work.`])
    client.dispose()
    pool.dispose()
  })

  it('a worker that cannot be made fails each task with a sentence and leaves none waiting', async () => {
    const pool = createWorkerPool({ makeWorker: () => { throw new Error('Worker is not defined') }, size: 1 })
    const a = track(pool, mc(1))
    const b = track(pool, mc(2))
    expect(pool.status()).toMatchObject({ queued: 0, running: 0 })
    await flush()
    expect(a.failed).toEqual([`The pool could not start a worker for the engine task 'uncertainty-range': Worker is not defined`])
    expect(b.failed).toHaveLength(1)
  })

  it('a task the worker cannot be sent fails with a sentence; the worker stays for the next task', async () => {
    const f = poolWorkerFactory('auto')
    const pool = createWorkerPool({ makeWorker: f.make, size: 1 })
    const worker = (() => {
      track(pool, mc(1))
      return f.workers[0]!
    })()
    await flush()
    const post = worker.postMessage.bind(worker)
    worker.postMessage = () => { throw new Error('DataCloneError: a function could not be cloned') }
    const bad = track(pool, mc(2))
    await flush()
    expect(bad.failed).toEqual([`The engine task 'uncertainty-range' could not be sent to a worker: DataCloneError: a function could not be cloned`])
    worker.postMessage = post
    const good = track(pool, mc(3))
    await flush()
    expect(good.heard.at(-1)!.kind).toBe('uncertainty-samples')
    expect(worker.terminated).toBe(false)
    expect(pool.status().created).toBe(1)
    pool.dispose()
  })

  it('dispose terminates every worker and refuses new work', async () => {
    const f = poolWorkerFactory('manual')
    const pool = createWorkerPool({ makeWorker: f.make, size: 2 })
    const a = track(pool, mc(1))
    track(pool, { domain: 'engine', request: { id: 2, kind: 'simulate', design, hours: 24 } })
    pool.dispose()
    expect(f.workers.every((w) => w.terminated)).toBe(true)
    const late = track(pool, mc(3))
    await flush()
    expect(late.failed).toEqual(['The worker pool was closed.'])
    expect(a.heard).toEqual([])
  })
})

describe('worker pool: the same results whatever its size (issue #13)', () => {
  it('a Monte Carlo band is the same on pools of 1 and 2 workers and on one thread', async () => {
    const samples = 2 * MIN_SAMPLES_PER_UNCERTAINTY_WORKER
    const bands = []
    for (const size of [1, 2]) {
      const f = poolWorkerFactory('auto')
      const pool = createWorkerPool({ makeWorker: f.make, size })
      const client = createEngineClient(() => pool.enginePort(), pool.size)
      bands.push(await client.uncertainty(design, { samples, seed: 5, hours: 24 }).promise)
      // split over both general workers of the pool of 2; none in the live lane
      const used = f.workers.filter((w) => w.received.length > 0)
      expect(used.map((w) => w.slot)).toEqual(size === 1 ? [{ lane: 'general', index: 0 }] : [{ lane: 'general', index: 0 }, { lane: 'general', index: 1 }])
      client.dispose()
      pool.dispose()
    }
    expect(bands[1]).toEqual(bands[0])
    expect(bands[0]).toEqual(simulateDesignUncertainty(design, { samples, seed: 5, hours: 24 }))
  })

  it('Sobol indices are the same on pools of 1 and 2 workers and on the single-thread evaluator', async () => {
    const knobs = defaultKnobs(design)
    const options = { method: 'sobol', samples: 24, seed: 11, bootstrap: 30, metrics: ['selectivityIndex', 'bloodHalfLifeH'] } as const
    const results = []
    for (const size of [1, 2]) {
      const f = poolWorkerFactory('auto')
      const pool = createWorkerPool({ makeWorker: f.make, size })
      const analysis = createAnalysisPool(() => pool.enginePort(), pool.size)
      results.push(await designSensitivity(design, knobs, { ...options, evaluate: analysis.evaluate }))
      expect(f.workers.filter((w) => w.received.length > 0)).toHaveLength(size)
      analysis.terminate()
      pool.dispose()
    }
    const serial = await designSensitivity(design, knobs, { ...options, evaluate: evaluateSerially })
    expect(results[0]).toEqual(serial)
    expect(results[1]).toEqual(serial)
    expect(serial.failedEvaluations).toBe(0)
  })
})

describe('worker pool: virtual patients', () => {
  it('a cohort is cut into contiguous slices of 10 to 50 patients, long first, covering every patient once', () => {
    // 104 on 2 workers: ceil(104/4) = 26, ceil(78/4) = 20, ceil(58/4) = 15, ceil(43/4) = 11,
    // then the 10 floor three times (32, 22, 12 left) and the 2 left
    expect(cohortSlices(104, 2).map(([a, b]) => b - a)).toEqual([26, 20, 15, 11, 10, 10, 10, 2])
    // 1000 on 2: a quarter of what is left, capped at 50 while 200 or more are left (17 × 50),
    // then ceil(150/4) = 38
    const big = cohortSlices(1000, 2)
    expect(big.slice(0, 17).every(([a, b]) => b - a === 50)).toBe(true)
    expect(big[17]).toEqual([850, 888])
    big.forEach(([from], i) => expect(from).toBe(i === 0 ? 0 : big[i - 1]![1]))
    expect(big.at(-1)![1]).toBe(1000)
  })

  it('a cohort is the same on pools of 1 and 2 workers and is the CLI\'s (runCohort)', async () => {
    const checked = validateDesign({ ...liposome, context: { ...liposome.context, species: 'human', dose: { mgPerKg: 0.1, basis: 'drug' } } })
    const cohortChecked = validateCohort(raCohort)
    if (!checked.valid || !cohortChecked.valid) throw new Error('invalid fixture')
    const n = 104 // two slices of 52: above MIN_PATIENTS_PER_WORKER each
    const results = []
    for (const size of [1, 2]) {
      const f = poolWorkerFactory('auto')
      const pool = createWorkerPool({ makeWorker: f.make, size })
      const answer = await runCohortInWorkers(checked.design, cohortChecked.cohort, { n, seed: 11, hours: 72, workers: pool.size, makeWorker: () => pool.enginePort() }).promise
      if (answer === STALE || !answer.ok) throw new Error('no cohort result')
      expect(answer.workers).toBe(size)
      expect(f.workers.filter((w) => w.kinds().includes('cohort-rows'))).toHaveLength(size)
      results.push(answer.result)
      pool.dispose()
    }
    expect(results[1]).toEqual(results[0])
    expect(JSON.stringify(results[0])).toBe(JSON.stringify(runCohort(checked.design, cohortChecked.cohort, { n, seed: 11, hours: 72 })))
  })
})

describe('worker pool: calibration tasks', () => {
  it('a calibration request runs on a pool worker with the calibration handler, its bad goal named by path', async () => {
    const f = poolWorkerFactory('auto')
    const pool = createWorkerPool({ makeWorker: f.make, size: 1 })
    const run = runSuggest({ kind: 'suggest', goalDocument: { format: 'nanoforge.goal', version: 1 }, posterior: {} as ProfilePosterior, sources: [], count: 2, seed: 1 }, undefined, () => pool.calibratePort())
    const error = await run.promise.then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(CalibrateRequestError)
    expect((error as CalibrateRequestError).message).toBe('The goal cannot be used; fix it in the Find designs tab.')
    expect((error as CalibrateRequestError).issues.length).toBeGreaterThan(0)
    expect(workerAt(f.workers, 0)!.received[0]!.task.domain).toBe('calibrate')
    pool.dispose()
  })
})
