import { create } from 'zustand'
import type { DiseaseId } from '../../../shared/catalog/ids'
import type { Design } from '../../../shared/design/types'
import { validateCohort, type Cohort, type CohortResult } from '../../../shared/patient/cohort'
import { MAX_PATIENT_FILE_BYTES, validatePatient, type Patient } from '../../../shared/patient/schema'
import type { PatientSimulation } from '../../../shared/patient/simulate-patient'
import { STALE, createEngineWorker, defaultUncertaintyWorkers, type WorkerLike } from '../../engine/engine-client'
import { createPatientLane, runCohortInWorkers, type PatientLane, type PatientRun, type CohortAnswer } from '../../engine/patient-client'
import { draftForDisease, draftFromPatient, referenceDraft, validateDraft, type PatientDraft } from './patient-format'
import { exampleCohortsFor } from './patient-examples'

/**
 * The Patient tab's state (issue #15): the patient being entered, the estimate of the open
 * design in that patient, and a cohort run. A store rather than component state because a
 * run outlives the tab: switching to Release while a cohort runs must not lose it.
 *
 * Both runs use the shared code the CLI runs (`simulate --patient`, `population`) in engine
 * workers, so the numbers are the CLI's and the UI thread never waits on them.
 */

/** Where a run is. */
export type PatientRunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error' | 'refused'

/** Bounds of the cohort size box: a typo guard (100,000 patients is minutes). */
export const COHORT_N_LIMITS = { min: 10, max: 5000 } as const
export const DEFAULT_COHORT_N = 200
export const DEFAULT_COHORT_SEED = 1
/** Default target receptor occupancy of the dose search, % (the CLI's default, 0.5). */
export const DEFAULT_TARGET_OCCUPANCY_PCT = 50

/** The estimate of one design in one patient. */
export interface PatientEstimate {
  readonly status: PatientRunStatus
  readonly result: PatientSimulation | null
  /** Why the design cannot run in a patient (status 'refused'): the design's field and a sentence. */
  readonly refusal: { readonly path: string; readonly message: string } | null
  readonly error: string | null
  readonly elapsedMs: number | null
  /** The design, patient and target the result is for (to say when the form has moved on). */
  readonly design: Design | null
  readonly patient: Patient | null
  readonly targetOccupancy: number | null
}

/** Which cohort is chosen: an example by id, or a file the user opened. */
export type CohortChoice =
  | { readonly kind: 'example'; readonly id: string }
  | { readonly kind: 'file'; readonly fileName: string; readonly cohort: Cohort }

/** One cohort run. */
export interface CohortRunState {
  readonly status: PatientRunStatus
  readonly done: number
  readonly total: number
  readonly result: CohortResult | null
  readonly refusal: { readonly path: string; readonly message: string } | null
  readonly error: string | null
  readonly elapsedMs: number | null
  readonly workers: number
  readonly design: Design | null
  /** Words for the cohort that ran ("Adults with active RA…", a file name). */
  readonly cohortLabel: string | null
}

export interface PatientState {
  /** The form; null until the panel first shows a design's disease. */
  readonly draft: PatientDraft | null
  /** What the draft was last loaded from ("Reference patient", an example's name, a file name, an extreme). */
  readonly draftSource: string | null
  readonly targetOccupancyPct: string
  readonly estimate: PatientEstimate
  /** Problems of an opened patient file, with their paths. */
  readonly fileIssues: ReadonlyArray<string>

  readonly cohortChoice: CohortChoice | null
  readonly cohortIssues: ReadonlyArray<string>
  readonly cohortN: number
  readonly cohortSeed: number
  readonly cohort: CohortRunState

  /** Starts the form for a disease (first show, or the design's disease changed). */
  syncDisease: (disease: DiseaseId) => void
  setDraft: (patch: Partial<PatientDraft>) => void
  loadPatient: (patient: Patient, source: string) => void
  loadReference: (disease: DiseaseId) => void
  /** Reads a patient file's text; on success the form shows it, else fileIssues lists its problems. */
  importPatient: (fileName: string, text: string, disease: DiseaseId) => boolean
  setTargetOccupancyPct: (text: string) => void
  /** Estimates the design in the form's patient (refused with the reason when the form is invalid). */
  runPatient: (design: Design, hours: number) => Promise<void>
  cancelPatient: () => void

  chooseCohort: (choice: CohortChoice | null) => void
  importCohort: (fileName: string, text: string) => boolean
  /**
   * Opens a chosen patient or cohort file: one larger than MAX_PATIENT_FILE_BYTES is refused
   * by its size before it is read (a stray multi-gigabyte file must not fill the window's memory).
   */
  openFile: (kind: 'patient' | 'cohort', file: { readonly name: string; readonly size: number; text(): Promise<string> }, disease: DiseaseId) => Promise<boolean>
  setCohortSettings: (patch: { n?: number; seed?: number }) => void
  runCohort: (design: Design, hours: number) => Promise<void>
  cancelCohort: () => void
  /** Loads the patient at one extreme of the cohort into the form and estimates the design in them. */
  openExtreme: (which: 'lowest' | 'highest', design: Design, hours: number) => Promise<void>
}

let makeWorker: () => WorkerLike = createEngineWorker
let workerCount: number | null = null
let lane: PatientLane | null = null

/** Replaces the engine workers of patient runs (tests: in-process stand-ins, a chosen count). */
export function setPatientWorkers(make: () => WorkerLike, count: number): void {
  lane?.dispose()
  lane = null
  makeWorker = make
  workerCount = count
}

const IDLE_ESTIMATE: PatientEstimate = { status: 'idle', result: null, refusal: null, error: null, elapsedMs: null, design: null, patient: null, targetOccupancy: null }
const IDLE_COHORT: CohortRunState = { status: 'idle', done: 0, total: 0, result: null, refusal: null, error: null, elapsedMs: null, workers: 0, design: null, cohortLabel: null }

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now())

/** Target occupancy as a fraction from the box's percent text, or why not. */
export function targetOccupancyOf(text: string): { ok: true; value: number } | { ok: false; message: string } {
  const x = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(x) || !(x > 0 && x < 100)) return { ok: false, message: `Target occupancy must be a percentage above 0 and below 100, got '${text}'.` }
  return { ok: true, value: x / 100 }
}

/** The cohort a choice stands for, with its words; null when an example id is unknown. */
export function cohortOfChoice(choice: CohortChoice, disease: DiseaseId): { readonly cohort: Cohort; readonly label: string } | null {
  if (choice.kind === 'file') return { cohort: choice.cohort, label: choice.fileName }
  const e = exampleCohortsFor(disease).find((c) => c.id === choice.id)
  return e ? { cohort: e.cohort, label: e.label } : null
}

export const usePatientStore = create<PatientState>()((set, get) => {
  let cohortRun: PatientRun<CohortAnswer> | null = null
  const patientLane = (): PatientLane => (lane ??= createPatientLane(makeWorker))

  return {
    draft: null,
    draftSource: null,
    targetOccupancyPct: String(DEFAULT_TARGET_OCCUPANCY_PCT),
    estimate: IDLE_ESTIMATE,
    fileIssues: [],
    cohortChoice: null,
    cohortIssues: [],
    cohortN: DEFAULT_COHORT_N,
    cohortSeed: DEFAULT_COHORT_SEED,
    cohort: IDLE_COHORT,

    syncDisease: (disease) => {
      const { draft, cohortChoice } = get()
      if (!draft) set({ draft: referenceDraft(disease), draftSource: 'Reference patient' })
      else {
        const next = draftForDisease(draft, disease)
        if (next !== draft) set({ draft: next })
      }
      // an example cohort of another disease is no choice for this design; an opened file stays
      // (its disease is checked when it runs)
      const stays = cohortChoice !== null && (cohortChoice.kind === 'file' || exampleCohortsFor(disease).some((c) => c.id === cohortChoice.id))
      if (!stays) {
        const first = exampleCohortsFor(disease)[0]
        set({ cohortChoice: first ? { kind: 'example', id: first.id } : null })
      }
    },

    setDraft: (patch) => {
      const draft = get().draft
      if (draft) set({ draft: { ...draft, ...patch }, fileIssues: [] })
    },

    loadPatient: (patient, source) => set({ draft: draftFromPatient(patient), draftSource: source, fileIssues: [] }),
    loadReference: (disease) => set({ draft: referenceDraft(disease), draftSource: 'Reference patient', fileIssues: [] }),

    importPatient: (fileName, text, disease) => {
      let doc: unknown
      try {
        doc = JSON.parse(text)
      } catch (error) {
        set({ fileIssues: [`${fileName} is not JSON: ${messageOf(error)}. The form was left as it was.`] })
        return false
      }
      const v = validatePatient(doc)
      if (!v.valid) {
        set({ fileIssues: v.errors.map((e) => `${e.path || '(the file)'}: ${e.message}`) })
        return false
      }
      if (v.patient.disease !== disease) {
        set({ fileIssues: [`disease: the patient has ${v.patient.disease} but the design targets ${disease}; open a patient of the design's disease. The form was left as it was.`] })
        return false
      }
      set({ draft: draftFromPatient(v.patient), draftSource: fileName, fileIssues: [] })
      return true
    },

    setTargetOccupancyPct: (text) => set({ targetOccupancyPct: text }),

    runPatient: async (design, hours) => {
      const { draft, targetOccupancyPct } = get()
      if (!draft) return
      const v = validateDraft(draft, design.context.disease)
      const target = targetOccupancyOf(targetOccupancyPct)
      if (!v.valid || !target.ok) {
        const why = !v.valid ? `The patient has ${v.errors.length} problem${v.errors.length === 1 ? '' : 's'} (shown at the fields).` : target.ok ? '' : target.message
        set({ estimate: { ...IDLE_ESTIMATE, status: 'error', error: why } })
        return
      }
      const started = now()
      set({ estimate: { ...IDLE_ESTIMATE, status: 'running', design, patient: v.patient, targetOccupancy: target.value } })
      try {
        const answer = await patientLane().simulate(design, v.patient, { hours, targetOccupancy: target.value })
        if (answer === STALE) return
        if (answer.ok) set({ estimate: { ...get().estimate, status: 'done', result: answer.result, elapsedMs: now() - started } })
        else set({ estimate: { ...get().estimate, status: 'refused', refusal: { path: answer.path, message: answer.message }, elapsedMs: now() - started } })
      } catch (error) {
        set({ estimate: { ...get().estimate, status: 'error', error: messageOf(error) } })
      }
    },

    cancelPatient: () => {
      if (get().estimate.status !== 'running') return
      lane?.cancel()
      set({ estimate: { ...get().estimate, status: 'cancelled' } })
    },

    chooseCohort: (choice) => set({ cohortChoice: choice, cohortIssues: [] }),

    openFile: async (kind, file, disease) => {
      if (file.size > MAX_PATIENT_FILE_BYTES) {
        const why = `${file.name} is ${(file.size / 1e6).toFixed(1)} MB; ${kind} files up to ${MAX_PATIENT_FILE_BYTES / 1e6} MB are read (a ${kind} file is a few hundred bytes).`
        if (kind === 'patient') set({ fileIssues: [`${why} The form was left as it was.`] })
        else set({ cohortIssues: [why] })
        return false
      }
      const text = await file.text()
      return kind === 'patient' ? get().importPatient(file.name, text, disease) : get().importCohort(file.name, text)
    },
    importCohort: (fileName, text) => {
      let doc: unknown
      try {
        doc = JSON.parse(text)
      } catch (error) {
        set({ cohortIssues: [`${fileName} is not JSON: ${messageOf(error)}.`] })
        return false
      }
      const v = validateCohort(doc)
      if (!v.valid) {
        set({ cohortIssues: v.errors.map((e) => `${e.path || '(the file)'}: ${e.message}`) })
        return false
      }
      set({ cohortChoice: { kind: 'file', fileName, cohort: v.cohort }, cohortIssues: [] })
      return true
    },

    setCohortSettings: (patch) => set({ ...(patch.n !== undefined ? { cohortN: patch.n } : {}), ...(patch.seed !== undefined ? { cohortSeed: patch.seed } : {}) }),

    runCohort: async (design, hours) => {
      if (get().cohort.status === 'running') return
      const { cohortChoice, cohortN, cohortSeed } = get()
      const chosen = cohortChoice ? cohortOfChoice(cohortChoice, design.context.disease) : null
      if (!chosen) {
        set({ cohort: { ...IDLE_COHORT, status: 'error', error: 'Choose a cohort: an example of the design\'s disease or a cohort file.' } })
        return
      }
      if (!Number.isInteger(cohortN) || cohortN < COHORT_N_LIMITS.min || cohortN > COHORT_N_LIMITS.max) {
        set({ cohort: { ...IDLE_COHORT, status: 'error', error: `Patients must be a whole number from ${COHORT_N_LIMITS.min} to ${COHORT_N_LIMITS.max}, got ${cohortN}.` } })
        return
      }
      if (!Number.isInteger(cohortSeed) || cohortSeed < 0) {
        set({ cohort: { ...IDLE_COHORT, status: 'error', error: `The seed must be a whole number ≥ 0, got ${cohortSeed}.` } })
        return
      }
      if (chosen.cohort.disease !== design.context.disease) {
        set({ cohort: { ...IDLE_COHORT, status: 'refused', refusal: { path: 'context.disease', message: `the cohort has ${chosen.cohort.disease} but the design targets ${design.context.disease}; choose a cohort of the design's disease` } } })
        return
      }
      const started = now()
      const run = runCohortInWorkers(design, chosen.cohort, {
        n: cohortN, seed: cohortSeed, hours, workers: workerCount ?? defaultUncertaintyWorkers(), makeWorker,
        onProgress: (done, total) => { if (cohortRun === run) set((s) => ({ cohort: { ...s.cohort, done, total } })) },
      })
      cohortRun = run
      set({ cohort: { ...IDLE_COHORT, status: 'running', total: cohortN, design, cohortLabel: chosen.label } })
      try {
        const answer = await run.promise
        if (cohortRun !== run) return
        if (answer === STALE) set({ cohort: { ...get().cohort, status: 'cancelled', elapsedMs: now() - started } })
        else if (answer.ok) set({ cohort: { ...get().cohort, status: 'done', result: answer.result, workers: answer.workers, done: answer.result.n, elapsedMs: answer.elapsedMs } })
        else set({ cohort: { ...get().cohort, status: 'refused', refusal: { path: answer.path, message: answer.message } } })
      } catch (error) {
        if (cohortRun === run) set({ cohort: { ...get().cohort, status: 'error', error: messageOf(error) } })
      } finally {
        if (cohortRun === run) cohortRun = null
      }
    },

    cancelCohort: () => {
      // a cohort's percentiles need every patient: nothing partial is worth keeping
      cohortRun?.cancel()
    },

    openExtreme: async (which, design, hours) => {
      const e = get().cohort.result?.extremes
      if (!e) return
      const label = which === 'lowest' ? 'Lowest' : 'Highest'
      get().loadPatient(e[which].patient, `${label} of the cohort`)
      await get().runPatient(design, hours)
    },
  }
})
