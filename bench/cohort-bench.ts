/**
 * Issue #15 figure. `cohort1000Ms`: a design in 1,000 virtual patients of the RA cohort
 * (resources/cohorts/ra.nanoforge-cohort.json) — sampling, each patient's physiology, the
 * PBPK run, the response against free drug and the percentiles — on one thread, as
 * `nanoforge population FILE --cohort COHORT.json --n 1000` computes it (target 5 s).
 */
import { validateDesign } from '../shared/design/schema'
import { runCohort, validateCohort } from '../shared/patient/cohort'
import raCohort from '../resources/cohorts/ra.nanoforge-cohort.json' with { type: 'json' }
import liposome from '../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import type { Benchmark, Figure } from './harness'

export const cohortBenchmarks: Benchmark = {
  name: 'cohort',
  async run(): Promise<Figure[]> {
    // the RA example liposome moved to people at 0.1 mg/kg dexamethasone
    const design = validateDesign({ ...liposome, context: { ...liposome.context, species: 'human', dose: { mgPerKg: 0.1, basis: 'drug' } } })
    if (!design.valid) throw new Error(`bench cohort design: ${JSON.stringify(design.errors)}`)
    const cohort = validateCohort(raCohort)
    if (!cohort.valid) throw new Error(`bench cohort: ${JSON.stringify(cohort.errors)}`)
    runCohort(design.design, cohort.cohort, { n: 50, seed: 2 }) // warm-up (JIT)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    runCohort(design.design, cohort.cohort, { n: 1000, seed: 1 })
    const ms = performance.now() - t0
    // CPU time beside wall time: on a shared machine the wall time includes waiting for a core
    const cpu = process.cpuUsage(cpu0)
    const cpuMs = (cpu.user + cpu.system) / 1000
    return [{ name: 'cohort1000Ms', value: ms, unit: 'ms', target: 5000, note: `1,000 RA patients, human PEG-liposome dexamethasone, 72 h, one thread; CPU ${Math.round(cpuMs)} ms` }]
  },
}
