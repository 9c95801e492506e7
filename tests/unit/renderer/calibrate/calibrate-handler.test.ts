/**
 * The calibration worker's handler (renderer/features/calibrate/calibrate-handler.ts), run
 * in-process as the worker runs it:
 * - a release profile made by the engine with a KNOWN release-rate multiplier (m = 2, so the
 *   released fraction is 1 − (1 − F)², plus Gaussian replicate noise of SD 2 %) is calibrated;
 *   the 95 % interval holds 2, the diagnostics pass, and the profile it hands back is one the
 *   library's schema accepts, citing exactly that measurement;
 * - data the likelihood cannot take (0 %ID without a limit of quantification) is an error
 *   naming the field, with nothing run; designs without calibration data say so;
 * - a profile whose posterior is the engine's nominal value (ln m = 0) estimates a design
 *   exactly as the uncalibrated engine (simulateDesign, a separate path): the picker's rows
 *   then read the same number on both sides.
 */
import { describe, expect, it } from 'vitest'
import { handleCalibrateRequest } from '../../../../renderer/features/calibrate/calibrate-handler'
import type { CalibrateRequest, CalibrateResponse, CalibrationOutcome } from '../../../../renderer/features/calibrate/calibrate-protocol'
import { profileRows } from '../../../../renderer/features/calibrate/profile-picker'
import type { ProfileEstimate } from '../../../../shared/engine/calibrate/apply'
import { predictRelease } from '../../../../shared/engine/release'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { mulberry32, standardNormal } from '../../../../shared/engine/pbpk/random'
import type { Measurement } from '../../../../shared/ipc/channels/measurement'
import { NewProfileSchema } from '../../../../shared/ipc/channels/profile'
import { loadExample } from '../../electron/helpers'
import { checkDraft, draftFromDesign } from '../../../../renderer/features/analysis/goal-draft'
import { SETTLING_MEASUREMENT } from '../../../../shared/engine/calibrate/suggest-lab'

const design = loadExample('ra-folate-peg-liposome.nanoforge.json')
const TRUE_RATE = 2

function run(request: CalibrateRequest): CalibrateResponse[] {
  const out: CalibrateResponse[] = []
  let clock = 0
  handleCalibrateRequest(request, (m) => out.push(m), () => (clock += 50))
  return out
}

/** A release measurement whose replicates are the engine's curve under TRUE_RATE plus noise. */
function syntheticRelease(): Measurement {
  // times where the nominal curve is between ~5 % and ~90 % released, so the rate shows
  const grid = [0.5, 1, 2, 4, 8, 12, 24, 48, 72, 120, 168]
  const nominal = predictRelease(design, { timesH: grid }).environments.plasma.fractionReleased
  const timesH = grid.filter((_, i) => nominal[i]! > 0.03 && nominal[i]! < 0.95)
  expect(timesH.length).toBeGreaterThanOrEqual(4)
  const f = predictRelease(design, { timesH }).environments.plasma.fractionReleased
  const u = mulberry32(7)
  const replicates = [0, 1, 2].map(() => f.map((fi) => 100 * (1 - Math.pow(1 - fi, TRUE_RATE)) + 2 * standardNormal(u)))
  return {
    id: 'rel-1', designId: 'd-1', version: 1, label: 'dialysis, PBS', measuredOn: null, createdAt: '2026-01-01T00:00:00.000Z', deletedAt: null,
    kind: 'release', data: { timesH, replicates },
  }
}

describe('calibration worker handler', () => {
  it('recovers a known release-rate multiplier and hands back a profile the library accepts', () => {
    const measurement = syntheticRelease()
    const answers = run({ kind: 'calibrate', sources: [{ measurement, design }], designIds: ['d-1'], parameters: ['releaseRate'], samples: 4000, seed: 5, name: 'release lab' })
    const progress = answers.filter((a) => a.kind === 'progress')
    expect(progress.length).toBeGreaterThan(2)
    const fractions = progress.map((p) => (p as { fraction: number }).fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-1)).toBe(1)
    const last = answers.at(-1)!
    expect(last.kind).toBe('calibrated')
    const outcome = (last as { outcome: CalibrationOutcome }).outcome
    expect(outcome.status).toBe('converged')
    expect(outcome.diagnostics.rHatMax).toBeLessThanOrEqual(1.01)
    expect(outcome.diagnostics.essMin).toBeGreaterThanOrEqual(400)
    const rate = outcome.parameters.find((p) => p.id === 'releaseRate')!
    expect(rate.posterior!.ci95[0]).toBeLessThan(TRUE_RATE)
    expect(rate.posterior!.ci95[1]).toBeGreaterThan(TRUE_RATE)
    // the prior's 95 % interval is e^(±1.96·0.4724) = 0.396–2.52 (CV 50 %); the data narrow it
    expect(rate.prior.ci95[0]).toBeCloseTo(0.3963, 3)
    expect(rate.widthRatio!).toBeLessThan(0.5)
    // release curves inform the fit but are not scored within 2-fold; one study has no leave-one-out
    expect(outcome.within2Fold).toEqual({ before: null, after: null, leaveOneOut: null })
    expect(outcome.folds).toEqual([])
    const checked = NewProfileSchema.safeParse(outcome.profile)
    expect(checked.success).toBe(true)
    expect(outcome.profile!.provenance.measurements).toEqual([{ id: 'rel-1', designId: 'd-1', version: 1, kind: 'release' }])
    expect(outcome.profile!.name).toBe('release lab')
    expect(outcome.profile!.draws.ln.length).toBeLessThanOrEqual(1000)
  })

  it('names a measured value the likelihood cannot take, and runs nothing', () => {
    const bad: Measurement = {
      id: 'bio-1', designId: 'd-1', version: 2, label: 'mice', measuredOn: null, createdAt: '2026-01-01T00:00:00.000Z', deletedAt: null,
      kind: 'biodistribution', data: { species: 'mouse', doseMgPerKg: 5, doseBasis: 'drug', timesH: [1, 24], tissues: { liver: { percentInjectedDose: [0, 30] } } },
    }
    const answers = run({ kind: 'calibrate', sources: [{ measurement: bad, design }], designIds: ['d-1'], parameters: ['liverKMax'], samples: 16, seed: 1, name: 'x' })
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatchObject({ kind: 'error', message: '1 measurement cannot enter the calibration; nothing was run.' })
    const issue = (answers[0] as Extract<CalibrateResponse, { kind: 'error' }>).issues![0]!
    expect(issue.path).toBe('data.tissues.liver.percentInjectedDose[0]')
    expect(issue.message).toMatch(/^measurement bio-1 \(design d-1 version 2\): 0 %ID at 1 h cannot enter a log-normal likelihood/)
  })

  it('says when the designs have no in-vivo or release data', () => {
    const dls: Measurement = { id: 'dls-1', designId: 'd-1', version: 1, label: 'DLS', measuredOn: null, createdAt: '2026-01-01T00:00:00.000Z', deletedAt: null, kind: 'dls', data: { zAverageNm: 110, pdi: 0.1 } }
    const answers = run({ kind: 'calibrate', sources: [{ measurement: dls, design }], designIds: ['d-1'], parameters: ['liverKMax'], samples: 16, seed: 1, name: 'x' })
    expect(answers).toEqual([{ kind: 'error', message: expect.stringMatching(/no in-vivo biodistribution or release measurement/) }])
  })

  it('suggests next designs for a goal with the lab data, each with why and what would settle it', () => {
    const measurement = syntheticRelease()
    const goal = checkDraft(draftFromDesign(design))
    if (!goal.ok) throw new Error('the default goal of the fixture design is not valid')
    const answers = run({
      kind: 'suggest', goalDocument: goal.document, sources: [{ measurement, design }], count: 2, seed: 1,
      posterior: { medians: { releaseRate: 2 }, sampled: ['releaseRate'], drawsLn: [[Math.log(2)]], domain: { hydrodynamicDiameterNm: [50, 500], coreMaterials: [design.core.material], surfaces: ['peg'], species: [design.context.species], diseases: [design.context.disease] } },
    })
    const last = answers.at(-1)!
    expect(last.kind).toBe('suggested')
    const { result, labPoints } = last as Extract<CalibrateResponse, { kind: 'suggested' }>
    // a release profile measured past 50 % gives a t50 residual: one lab point
    expect(labPoints).toBe(1)
    expect(result.suggestions).toHaveLength(2)
    for (const s of result.suggestions) {
      expect(s.why.length).toBeGreaterThan(20)
      expect(s.settle.measurement).toBe(SETTLING_MEASUREMENT[s.settle.metric])
      for (const e of Object.values(s.expected)) expect(e!.ci95[0]).toBeLessThanOrEqual(e!.ci95[1])
    }
  }, 120_000)

  it('refuses a goal the parser refuses, with its path, and runs nothing', () => {
    const answers = run({
      kind: 'suggest', goalDocument: { format: 'nanoforge-goal' }, sources: [], count: 1, seed: 1,
      posterior: { medians: {}, sampled: ['liverKMax'], drawsLn: [[0]], domain: { hydrodynamicDiameterNm: [50, 500], coreMaterials: [], surfaces: [], species: [], diseases: [] } },
    })
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatchObject({ kind: 'error', message: 'The goal cannot be used; fix it in the Find designs tab.' })
    expect((answers[0] as Extract<CalibrateResponse, { kind: 'error' }>).issues!.length).toBeGreaterThan(0)
  })

  it('estimates with a profile at the nominal multipliers exactly as the uncalibrated engine', () => {
    const answers = run({
      kind: 'profile-estimate', design, hours: 72, samples: 8, seed: 1,
      posterior: { medians: {}, sampled: ['liverKMax'], drawsLn: [[0]], domain: { hydrodynamicDiameterNm: [50, 500], coreMaterials: [design.core.material], surfaces: ['peg'], species: [design.context.species], diseases: [design.context.disease] } },
    })
    expect(answers).toHaveLength(1)
    expect(answers[0]!.kind).toBe('estimated')
    const estimate = (answers[0] as { estimate: ProfileEstimate }).estimate
    const simulation = simulateDesign(design, { hours: 72 })
    const rows = profileRows(simulation, estimate)
    expect(rows.horizonH).toBe(72)
    expect(rows.headline.map((r) => r.key)).toEqual(['bloodHalfLifeH', 'targetAucPercentDoseH', 'selectivityIndex', 'targetToLiverSpleenAucRatio'])
    const pairs = [...rows.headline.map((r) => [r.key, r] as const), ...rows.tissues.flatMap((t) => [[`${t.key} % dose`, t.percentDose], [`${t.key} AUC`, t.auc]] as const)]
    expect(pairs).toHaveLength(4 + 2 * 15)
    for (const [key, r] of pairs) {
      expect(r.calibrated, key).toBeCloseTo(r.uncalibrated, 9)
      // a band over draws (prior draws for the five parameters the profile left alone) is ordered
      expect(r.lower, key).toBeLessThanOrEqual(r.upper)
    }
  })
})
