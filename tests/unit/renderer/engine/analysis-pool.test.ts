/**
 * The app's analysis pool (issue 13, "all cores"): the shared analyses handing their designs
 * to engine workers through the worker protocol (renderer/engine/protocol.ts). The workers
 * are in-process stand-ins running the real handler with the real engine.
 *
 * What must hold: a sensitivity or an optimisation gives the same numbers, bit for bit, on
 * 1, 2 or 3 workers and on the single-thread evaluator the CLI uses without a pool; chunks
 * come back in order; Cancel stops at once (sensitivity) or after the generation in flight
 * with the front so far (optimisation).
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { defaultKnobs } from '../../../../shared/analysis/knobs'
import { designSensitivity } from '../../../../shared/analysis/design-sensitivity'
import { evaluateOutcome, evaluateSerially } from '../../../../shared/analysis/evaluate'
import { parseGoal } from '../../../../shared/analysis/goal'
import { optimizeDesign } from '../../../../shared/analysis/optimize-design'
import { parameterSensitivity, parameterSensitivityPooled } from '../../../../shared/analysis/parameter-sensitivity'
import { AnalysisCancelledError, createAnalysisPool } from '../../../../renderer/engine/engine-client'
import { workerFactory } from './in-process-worker'

const design = newDesign()
const knobs = defaultKnobs(design)

describe('analysis pool', () => {
  it('Sobol indices are identical on 1, 2 and 3 workers and on the single-thread evaluator', async () => {
    const runs = []
    for (const workers of [1, 2, 3]) {
      const factory = workerFactory('auto')
      const pool = createAnalysisPool(factory.make, workers)
      runs.push(await designSensitivity(design, knobs, { method: 'sobol', samples: 40, seed: 11, bootstrap: 50, evaluate: pool.evaluate, metrics: ['selectivityIndex', 'bloodHalfLifeH'] }))
      pool.terminate()
      // the analysis hands out 20 slices (16 designs each here): each was split over the workers
      if (workers > 1) expect(factory.workers.filter((w) => w.received.length > 0).length).toBeGreaterThan(1)
    }
    const serial = await designSensitivity(design, knobs, { method: 'sobol', samples: 40, seed: 11, bootstrap: 50, evaluate: evaluateSerially, metrics: ['selectivityIndex', 'bloodHalfLifeH'] })
    expect(runs[0]).toEqual(serial)
    expect(runs[1]).toEqual(serial)
    expect(runs[2]).toEqual(serial)
    expect(serial.evaluations).toBe(40 * (knobs.length + 2))
    expect(serial.failedEvaluations).toBe(0)
  })

  it('a batch comes back in order, an engine failure as an outcome', async () => {
    const factory = workerFactory('auto')
    const pool = createAnalysisPool(factory.make, 3)
    const designs: Design[] = [60, 80, 100, 120, 140, 160, 180, 200, 220, 240, 260, 280, 300, 320, 340, 360, 380].map((d) => ({ ...design, core: { ...design.core, diameterNm: d } }))
    const broken = { ...design, context: { ...design.context, species: 'dragon' } } as unknown as Design
    const batch = [...designs, broken]
    const outcomes = await pool.evaluate(batch, 72)
    // 18 designs in guided ranges of at least 4 (4, 4, 4, 4, 2): all three workers
    expect(factory.workers.length).toBe(3)
    const sizes = factory.workers.flatMap((w) => w.received.map((r) => (r.kind === 'evaluate-designs' ? r.designs.length : 0)))
    expect([...sizes].sort((a, b) => b - a)).toEqual([4, 4, 4, 4, 2])
    expect(outcomes).toEqual(batch.map((d) => evaluateOutcome(d, 72)))
    expect(outcomes[outcomes.length - 1]!.ok).toBe(false)
    // 7 designs: too few for a range per worker, one worker
    const few = workerFactory('auto')
    const small = createAnalysisPool(few.make, 3)
    expect(await small.evaluate(designs.slice(0, 7), 72)).toEqual(designs.slice(0, 7).map((d) => evaluateOutcome(d, 72)))
    expect(few.workers.length).toBe(1)
    small.terminate()
    pool.terminate()
  })

  it('an optimisation finds the same front on 1 and 3 workers', async () => {
    const goal = parseGoal({
      format: 'nanoforge.goal', version: 1, base: design,
      vary: [{ path: 'core.diameterNm', min: 50, max: 250 }, { path: 'coatings[0].graftingDensityPerNm2', min: 0.05, max: 1 }],
      objectives: [{ metric: 'selectivityIndex', sense: 'max' }, { metric: 'bloodHalfLifeH', sense: 'max' }],
    })
    if (!goal.ok) throw new Error(JSON.stringify(goal.errors))
    const fronts = []
    for (const workers of [1, 3]) {
      const pool = createAnalysisPool(workerFactory('auto').make, workers)
      fronts.push(await optimizeDesign(goal.goal, { evaluations: 60, seed: 5, evaluate: pool.evaluate }))
      pool.terminate()
    }
    const serial = await optimizeDesign(goal.goal, { evaluations: 60, seed: 5 })
    expect(fronts[0]).toEqual(serial)
    expect(fronts[1]).toEqual(serial)
    expect(serial.front.length).toBeGreaterThan(0)
  })

  it('a sensitivity over the engine parameters is split over the workers and equals the one-thread result', async () => {
    // 4 trajectories over 62 parameters: 252 points in 20 slices of 13, each split over the workers
    const options = { method: 'morris', samples: 4, seed: 3, hours: 72, metrics: ['selectivityIndex', 'liverSpleenAt24hPercentDose'] } as const
    const serial = parameterSensitivity(design, options)
    expect(serial.evaluations).toBe(4 * (serial.knobs.length + 1))
    expect(serial.failedEvaluations).toBe(0)
    for (const workers of [1, 2, 3]) {
      const factory = workerFactory('auto')
      const pool = createAnalysisPool(factory.make, workers)
      const progress: number[] = []
      const got = await parameterSensitivityPooled(design, { ...options, evaluate: pool.evaluateParameters, signal: pool.signal, onProgress: (done) => progress.push(done) })
      pool.terminate()
      expect(got).toEqual(serial)
      // every worker took chunks of multiplier vectors, not the whole run
      expect(factory.workers).toHaveLength(workers)
      for (const w of factory.workers) expect(w.received.filter((r) => r.kind === 'evaluate-parameters').length).toBeGreaterThan(1)
      expect(progress.length).toBeGreaterThan(5)
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      expect(progress[progress.length - 1]).toBe(got.evaluations)
    }
  })

  it('a large batch goes out in ranges of at most 50 designs (an interactive task on the shared pool waits for one)', async () => {
    const factory = workerFactory('manual')
    const pool = createAnalysisPool(factory.make, 2)
    const batch = Array.from({ length: 1000 }, (_, i) => ({ ...design, core: { ...design.core, diameterNm: 60 + (i % 200) } }))
    const run = pool.evaluate(batch, 72)
    // guided would give 1000/4 = 250 first; the cap makes it 50 on each worker
    expect(factory.workers.map((w) => w.received.map((r) => (r.kind === 'evaluate-designs' ? r.designs.length : 0)))).toEqual([[50], [50]])
    pool.terminate()
    await expect(run).rejects.toBeInstanceOf(AnalysisCancelledError)
  })

  it('terminate stops a sensitivity over the engine parameters at once', async () => {
    const factory = workerFactory('manual')
    const pool = createAnalysisPool(factory.make, 2)
    const run = parameterSensitivityPooled(design, { method: 'morris', samples: 4, seed: 1, evaluate: pool.evaluateParameters, signal: pool.signal })
    await new Promise((r) => setTimeout(r, 0))
    expect(factory.workers.length).toBe(2)
    expect(factory.workers.every((w) => w.last('evaluate-parameters') !== undefined)).toBe(true)
    pool.terminate()
    await expect(run).rejects.toBeInstanceOf(AnalysisCancelledError)
    expect(factory.workers.every((w) => w.terminated)).toBe(true)
  })

  it('terminate stops a run at once: the work in flight rejects as cancelled and every worker is stopped', async () => {
    const factory = workerFactory('manual')
    const pool = createAnalysisPool(factory.make, 2)
    const run = designSensitivity(design, knobs, { method: 'morris', samples: 4, seed: 1, evaluate: pool.evaluate, signal: pool.signal })
    await new Promise((r) => setTimeout(r, 0))
    expect(factory.workers.length).toBeGreaterThan(0)
    pool.terminate()
    await expect(run).rejects.toBeInstanceOf(AnalysisCancelledError)
    expect(factory.workers.every((w) => w.terminated)).toBe(true)
    expect(pool.signal.aborted).toBe(true)
    await expect(pool.evaluate([design], 72)).rejects.toBeInstanceOf(AnalysisCancelledError)
  })

  it('abort lets an optimisation finish its generation and keep the front so far', async () => {
    const goal = parseGoal({
      format: 'nanoforge.goal', version: 1, base: design,
      vary: [{ path: 'core.diameterNm', min: 50, max: 250 }],
      objectives: [{ metric: 'selectivityIndex', sense: 'max' }],
    })
    if (!goal.ok) throw new Error(JSON.stringify(goal.errors))
    const pool = createAnalysisPool(workerFactory('auto').make, 2)
    const result = await optimizeDesign(goal.goal, {
      evaluations: 400, seed: 2, evaluate: pool.evaluate, signal: pool.signal,
      onProgress: (done) => { if (done >= 40) pool.abort() },
    })
    pool.terminate()
    expect(result.cancelled).toBe(true)
    expect(result.evaluations).toBe(40) // two generations of 20, then stopped
    expect(result.front.length).toBeGreaterThan(0)
  })
})
