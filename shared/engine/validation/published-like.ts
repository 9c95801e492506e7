/**
 * Published experiments like a design (issue #10): the rows of the engine's validation set whose
 * particle is close to the design on screen, with the published value, the engine's estimate of
 * that published experiment, and the engine's estimate of the design on screen in the same
 * experiment. A scientist sees what was measured on particles like hers and how far the engine
 * was from it there, which says more about one estimate than a score over every row.
 *
 * "Like" (PUBLISHED_LIKE_RULE): the same species, core material and coats (design-match.ts); for
 * liposomes the same bilayer lipid with cholesterol within 15 mol-% points; PEG chain mass within
 * 2.5-fold; hydrodynamic diameter within 1.5-fold. Ligands, disease, dose and sampling time may
 * differ, and each difference is listed. Closest first: distance |ln(d/d')| + 0.2·|ln(dose/dose')|
 * (0.5 for doses on different bases) + 0.3·|ln(PEG/PEG')| + |Δcholesterol|/50 + 0.3 for another
 * disease + 1 for another set of ligands (so a particle with the design's own ligands comes
 * first); at most three rows per paper, so one paper's many organs do not fill the table, and
 * within a paper a read-out not yet listed (blood, liver, spleen, drug…) before a second of the
 * same one, so a paper's three rows show three things it measured where it measured three.
 */
import { TISSUE_LABELS } from '../../design/display-names'
import { lowerFirst, optionLabel } from '../../design/fields'
import type { Design } from '../../design/types'
import { coatSignature, hydrodynamicDiameterNm, ligandSignature, pegMolecularWeightDa, withinFold } from './design-match'
import { disagreementsOf, studyOfRow } from './between-study'
import { designOfRow, OBSERVABLE_WORDS, predictRow, withinTwoFold, type PublishedRow } from './published-rows'

export const PUBLISHED_LIKE_RULE = {
  hydrodynamicDiameterFold: 1.5,
  pegMolecularWeightFold: 2.5,
  cholesterolMolPctPoints: 15,
  rowsPerPaper: 3,
  rows: 10,
} as const

/** One published experiment like the design, with the engine's two estimates. */
export interface PublishedExperiment {
  readonly id: string
  /** Calibration rows set engine parameters; held-out rows never did. */
  readonly set: PublishedRow['set']
  /** First author and year (or the product, for a label). */
  readonly paper: string
  /** The literature citation as the row gives it (authors, year, journal, DOI, table or figure). */
  readonly citation: string
  readonly designName: string
  /** What was measured, in words: tissue, quantity, time. */
  readonly readout: string
  readonly unit: string
  readonly published: number
  /** The engine's estimate of the published experiment (its own design, dose and time); null with the reason when it cannot run. */
  readonly engine: number | null
  readonly engineProblem?: string
  /** The engine's estimate of the design on screen in the same experiment (read-out, time, body weight); null with the reason. */
  readonly thisDesign: number | null
  readonly thisDesignProblem?: string
  /** How the published particle and set-up differ from the design on screen, in words. */
  readonly differences: ReadonlyArray<string>
  /** The published experiment's own design (particle, dose, species, disease), to open or save as a design file. */
  readonly design: Design
  /**
   * Where another paper's value of the same design differs more than 2-fold (between-study.ts),
   * the widest ratio and that paper: a value its peers dispute weighs less.
   */
  readonly papersDisagree?: { readonly fold: number; readonly paper: string }
}

/** The first author's surname and the year, from the citation (else the row id's paper key). */
export function paperLabel(row: PublishedRow): string {
  const year = /(19|20)\d{2}/.exec(studyOfRow(row))?.[0] ?? /(19|20)\d{2}/.exec(row.source)?.[0]
  const author = /^([A-Z][\p{L}'-]+)\s+[A-Z]{1,3}\b/u.exec(row.source)?.[1]
  if (author) return year ? `${author} ${year}` : author
  const key = studyOfRow(row).replace(/(19|20)\d{2}$/, '')
  const name = key.charAt(0).toUpperCase() + key.slice(1)
  return year ? `${name} ${year}` : name
}

/** The distance a different set of ligands adds: more than any size, dose or PEG difference within the window. */
const LIGAND_DIFFERENCE_DISTANCE = 1

/** "none", or "folic acid × 250, anti-ICAM-1 × 50" (catalog names and counts). */
function ligandWords(design: Design): string {
  return design.ligands.length === 0 ? 'none' : design.ligands.map((l) => `${optionLabel('ligands[].ligand', l.ligand)} × ${l.perParticle}`).join(', ')
}

const round = (x: number): string => String(Number(x.toPrecision(3)))
const diseaseName = (id: string): string => lowerFirst(optionLabel('context.disease', id))

/** What a published row measured, in words: tissue, quantity, time (and the terminal reading). */
export function readoutOf(row: PublishedRow): string {
  const named = row.tissue !== undefined && (row.tissue !== 'blood' || row.observable === 'percentDose' || row.observable === 'percentDosePerG')
  const tissue = named ? `${TISSUE_LABELS[row.tissue as keyof typeof TISSUE_LABELS] ?? row.tissue}: ` : ''
  const words = OBSERVABLE_WORDS[row.observable]
  const at = row.timeH !== undefined && !/HalfLife/.test(row.observable) ? ` at ${round(row.timeH)} h` : row.timeH === undefined && /Auc/.test(row.observable) ? ' to infinity' : ''
  const reading = row.halfLifePhase === 'terminal' ? ' (terminal)' : ''
  return `${tissue}${tissue ? words : words.charAt(0).toUpperCase() + words.slice(1)}${at}${reading}`
}

interface Candidate { readonly row: PublishedRow; readonly design: Design; readonly distance: number; readonly differences: string[] }

function candidate(design: Design, row: PublishedRow): Candidate | null {
  const other = designOfRow(row)
  if (other.context.species !== design.context.species || other.core.material !== design.core.material) return null
  if (coatSignature(other) !== coatSignature(design)) return null
  const b = design.core.bilayer
  const ob = other.core.bilayer
  if ((b === undefined) !== (ob === undefined)) return null
  if (b && ob && (b.lipid !== ob.lipid || Math.abs(b.cholesterolMolPct - ob.cholesterolMolPct) > PUBLISHED_LIKE_RULE.cholesterolMolPctPoints)) return null
  const peg = pegMolecularWeightDa(design)
  const otherPeg = pegMolecularWeightDa(other)
  if (peg > 0 && !withinFold(peg, otherPeg, PUBLISHED_LIKE_RULE.pegMolecularWeightFold)) return null
  const d = hydrodynamicDiameterNm(design)
  const od = hydrodynamicDiameterNm(other)
  if (!withinFold(d, od, PUBLISHED_LIKE_RULE.hydrodynamicDiameterFold)) return null

  const differences: string[] = []
  let distance = Math.abs(Math.log(d / od))
  if (Math.abs(d - od) >= 1) differences.push(`hydrodynamic Ø ${round(od)} nm (this design ${round(d)} nm)`)
  const dose = design.context.dose
  const otherDose = other.context.dose
  if (dose.basis === otherDose.basis) {
    distance += 0.2 * Math.abs(Math.log(dose.mgPerKg / otherDose.mgPerKg))
    if (!withinFold(dose.mgPerKg, otherDose.mgPerKg, 1.05)) differences.push(`dose ${round(otherDose.mgPerKg)} mg/kg of ${otherDose.basis} (this design ${round(dose.mgPerKg)})`)
  } else {
    distance += 0.5
    differences.push(`dose ${round(otherDose.mgPerKg)} mg/kg of ${otherDose.basis} (this design: ${round(dose.mgPerKg)} mg/kg of ${dose.basis})`)
  }
  if (peg > 0) {
    distance += 0.3 * Math.abs(Math.log(peg / otherPeg))
    if (peg !== otherPeg) differences.push(`PEG ${round(otherPeg)} Da (this design ${round(peg)} Da)`)
  }
  if (b && ob) {
    distance += Math.abs(b.cholesterolMolPct - ob.cholesterolMolPct) / 50
    if (Math.abs(b.cholesterolMolPct - ob.cholesterolMolPct) >= 1) differences.push(`cholesterol ${round(ob.cholesterolMolPct)} mol-% (this design ${round(b.cholesterolMolPct)})`)
  }
  if (ligandSignature(other) !== ligandSignature(design)) {
    // a targeting ligand changes where a particle goes, but the particle under it is still the
    // nearest evidence there is: listed last-but-closest, with the difference named
    distance += LIGAND_DIFFERENCE_DISTANCE
    differences.push(`ligands: ${ligandWords(other)} (this design: ${ligandWords(design)})`)
  }
  if (other.context.disease !== design.context.disease) {
    distance += 0.3
    differences.push(`${other.context.disease === 'healthy' ? 'healthy animals' : diseaseName(other.context.disease)} (this design: ${diseaseName(design.context.disease)})`)
  }
  return { row, design: other, distance, differences }
}

const problem = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/^[\w.-]+: /, '')

/** The engine's estimate of each published row's own experiment, kept per row id (it depends on the row only). */
const ownEstimates = new Map<string, { value: number | null; problem?: string }>()

/**
 * The engine's estimate of a published row's own experiment (predictRow), or null with the
 * reason when it cannot run; kept per row id for the life of the process (catalog parameters).
 */
export function engineOnPublishedRow(row: PublishedRow): { value: number | null; problem?: string } {
  let known = ownEstimates.get(row.id)
  if (known === undefined) {
    try {
      known = { value: predictRow(row) }
    } catch (e) {
      known = { value: null, problem: problem(e) }
    }
    ownEstimates.set(row.id, known)
  }
  return known
}

/** The engine's two numbers for one published row: of its own experiment, and of a design in it. */
export interface PublishedRowEstimate {
  readonly engine: number | null
  readonly engineProblem?: string
  readonly thisDesign: number | null
  readonly thisDesignProblem?: string
}

/**
 * The engine's estimate of `row`'s own experiment and, with `design`, of that design in the same
 * experiment (read-out, time, body weight). The expensive half of the lookup: the app runs it in
 * its worker pool, on the few rows the selection chose.
 */
export function estimatePublishedRow(row: PublishedRow, design: Design | null): PublishedRowEstimate {
  const own = engineOnPublishedRow(row)
  let thisDesign: number | null = null
  let thisDesignProblem: string | undefined
  if (design !== null) {
    try {
      thisDesign = predictRow({ ...row, design })
    } catch (e) {
      thisDesignProblem = problem(e)
    }
  }
  return {
    engine: own.value, ...(own.problem !== undefined ? { engineProblem: own.problem } : {}),
    thisDesign, ...(thisDesignProblem !== undefined ? { thisDesignProblem } : {}),
  }
}

/** A row chosen as like the design, with how it differs (no engine run yet). */
export interface PublishedLikeChoice {
  readonly row: PublishedRow
  /** The row's own design, validated. */
  readonly design: Design
  readonly differences: ReadonlyArray<string>
}

/**
 * The rows like `design` among `rows` (rows marked notRepresentable are left out), closest first,
 * at most three per paper and ten in all (module comment). Cheap: geometry only, no engine run,
 * so the app does it on the UI thread and sends the few chosen rows to its workers.
 */
export function selectPublishedLike(design: Design, rows: ReadonlyArray<PublishedRow>): PublishedLikeChoice[] {
  const found = rows
    .filter((r) => r.notRepresentable === undefined)
    .map((r) => candidate(design, r))
    .filter((c): c is Candidate => c !== null)
    .sort((x, y) => x.distance - y.distance || x.row.id.localeCompare(y.row.id))
  // k: how many rows of the same paper and read-out are closer; a paper keeps its rows in the
  // order (k, closeness), so each read-out's first row comes before any second one
  const seen = new Map<string, number>()
  const keyed = found.map((c, i) => {
    const paper = studyOfRow(c.row)
    const readout = `${paper}|${c.row.observable}|${c.row.tissue ?? ''}`
    const k = seen.get(readout) ?? 0
    seen.set(readout, k + 1)
    return { c, paper, k, i }
  })
  const perPaper = new Map<string, number>()
  const kept = new Set<Candidate>()
  for (const e of keyed.sort((x, y) => x.k - y.k || x.i - y.i)) {
    const n = perPaper.get(e.paper) ?? 0
    if (n < PUBLISHED_LIKE_RULE.rowsPerPaper) {
      perPaper.set(e.paper, n + 1)
      kept.add(e.c)
    }
  }
  const chosen = found.filter((c) => kept.has(c)).slice(0, PUBLISHED_LIKE_RULE.rows)
  return chosen.map((c) => ({ row: c.row, design: c.design, differences: c.differences }))
}

/** One chosen row and its engine numbers (and another paper's disagreement, if any), as the app, the CLI and the report show it. */
export function publishedExperiment(
  choice: PublishedLikeChoice, estimate: PublishedRowEstimate, disagreement?: { readonly fold: number; readonly other: PublishedRow },
): PublishedExperiment {
  const r = choice.row
  return {
    id: r.id, set: r.set, paper: paperLabel(r), citation: r.source, designName: choice.design.name,
    readout: readoutOf(r), unit: r.unit, published: r.value, ...estimate, differences: choice.differences, design: choice.design,
    ...(disagreement !== undefined ? { papersDisagree: { fold: disagreement.fold, paper: paperLabel(disagreement.other) } } : {}),
  }
}

/**
 * The published experiments like `design` among `rows`, closest first, each with the engine's
 * estimate of it and of `design` in it (selectPublishedLike, then estimatePublishedRow). An
 * empty list when none is alike.
 */
export function publishedExperimentsLike(design: Design, rows: ReadonlyArray<PublishedRow>): PublishedExperiment[] {
  const choices = selectPublishedLike(design, rows)
  const disagreement = choices.length > 0 ? disagreementsOf(rows.filter((r) => r.notRepresentable === undefined)) : () => undefined
  return choices.map((c) => publishedExperiment(c, estimatePublishedRow(c.row, design), disagreement(c.row)))
}

/** The summary of a list of published experiments like a design, in words (the app, the report). */
export function publishedLikeSummary(experiments: ReadonlyArray<PublishedExperiment>): string {
  const rule = `same species, core and coats, hydrodynamic Ø within ${PUBLISHED_LIKE_RULE.hydrodynamicDiameterFold}-fold`
  if (experiments.length === 0) return `No published experiment in the engine's validation rows is like this design (${rule}). The estimate stands on the engine's mechanisms alone here.`
  const estimated = experiments.filter((e) => e.engine !== null)
  const within = estimated.filter((e) => withinTwoFold(e.engine! / e.published)).length
  return `${experiments.length} published experiment${experiments.length === 1 ? '' : 's'} on particles like this one (${rule}), closest first. `
    + `On ${estimated.length === experiments.length ? 'them' : `the ${estimated.length} it could run`}, the engine was within 2-fold of the published value ${within} time${within === 1 ? '' : 's'} of ${estimated.length}.`
}
