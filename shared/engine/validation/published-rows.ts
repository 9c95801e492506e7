/**
 * Scores the PBPK engine on published in-vivo rows (resources/validation/pbpk-published.json,
 * format `nanoforge.validation` v1): each row is a design, an observable and the published
 * value with its source. Calibration rows and held-out validation rows are kept apart by the
 * file's `set` field (whole papers per set, split stated before any engine comparison).
 *
 * Tolerance: a prediction "holds" when it lies within 2-fold of the published value
 * (published/2 ≤ predicted ≤ 2·published), the tolerance of the engine brief's Part 3.
 *
 * Observables and how the engine produces them:
 * - Every half-life (`bloodHalfLifeH`, `encapsulatedDrugBloodHalfLifeH`, `totalDrugBloodHalfLifeH`)
 *   is read as the paper measured it, by the row's `halfLifePhase` (the rule that decides it from
 *   the paper's words is each file's `halfLifeConvention`; half-life.ts holds the definitions):
 *   'first-halving' (the default) and 'initial' are the first time the curve falls to half its
 *   value after mixing (BiodistributionResult.bloodHalfLifeH for blood particles); 'terminal' is
 *   ln 2 over the log-linear least-squares slope of the same curve at 25 evenly spaced times of
 *   the row's `terminalWindowH` (the last two-thirds of the paper's stated sampling), else of
 *   [t½, 3·t½] of the published value.
 * - `bloodHalfLifeH`: blood particles (intact), as above.
 * - `percentDose` at `timeH` in `tissue`: intact particles, or, for `counting: "label"`, what a
 *   residualizing label reads (intact + carrier degraded in that tissue's phagocytes).
 * - `percentDosePerG`: the same divided by the model's tissue mass (BiodistributionResult.tissueMassG).
 * - Blood %ID and every blood AUC (particles or encapsulated drug) are read as a blood sample
 *   reads them: the central pool × intravascular / central blood ({@link bloodSampleScale}); a
 *   paper's blood %ID is a sample's concentration times the whole blood volume.
 * - `bloodAucPercentDoseH`: ∫ blood %ID dt over [0, timeH], or over [0, ∞) without `timeH`
 *   (the simulated AUC to a long horizon plus the tail C_T/k extrapolated from the last
 *   log-slope of the blood curve).
 * - `targetToHealthyRatio` at `timeH` in `tissue` (the disease's target tissue): particles in
 *   the diseased tissue over particles in the same tissue of a healthy animal given the same
 *   design and dose — the engine runs the row's design and its twin with `context.disease`
 *   "healthy". `ratioBasis` "per-gram" divides each by its tissue mass (the lesion's swollen
 *   mass in the diseased run); "whole-tissue" compares the tissue's whole content. A paper's
 *   contralateral (non-inflamed) joint is read as the healthy animal's joint: the engine has no
 *   systemic effect of a lesion on another joint, so the two references are the same to it.
 * - Drug inside circulating particles (liposomal drug leakage), from a run coupled to the
 *   release engine: `encapsulatedDrugBloodPercentDose` at `timeH` (% of the drug dose still
 *   inside particles in the blood pool); `retainedDrugFractionInBlood` at `timeH` (that over the
 *   particles' own %ID in blood: the drug-to-carrier ratio over the injected one, independent of
 *   volumes and of how fast the carrier is cleared); `encapsulatedDrugBloodAucPercentDoseH` (to
 *   `timeH`, or to ∞ with the same tail rule as the particles' AUC); and
 *   `encapsulatedDrugBloodHalfLifeH` (the encapsulated drug in blood, read by `halfLifePhase` as
 *   above).
 * - Total plasma drug (a clinical assay of "total drug": inside particles + released), from the
 *   same coupled run and the drug's free-drug PK (free-drug/total-plasma.ts: released drug enters
 *   a one-compartment body, k = CL/V, and a plasma sample reads it as F·V_plasma/V):
 *   `totalDrugBloodPercentDose` at `timeH`, `totalDrugBloodAucPercentDoseH` (to `timeH` or to ∞,
 *   tail as above) and `totalDrugBloodHalfLifeH` (read by `halfLifePhase` as above). A row of a drug
 *   without free-drug PK in its species is refused with the drug and species named.
 */
import { validateDesign } from '../../design/schema'
import { deriveProperties } from '../../design/derived'
import type { Design } from '../../design/types'
import { releaseHazard } from '../release'
import {
  biodistributionInputFromDesign, bloodSampleScale, PBPK_DATA, residualizingLabelPercentDose, simulateWithPerturbation,
  type BiodistributionInput, type BiodistributionKey, type BiodistributionResult, type ParameterPerturbation,
} from '../pbpk'
import { totalPlasmaDrugPercentDose } from '../free-drug/total-plasma'
import { speedScaledHazard } from '../pbpk/monte-carlo'
import { defaultTerminalWindowH, halvingTimeH, quantifiedTerminalHalfLifeH, windowSampleTimesH, type HalfLifePhase } from './half-life'

/** Observables a published row can carry. */
export type PublishedObservable = 'bloodHalfLifeH' | 'percentDose' | 'percentDosePerG' | 'bloodAucPercentDoseH' | 'targetToHealthyRatio'
  | 'encapsulatedDrugBloodPercentDose' | 'retainedDrugFractionInBlood' | 'encapsulatedDrugBloodAucPercentDoseH' | 'encapsulatedDrugBloodHalfLifeH'
  | 'totalDrugBloodPercentDose' | 'totalDrugBloodAucPercentDoseH' | 'totalDrugBloodHalfLifeH'

/** Each observable in words, for a reader (the app's table of published experiments, the CLI). */
export const OBSERVABLE_WORDS: Readonly<Record<PublishedObservable, string>> = {
  bloodHalfLifeH: 'blood half-life of the particles',
  percentDose: '% of dose',
  percentDosePerG: '% of dose per g',
  bloodAucPercentDoseH: 'blood AUC of the particles',
  targetToHealthyRatio: 'diseased ÷ healthy tissue',
  encapsulatedDrugBloodPercentDose: 'drug still inside particles in blood, % of drug dose',
  retainedDrugFractionInBlood: 'drug retained per particle in blood (fraction of loading)',
  encapsulatedDrugBloodAucPercentDoseH: 'blood AUC of drug still inside particles',
  encapsulatedDrugBloodHalfLifeH: 'half-life of drug still inside particles',
  totalDrugBloodPercentDose: 'total plasma drug, % of drug dose',
  totalDrugBloodAucPercentDoseH: 'AUC of total plasma drug',
  totalDrugBloodHalfLifeH: 'half-life of total plasma drug',
}

/** Observables about the drug still inside circulating particles: they need the release-coupled run. */
const DRUG_OBSERVABLES: ReadonlySet<PublishedObservable> = new Set<PublishedObservable>([
  'encapsulatedDrugBloodPercentDose', 'retainedDrugFractionInBlood', 'encapsulatedDrugBloodAucPercentDoseH', 'encapsulatedDrugBloodHalfLifeH',
  'totalDrugBloodPercentDose', 'totalDrugBloodAucPercentDoseH', 'totalDrugBloodHalfLifeH',
])

/** Observables of total plasma drug (inside particles + released): they need the free-drug PK too. */
const TOTAL_DRUG_OBSERVABLES: ReadonlySet<PublishedObservable> = new Set<PublishedObservable>([
  'totalDrugBloodPercentDose', 'totalDrugBloodAucPercentDoseH', 'totalDrugBloodHalfLifeH',
])

/** Half-life observables: read as the row's `halfLifePhase` says. */
const HALF_LIFE_OBSERVABLES: ReadonlySet<PublishedObservable> = new Set<PublishedObservable>([
  'bloodHalfLifeH', 'encapsulatedDrugBloodHalfLifeH', 'totalDrugBloodHalfLifeH',
])

/**
 * The terminal window of a row (h): its stated `terminalWindowH`, else the default [t½, 3·t½] of
 * the published value (half-life.ts); undefined for a row not read as terminal. Throws on a
 * window given to a row that is not terminal, or on a non-half-life row marked terminal.
 */
export function terminalWindowOfRow(row: PublishedRow): readonly [number, number] | undefined {
  if (row.halfLifePhase !== undefined && !HALF_LIFE_OBSERVABLES.has(row.observable)) {
    throw new Error(`${row.id}: halfLifePhase is for half-life observables, not ${row.observable}`)
  }
  if (row.halfLifePhase !== 'terminal') {
    if (row.terminalWindowH !== undefined) throw new Error(`${row.id}: terminalWindowH given but halfLifePhase is '${row.halfLifePhase ?? 'first-halving'}', not 'terminal'`)
    return undefined
  }
  const w = row.terminalWindowH ?? defaultTerminalWindowH(row.value)
  if (w.length !== 2 || !(w[0] >= 0) || !(w[1] > w[0]) || !Number.isFinite(w[1])) {
    throw new Error(`${row.id}: terminalWindowH must be [from, to] h with 0 <= from < to, got ${JSON.stringify(w)}`)
  }
  return w
}

/** A half-life of a curve as the row's paper measured it: the first halving, or the terminal slope over its window. */
function halfLifeOfCurve(row: PublishedRow, timesH: ReadonlyArray<number>, c: ReadonlyArray<number>): number {
  const w = terminalWindowOfRow(row)
  if (w === undefined) return halvingTimeH(timesH, c)
  const samples = windowSampleTimesH(w).map((t) => {
    const i = timesH.indexOf(t)
    if (i < 0) throw new Error(`${row.id}: terminal window time ${t} h is not an output time`)
    return c[i]!
  })
  let terminal: number | undefined
  try {
    terminal = quantifiedTerminalHalfLifeH(windowSampleTimesH(w), samples)
  } catch (e) {
    throw new Error(`${row.id}: terminal half-life over [${w[0]}, ${w[1]}] h: ${(e as Error).message}`, { cause: e })
  }
  // gone within the window (a Monte Carlo draw of a fast leakage): its first halving says how fast
  return terminal ?? halvingTimeH(timesH, c)
}

/** One row of the published-rows file (the fields the scorer reads). */
export interface PublishedRow {
  readonly id: string
  readonly set: 'calibration' | 'validation'
  readonly design: unknown
  readonly bodyWeightKg?: number
  readonly observable: PublishedObservable
  readonly tissue?: string
  readonly timeH?: number
  readonly value: number
  readonly unit: string
  readonly counting: 'intact' | 'label'
  /** `targetToHealthyRatio` only: both sides per g of tissue, or the whole tissue's content. */
  readonly ratioBasis?: 'per-gram' | 'whole-tissue'
  /** `targetToHealthyRatio` only: what the paper compared the diseased tissue with. */
  readonly healthyReference?: 'healthy-animals' | 'contralateral'
  readonly source: string
  readonly evidence: string
  /** How the value was read and converted (the row's arithmetic and assumptions). */
  readonly how?: string
  /**
   * Half-life observables only: which half-life the paper measured, decided from its words by the
   * file's `halfLifeConvention` (absent = 'first-halving').
   */
  readonly halfLifePhase?: HalfLifePhase
  /** The paper's words (as quoted in the row's source or how) that decided `halfLifePhase`. */
  readonly halfLifePhaseWords?: string
  /** 'terminal' only: the paper's own terminal window [from, to] (h), the last two-thirds of its stated sampling. */
  readonly terminalWindowH?: readonly [number, number]
  /** How `terminalWindowH` was read (the sampling times quoted and the arithmetic). */
  readonly terminalWindowHow?: string
  readonly notRepresentable?: string
}

/** The published-rows file. */
export interface PublishedRowsFile {
  readonly format: 'nanoforge.validation'
  readonly version: 1
  readonly splitRule: string
  readonly rows: ReadonlyArray<PublishedRow>
}

/** A scored row. */
export interface ScoredRow {
  readonly row: PublishedRow
  readonly predicted: number
  /** predicted / published. */
  readonly ratio: number
  readonly within2Fold: boolean
}

/** Share of rows within 2-fold, and the counts behind it. */
export interface SetScore {
  readonly scored: number
  readonly within2Fold: number
  readonly share: number
}

/** Horizon for a row: long enough to see a human half-life and an AUC's tail. */
function horizonH(row: PublishedRow, species: string): number {
  const base = species === 'human' ? 720 : species === 'rat' ? 336 : 168
  return Math.max(base, (row.timeH ?? 0) * 1.5)
}

/** The validated design of a row; throws with the row id and the schema's messages. */
export function designOfRow(row: PublishedRow): Design {
  const checked = validateDesign(row.design)
  if (!checked.valid) {
    throw new Error(`${row.id}: design does not validate: ${checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  }
  return checked.design
}

function valueAt(series: ReadonlyArray<number>, timesH: ReadonlyArray<number>, tH: number): number {
  const i = timesH.indexOf(tH)
  if (i < 0) throw new Error(`time ${tH} h is not an output time`)
  return series[i]!
}

/** ∫₀^∞ of a curve: the simulated AUC plus the tail C_T / k from the last log-slope. */
function aucToInfinity(timesH: ReadonlyArray<number>, c: ReadonlyArray<number>, aucToHorizon: number): number {
  const n = timesH.length
  const cLast = c[n - 1]!
  const cPrev = c[n - 2]!
  const k = cLast > 0 && cPrev > cLast ? Math.log(cPrev / cLast) / (timesH[n - 1]! - timesH[n - 2]!) : 0
  return aucToHorizon + (k > 0 ? cLast / k : 0)
}

/** The encapsulated-drug curves of a coupled run; throws when the row's design releases nothing. */
function encapsulated(row: PublishedRow, result: BiodistributionResult): NonNullable<BiodistributionResult['encapsulatedDrug']> {
  if (result.encapsulatedDrug === undefined) throw new Error(`${row.id}: ${row.observable} needs a design with a drug the release engine models`)
  return result.encapsulatedDrug
}

/** One simulation of a design for a row: a time grid dense enough for its observable. */
function simulateForRow(row: PublishedRow, design: Design, draw: RowDraw = {}): BiodistributionResult {
  return runForRow(row, design, draw).result
}

/** As {@link simulateForRow}, with the engine input it ran (the total-drug observables read its body weight). */
function runForRow(row: PublishedRow, design: Design, draw: RowDraw = {}): { input: BiodistributionInput; result: BiodistributionResult } {
  const derived = deriveProperties(design)
  const base = {
    ...biodistributionInputFromDesign(design, derived),
    ...(row.bodyWeightKg !== undefined ? { bodyWeightKg: row.bodyWeightKg } : {}),
  }
  const hazard = DRUG_OBSERVABLES.has(row.observable) ? releaseHazard(design) : undefined
  const input: BiodistributionInput = hazard !== undefined
    ? { ...base, releaseHazard: draw.releaseSpeed !== undefined ? speedScaledHazard(hazard, draw.releaseSpeed) : hazard }
    : base
  const aucToTime = (row.observable === 'bloodAucPercentDoseH' || row.observable === 'encapsulatedDrugBloodAucPercentDoseH' || row.observable === 'totalDrugBloodAucPercentDoseH') && row.timeH !== undefined
  const window = terminalWindowOfRow(row)
  const hours = aucToTime && row.timeH !== undefined ? row.timeH : Math.max(horizonH(row, design.context.species), window?.[1] ?? 0)
  const extraTimes = [...(row.timeH !== undefined && row.timeH < hours ? [row.timeH] : []), ...(window !== undefined ? windowSampleTimesH(window) : [])]
  const grid = new Set<number>([0, ...extraTimes])
  for (let i = 1; i <= 200; i++) grid.add((hours * i) / 200)
  const timesH = [...grid].sort((a, b) => a - b)
  return { input, result: simulateWithPerturbation(input, { hours, timesH }, draw.perturbation) }
}

/**
 * Total plasma drug of a row's run (free-drug/total-plasma.ts): the blood sample's drug inside
 * particles plus the released drug circulating as free drug, % of the drug dose in the whole
 * plasma, at the run's output times; and its AUC over the run (the encapsulated part's exact
 * AUC plus the trapezoidal AUC of the free part).
 */
function totalDrug(row: PublishedRow, design: Design, input: BiodistributionInput, result: BiodistributionResult): { curve: number[]; auc: number } {
  const e = encapsulated(row, result)
  const s = bloodSampleScale(result)
  const bodyWeightKg = input.bodyWeightKg ?? PBPK_DATA.species[design.context.species].bodyWeightKg.value
  const curve = totalPlasmaDrugPercentDose({
    drug: design.payload.drug, species: design.context.species, bodyWeightKg, timesH: result.timesH,
    encapsulatedBloodPercentDose: e.bloodPercentDose, bloodSampleScale: s,
    intravascularBloodMassG: result.intravascularBloodMassG, releasedPercentDose: e.releasedPercentDose,
  })
  let freeAuc = 0
  for (let i = 1; i < curve.length; i++) {
    const f0 = curve[i - 1]! - s * e.bloodPercentDose[i - 1]!
    const f1 = curve[i]! - s * e.bloodPercentDose[i]!
    freeAuc += 0.5 * (f0 + f1) * (result.timesH[i]! - result.timesH[i - 1]!)
  }
  return { curve, auc: s * e.bloodAucPercentDoseH + freeAuc }
}


function timeOf(row: PublishedRow): number {
  if (row.timeH === undefined) throw new Error(`${row.id}: ${row.observable} needs timeH`)
  return row.timeH
}

/** %ID of a row's tissue at its time (intact, or what a residualizing label reads), and its mass. */
function tissueAt(row: PublishedRow, result: BiodistributionResult): { percentDose: number; massG: number | null } {
  if (row.tissue === undefined || row.timeH === undefined) throw new Error(`${row.id}: ${row.observable} needs tissue and timeH`)
  const key = row.tissue as BiodistributionKey
  const curves = row.counting === 'label'
    ? residualizingLabelPercentDose(result.percentDose, result.degradedInTissuePercentDose)
    : result.percentDose
  if (!(key in curves)) throw new Error(`${row.id}: unknown tissue '${row.tissue}'`)
  return { percentDose: valueAt(curves[key], result.timesH, row.timeH), massG: result.tissueMassG[key] }
}

function perGram(row: PublishedRow, t: { percentDose: number; massG: number | null }): number {
  if (t.massG === null || !(t.massG > 0)) throw new Error(`${row.id}: no mass for '${row.tissue}'`)
  return t.percentDose / t.massG
}

/** Whether a row's observable is a drug's (its run couples the drug's release to the particles). */
export function isDrugObservable(row: PublishedRow): boolean {
  return DRUG_OBSERVABLES.has(row.observable)
}

/**
 * One Monte Carlo draw for a row: the parameter perturbation (monte-carlo.ts samplePerturbation)
 * and, for a drug observable, a release speed multiplier s (the hazard read as s·h(s·t),
 * monte-carlo.ts speedScaledHazard). Empty: the nominal estimate.
 */
export interface RowDraw {
  readonly perturbation?: ParameterPerturbation
  readonly releaseSpeed?: number
}

/** The engine's value of a row's observable; with a draw, one Monte Carlo sample of it (the same draw for a diseased row's healthy twin). */
export function predictRow(row: PublishedRow, draw: RowDraw = {}): number {
  const design = designOfRow(row)
  const { input, result } = runForRow(row, design, draw)
  const total = TOTAL_DRUG_OBSERVABLES.has(row.observable) ? totalDrug(row, design, input, result) : undefined
  const totalOf = (): { curve: number[]; auc: number } => {
    if (total === undefined) throw new Error(`${row.id}: ${row.observable} is not a total-drug observable`)
    return total
  }
  switch (row.observable) {
    case 'totalDrugBloodPercentDose':
      return valueAt(totalOf().curve, result.timesH, timeOf(row))
    case 'totalDrugBloodAucPercentDoseH':
      return row.timeH !== undefined ? totalOf().auc : aucToInfinity(result.timesH, totalOf().curve, totalOf().auc)
    case 'totalDrugBloodHalfLifeH':
      return halfLifeOfCurve(row, result.timesH, totalOf().curve)
    case 'bloodHalfLifeH':
      // first halving: the engine's own (BiodistributionResult.bloodHalfLifeH); terminal: the blood curve's tail
      return terminalWindowOfRow(row) === undefined ? result.bloodHalfLifeH : halfLifeOfCurve(row, result.timesH, result.percentDose.blood)
    case 'bloodAucPercentDoseH':
      return bloodSampleScale(result) * (row.timeH !== undefined ? result.aucPercentDoseH.blood : aucToInfinity(result.timesH, result.percentDose.blood, result.aucPercentDoseH.blood))
    case 'encapsulatedDrugBloodPercentDose':
      return bloodSampleScale(result) * valueAt(encapsulated(row, result).bloodPercentDose, result.timesH, timeOf(row))
    case 'retainedDrugFractionInBlood': {
      const t = timeOf(row)
      const particles = valueAt(result.percentDose.blood, result.timesH, t)
      if (!(particles > 0)) throw new Error(`${row.id}: no particles left in blood at ${t} h, so no drug-to-carrier ratio`)
      return valueAt(encapsulated(row, result).bloodPercentDose, result.timesH, t) / particles
    }
    case 'encapsulatedDrugBloodAucPercentDoseH': {
      const e = encapsulated(row, result)
      return bloodSampleScale(result) * (row.timeH !== undefined ? e.bloodAucPercentDoseH : aucToInfinity(result.timesH, e.bloodPercentDose, e.bloodAucPercentDoseH))
    }
    case 'encapsulatedDrugBloodHalfLifeH':
      return halfLifeOfCurve(row, result.timesH, encapsulated(row, result).bloodPercentDose)
    case 'percentDose':
      return (row.tissue === 'blood' ? bloodSampleScale(result) : 1) * tissueAt(row, result).percentDose
    case 'percentDosePerG':
      return perGram(row, tissueAt(row, result))
    case 'targetToHealthyRatio': {
      if (design.context.disease === 'healthy') throw new Error(`${row.id}: targetToHealthyRatio needs a diseased design`)
      if (row.ratioBasis === undefined) throw new Error(`${row.id}: targetToHealthyRatio needs ratioBasis`)
      const target = PBPK_DATA.diseases[design.context.disease].targetTissue
      if (target !== row.tissue) throw new Error(`${row.id}: the target tissue of ${design.context.disease} is ${String(target)}, not '${row.tissue}'`)
      const healthyTwin: Design = { ...design, context: { ...design.context, disease: 'healthy' } }
      const diseased = tissueAt(row, result)
      const healthy = tissueAt(row, simulateForRow(row, healthyTwin, draw))
      return row.ratioBasis === 'per-gram' ? perGram(row, diseased) / perGram(row, healthy) : diseased.percentDose / healthy.percentDose
    }
  }
}

/** The tolerance of every published-value comparison: within 2-fold, published/2 ≤ x ≤ 2·published (module comment). */
export function withinTwoFold(ratio: number): boolean {
  return ratio >= 0.5 && ratio <= 2
}

/** Scores every representable row (rows with `notRepresentable` are left out). */
export function scoreRows(rows: ReadonlyArray<PublishedRow>): ScoredRow[] {
  return rows.filter((r) => r.notRepresentable === undefined).map((row) => {
    const predicted = predictRow(row)
    const ratio = predicted / row.value
    return { row, predicted, ratio, within2Fold: withinTwoFold(ratio) }
  })
}

/** Share within 2-fold of the scored rows of one set. */
export function scoreOf(scored: ReadonlyArray<ScoredRow>, set: PublishedRow['set']): SetScore {
  const inSet = scored.filter((s) => s.row.set === set)
  const hits = inSet.filter((s) => s.within2Fold).length
  return { scored: inSet.length, within2Fold: hits, share: inSet.length > 0 ? hits / inSet.length : 0 }
}
