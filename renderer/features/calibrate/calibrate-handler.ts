import { estimateWithProfile } from '../../../shared/engine/calibrate/apply'
import { profileOfJob, runCalibrationJob, studiesFromSources } from '../../../shared/engine/calibrate/job'
import { suggestNextDesigns } from '../../../shared/engine/calibrate/suggest'
import { labPointsFromMeasurements, type LabMeasurement } from '../../../shared/engine/calibrate/suggest-lab'
import { parseGoal } from '../../../shared/analysis/goal'
import type { CalibrateRequest, CalibrateResponse, CalibrationOutcome } from './calibrate-protocol'

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Progress posts at most every 100 ms (and the last), so the UI thread is not flooded. */
function throttled(post: (m: CalibrateResponse) => void, now: () => number): (fraction: number, stage: string) => void {
  let last = -Infinity
  let lastStage = ''
  return (fraction, stage) => {
    const t = now()
    if (t - last >= 100 || fraction >= 1 || stage !== lastStage) {
      last = t
      lastStage = stage
      post({ kind: 'progress', fraction, stage })
    }
  }
}

/**
 * Answers one request of the calibration worker: the job of `nanoforge calibrate` (shared/
 * engine/calibrate/job.ts, the same studies, sampler settings, leave-one-study-out and profile)
 * or a design estimated with a saved profile (the engine of `simulate --profile`).
 *
 * Why a function apart from the worker file: the worker and the tests' in-process stand-in run
 * the same code, so the tests exercise the real handling rather than a copy of it.
 */
export function handleCalibrateRequest(request: CalibrateRequest, post: (m: CalibrateResponse) => void, now: () => number = () => performance.now()): void {
  const started = now()
  try {
    if (request.kind === 'profile-estimate') {
      const estimate = estimateWithProfile(request.design, request.posterior, { hours: request.hours, samples: request.samples, seed: request.seed })
      post({ kind: 'estimated', estimate, elapsedMs: now() - started })
      return
    }
    if (request.kind === 'suggest') {
      const parsed = parseGoal(request.goalDocument)
      if (!parsed.ok) {
        post({ kind: 'error', message: 'The goal cannot be used; fix it in the Find designs tab.', issues: parsed.errors.map((e) => ({ path: e.path, message: e.message })) })
        return
      }
      const lab = labPointsFromMeasurements(request.sources.flatMap((s): LabMeasurement[] => {
        const m = s.measurement
        if (m.kind === 'biodistribution') return [{ kind: 'biodistribution', id: m.id, design: s.design, data: m.data }]
        if (m.kind === 'release') return [{ kind: 'release', id: m.id, design: s.design, data: m.data }]
        return []
      }), request.posterior.medians)
      const progress = throttled(post, now)
      const result = suggestNextDesigns(parsed.goal, request.posterior, lab.points, {
        count: request.count, seed: request.seed, onProgress: (done, total) => progress(done / total, 'suggest'),
      })
      post({ kind: 'suggested', result, labNotes: lab.notes, labPoints: lab.points.length, elapsedMs: now() - started })
      return
    }
    const { studies, issues } = studiesFromSources(request.sources)
    if (issues.length > 0) {
      post({ kind: 'error', message: `${issues.length} measurement${issues.length === 1 ? '' : 's'} cannot enter the calibration; nothing was run.`, issues })
      return
    }
    if (studies.length === 0) {
      post({ kind: 'error', message: 'The chosen designs have no in-vivo biodistribution or release measurement: attach one in the Measurements tab first.' })
      return
    }
    const job = runCalibrationJob(studies.map((s) => s.study), {
      samples: request.samples, seed: request.seed, parameters: request.parameters, onProgress: throttled(post, now),
    })
    const converged = job.result.status === 'converged'
    const outcome: CalibrationOutcome = {
      status: job.result.status,
      reasons: job.result.reasons,
      parameters: job.result.parameters,
      diagnostics: job.result.diagnostics,
      within2Fold: job.summary.within2Fold,
      folds: job.loso?.folds.map((f) => ({
        heldOut: f.heldOut, points: f.before.points,
        before: Number.isFinite(f.before.share) ? f.before.share : null,
        after: f.after && Number.isFinite(f.after.share) ? f.after.share : null,
      })) ?? [],
      failedFolds: job.loso?.failedFolds ?? [],
      notIdentifiable: job.summary.notIdentifiable,
      studies: studies.length,
      observations: job.result.provenance.observations,
      settings: job.settings,
      profile: converged ? profileOfJob(job, studies, { name: request.name, seed: request.seed, parameters: request.parameters, designIds: request.designIds }) : null,
      elapsedMs: now() - started,
    }
    post({ kind: 'calibrated', outcome })
  } catch (error) {
    post({ kind: 'error', message: messageOf(error) })
  }
}
