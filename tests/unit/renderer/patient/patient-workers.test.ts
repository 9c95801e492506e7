/**
 * Virtual patients in the engine workers (issue #15), with the workers as in-process stand-ins
 * running the real handler: a cohort gives the same result on 1 and 2 workers for a seed, and
 * that result is `population`'s (runCohort); Cancel stops every worker; a mouse design is
 * refused with its field; the single-patient lane answers as `simulate --patient` and the
 * latest request wins.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { runCohort, validateCohort } from '../../../../shared/patient/cohort'
import { validatePatient } from '../../../../shared/patient/schema'
import { simulatePatient } from '../../../../shared/patient/simulate-patient'
import { STALE } from '../../../../renderer/engine/engine-client'
import { createPatientLane, runCohortInWorkers } from '../../../../renderer/engine/patient-client'
import raCohort from '../../../../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import raPatient from '../../../../resources/patients/ra-62f.nanoforge-patient.json' with { type: 'json' }
import liposome from '../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import { workerFactory } from '../engine/in-process-worker'

function design(species: 'human' | 'mouse' = 'human'): Design {
  const d = validateDesign({ ...liposome, context: { ...liposome.context, species, dose: { mgPerKg: 0.1, basis: 'drug' } } })
  if (!d.valid) throw new Error('invalid design')
  return d.design
}
const cohort = (() => {
  const v = validateCohort(raCohort)
  if (!v.valid) throw new Error('invalid cohort')
  return v.cohort
})()
const patient = (() => {
  const v = validatePatient(raPatient)
  if (!v.valid) throw new Error('invalid patient')
  return v.patient
})()

describe('a cohort in the engine workers', () => {
  it('1 and 2 workers give the same result for a seed, and it is the CLI\'s (runCohort)', async () => {
    const n = 104 // two slices of 52: above MIN_PATIENTS_PER_WORKER each
    const one = workerFactory('auto')
    const two = workerFactory('auto')
    const progress: number[] = []
    const a = await runCohortInWorkers(design(), cohort, { n, seed: 11, hours: 72, workers: 1, makeWorker: one.make }).promise
    const b = await runCohortInWorkers(design(), cohort, { n, seed: 11, hours: 72, workers: 2, makeWorker: two.make, onProgress: (done) => progress.push(done) }).promise
    expect(one.workers).toHaveLength(1)
    expect(two.workers).toHaveLength(2)
    if (a === STALE || b === STALE || !a.ok || !b.ok) throw new Error('no result')
    expect(a.workers).toBe(1)
    expect(b.workers).toBe(2)
    expect(b.result).toEqual(a.result)
    expect(JSON.stringify(a.result)).toBe(JSON.stringify(runCohort(design(), cohort, { n, seed: 11, hours: 72 })))
    // progress summed over the slices reaches n; the workers are gone afterwards
    expect(Math.max(...progress)).toBe(n)
    expect(two.workers.every((w) => w.terminated)).toBe(true)
    // a different seed is a different cohort
    const c = await runCohortInWorkers(design(), cohort, { n, seed: 12, hours: 72, workers: 2, makeWorker: workerFactory('auto').make }).promise
    expect(c !== STALE && c.ok && c.result.metrics.targetAucPercentDoseH).not.toEqual(a.result.metrics.targetAucPercentDoseH)
  })

  it('Cancel resolves STALE at once and terminates every worker', async () => {
    const f = workerFactory('manual')
    const run = runCohortInWorkers(design(), cohort, { n: 200, seed: 1, hours: 72, workers: 3, makeWorker: f.make })
    expect(f.workers).toHaveLength(3)
    run.cancel()
    expect(await run.promise).toBe(STALE)
    expect(f.workers.every((w) => w.terminated)).toBe(true)
  })

  it('a mouse design is refused with its field before any worker starts', async () => {
    const f = workerFactory('auto')
    const answer = await runCohortInWorkers(design('mouse'), cohort, { n: 20, seed: 1, hours: 72, workers: 2, makeWorker: f.make }).promise
    expect(answer !== STALE && !answer.ok && answer.path).toBe('context.species')
    expect(answer !== STALE && !answer.ok && answer.message).toMatch(/for a mouse; a virtual patient takes human designs only/)
    expect(f.workers).toHaveLength(0)
  })
})

describe('the single-patient lane', () => {
  it('answers as simulate --patient, dose search included', async () => {
    const lane = createPatientLane(workerFactory('auto').make)
    const answer = await lane.simulate(design(), patient, { hours: 72, targetOccupancy: 0.5 })
    if (answer === STALE || !answer.ok) throw new Error('no answer')
    const cli = simulatePatient(design(), patient, { hours: 72, targetOccupancy: 0.5 })
    expect(answer.result.response).toEqual(cli.response)
    expect(answer.result.patient).toEqual(cli.patient)
    lane.dispose()
  })

  it('a mouse design answers with the field and the sentence, not an error', async () => {
    const lane = createPatientLane(workerFactory('auto').make)
    const answer = await lane.simulate(design('mouse'), patient, { hours: 72, targetOccupancy: null })
    expect(answer).toEqual({ ok: false, path: 'context.species', message: expect.stringMatching(/human designs only/) })
  })

  it('the latest request wins; cancel stops the one in flight', async () => {
    const f = workerFactory('manual')
    const lane = createPatientLane(f.make)
    const first = lane.simulate(design(), patient, { hours: 72, targetOccupancy: null })
    const second = lane.simulate(design(), patient, { hours: 48, targetOccupancy: null })
    const third = lane.simulate(design(), patient, { hours: 24, targetOccupancy: null })
    // the waiting second is dropped for the third at once
    expect(await second).toBe(STALE)
    const w = f.workers[0]!
    w.answer(w.received[0]!)
    expect(await first).toBe(STALE)
    w.answer(w.last('patient-simulate')!)
    const last = await third
    expect(last !== STALE && last.ok && last.result.response.horizonH).toBe(24)
    const fourth = lane.simulate(design(), patient, { hours: 72, targetOccupancy: null })
    lane.cancel()
    expect(await fourth).toBe(STALE)
    expect(w.terminated).toBe(true)
  })
})
