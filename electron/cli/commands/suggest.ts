import { createMeasurementStore } from '../../db/measurements'
import { createProfileStore, profileFreshness, type CalibrationProfile } from '../../db/profiles'
import { terminalSafe } from '../../../shared/design/schema-text'
import { getMetric } from '../../../shared/metrics/registry'
import { labPointsFromMeasurements, type LabMeasurement } from '../../../shared/engine/calibrate/suggest-lab'
import {
  DEFAULT_CANDIDATES, DEFAULT_SUGGESTIONS, MAX_CANDIDATES, MAX_SUGGESTIONS, suggestNextDesigns, type SuggestResult,
} from '../../../shared/engine/calibrate/suggest'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { CliError } from '../errors'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { UsageError, fail, intOption, parseCommandArgs, printJson, seedOption, stringOption, withLibrary } from './common'
import { readGoalFile } from './optimize'
import { posteriorOfProfile } from '../../../shared/engine/calibrate/job'

const USAGE = 'nanoforge suggest GOAL.json --profile ID [--db FILE] [--count K] [--seed S] [--candidates N] [--json]'

/**
 * `nanoforge suggest GOAL.json --profile ID [--db FILE] [--count K] [--seed S] [--candidates N]
 * [--json]` (issue #14, next experiment): the next K designs (1–5, default 3) to make for the
 * goal, by Bayesian optimisation with the engine under the profile as the prior mean and a
 * Gaussian process on the lab's residuals (shared/engine/calibrate/suggest.ts). The lab data
 * are the measurements the profile was learned from (its provenance), read from the library.
 * Read-only: nothing is written. A bad goal file exits 2 with every problem at its JSON path;
 * an unknown profile exits 2 naming --profile.
 */
export const runSuggest: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    db: { type: 'string' }, json: { type: 'boolean' }, profile: { type: 'string' }, count: { type: 'string' },
    seed: { type: 'string' }, candidates: { type: 'string' },
  }, { min: 1, max: 1, usage: USAGE })
  const json = values.json === true
  const profileId = stringOption(values, 'profile')
  if (profileId === undefined) throw new UsageError(`--profile ID is required: the calibration profile whose engine and lab data the suggestions build on (list them with nanoforge db profiles). Usage: ${USAGE}`)
  const count = intOption(values, 'count', 1, MAX_SUGGESTIONS) ?? DEFAULT_SUGGESTIONS
  const candidates = intOption(values, 'candidates', 1, MAX_CANDIDATES) ?? DEFAULT_CANDIDATES
  const seed = seedOption(values)
  const file = positionals[0]!
  const read = readGoalFile(file)
  if (!read.ok) return fail(io, json, EXIT_BAD_INPUT, 'invalid-goal', `${file}: ${read.issues.length} problem(s)`, read.issues)
  const goal = read.goal

  return withLibrary(values, io, 'read', (library) => {
    const found = createProfileStore(library).resolve(profileId)
    if (!found.ok) {
      throw new CliError(found.reason === 'unreadable' ? 'io' : 'bad-input', found.reason === 'ambiguous' ? 'ambiguous-id' : found.reason,
        `${found.message} Nothing was suggested.`, [{ path: '--profile', message: found.message }])
    }
    const profile = found.profile
    // the lab data: the profile's own measurements, each with the design version it is attached to
    const store = createMeasurementStore(library)
    const notes: string[] = []
    const measurements: LabMeasurement[] = []
    for (const ref of profile.provenance.measurements) {
      const m = store.get(ref.id)
      const design = library.getDesign(ref.designId, ref.version)?.design
      if (m === undefined || design === undefined) {
        notes.push(`measurement ${ref.id} of the profile is no longer in the library (deleted?), so it is left out`)
        continue
      }
      if (m.kind === 'biodistribution') measurements.push({ kind: 'biodistribution', id: m.id, design, data: m.data })
      else if (m.kind === 'release') measurements.push({ kind: 'release', id: m.id, design, data: m.data })
    }
    const posterior = posteriorOfProfile(profile)
    const lab = labPointsFromMeasurements(measurements, posterior.medians)
    notes.push(...lab.notes)
    let lastTenth = -1
    const result = suggestNextDesigns(goal, posterior, lab.points, {
      count, seed, candidates,
      // progress on stderr, about every tenth (stdout stays the result)
      onProgress: (done, total) => {
        const tenth = Math.floor((10 * done) / total)
        if (!json && tenth !== lastTenth) { lastTenth = tenth; io.stderr(`suggest: ${done}/${total} designs scored\n`) }
      },
    })
    const warnings = profile.engineVersion !== ENGINE_VERSION
      ? [`the profile was learned with engine ${profile.engineVersion}; this is engine ${ENGINE_VERSION}: its multipliers correct the older engine (calibrate again)`]
      : []
    // lab data newer than the profile are not among the lab points: say so (calibrate again to use them)
    warnings.push(...profileFreshness(library, profile))
    const doc = contractJson(profile, result, lab.points.map((p) => ({ source: p.source ?? '', metrics: Object.keys(p.residualLn) })), [...result.notes, ...notes], warnings)
    if (json) {
      printJson(io, doc)
      return EXIT_OK
    }
    for (const w of warnings) io.stderr(`warning: ${w}\n`)
    for (const n of doc.notes) io.stderr(`note: ${n}\n`)
    io.stdout(formatSuggestions(profile, result))
    return EXIT_OK
  })
}

/** The contract of issue #14 (`suggestions[]` with design, expected, why) plus the detail of the model. */
function contractJson(
  p: CalibrationProfile, r: SuggestResult, lab: ReadonlyArray<{ source: string; metrics: string[] }>, notes: string[], warnings: string[],
): { notes: string[] } & Record<string, unknown> {
  return {
    suggestions: r.suggestions.map((s) => ({
      design: s.design, knobs: s.knobs, expected: s.expected, why: s.why, settle: s.settle,
      engine: s.engine, probabilityFeasible: s.probabilityFeasible, expectedImprovement: s.expectedImprovement, acquisition: s.acquisition,
      warnings: s.warnings,
    })),
    profile: { id: p.id, name: p.name, version: p.version, engineVersion: p.engineVersion },
    incumbent: r.incumbent,
    lab,
    models: r.models,
    candidatesScored: r.candidatesScored,
    failedCandidates: r.failedCandidates,
    drawsPerCandidate: r.drawsPerCandidate,
    seed: r.seed,
    warnings,
    notes,
  }
}

function fmt(v: number | string): string {
  return typeof v === 'string' ? v : Number(v.toPrecision(3)).toString()
}

function formatSuggestions(p: CalibrationProfile, r: SuggestResult): string {
  const lines = [terminalSafe(`Next experiments with calibration profile ${p.name} v${p.version} (${p.id.slice(0, 8)}): ${r.suggestions.length} of ${r.candidatesScored} candidate designs, seed ${r.seed}`)]
  r.suggestions.forEach((s, i) => {
    lines.push('')
    lines.push(terminalSafe(`${i + 1}. ${Object.entries(s.knobs).map(([k, v]) => `${k} = ${fmt(v)}`).join(', ')}`))
    for (const [id, e] of Object.entries(s.expected)) {
      const unit = getMetric(id).unit
      lines.push(`   ${id.padEnd(30)} ${fmt(e.median)} [${fmt(e.ci95[0])}, ${fmt(e.ci95[1])}]${unit ? ` ${unit}` : ''}`)
    }
    lines.push(terminalSafe(`   Why: ${s.why}`))
    for (const w of s.warnings) lines.push(terminalSafe(`   Far from the profile's designs: ${w}`))
  })
  lines.push('')
  return lines.join('\n')
}
