/**
 * The layout of the design-review report (issue #16): a design version, its estimate, flags,
 * measurements and the validation score → a {@link ReportDocument}. Pure: no engine call, no
 * clock, no file; everything comes in through {@link ReportVersion}, {@link DesignAnalysis}
 * and {@link ReportSettings}, so the same input gives the same document in the CLI and the app.
 *
 * Section order follows the EMA guideline on the reporting of PBPK modelling and simulation
 * (EMA/CHMP/458101/2016, adopted 13 December 2018, section 4 "Report"): objective, model
 * description with its parameters and their sources, model evaluation/qualification, the
 * simulations, their results and the conclusions, then references. The design itself (the
 * "drug product" the model is applied to) is described within the model description.
 */
import { RELEASE_CATALOG } from '../engine/release/catalog'
import { PBPK_DATA } from '../engine/pbpk/data'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../engine/pbpk/types'
import { SELECTIVITY_METRICS, type Band, type SelectivityMetric } from '../engine/pbpk/monte-carlo'
import { particleDoseMgPerKg } from '../engine/pbpk/from-design'
import type { DerivedProperties } from '../design/derived'
import { humanizeText, parameterLabel, unitText } from '../design/display-names'
import { DERIVED_QUANTITIES, DESIGN_FIELDS, fieldDef, fieldKey, optionLabel, pathLabel } from '../design/fields'
import { formatFieldValue, formatQuantity } from '../design/format'
import type { Design } from '../design/types'
import type { EngineAssumption } from '../engine/simulate'
import { ENGINE_VERSION } from '../engine/version'
import { betweenStudySentence, foldErrorByReadoutSentence, predictionIntervalSentence, withinStudySentence } from '../engine/validation/measured-accuracy'
import { publishedLikeSummary, type PublishedExperiment } from '../engine/validation/published-like'
import { FLAG_RULES, FLAG_SEVERITIES, type Flag } from '../flags/rules'
import type { Measurement } from '../ipc/channels/measurement'
import { METRICS, type MetricId } from '../metrics/registry'
import { getLigand } from '../catalog/index'
import type { AnalysedCalibration, DesignAnalysis } from './analyse'
import { REPORT_HORIZON_H } from './analyse'
import { CALIBRATION_PARAMETER_LABELS, type CalibrationParameterId } from '../engine/calibrate/parameters'
import { niceCeiling, scaleBarLengthNm } from './axis'
import type {
  ChartBand, ChartBlock, ChartMarkers, ChartSeries, FigureLayer, HexColor, ParticleFigureBlock, ReportBlock, ReportDocument, TableBlock,
} from './document'
import { OKABE_ITO } from './document'
import { DESIGN_COLOURS, ENVIRONMENT_COLOURS, REPORT_TISSUE_LABELS, targetName } from './labels'
import { agreementRatio, compareMeasurements, type MeasurementComparison } from './measured'
import { comparedCqaTable, countsText, cqaBlocks, STATUS_WORDS, type ReportSpecs } from './cqa'
import type { CqaRow } from '../quality/evaluate'
import type { ValidationSummary } from './validation'
import { MAX_COMPARED_DESIGNS } from './limits'

/** One saved design version, as the library returns it. */
export interface ReportVersion {
  readonly designId: string
  readonly version: number
  /** How many versions the design has. */
  readonly versionCount: number
  /** When this version was saved, ISO 8601. */
  readonly savedAt: string
  readonly note: string
  /** SHA-256 of the canonical JSON of the version (the library's document hash). */
  readonly documentHash: string
  /** Engine version recorded when the version was saved. */
  readonly savedEngineVersion: string
  readonly design: Design
  readonly measurements: ReadonlyArray<Measurement>
  /**
   * The specification the version is held to: its project's limits (electron/db/specs.ts), or
   * null when the design is in no project. Absent means the same as null.
   */
  readonly specs?: ReportSpecs | null
  /**
   * The approvals (electronic signatures, `nanoforge db approve`) of this version, oldest first.
   * Absent means none were read (the cover then says none are recorded, like an empty list).
   */
  readonly approvals?: ReadonlyArray<ReportApproval>
}

/** One signature of a version as the report states it (electron/db/approvals.ts). */
export interface ReportApproval {
  /** "reviewed" or "approved for synthesis". */
  readonly meaning: string
  /** The name given when signing (the OS account when none was). */
  readonly signerName: string
  /** The OS account that signed. */
  readonly signerUser: string
  /** When, UTC ISO 8601. */
  readonly at: string
  /** The content hash the signature was given to. */
  readonly documentHash: string
}

/**
 * The cover's signatures of a version: "reviewed — Dr. Ada Lovelace (OS user ada), 2026-12-06
 * 20:28 UTC", one per approval, oldest first; "none recorded" otherwise.
 *
 * Why on the cover: a review document must show at a glance whether the version it describes
 * was signed, by whom and for what. A signature given to other content than the version's hash
 * is said so in words (`nanoforge db verify` names the broken link), never shown as valid.
 */
export function approvalsText(v: Pick<ReportVersion, 'approvals' | 'documentHash'>): string {
  const list = v.approvals ?? []
  if (list.length === 0) return 'None recorded for this version (nanoforge db approve signs a version).'
  return list.map((a) => {
    const who = a.signerName === a.signerUser ? `OS user ${a.signerUser}` : `${a.signerName} (OS user ${a.signerUser})`
    const hash = a.documentHash === v.documentHash ? '' : ` — signed other content (hash ${a.documentHash.slice(0, 12)}…), not this version: run nanoforge db verify`
    return `${a.meaning} — ${who}, ${dateText(a.at)}${hash}`
  }).join('; ')
}

/**
 * The app's render of the design's 3D scene for its report (renderer/features/report/
 * report-figure.tsx: the scene components drawn off screen with an orthographic camera, read
 * back as PNG). The command line has none: a headless command has no GPU.
 */
export interface ReportSceneRender {
  readonly png: Uint8Array
  readonly widthPx: number
  readonly heightPx: number
  /** Size of one pixel at the particle's centre, nm (orthographic: the same at every depth). */
  readonly nmPerPx: number
  /** How the scene was viewed, in words (camera, cutaway). */
  readonly view: string
  /** What each colour of the render is (the scene's palette). */
  readonly legend: ReadonlyArray<{ readonly label: string; readonly color: HexColor }>
}

/** The 3D figure of a single report: the app's render, or why the app could not make one. */
export type ReportFigure = { readonly kind: 'render'; readonly render: ReportSceneRender } | { readonly kind: 'unavailable'; readonly reason: string }

/** What the cross-section's caption says of the 3D view when the report carries none (the command line). */
export const NO_3D_FROM_CLI = 'A 2D vector drawing: the command line draws no 3D scene (a headless command has no GPU); '
  + 'the review report made in the app (Export, Review report) carries a render of the particle\'s 3D scene with its scale bar.'

/** Settings shared by every design of one report. */
export interface ReportSettings {
  /** When the report is made, ISO 8601. */
  readonly generatedAt: string
  readonly validation: ValidationSummary
}

/** The section titles, in EMA order. Tests look for each in the PDF's text. */
export const SECTION_TITLES = {
  objective: '1 Objective',
  model: '2 Model description',
  parameters: '3 Parameters and their sources',
  evaluation: '4 Model evaluation and qualification',
  simulations: '5 Simulations',
  results: '6 Results',
  conclusions: '7 Conclusions',
  references: '8 References',
} as const

/** The results subsection of an estimate with a calibration profile (single report only). */
export const CALIBRATION_SECTION_TITLE = '6.6 Estimate with the calibration profile'

/** The release engine's size law, read from its catalog so the report states the numbers the engine uses. */
const DRUG_MATRIX = RELEASE_CATALOG.drugMatrixDiffusion

/** Methods literature: the models the engine implements and the guideline this layout follows. */
const METHOD_REFERENCES = {
  ema: 'European Medicines Agency 2018, Guideline on the reporting of physiologically based pharmacokinetic (PBPK) modelling and simulation, EMA/CHMP/458101/2016',
  crank: 'Crank J 1975, The Mathematics of Diffusion, 2nd ed., Clarendon Press, Oxford (diffusion from a sphere, ch. 6)',
  bakerLonsdale: 'Baker RW, Lonsdale HK 1974, Controlled release: mechanisms and rates, in Tanquary AC, Lacey RE (eds), Controlled Release of Biologically Active Agents, Plenum Press, New York, pp. 15-71',
  siepmann: 'Siepmann J, Siepmann F 2012, J Control Release 161:351-362 (diffusion-controlled drug delivery; solute diffusion in water-filled pores)',
  modiAnderson: 'Modi S, Anderson BD 2013, Mol Pharm 10:3076-3089 (dynamic dialysis: membrane transport and reversible binding)',
  lin: 'Lin Z, Monteiro-Riviere NA, Riviere JE 2016, Nanotoxicology 10:162-172 (nanoparticle PBPK model)',
  cheng: 'Cheng YH et al. 2020, ACS Nano 14:3075-3095 (nanoparticle PBPK model with a tumour compartment)',
  chou: 'Chou WC et al. 2022, Part Fibre Toxicol 19, doi:10.1186/s12989-022-00489-4 (Nano-iPBPK; lognormal Monte Carlo)',
  haario: 'Haario H, Saksman E, Tamminen J 2001, Bernoulli 7:223-242, doi:10.2307/3318737 (adaptive Metropolis sampler)',
  vehtari: 'Vehtari A, Gelman A, Simpson D, Carpenter B, Bürkner P-C 2021, Bayesian Analysis 16:667-718, doi:10.1214/20-BA1221 (split R-hat and bulk effective sample size)',
  brown: 'Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (physiological parameter values for PBPK models)',
} as const

/**
 * What the methods say of calibration. Every estimate of a report is the engine's with its
 * catalog parameters: a lab's calibration profile (`nanoforge calibrate`) changes estimates
 * only where one is asked for (`simulate --profile`, the Biodistribution tab), so the report
 * says which it is rather than leave a reviewer to guess.
 */
export const NO_PROFILE_TEXT = 'none: the engine with its catalog parameters (section 3). A lab\'s calibration profile (nanoforge calibrate) is not applied in this report; '
  + 'its estimate is shown by nanoforge simulate --profile and the Biodistribution tab.'

/** A calibration parameter in words ("Liver phagocytic uptake (K_max)"). */
const calibrationParameterLabel = (id: string): string => (CALIBRATION_PARAMETER_LABELS as Readonly<Record<string, string>>)[id] ?? id

/** Words for the kinds of measurement a calibration learns from. */
const CALIBRATION_KIND_WORDS = { biodistribution: 'in-vivo biodistribution', release: 'release profile' } as const

/**
 * The methods' statement of the calibration profile a report applies: which profile (name,
 * version, id), when and with which engine version and seed it was learned, its convergence
 * diagnostics, the measurements it was learned from (by label, with their design and version),
 * and how it is applied. Why all of it: a reviewer must be able to tell the profile from
 * another of the same name and judge whether its evidence speaks for this design.
 */
export function calibrationMethodsText(c: AnalysedCalibration, cite: (source: string) => string): string {
  const p = c.profile
  const d = p.diagnostics
  const used = p.provenance.measurements.map((m) => {
    const label = c.measurementLabels?.[m.id]
    const design = c.designNames?.[m.designId] ?? `design ${m.designId.slice(0, 8)}`
    return `${label !== undefined && label !== '' ? `"${label}"` : `measurement ${m.id.slice(0, 8)}`} (${CALIBRATION_KIND_WORDS[m.kind]}, ${design} version ${m.version})`
  })
  const engineNote = p.engineVersion === ENGINE_VERSION ? '' : ` (this is engine ${ENGINE_VERSION}: its multipliers correct the older engine)`
  return `"${p.name}" version ${p.version} (id ${p.id}), learned ${dateText(p.createdAt)} with engine ${p.engineVersion}${engineNote}, seed ${p.seed}, `
    + `by Bayesian calibration of ${p.parameters.map(calibrationParameterLabel).join(', ')} with an adaptive Metropolis sampler ${cite(METHOD_REFERENCES.haario)}. `
    // R-hat to three decimals: its limit (1.01) sits in the second, which three significant digits would round away (1.004 -> "1.00").
    + `Diagnostics: R-hat at most ${d.rHatMax.toFixed(3)} (limit ${q(d.rHatLimit)}), bulk effective sample size at least ${q(d.essMin)} (limit ${q(d.essLimit)}) ${cite(METHOD_REFERENCES.vehtari)}; `
    + `${d.chains} chains of ${q(d.draws)} draws after ${q(d.warmup)} warm-up; ${d.engineFailures} engine failure(s). `
    + `Measurements used (${used.length}, ${q(p.provenance.observations)} observations): ${used.join('; ')}. `
    + `Applied as nanoforge simulate --profile applies it: the engine at the posterior medians, with a band over ${c.estimate.bands.samples} posterior draws (seed ${c.estimate.bands.seed}); `
    + 'the estimate is in section 6.6 beside the engine\'s with its catalog parameters, which the other sections show.'
}

/** Calibrated result blocks (section 6.6): multipliers, biodistribution with the posterior band, tissues and metrics beside the engine's. */
function calibrationBlocks(analysis: DesignAnalysis, c: AnalysedCalibration, figureNumber: number): ReportBlock[] {
  const sim = analysis.simulation
  const e = c.estimate
  const b = e.bands
  const p = c.profile
  const interval = (x: { median: number; ci95: readonly [number, number] } | null): string => (x === null ? 'not informed' : `${q(x.median)} (${q(x.ci95[0])}–${q(x.ci95[1])})`)
  const blocks: ReportBlock[] = [{
    kind: 'paragraph',
    text: `With the lab's calibration profile "${p.name}" version ${p.version} (section 5): the engine at the posterior medians of its multipliers, and the 95 % band over ${b.samples} posterior draws `
      + `(seed ${b.seed}; parameters the profile did not calibrate are drawn from their priors). These are the numbers of nanoforge simulate --profile ${p.id.slice(0, 8)}.`,
  }, {
    kind: 'table', caption: 'Multipliers of the profile: prior and posterior median with the 95 % interval (1 = the engine\'s catalog value).',
    columns: [{ header: 'Parameter', weight: 2.4 }, { header: 'Prior', align: 'right', weight: 1.2 }, { header: 'Posterior', align: 'right', weight: 1.2 }, { header: 'Applied', align: 'right', weight: 0.8 }],
    rows: Object.entries(p.summary.parameters).map(([id, s]) => [
      calibrationParameterLabel(id), interval(s?.prior ?? null), interval(s?.posterior ?? null), q(e.multipliers[id as CalibrationParameterId] ?? 1),
    ]),
  }]
  const keys = chartTissues(sim.selectivity.targetTissue)
  const top = Math.max(...keys.flatMap((k) => [...e.estimate.percentDose[k], ...b.percentDose[k].upper]))
  blocks.push({
    kind: 'chart', title: `Particles in blood and tissues with profile "${p.name}"`, xLabel: 'Time (h)', yLabel: '% of injected dose',
    xRange: [0, REPORT_HORIZON_H], yRange: [0, niceCeiling(top)],
    series: keys.map((k, i) => ({ label: REPORT_TISSUE_LABELS[k], color: TISSUE_COLOURS[i]!, points: e.estimate.timesH.map((t, j) => [t, e.estimate.percentDose[k][j]!] as const) })),
    bands: keys.map((k, i) => ({ label: `${REPORT_TISSUE_LABELS[k]} 95 % posterior band`, color: TISSUE_COLOURS[i]!, xs: b.timesH, lower: b.percentDose[k].lower, upper: b.percentDose[k].upper })),
    caption: `Figure ${figureNumber}. Intact particles with the calibration profile (lines: posterior medians) and the 95 % band over ${b.samples} posterior draws (shaded).`,
  })
  const last = e.estimate.timesH.length - 1
  blocks.push({
    kind: 'table', caption: `Exposure over ${REPORT_HORIZON_H} h per tissue: the engine with its catalog parameters beside the engine with the profile (posterior medians, 95 % band over posterior draws).`,
    columns: [{ header: 'Tissue', weight: 1.4 }, { header: 'AUC engine (%ID·h)', align: 'right' }, { header: 'AUC with profile (%ID·h)', align: 'right' }, { header: 'Band (%ID·h)', align: 'right', weight: 1.3 }, { header: `With profile at ${REPORT_HORIZON_H} h (%ID)`, align: 'right' }],
    rows: BIODISTRIBUTION_KEYS.map((k) => [
      REPORT_TISSUE_LABELS[k], q(sim.biodistribution.aucPercentDoseH[k]), q(e.estimate.aucPercentDoseH[k]),
      `${q(b.aucPercentDoseH[k].lower)}–${q(b.aucPercentDoseH[k].upper)}`, q(e.estimate.percentDose[k][last]),
    ]),
  })
  const s = e.estimate.selectivity
  const metricRows: string[][] = [
    ['Blood half-life', 'h', q(sim.biodistribution.bloodHalfLifeH), q(e.estimate.bloodHalfLifeH), `${q(b.bloodHalfLifeH.lower)}–${q(b.bloodHalfLifeH.upper)}`],
  ]
  if (sim.selectivity.targetTissue !== null) {
    metricRows.push(
      ['Target AUC', '%ID·h', q(sim.selectivity.targetAucPercentDoseH), q(s.targetAucPercentDoseH), `${q(b.selectivity.targetAucPercentDoseH.lower)}–${q(b.selectivity.targetAucPercentDoseH.upper)}`],
      ['Selectivity index', '', q(sim.selectivity.selectivityIndex), q(s.selectivityIndex), `${q(b.selectivity.selectivityIndex.lower)}–${q(b.selectivity.selectivityIndex.upper)}`],
      ['Target ÷ (liver + spleen) AUC', '', q(sim.selectivity.targetToLiverSpleenAucRatio), q(s.targetToLiverSpleenAucRatio), `${q(b.selectivity.targetToLiverSpleenAucRatio.lower)}–${q(b.selectivity.targetToLiverSpleenAucRatio.upper)}`],
    )
  }
  blocks.push({
    kind: 'table', caption: `Key metrics (target: ${targetName(sim.selectivity.targetTissue)}): the engine beside the engine with the profile.`,
    columns: [{ header: 'Metric', weight: 2 }, { header: 'Unit', weight: 0.8 }, { header: 'Engine', align: 'right' }, { header: 'With profile', align: 'right' }, { header: '95 % band', align: 'right', weight: 1.3 }],
    rows: metricRows,
  })
  const warnings = calibrationWarnings(c)
  blocks.push(warnings.length === 0
    ? { kind: 'paragraph', text: 'The design lies within the designs the profile was learned on, the profile was learned with this engine version, and no lab data were added to or deleted from its designs since.' }
    : { kind: 'table', caption: 'Warnings about this profile for this design.', header: false, columns: [{ header: '#', weight: 0.3 }, { header: 'Warning', weight: 8 }], rows: warnings.map((w, i) => [String(i + 1), w]) })
  return blocks
}

/** The warnings of an estimate with a profile, as simulate --profile lists them: outside its designs, another engine, lab data moved on. */
export function calibrationWarnings(c: AnalysedCalibration): string[] {
  const out = [...c.estimate.warnings]
  if (c.profile.engineVersion !== ENGINE_VERSION) {
    out.push(`the profile was learned with engine ${c.profile.engineVersion}; this is engine ${ENGINE_VERSION}: its multipliers correct the older engine (calibrate again)`)
  }
  out.push(...c.freshness)
  return out.map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}${/[.!?]$/.test(w) ? '' : '.'}`)
}

/** Numbers the reviewer reads, written as the app writes them (shared/design/format.ts). */
const q = (v: number | null | undefined, unit = ''): string => formatQuantity(v, unit)
/** A time that may not be reached within the horizon. */
const hoursText = (v: number | null): string => (v === null ? `not reached in ${REPORT_HORIZON_H} h` : q(v))
/** A percentage from a fraction. */
const pctOfFraction = (f: number): string => q(100 * f)
/** "median (lower–upper)". */
const bandText = (b: Band | undefined): string => (b === undefined ? '—' : `${q(b.median)} (${q(b.lower)}–${q(b.upper)})`)
/** "2026-12-06 15:40 UTC" from an ISO time (the reviewer's date, with no time-zone guess). */
export function dateText(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}

/** Collects citations in order of first use and numbers them. */
class References {
  private readonly order: string[] = []
  private readonly index = new Map<string, number>()
  /** The number of a source, added on first use ("[3]"). */
  cite(source: string): string {
    const key = source.trim()
    let n = this.index.get(key)
    if (n === undefined) {
      this.order.push(key)
      n = this.order.length
      this.index.set(key, n)
    }
    return `[${n}]`
  }
  get list(): ReadonlyArray<string> {
    return this.order
  }
}

/** Every field of the design as the form names it: [label, value, unit]. Name and notes are shown elsewhere. */
export function designFieldRows(design: Design): Array<[path: string, label: string, value: string, unit: string]> {
  const rows: Array<[string, string, string, string]> = []
  const add = (path: string, value: unknown): void => {
    rows.push([path, pathLabel(path), formatFieldValue(path, value), fieldDef(path)?.unit ?? ''])
  }
  add('core.material', design.core.material)
  add('core.diameterNm', design.core.diameterNm)
  if (design.core.bilayer !== undefined) {
    add('core.bilayer.lipid', design.core.bilayer.lipid)
    add('core.bilayer.cholesterolMolPct', design.core.bilayer.cholesterolMolPct)
  }
  design.coatings.forEach((c, i) => {
    add(`coatings[${i}].kind`, c.kind)
    if (c.kind === 'peg') {
      add(`coatings[${i}].molecularWeightDa`, c.molecularWeightDa)
      add(`coatings[${i}].graftingDensityPerNm2`, c.graftingDensityPerNm2)
    } else if (c.kind === 'membrane') {
      add(`coatings[${i}].source`, c.source)
    } else if (c.kind === 'polymer') {
      add(`coatings[${i}].material`, c.material)
      add(`coatings[${i}].thicknessNm`, c.thicknessNm)
    } else {
      add(`coatings[${i}].material`, c.material)
    }
  })
  design.ligands.forEach((l, i) => {
    add(`ligands[${i}].ligand`, l.ligand)
    add(`ligands[${i}].perParticle`, l.perParticle)
  })
  add('payload.drug', design.payload.drug)
  add('payload.loadingPctWw', design.payload.loadingPctWw)
  add('payload.trigger', design.payload.trigger)
  add('context.disease', design.context.disease)
  add('context.species', design.context.species)
  add('context.goal', design.context.goal)
  add('context.dose.mgPerKg', design.context.dose.mgPerKg)
  add('context.dose.basis', design.context.dose.basis)
  return rows
}

/** Sort key of a field path in form order: [field group, list position, field]. */
function formOrderKey(path: string): [number, number, number] {
  const fieldIndex = DESIGN_FIELDS.findIndex((f) => f.key === fieldKey(path))
  const item = /^(coatings|ligands)\[(\d+)\]/.exec(path)
  if (item === null) return [fieldIndex, 0, 0]
  return [DESIGN_FIELDS.findIndex((f) => f.key.startsWith(`${item[1]}[]`)), Number(item[2]), fieldIndex]
}

/** Words for the bilayer phase, as the derived panel writes them. */
const BILAYER_PHASE_WORDS = { fluid: 'fluid', gel: 'gel', 'liquid-ordered': 'liquid-ordered' } as const

/** The derived quantities as the app's derived panel lists them: [label, value with unit]. */
export function derivedRows(derived: DerivedProperties): Array<[string, string]> {
  const Q = DERIVED_QUANTITIES
  return [
    [Q.outerDiameterNm.label, q(2 * derived.outerRadiusNm, Q.outerDiameterNm.unit)],
    [Q.hydrodynamicDiameterNm.label, q(derived.hydrodynamicDiameterNm, Q.hydrodynamicDiameterNm.unit)],
    [Q.shellThicknessNm.label, q(derived.shellThicknessNm + derived.pegLayerThicknessNm, Q.shellThicknessNm.unit)],
    [Q.pegLayerThicknessNm.label, q(derived.pegLayerThicknessNm, Q.pegLayerThicknessNm.unit)],
    [Q.pegRegime.label, derived.pegRegime === 'none' ? 'no PEG' : derived.pegRegime],
    ...(derived.bilayerPhase !== null ? [[Q.bilayerPhase.label, BILAYER_PHASE_WORDS[derived.bilayerPhase]] as [string, string]] : []),
    [Q.ligandsPerParticle.label, q(derived.ligandsPerParticle)],
    [Q.ligandSpacingNm.label, q(derived.ligandSpacingNm, Q.ligandSpacingNm.unit)],
    [Q.surfaceAreaNm2.label, q(derived.surfaceAreaNm2, Q.surfaceAreaNm2.unit)],
    [Q.particlesPerMg.label, q(derived.particlesPerMg)],
    [Q.drugMoleculesPerParticle.label, q(derived.drugMoleculesPerParticle)],
  ]
}

const LAYER_COLOURS: Readonly<Record<string, HexColor>> = {
  lumen: '#D6ECFA', core: '#9DB7CC', peg: '#BFE3D6', membrane: '#F2C4A8', polymer: '#F5D98C', lipid: '#F7EFA6',
}

/** Most ligand ticks drawn (more would merge into a ring at report size). */
export const MAX_LIGAND_TICKS = 48

/** The particle cross-section: layers to scale from the derived geometry, ligands as ticks, a scale bar. */
export function particleFigure(design: Design, derived: DerivedProperties, figureNumber: number, about3d: string = NO_3D_FROM_CLI): ParticleFigureBlock {
  const layers: FigureLayer[] = []
  for (const layer of derived.layers) {
    if (layer.kind === 'core') {
      const name = optionLabel('core.material', design.core.material)
      if (derived.coreLumenRadiusNm !== null && derived.coreLumenRadiusNm > 0) {
        layers.push({ label: 'Aqueous lumen', innerRadiusNm: 0, outerRadiusNm: derived.coreLumenRadiusNm, color: LAYER_COLOURS.lumen! })
        layers.push({ label: `${name} wall`, innerRadiusNm: derived.coreLumenRadiusNm, outerRadiusNm: layer.outerRadiusNm, color: LAYER_COLOURS.core! })
      } else {
        layers.push({ label: `Core: ${name}`, innerRadiusNm: 0, outerRadiusNm: layer.outerRadiusNm, color: LAYER_COLOURS.core! })
      }
      continue
    }
    const i = layer.coatingIndex ?? 0
    const c = design.coatings[i]!
    const what = c.kind === 'peg' ? `PEG ${formatFieldValue(`coatings[${i}].molecularWeightDa`, c.molecularWeightDa)} Da`
      : c.kind === 'membrane' ? optionLabel(`coatings[${i}].source`, c.source)
        : optionLabel(`coatings[${i}].material`, c.material)
    layers.push({
      label: `${pathLabel(`coatings[${i}]`)}: ${optionLabel('coatings[].kind', c.kind)} (${what})`,
      innerRadiusNm: layer.innerRadiusNm, outerRadiusNm: layer.outerRadiusNm, color: LAYER_COLOURS[layer.kind] ?? '#DDDDDD',
    })
  }
  const total = derived.ligandsPerParticle
  const ligandNames = design.ligands.map((l) => `${getLigand(l.ligand).name} × ${q(l.perParticle)}`).join(', ')
  const ticks = total > 0
    ? { count: Math.min(MAX_LIGAND_TICKS, Math.round(total)), lengthNm: derived.maxLigandLengthNm, label: `Ligands: ${ligandNames}` }
    : null
  const extentNm = 2 * (derived.outerRadiusNm + (ticks?.lengthNm ?? 0))
  const scaleBarNm = scaleBarLengthNm(extentNm)
  const tickWords = ticks === null ? 'no ligands'
    : `ligands as ticks on the outer surface (${q(ticks.count)} of ${q(total)} drawn, each ${q(ticks.lengthNm, 'nm')} long, the longest ligand, at least 2 pt so that small ligands stay visible)`
  return {
    kind: 'particle', layers, ligandTicks: ticks, outerRadiusNm: derived.outerRadiusNm, scaleBarNm,
    caption: `Figure ${figureNumber}. Cross-section of the particle drawn to scale from the derived geometry: `
      + `core and each coating shell at its thickness, ${tickWords}; scale bar ${q(scaleBarNm, 'nm')}. ${about3d}`,
  }
}

/** Release curves of the three environments, with measured release (mean ± SD) when attached. */
function releaseChart(analysis: DesignAnalysis, comparisons: ReadonlyArray<MeasurementComparison>, figureNumber: number): ChartBlock {
  const envs = analysis.simulation.release.environments
  const names = { plasma: 'Plasma (pH 7.4)', inflamed: 'Inflamed tissue (pH 6.8)', endolysosome: 'Endolysosome (pH 5.0)' } as const
  const series: ChartSeries[] = (['plasma', 'inflamed', 'endolysosome'] as const).map((env) => ({
    label: names[env], color: ENVIRONMENT_COLOURS[env],
    points: envs[env].timesH.map((t, i) => [t, 100 * envs[env].fractionReleased[i]!] as const),
  }))
  const markers: ChartMarkers[] = comparisons.flatMap((c) => (c.kind === 'release'
    ? [{ label: `Measured: ${c.label}`, color: OKABE_ITO.black, points: c.points.filter((p) => p.timeH <= REPORT_HORIZON_H).map((p) => ({ x: p.timeH, y: p.meanPct, ...(p.sdPct !== null ? { error: p.sdPct } : {}) })) }]
    : []))
  const measuredMax = Math.max(0, ...markers.flatMap((m) => m.points.map((p) => p.y + (p.error ?? 0))))
  return {
    kind: 'chart', title: 'Drug released', xLabel: 'Time (h)', yLabel: 'Released (% of load)',
    xRange: [0, REPORT_HORIZON_H], yRange: [0, Math.max(100, niceCeiling(measuredMax))], series, markers,
    caption: `Figure ${figureNumber}. Predicted release in the three environments of the release engine over ${REPORT_HORIZON_H} h`
      + (markers.length > 0 ? '; points: measured release (mean ± SD of the replicates) attached to this version.' : '.'),
  }
}

/** The tissues drawn in the biodistribution chart: blood, liver, spleen and the target tissue. */
function chartTissues(target: string | null): BiodistributionKey[] {
  const keys: BiodistributionKey[] = ['blood', 'liver', 'spleen']
  if (target !== null && (BIODISTRIBUTION_KEYS as ReadonlyArray<string>).includes(target) && !keys.includes(target as BiodistributionKey)) {
    keys.push(target as BiodistributionKey)
  }
  return keys
}

const TISSUE_COLOURS: ReadonlyArray<HexColor> = [OKABE_ITO.vermillion, OKABE_ITO.blue, OKABE_ITO.purple, OKABE_ITO.green]

/** Biodistribution of blood, liver, spleen and target with the Monte Carlo 95 % band. */
function biodistributionChart(analysis: DesignAnalysis, figureNumber: number): ChartBlock {
  const bio = analysis.simulation.biodistribution
  const mc = analysis.uncertainty
  const keys = chartTissues(analysis.simulation.selectivity.targetTissue)
  const series: ChartSeries[] = keys.map((k, i) => ({
    label: REPORT_TISSUE_LABELS[k], color: TISSUE_COLOURS[i]!, points: bio.timesH.map((t, j) => [t, bio.percentDose[k][j]!] as const),
  }))
  const bands: ChartBand[] = mc === null ? [] : keys.map((k, i) => ({
    label: `${REPORT_TISSUE_LABELS[k]} 95 % band`, color: TISSUE_COLOURS[i]!, xs: mc.timesH, lower: mc.percentDose[k].lower, upper: mc.percentDose[k].upper,
  }))
  const top = Math.max(...keys.flatMap((k) => [...bio.percentDose[k], ...(mc ? mc.percentDose[k].upper : [])]))
  return {
    kind: 'chart', title: 'Particles in blood and tissues', xLabel: 'Time (h)', yLabel: '% of injected dose',
    xRange: [0, REPORT_HORIZON_H], yRange: [0, niceCeiling(top)], series, bands,
    caption: `Figure ${figureNumber}. Intact particles in blood, liver, spleen${keys.length > 3 ? ' and the target tissue' : ''} (lines: nominal parameters)`
      + (mc ? ` with the 95 % Monte Carlo band (shaded; ${mc.samples} samples, seed ${mc.seed}, lognormal CV ${q(100 * PBPK_DATA.monteCarlo.coefficientOfVariation.value)} %).` : '.'),
  }
}

/** Metric bands of the Monte Carlo run, by metric id. */
function metricBand(analysis: DesignAnalysis, id: MetricId): Band | undefined {
  const mc = analysis.uncertainty
  if (mc === null) return undefined
  if (id === 'bloodHalfLifeH') return mc.bloodHalfLifeH
  return (SELECTIVITY_METRICS as ReadonlyArray<string>).includes(id) ? mc.selectivity[id as SelectivityMetric] : undefined
}

/** "caution" → "Caution", the severity word as the flag panel shows it. */
const severityWord = (s: Flag['severity']): string => s.charAt(0).toUpperCase() + s.slice(1)

/** The measurement tables of one design (model evaluation). */
function measurementBlocks(comparisons: ReadonlyArray<MeasurementComparison>, design: Design): ReportBlock[] {
  if (comparisons.length === 0) {
    return [{ kind: 'paragraph', text: 'No measurements are attached to this design version: its estimates are not yet qualified against data for this formulation.' }]
  }
  const blocks: ReportBlock[] = []
  const ratioText = (measured: number, predicted: number): string => {
    const r = agreementRatio(measured, predicted)
    return r === null ? '—' : q(r)
  }
  const scalar: string[][] = []
  for (const c of comparisons) {
    const when = c.measuredOn ?? 'date not recorded'
    if (c.kind === 'dls') {
      scalar.push([`DLS: ${c.label}`, when, `${q(c.zAverageNm, 'nm')} (PDI ${q(c.pdi)})`, `${q(c.predictedNm, 'nm')} hydrodynamic diameter`,
        `${q(c.zAverageNm - c.predictedNm, 'nm')} (ratio ${ratioText(c.zAverageNm, c.predictedNm)})`])
    } else if (c.kind === 'zeta') {
      // A difference, not a ratio: zeta potentials change sign.
      scalar.push([`Zeta potential: ${c.label}`, when, q(c.zetaMv, 'mV'), `${q(c.predictedMv, 'mV')} from the surface materials`, q(c.zetaMv - c.predictedMv, 'mV')])
    }
  }
  if (scalar.length > 0) {
    blocks.push({
      kind: 'table', caption: 'Size and surface charge: measured against predicted.',
      columns: [{ header: 'Measurement', weight: 2 }, { header: 'Measured on' }, { header: 'Measured', align: 'right' }, { header: 'Predicted', align: 'right', weight: 2 }, { header: 'Measured − predicted', align: 'right', weight: 1.4 }],
      rows: scalar,
    })
  }
  for (const c of comparisons) {
    if (c.kind === 'release') {
      blocks.push({
        kind: 'table', caption: `Release "${c.label}" (${c.measuredOn ?? 'date not recorded'}): mean of the replicates against the predicted release in plasma (pH 7.4), the environment of an in-vitro release test in buffer.`,
        columns: [{ header: 'Time (h)', align: 'right' }, { header: 'Measured (%)', align: 'right' }, { header: 'SD (%)', align: 'right' }, { header: 'n', align: 'right' }, { header: 'Predicted (%)', align: 'right' }, { header: 'Measured − predicted (percentage points)', align: 'right', weight: 2 }],
        rows: c.points.map((p) => [q(p.timeH), q(p.meanPct), p.sdPct === null ? '—' : q(p.sdPct), String(p.n), q(p.predictedPct), q(p.meanPct - p.predictedPct)]),
      })
    } else if (c.kind === 'biodistribution') {
      const ctx = design.context
      const study = `${optionLabel('context.species', c.species)}, ${q(c.doseMgPerKg, 'mg/kg')} (${optionLabel('context.dose.basis', c.doseBasis).toLowerCase()})`
      const designCtx = `${optionLabel('context.species', ctx.species)}, ${q(ctx.dose.mgPerKg, 'mg/kg')} (${optionLabel('context.dose.basis', ctx.dose.basis).toLowerCase()})`
      const within = c.points.filter((p) => { const r = agreementRatio(p.measuredPct, p.predictedPct); return r !== null && r >= 0.5 && r <= 2 }).length
      blocks.push({
        kind: 'table',
        caption: `In-vivo biodistribution "${c.label}" (${c.measuredOn ?? 'date not recorded'}; study: ${study}`
          + `${c.sameContext ? '' : `; predicted for the design's context: ${designCtx}`}): ${within} of ${c.points.length} points within 2-fold of the prediction.`,
        columns: [{ header: 'Tissue', weight: 2 }, { header: 'Time (h)', align: 'right' }, { header: 'Measured (%ID)', align: 'right' }, { header: 'SD (%ID)', align: 'right' }, { header: 'Predicted (%ID)', align: 'right' }, { header: 'Measured ÷ predicted', align: 'right' }],
        rows: c.points.map((p) => [REPORT_TISSUE_LABELS[p.tissue], q(p.timeH), q(p.measuredPct), p.sdPct === null ? '—' : q(p.sdPct), q(p.predictedPct), ratioText(p.measuredPct, p.predictedPct)]),
      })
    }
  }
  return blocks
}

/** The warnings of one design as a reader reads them: field names for the validator's paths, words for engine ids. */
function warningTexts(analysis: DesignAnalysis): string[] {
  const paths = analysis.simulation.assumptions.map((a) => a.parameter)
  return [
    ...analysis.designWarnings.map((w) => `${pathLabel(w.path)}: ${w.message}`),
    ...analysis.simulation.warnings.map((w) => humanizeText(w, paths)),
  ]
}

/**
 * Published experiments like the design (analyse.ts `publishedLike`): what was measured on
 * particles like it, the engine on each of those experiments and the design in the same read-out,
 * each paper cited — the local evidence a reviewer weighs beside the overall score.
 */
function publishedLikeBlocks(list: ReadonlyArray<PublishedExperiment>, refs: References): ReportBlock[] {
  const blocks: ReportBlock[] = [{ kind: 'paragraph', text: publishedLikeSummary(list) }]
  if (list.length === 0) return blocks
  const value = (v: number | null, unit: string): string => (v === null ? '—' : `${q(v)} ${unitText(unit)}`.trim())
  blocks.push({
    kind: 'table',
    caption: 'Published experiments like this design: the published value, the engine\'s estimate of that experiment (its own particle, dose and time) with the ratio, and the engine\'s estimate of this design in the same read-out, both with the catalog parameters (no calibration profile). Calibration rows set engine parameters; held-out rows never did.',
    columns: [
      { header: 'Paper', weight: 1.3 }, { header: 'Read-out', weight: 2 }, { header: 'Published', weight: 1 },
      { header: 'Engine, that experiment', weight: 1.1 }, { header: 'Ratio', weight: 0.6 }, { header: 'This design', weight: 1 }, { header: 'How it differs', weight: 2.6 },
    ],
    rows: list.map((e) => [
      `${e.paper} ${refs.cite(e.citation)} (${e.set === 'calibration' ? 'calibration' : 'held out'})`,
      e.readout, value(e.published, e.unit), value(e.engine, e.unit),
      e.engine === null ? '—' : `${q(e.engine / e.published)}×`, value(e.thisDesign, e.unit),
      [...(e.differences.length > 0 ? e.differences : ['the same design']),
        ...(e.papersDisagree ? [`another paper's value of this design differs ×${q(e.papersDisagree.fold)} (${e.papersDisagree.paper})`] : [])].join('; '),
    ]),
  })
  return blocks
}

/**
 * The validation statement of the methods, from the scores computed now: one paragraph each for
 * the score and its fold errors, where a published value will fall, how well designs compare,
 * and how far papers agree (a reviewer reads them apart).
 */
export function validationParagraphs(v: ValidationSummary): string[] {
  const pct = (s: { share: number }): string => `${Math.round(100 * s.share)} %`
  const f = v.heldOutFoldError
  const fold = (x: number): string => `×${x.toPrecision(2)}`
  return [
    `The biodistribution engine, scored now on the published in-vivo rows (within 2-fold of the published value): `
    + `held-out rows ${v.heldOut.within2Fold} of ${v.heldOut.scored} (${pct(v.heldOut)}), of which the prospective blind set ${v.prospective.within2Fold} of ${v.prospective.scored} (${pct(v.prospective)}); `
    + `calibration rows ${v.calibration.within2Fold} of ${v.calibration.scored} (${pct(v.calibration)}). `
    + `On the held-out rows the estimate was within ${fold(f.p50)} of the published value for half, ${fold(f.p80)} for 4 in 5 and ${fold(f.p95)} for 19 in 20: read the estimates of this report with that spread. `
    + `${foldErrorByReadoutSentence()} `
    + 'The release engine\'s published rows are scored by the project\'s validation tests and are not re-scored here.',
    predictionIntervalSentence(),
    withinStudySentence(),
    betweenStudySentence(),
  ]
}

/** The models and equations table (methods). */
function methodsTable(analysis: DesignAnalysis, refs: References): TableBlock {
  const r = analysis.simulation.release
  return {
    kind: 'table', caption: 'Models and equations of the engine used for this design.',
    columns: [{ header: 'Part', weight: 1 }, { header: 'Model and equations', weight: 4 }, { header: 'Ref.', weight: 0.6 }],
    rows: [
      ['Release', `${humanizeText(r.mechanismLabel)} (dispersed-drug weight ${q(r.dispersedWeight)}). Fickian diffusion from a sphere (Crank's series), `
        + 'Baker–Lonsdale for drug dispersed above its solubility, bulk erosion coupled to diffusion for PLGA/PLA, permeation k = 3P/r for vesicles; '
        + `apparent diffusivity D = D_ref·(${q(DRUG_MATRIX.referenceMolecularWeightDa.value)} Da / MW)^${q(DRUG_MATRIX.sizeExponent.value)} (Stokes–Einstein in water-filled pores). `
        + 'Triggers multiply the rates per environment; release enters the PBPK model as the hazard r = −d ln(1 − F)/dt. '
        + `The Monte Carlo samples the release speed with the spread of the published calibration rows: matrix cores SD ${q(RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value)}, liposome leakage SD ${q(RELEASE_CATALOG.liposomeLeakageSpread.log10StandardDeviation.value)} log10 units. `
        + 'A dialysis measurement lags the particle: released drug crosses the membrane first and partly returns into the particles.',
      [refs.cite(METHOD_REFERENCES.crank), refs.cite(METHOD_REFERENCES.bakerLonsdale), refs.cite(METHOD_REFERENCES.siepmann), refs.cite(METHOD_REFERENCES.modiAnderson)].join(' ')],
      ['Biodistribution', 'Permeability-limited nanoparticle PBPK model: blood and 12 organs plus rest of body, each with capillary blood, tissue and phagocytic cells; '
        + 'phagocytic uptake K_max·Hill(t)·saturation; renal sieving by hydrodynamic diameter; biliary excretion; carrier degradation in phagocytes. '
        + 'Design modifiers: size, PEG coverage Γ/Γ*, surface charge, membrane cloaks, ligand avidity. Solved by a third-order Rosenbrock method (ROS3).',
      [refs.cite(METHOD_REFERENCES.lin), refs.cite(METHOD_REFERENCES.cheng), refs.cite(METHOD_REFERENCES.brown)].join(' ')],
      ['Uncertainty', `Monte Carlo: partition, permeability, K_max, K_rel and capacity of every organ and the disease multipliers drawn lognormally (median = nominal, CV ${q(100 * PBPK_DATA.monteCarlo.coefficientOfVariation.value)} %, truncated at the 2.5–97.5 % quantiles), with one phagocyte-activity factor shared by every organ (CV ${q(100 * PBPK_DATA.monteCarlo.sharedPhagocyteActivityCv.value)} %: K_max and capacity × c, K_rel ÷ c); median and 95 % band of every curve and metric.`,
        refs.cite(METHOD_REFERENCES.chou)],
      ['Selectivity', 'Selectivity index = (target AUC per g of target tissue) ÷ (AUC per g of all other organs); target ÷ (liver + spleen) AUC; drug released in target, blood and elsewhere from the coupled release hazard.', refs.cite(METHOD_REFERENCES.lin)],
    ],
  }
}

/**
 * A catalog assumption's path in words: `core liposome.densityGPerCm3` is the parameter path
 * `core.liposome.densityGPerCm3` with the entry's kind and id before the first dot, named as
 * the app names parameter paths ("Density … (Liposome)").
 */
function catalogLabel(path: string): string {
  const dot = path.indexOf('.')
  const entry = dot < 0 ? path : path.slice(0, dot)
  return parameterLabel(`${entry.split(' ').join('.')}${dot < 0 ? '' : path.slice(dot)}`)
}

/**
 * Engine assumptions table: the parameters the estimate used, each with its reference number.
 * A structural choice has no number (the PBPK blood convention, the uptake form, the portal
 * drainage): its description says what was chosen, so the row reads "Portal: spleen, GI and
 * pancreas drain into liver capillary blood" instead of a bare label and a dash.
 */
function engineAssumptionRows(assumptions: ReadonlyArray<EngineAssumption>, refs: References): string[][] {
  return assumptions.map((a) => [
    a.module === 'release' ? 'Release' : 'Biodistribution',
    a.value === null && a.description !== undefined && a.description !== '' ? `${parameterLabel(a.parameter)}: ${a.description}` : parameterLabel(a.parameter),
    a.value === null ? '—' : q(a.value),
    unitText(a.unit),
    `[${a.evidence}]`,
    refs.cite(a.source),
  ])
}

/** The single-design report. */
export function buildDesignReport(v: ReportVersion, analysis: DesignAnalysis, settings: ReportSettings, figure3d?: ReportFigure): ReportDocument {
  const d = v.design
  const sim = analysis.simulation
  const refs = new References()
  refs.cite(METHOD_REFERENCES.ema)
  const comparisons = compareMeasurements(d, v.measurements)
  const goal = optionLabel('context.goal', d.context.goal)
  const disease = optionLabel('context.disease', d.context.disease)
  const species = optionLabel('context.species', d.context.species)
  const dose = `${formatFieldValue('context.dose.mgPerKg', d.context.dose.mgPerKg)} mg/kg (${optionLabel('context.dose.basis', d.context.dose.basis).toLowerCase()})`
  let figure = 0
  const blocks: ReportBlock[] = []

  // 1 Objective
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.objective })
  blocks.push({
    kind: 'paragraph',
    text: `To review the design "${d.name}" (version ${v.version}) before synthesis. Goal: ${goal.toLowerCase()}; disease: ${disease}; species: ${species}; dose ${dose}. `
      + 'The report states what the particle is, the models and parameters behind its estimates (with their sources), how far the engine has been checked against data, '
      + `the estimated drug release, biodistribution and selectivity with their uncertainty, the measurements attached to this version and the translation risks the rules raise. `
      + `Every number below marked as predicted comes from the NanoForge engine ${ENGINE_VERSION}; it is a model estimate, not a measurement. Report layout after ${refs.cite(METHOD_REFERENCES.ema)}.`,
  })
  if (d.notes !== undefined && d.notes.trim() !== '') blocks.push({ kind: 'paragraph', style: 'note', text: `Design notes: ${d.notes}` })

  // 2 Model description: the design, then the models
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.model })
  blocks.push({ kind: 'heading', level: 2, text: '2.1 The design' })
  if (figure3d?.kind === 'render') {
    const r = figure3d.render
    const scaleBarNm = scaleBarLengthNm(r.widthPx * r.nmPerPx, 1 / 4)
    blocks.push({
      kind: 'scene-image', png: r.png, widthPx: r.widthPx, heightPx: r.heightPx, nmPerPx: r.nmPerPx, scaleBarNm, legend: r.legend,
      caption: `Figure ${++figure}. The particle's 3D scene, rendered for this report by the app from its scene components (not a screenshot of the window): ${r.view}. `
        + `Scale bar ${q(scaleBarNm, 'nm')}, true at every depth (orthographic projection, ${q(r.nmPerPx)} nm per pixel of ${r.widthPx} × ${r.heightPx}).`,
    })
  }
  blocks.push(particleFigure(d, sim.derived, ++figure, figure3d === undefined ? NO_3D_FROM_CLI
    : figure3d.kind === 'render' ? 'The same particle as Figure 1, as a 2D vector drawing with the radii of its layers.'
      : `A 2D vector drawing: the app could not render the 3D scene for this report (${figure3d.reason}).`))
  blocks.push({
    kind: 'table', caption: `Table: the design as saved (version ${v.version}), with the app's field names and units.`,
    columns: [{ header: 'Field', weight: 2 }, { header: 'Value', weight: 2 }, { header: 'Unit', weight: 1 }],
    rows: designFieldRows(d).map(([, label, value, unit]) => [label, value, unit]),
  })
  blocks.push({ kind: 'heading', level: 2, text: '2.2 Derived properties' })
  blocks.push({
    kind: 'table', caption: 'Derived from the design by geometry and the catalog (shell thicknesses, PEG conformation, masses), as the app\'s derived panel shows them.',
    columns: [{ header: 'Quantity', weight: 2 }, { header: 'Value', align: 'right', weight: 1 }],
    rows: derivedRows(sim.derived),
  })
  blocks.push({ kind: 'heading', level: 2, text: '2.3 Critical quality attributes against specifications' })
  const cqa = cqaBlocks(d, v.measurements.filter((m) => m.version === v.version), v.specs ?? null, (source) => refs.cite(source), dateText)
  blocks.push(...cqa.blocks)
  blocks.push({ kind: 'heading', level: 2, text: '2.4 Models and equations' })
  blocks.push(methodsTable(analysis, refs))

  // 3 Parameters
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.parameters })
  blocks.push({
    kind: 'paragraph',
    text: 'Evidence tags: [V] verified in the source; [C] taken from published model code; [D] derived in NanoForge from other values; [U] not yet verified against the source. '
      + 'Reference numbers point to section 8.',
  })
  blocks.push({ kind: 'heading', level: 2, text: '3.1 Engine parameters used for this design' })
  blocks.push({
    kind: 'table', caption: `${sim.assumptions.length} parameters, ${sim.assumptions.filter((a) => a.evidence === 'U').length} of them unverified [U].`,
    columns: [{ header: 'Model', weight: 1.1 }, { header: 'Parameter', weight: 3 }, { header: 'Value', align: 'right', weight: 1 }, { header: 'Unit', weight: 1.1 }, { header: 'Evidence', weight: 0.7 }, { header: 'Ref.', weight: 0.6 }],
    rows: engineAssumptionRows(sim.assumptions, refs),
  })
  blocks.push({ kind: 'heading', level: 2, text: '3.2 Catalog values of the design\'s materials not yet verified' })
  blocks.push(analysis.catalogAssumptions.length === 0
    ? { kind: 'paragraph', text: 'None: every catalog number this design uses is verified, from model code or derived.' }
    : {
        kind: 'table', caption: 'Catalog numbers of the materials, ligands, drug and disease of this design that are tagged [U].',
        columns: [{ header: 'Catalog entry', weight: 3 }, { header: 'Value', align: 'right', weight: 1 }, { header: 'Unit', weight: 1 }, { header: 'Evidence', weight: 0.7 }, { header: 'Ref.', weight: 0.6 }],
        rows: analysis.catalogAssumptions.map((a) => [catalogLabel(a.path), q(a.cited.value), unitText(a.cited.unit), `[${a.cited.evidence}]`, refs.cite(a.cited.source)]),
      })

  // 4 Model evaluation
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.evaluation })
  for (const text of validationParagraphs(settings.validation)) blocks.push({ kind: 'paragraph', text })
  blocks.push({ kind: 'heading', level: 2, text: '4.1 Measurements against predictions' })
  blocks.push(...measurementBlocks(comparisons, d))
  blocks.push({ kind: 'heading', level: 2, text: '4.2 Published experiments like this design' })
  blocks.push(...publishedLikeBlocks(analysis.publishedLike, refs))

  // 5 Simulations
  const ph = (env: string): string => {
    const a = sim.assumptions.find((x) => x.parameter === `environment.${env}.pH`)
    return a?.value === null || a === undefined ? '—' : q(a.value)
  }
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.simulations })
  blocks.push({
    kind: 'table', caption: 'What was simulated.', header: false,
    columns: [{ header: 'Setting', weight: 1.3 }, { header: 'Value', weight: 3 }],
    rows: [
      ['Engine version', `${sim.engineVersion} (the version was saved with ${v.savedEngineVersion})`],
      ['Horizon', q(REPORT_HORIZON_H, 'h')],
      ['Species and disease', `${species}; ${disease}; target: ${targetName(sim.selectivity.targetTissue)}`],
      ['Dose', `${dose}; particle dose ${q(particleDoseMgPerKg(d), 'mg/kg')}; single intravenous bolus`],
      ['Release environments', `plasma pH ${ph('plasma')}; inflamed tissue pH ${ph('inflamed')}; endolysosome pH ${ph('endolysosome')}`],
      ['Monte Carlo', analysis.uncertainty === null ? 'not run' : `${analysis.uncertainty.samples} samples, seed ${analysis.uncertainty.seed} (fixed for every report), 95 % band (2.5–97.5 %)`],
      ['Calibration profile', analysis.calibration === null ? NO_PROFILE_TEXT : calibrationMethodsText(analysis.calibration, (source) => refs.cite(source))],
    ],
  })

  // 6 Results
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.results })
  blocks.push({ kind: 'heading', level: 2, text: '6.1 Release in three environments' })
  blocks.push(releaseChart(analysis, comparisons, ++figure))
  const envs = sim.release.environments
  blocks.push({
    kind: 'table', caption: 'Release summary per environment.',
    columns: [{ header: 'Environment', weight: 1.6 }, { header: 't50 (h)', align: 'right' }, { header: 't80 (h)', align: 'right' }, { header: 'Released in the first hour (%)', align: 'right', weight: 1.4 }, { header: 'Rate multiplier', align: 'right' }],
    rows: (['plasma', 'inflamed', 'endolysosome'] as const).map((e) => [
      { plasma: 'Plasma', inflamed: 'Inflamed tissue', endolysosome: 'Endolysosome' }[e], hoursText(envs[e].t50H), hoursText(envs[e].t80H), pctOfFraction(envs[e].burstFraction1H), q(envs[e].rateMultiplier),
    ]),
  })
  blocks.push({ kind: 'heading', level: 2, text: '6.2 Biodistribution with Monte Carlo bands' })
  blocks.push(biodistributionChart(analysis, ++figure))
  const mc = analysis.uncertainty
  blocks.push({
    kind: 'table', caption: `Exposure over ${REPORT_HORIZON_H} h per tissue: nominal AUC and the Monte Carlo median with its 95 % band.`,
    columns: [{ header: 'Tissue', weight: 1.4 }, { header: 'AUC nominal (%ID·h)', align: 'right' }, { header: 'AUC median (95 % band) (%ID·h)', align: 'right', weight: 2 }, { header: `At ${REPORT_HORIZON_H} h (%ID)`, align: 'right' }],
    rows: BIODISTRIBUTION_KEYS.map((k) => [
      REPORT_TISSUE_LABELS[k], q(sim.biodistribution.aucPercentDoseH[k]), bandText(mc?.aucPercentDoseH[k]), q(sim.biodistribution.percentDose[k][sim.biodistribution.percentDose[k].length - 1]),
    ]),
  })
  blocks.push({ kind: 'heading', level: 2, text: '6.3 Selectivity' })
  blocks.push({
    kind: 'table', caption: `Target: ${targetName(sim.selectivity.targetTissue)}. Metrics as the app's metric registry names them; band from the Monte Carlo run where it samples the metric.`,
    columns: [{ header: 'Metric', weight: 2.2 }, { header: 'Unit', weight: 1 }, { header: 'Nominal', align: 'right', weight: 1 }, { header: 'Median (95 % band)', align: 'right', weight: 1.8 }, { header: 'Better', weight: 0.8 }],
    rows: METRICS.map((m) => [m.label, m.unit, m.extract(sim) === null ? `not reached in ${REPORT_HORIZON_H} h` : q(m.extract(sim)), bandText(metricBand(analysis, m.id)), m.direction]),
  })
  blocks.push({ kind: 'heading', level: 2, text: '6.4 Translation flags' })
  blocks.push(analysis.flags.length === 0
    ? { kind: 'paragraph', text: 'No translation flag is raised for this design.' }
    : {
        kind: 'table', caption: 'Risks on the way to the clinic raised by the rules, most serious first (severity: info, caution, concern).',
        columns: [{ header: 'Severity', weight: 0.8 }, { header: 'Flag', weight: 1.5 }, { header: 'Why', weight: 3 }, { header: 'Measure next', weight: 2.4 }, { header: 'Ref.', weight: 0.6 }],
        rows: analysis.flags.map((f) => [severityWord(f.severity), f.title, f.why, f.measure, `${refs.cite(f.source)} [${f.evidence}]`]),
      })
  blocks.push({ kind: 'heading', level: 2, text: '6.5 Warnings' })
  blocks.push(warningTexts(analysis).length === 0
    ? { kind: 'paragraph', text: 'The engine raised no warning for this design.' }
    : { kind: 'table', header: false, columns: [{ header: '#', weight: 0.3 }, { header: 'Warning', weight: 8 }], rows: warningTexts(analysis).map((w, i) => [String(i + 1), w]) })
  if (analysis.calibration !== null) {
    blocks.push({ kind: 'heading', level: 2, text: CALIBRATION_SECTION_TITLE })
    blocks.push(...calibrationBlocks(analysis, analysis.calibration, figure + 1))
  }

  // 7 Conclusions
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.conclusions })
  blocks.push({ kind: 'table', header: false, columns: [{ header: '', weight: 0.3 }, { header: '', weight: 8 }], rows: conclusions(v, analysis, comparisons, cqa.rows).map((c, i) => [`${i + 1}.`, c]) })

  // 8 References
  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.references })
  blocks.push({ kind: 'list', items: refs.list })

  return {
    title: 'Design review report',
    subtitle: d.name,
    orientation: 'portrait',
    cover: [
      ['Design', d.name],
      ['Design id', v.designId],
      ['Version', `${v.version} of ${v.versionCount}${v.note !== '' ? ` — ${v.note}` : ''}`],
      ['Version saved', dateText(v.savedAt)],
      ['Report date', dateText(settings.generatedAt)],
      ['Engine version', `${ENGINE_VERSION} (saved with ${v.savedEngineVersion})`],
      ['Content hash (SHA-256)', v.documentHash],
      ['Signatures', approvalsText(v)],
      ['Calibration profile', analysis.calibration === null
        ? 'None: the engine with its catalog parameters.'
        : `"${analysis.calibration.profile.name}" version ${analysis.calibration.profile.version} (id ${analysis.calibration.profile.id}); its estimate in section 6.6, the methods in section 5.`],
    ],
    coverNote: 'Estimates are model predictions of the NanoForge engine for the design version named above, identified by its content hash; '
      + `they support a design review and do not replace measurement. ${figure3d?.kind === 'render'
        ? 'Figure 1 is a render of the particle\'s 3D scene made for this report, Figure 2 a 2D vector cross-section; neither is a screenshot of the app.'
        : 'The cross-section figure is a 2D vector drawing, not a screenshot of the app.'}`,
    footer: `NanoForge design review — ${d.name}, version ${v.version}`,
    blocks,
    keywords: ['NanoForge', 'design review', d.name, v.designId, `version ${v.version}`],
    generatedAt: settings.generatedAt,
  }
}

/** The conclusions: the few numbers a reviewer decides on, in sentences. */
function conclusions(v: ReportVersion, analysis: DesignAnalysis, comparisons: ReadonlyArray<MeasurementComparison>, cqaRows: ReadonlyArray<CqaRow>): string[] {
  const sim = analysis.simulation
  const envs = sim.release.environments
  const counts = { concern: 0, caution: 0, info: 0 }
  for (const f of analysis.flags) counts[f.severity] += 1
  const si = metricBand(analysis, 'selectivityIndex')
  const unverified = sim.assumptions.filter((a) => a.evidence === 'U').length + analysis.catalogAssumptions.length
  const out = [
    `Size: hydrodynamic diameter ${q(sim.derived.hydrodynamicDiameterNm, 'nm')}; ${q(sim.derived.particlesPerMg)} particles per mg.`,
    `Release: t50 ${hoursText(envs.plasma.t50H)}${envs.plasma.t50H === null ? '' : ' h'} in plasma, ${hoursText(envs.inflamed.t50H)}${envs.inflamed.t50H === null ? '' : ' h'} in inflamed tissue, ${hoursText(envs.endolysosome.t50H)}${envs.endolysosome.t50H === null ? '' : ' h'} in the endolysosome.`,
    `Biodistribution: blood half-life ${q(sim.biodistribution.bloodHalfLifeH, 'h')}; selectivity index ${q(sim.selectivity.selectivityIndex)}${si ? ` (95 % band ${q(si.lower)}–${q(si.upper)})` : ''} for the target ${targetName(sim.selectivity.targetTissue)}.`,
    `Translation flags: ${counts.concern} concern, ${counts.caution} caution, ${counts.info} info${analysis.flags[0] ? `; the most serious: ${analysis.flags[0].title}` : ''}.`,
    `Evidence: ${comparisons.length} measurement(s) attached to version ${v.version}; ${unverified} parameter(s) behind the estimate are not yet verified [U]. `
      + 'The estimates are a basis for choosing what to make and measure, not a substitute for the measurements listed under "Measure next".',
  ]
  const failed = cqaRows.filter((r) => r.status === 'fail').map((r) => r.label)
  out.push(`Quality attributes: ${countsText(cqaRows)}${v.specs ? ` against the specification of project "${v.specs.projectName}"` : ' (the design is in no project, so no specification applies)'}`
    + `${failed.length > 0 ? `; ${STATUS_WORDS.fail.toLowerCase()}: ${failed.join(', ')}` : ''} (section 2.3).`)
  const c = analysis.calibration
  if (c !== null) {
    const e = c.estimate
    out.push(`With the calibration profile "${c.profile.name}" version ${c.profile.version} (section 6.6): blood half-life ${q(e.estimate.bloodHalfLifeH, 'h')} `
      + `(band ${q(e.bands.bloodHalfLifeH.lower)}–${q(e.bands.bloodHalfLifeH.upper)}), selectivity index ${q(e.estimate.selectivity.selectivityIndex)} `
      + `(band ${q(e.bands.selectivity.selectivityIndex.lower)}–${q(e.bands.selectivity.selectivityIndex.upper)})`
      + `${calibrationWarnings(c).length > 0 ? `; ${calibrationWarnings(c).length} warning(s) about the profile for this design` : ''}.`)
  }
  const warnings = warningTexts(analysis).length
  if (warnings > 0) out.push(`${warnings} warning(s) were raised (section 6.5); read them before relying on the numbers.`)
  return out
}

/** One design of a comparison. */
export interface ComparedDesign {
  readonly version: ReportVersion
  readonly analysis: DesignAnalysis
}

export { MAX_COMPARED_DESIGNS } from './limits'

/** What the cross-sections' caption of a comparison says of the 3D view when the report carries none (the command line). */
export const NO_3D_IN_CLI_COMPARISON = 'Drawn in 2D so the particles compare at one scale on one row; the command line draws no 3D scene (a headless command has no GPU): '
  + 'the comparison report made in the app (Library, Comparison report) carries a render of each design\'s 3D scene with its scale bar.'

/**
 * The comparison report of 2-4 designs: side-by-side tables on landscape pages. `figures3d`
 * (the app: one per design, in the designs' order) adds each design's 3D render after the
 * cross-sections; a design's analysis with a calibration adds the profile to the methods and
 * section 6.6 (every design of one comparison under the same profile, as the CLI and the app make it).
 */
export function buildComparisonReport(designs: ReadonlyArray<ComparedDesign>, settings: ReportSettings, figures3d?: ReadonlyArray<ReportFigure>): ReportDocument {
  if (designs.length < 2 || designs.length > MAX_COMPARED_DESIGNS) throw new Error(`a comparison report holds 2 to ${MAX_COMPARED_DESIGNS} designs, got ${designs.length}`)
  if (figures3d !== undefined && figures3d.length !== designs.length) throw new Error(`a comparison report needs one 3D figure per design: ${figures3d.length} for ${designs.length} designs`)
  const calibrations = designs.map((x) => x.analysis.calibration)
  const calibration = calibrations[0] ?? null
  if (calibrations.some((c) => (c?.profile.id ?? null) !== (calibration?.profile.id ?? null))) throw new Error('every design of a comparison report must be estimated under the same calibration profile (or none)')
  const refs = new References()
  refs.cite(METHOD_REFERENCES.ema)
  const n = designs.length
  const names = designs.map((_, i) => `D${i + 1}`)
  const fontSizePt = n >= 4 ? 7.5 : 8
  const designCols = designs.map((_, i) => ({ header: names[i]!, align: 'right' as const, weight: 1.2 }))
  const blocks: ReportBlock[] = []
  let figure = 0

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.objective })
  blocks.push({
    kind: 'paragraph',
    text: `To compare ${n} designs side by side before choosing what to make: their structure, the engine's estimates of release, biodistribution and selectivity, `
      + `and the translation risks the rules raise. Predicted numbers come from the NanoForge engine ${ENGINE_VERSION}; they are model estimates, not measurements. `
      + `Report layout after ${refs.cite(METHOD_REFERENCES.ema)}.`,
  })
  blocks.push({
    kind: 'table', caption: 'The designs compared (D1–D' + n + ').', fontSizePt,
    columns: [{ header: 'Column', weight: 0.6 }, { header: 'Design', weight: 3 }, { header: 'Id', weight: 2.6 }, { header: 'Version', weight: 0.8 }, { header: 'Goal, disease, species, dose', weight: 3 }],
    rows: designs.map((x, i) => {
      const c = x.version.design.context
      return [names[i]!, x.version.design.name, x.version.designId, `${x.version.version} of ${x.version.versionCount}`,
        `${optionLabel('context.goal', c.goal)}; ${optionLabel('context.disease', c.disease)}; ${optionLabel('context.species', c.species)}; ${formatFieldValue('context.dose.mgPerKg', c.dose.mgPerKg)} mg/kg (${c.dose.basis})`]
    }),
  })

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.model })
  blocks.push({ kind: 'heading', level: 2, text: '2.1 The designs side by side' })
  // Union of the field paths in form order (core, coatings by position, ligands, payload, context).
  const byDesign = designs.map((x) => new Map(designFieldRows(x.version.design).map(([path, label, value, unit]) => [path, { label, value, unit }] as const)))
  const order = [...new Set(byDesign.flatMap((m) => [...m.keys()]))].sort((a, b) => {
    const ka = formOrderKey(a)
    const kb = formOrderKey(b)
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2]
  })
  blocks.push({
    kind: 'table', caption: 'Fields of each design with the app\'s names and units ("—": the design has no such field).', fontSizePt,
    equalFrom: 2, columns: [{ header: 'Field', weight: 1.6 }, { header: 'Unit', weight: 0.7 }, ...designCols.map((c) => ({ ...c, align: 'left' as const }))],
    rows: order.map((path) => {
      const first = byDesign.find((m) => m.has(path))!.get(path)!
      return [first.label, first.unit, ...byDesign.map((m) => m.get(path)?.value ?? '—')]
    }),
  })
  blocks.push({ kind: 'heading', level: 2, text: '2.2 Derived properties side by side' })
  const derived = designs.map((x) => derivedRows(x.analysis.simulation.derived))
  const derivedLabels = [...new Set(derived.flatMap((rows) => rows.map(([l]) => l)))]
  blocks.push({
    kind: 'table', caption: 'Derived from each design by geometry and the catalog.', fontSizePt,
    equalFrom: 1, columns: [{ header: 'Quantity', weight: 1.6 }, ...designCols],
    rows: derivedLabels.map((l) => [l, ...derived.map((rows) => rows.find(([x]) => x === l)?.[1] ?? '—')]),
  })
  const figures = designs.map((x) => particleFigure(x.version.design, x.analysis.simulation.derived, 0))
  const widestNm = Math.max(...figures.map((f) => 2 * (f.outerRadiusNm + (f.ligandTicks?.lengthNm ?? 0))))
  blocks.push({
    kind: 'particle-row', figures, titles: designs.map((x, i) => `${names[i]}: ${x.version.design.name}`), scaleBarNm: scaleBarLengthNm(widestNm),
    caption: `Figure ${++figure}. Cross-sections of the ${n} particles drawn to one scale from their derived geometry (scale bar ${q(scaleBarLengthNm(widestNm), 'nm')}): `
      + 'core and each coating shell at its thickness, ligands as ticks on the outer surface (at most 48 drawn, at least 2 pt long). '
      + (figures3d === undefined ? NO_3D_IN_CLI_COMPARISON
        : `Drawn in 2D so the particles compare at one scale on one row; the 3D scene of each design follows (Figures ${figure + 1}–${figure + n}), each with its own scale bar.`),
  })
  // The app's 3D renders side by side, one figure per design, each at its own scale: a render
  // fills its image with its particle, so each has its own nm per pixel and scale bar, exact at
  // every depth (orthographic); Figure 1 is where they compare at one scale.
  if (figures3d !== undefined) {
    const first = figure + 1
    const cells = figures3d.map((f, i) => {
      const title = `Figure ${++figure}. ${names[i]}: ${designs[i]!.version.design.name}`
      if (f.kind === 'unavailable') return { title, image: null, note: `The app could not render the 3D scene for this report (${f.reason}); the cross-section is in Figure 1.` }
      const r = f.render
      return { title, image: { png: r.png, widthPx: r.widthPx, heightPx: r.heightPx, nmPerPx: r.nmPerPx, scaleBarNm: scaleBarLengthNm(r.widthPx * r.nmPerPx, 1 / 4), legend: r.legend } }
    })
    const views = [...new Set(figures3d.flatMap((f) => (f.kind === 'render' ? [f.render.view] : [])))]
    const scales = cells.flatMap((c, i) => (c.image === null ? [] : [`${names[i]} ${q(c.image.scaleBarNm, 'nm')} (${q(c.image.nmPerPx)} nm per pixel of ${c.image.widthPx} × ${c.image.heightPx})`]))
    blocks.push({
      kind: 'scene-row', cells,
      caption: `Figures ${first}–${figure}. The particles' 3D scenes, rendered for this report by the app from their scene components (not screenshots of the window)`
        + `${views.length > 0 ? `: ${views.join('; ')}` : ''}. `
        + (scales.length > 0 ? `Scale bars, each true at every depth of its render (orthographic projection): ${scales.join(', ')}; the renders are at different scales, Figure 1 compares the particles at one scale.` : 'Figure 1 compares the particles at one scale.'),
    })
  }
  blocks.push({ kind: 'heading', level: 2, text: '2.3 Critical quality attributes side by side' })
  blocks.push(comparedCqaTable(designs.map((x) => ({ design: x.version.design, measurements: x.version.measurements.filter((m) => m.version === x.version.version), specs: x.version.specs ?? null })), names, fontSizePt, (source) => refs.cite(source)))
  blocks.push({ kind: 'heading', level: 2, text: '2.4 Models and equations' })
  blocks.push({ ...methodsTable(designs[0]!.analysis, refs), caption: 'Models and equations of the engine (the release mechanism shown is D1\'s; each design\'s is named in section 6.1).', fontSizePt })

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.parameters })
  const catalog = new Map<string, { row: string[]; users: Set<string> }>()
  designs.forEach((x, i) => {
    for (const a of x.analysis.catalogAssumptions) {
      const key = `${a.path}|${a.cited.source}`
      const entry = catalog.get(key) ?? { row: [catalogLabel(a.path), q(a.cited.value), unitText(a.cited.unit), `[${a.cited.evidence}]`, refs.cite(a.cited.source)], users: new Set<string>() }
      entry.users.add(names[i]!)
      catalog.set(key, entry)
    }
  })
  const engineCount = designs.map((x) => x.analysis.simulation.assumptions.length)
  blocks.push({
    kind: 'paragraph',
    text: `Evidence tags: [V] verified in the source; [C] from published model code; [D] derived in NanoForge; [U] not yet verified. The engine used ${engineCount.join(', ')} parameters for ${names.join(', ')}; `
      + 'each design\'s own report lists them with their sources. The catalog values the designs rest on that are not yet verified:',
  })
  blocks.push(catalog.size === 0 ? { kind: 'paragraph', text: 'None.' } : {
    kind: 'table', fontSizePt,
    columns: [{ header: 'Catalog entry', weight: 3 }, { header: 'Value', align: 'right' }, { header: 'Unit' }, { header: 'Evidence', weight: 0.7 }, { header: 'Ref.', weight: 0.6 }, { header: 'Designs', weight: 1.2 }],
    rows: [...catalog.values()].map((e) => [...e.row, [...e.users].join(', ')]),
  })

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.evaluation })
  for (const text of validationParagraphs(settings.validation)) blocks.push({ kind: 'paragraph', text })
  blocks.push({
    kind: 'table', caption: 'Measurements attached to each design version (each design\'s own report compares them with its predictions).', fontSizePt,
    equalFrom: 1, columns: [{ header: 'Kind', weight: 1.4 }, ...designCols],
    rows: (['release', 'dls', 'zeta', 'biodistribution', 'quality'] as const).map((kind) => [
      { release: 'Release profiles', dls: 'DLS', zeta: 'Zeta potential', biodistribution: 'In-vivo biodistribution', quality: 'Quality readings (EE, loading, endotoxin...)' }[kind],
      ...designs.map((x) => String(x.version.measurements.filter((m) => m.kind === kind && m.deletedAt === null).length)),
    ]),
  })

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.simulations })
  blocks.push({
    kind: 'paragraph',
    text: `Each design was simulated with its own species, disease and dose (section 1) over ${REPORT_HORIZON_H} h with nominal parameters: release in plasma (pH 7.4), inflamed tissue (pH 6.8) and the endolysosome (pH 5.0), `
      + 'and the PBPK biodistribution with release coupled compartment by compartment. No Monte Carlo band is drawn in a comparison; each design\'s own report carries it. '
      + `Calibration profile: ${calibration === null ? NO_PROFILE_TEXT : `every design estimated under ${calibrationMethodsText(calibration, (source) => refs.cite(source))}`}`,
  })

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.results })
  blocks.push({ kind: 'heading', level: 2, text: '6.1 Release' })
  blocks.push({
    kind: 'chart', title: 'Drug released in plasma (pH 7.4)', xLabel: 'Time (h)', yLabel: 'Released (% of load)', xRange: [0, REPORT_HORIZON_H], yRange: [0, 100],
    series: designs.map((x, i) => {
      const p = x.analysis.simulation.release.environments.plasma
      return { label: `${names[i]}: ${x.version.design.name}`, color: DESIGN_COLOURS[i]!, points: p.timesH.map((t, j) => [t, 100 * p.fractionReleased[j]!] as const) }
    }),
    caption: `Figure ${figure + 1}. Predicted release in plasma of each design.`,
  })
  const releaseRows: string[][] = []
  for (const env of ['plasma', 'inflamed', 'endolysosome'] as const) {
    const envName = { plasma: 'plasma', inflamed: 'inflamed tissue', endolysosome: 'the endolysosome' }[env]
    releaseRows.push([`t50 in ${envName}`, 'h', ...designs.map((x) => hoursText(x.analysis.simulation.release.environments[env].t50H))])
    releaseRows.push([`Released in the first hour in ${envName}`, '%', ...designs.map((x) => pctOfFraction(x.analysis.simulation.release.environments[env].burstFraction1H))])
  }
  blocks.push({
    kind: 'table', caption: 'Release mechanism of each design.', fontSizePt,
    columns: [{ header: 'Design', weight: 0.4 }, { header: 'Mechanism', weight: 9 }],
    rows: designs.map((x, i) => [names[i]!, x.analysis.simulation.release.mechanismLabel]),
  })
  blocks.push({ kind: 'table', caption: 'Release summary.', fontSizePt, equalFrom: 2, columns: [{ header: 'Quantity', weight: 1.6 }, { header: 'Unit', weight: 0.5 }, ...designCols], rows: releaseRows })

  blocks.push({ kind: 'heading', level: 2, text: '6.2 Biodistribution' })
  blocks.push({
    kind: 'table', caption: `Exposure over ${REPORT_HORIZON_H} h per tissue (AUC, %ID·h, nominal parameters).`, fontSizePt,
    equalFrom: 1, columns: [{ header: 'Tissue', weight: 1.6 }, ...designCols],
    rows: BIODISTRIBUTION_KEYS.map((k) => [REPORT_TISSUE_LABELS[k], ...designs.map((x) => q(x.analysis.simulation.biodistribution.aucPercentDoseH[k]))]),
  })
  blocks.push({ kind: 'heading', level: 2, text: '6.3 Selectivity' })
  blocks.push({
    kind: 'table', caption: 'Metrics as the app\'s metric registry names them; "Better" says which way is better.', fontSizePt,
    equalFrom: 3, columns: [{ header: 'Metric', weight: 1.8 }, { header: 'Unit', weight: 0.8 }, { header: 'Better', weight: 0.6 }, ...designCols],
    rows: [
      ['Target', '', '', ...designs.map((x) => targetName(x.analysis.simulation.selectivity.targetTissue))],
      ...METRICS.map((m) => [m.label, m.unit, m.direction, ...designs.map((x) => {
        const value = m.extract(x.analysis.simulation)
        return value === null ? `not reached in ${REPORT_HORIZON_H} h` : q(value)
      })]),
    ],
  })
  blocks.push({ kind: 'heading', level: 2, text: '6.4 Translation flags' })
  // Most serious first, as in a single report and the app's panel: by the highest severity any
  // design raises the flag at, then in the rule set's order (a caution for D4 alone must not
  // sit below the info rows).
  const flagTitles = new Map<string, { title: string; source: string; evidence: string; rank: number; order: number }>()
  for (const x of designs) {
    for (const f of x.analysis.flags) {
      const rank = FLAG_SEVERITIES.indexOf(f.severity)
      const seen = flagTitles.get(f.id)
      if (seen === undefined) flagTitles.set(f.id, { title: f.title, source: f.source, evidence: f.evidence, rank, order: FLAG_RULES.findIndex((r) => r.id === f.id) })
      else if (rank > seen.rank) flagTitles.set(f.id, { ...seen, rank })
    }
  }
  const flagRows = [...flagTitles].sort(([, a], [, b]) => b.rank - a.rank || a.order - b.order)
  blocks.push(flagTitles.size === 0 ? { kind: 'paragraph', text: 'No translation flag is raised for any of the designs.' } : {
    kind: 'table', caption: 'Severity of each flag per design ("—": not raised), most serious first. Why and what to measure are in each design\'s own report.', fontSizePt,
    equalFrom: 2, columns: [{ header: 'Flag', weight: 2.4 }, { header: 'Ref.', weight: 0.6 }, ...designCols],
    rows: flagRows.map(([id, f]) => [f.title, `${refs.cite(f.source)} [${f.evidence}]`, ...designs.map((x) => {
      const raised = x.analysis.flags.find((g) => g.id === id)
      return raised ? severityWord(raised.severity) : '—'
    })]),
  })
  blocks.push({ kind: 'heading', level: 2, text: '6.5 Warnings' })
  const warningRows = designs.flatMap((x, i) => warningTexts(x.analysis).map((w) => [names[i]!, w]))
  blocks.push(warningRows.length === 0 ? { kind: 'paragraph', text: 'The engine raised no warning for any of the designs.' }
    : { kind: 'table', fontSizePt, columns: [{ header: 'Design', weight: 0.5 }, { header: 'Warning', weight: 9 }], rows: warningRows })

  if (calibration !== null) blocks.push(...comparedCalibrationBlocks(designs, calibration, names, designCols, fontSizePt))

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.conclusions })
  const best: string[] = []
  for (const m of METRICS) {
    if (m.direction === 'target') continue
    const values = designs.map((x) => m.extract(x.analysis.simulation))
    const finite = values.map((v, i) => [v, i] as const).filter((p): p is readonly [number, number] => p[0] !== null && Number.isFinite(p[0]))
    if (finite.length === 0) continue
    const pick = finite.reduce((a, b) => ((m.direction === 'higher' ? b[0] > a[0] : b[0] < a[0]) ? b : a))
    best.push(`${m.label} (${m.direction} is better): ${names[pick[1]]} (${q(pick[0], m.unit)}).`)
  }
  const flagCounts = designs.map((x, i) => `${names[i]} ${x.analysis.flags.filter((f) => f.severity === 'concern').length} concern / ${x.analysis.flags.filter((f) => f.severity === 'caution').length} caution`)
  best.push(`Translation flags: ${flagCounts.join('; ')}.`)
  const targets = new Set(designs.map((x) => `${x.analysis.simulation.selectivity.targetTissue}|${x.version.design.context.species}`))
  if (targets.size > 1) best.push('The designs differ in target tissue or species, so their target metrics measure different things; compare them within one target and species.')
  best.push('These rankings are of model estimates with the uncertainty shown in each design\'s own report; a difference smaller than that band is not a difference.')
  if (calibration !== null) {
    const warned = designs.map((x, i) => [names[i]!, calibrationWarnings(x.analysis.calibration!).length] as const).filter(([, k]) => k > 0)
    best.push(`With the calibration profile "${calibration.profile.name}" version ${calibration.profile.version} (section 6.6) the blood half-lives are `
      + `${designs.map((x, i) => `${names[i]} ${q(x.analysis.calibration!.estimate.estimate.bloodHalfLifeH, 'h')}`).join(', ')}`
      + `${warned.length > 0 ? `; warnings about the profile for ${warned.map(([name, k]) => `${name} (${k})`).join(', ')}` : ''}.`)
  }
  blocks.push({ kind: 'table', header: false, fontSizePt, columns: [{ header: '', weight: 0.3 }, { header: '', weight: 9 }], rows: best.map((b, i) => [`${i + 1}.`, b]) })

  blocks.push({ kind: 'heading', level: 1, text: SECTION_TITLES.references })
  blocks.push({ kind: 'list', items: refs.list })

  const title = designs.map((x) => x.version.design.name).join(' vs ')
  return {
    title: 'Design comparison report',
    subtitle: title,
    orientation: 'landscape',
    cover: [
      ...designs.map((x, i) => [`${names[i]}`, `${x.version.design.name} — ${x.version.designId}, version ${x.version.version} of ${x.version.versionCount}, saved ${dateText(x.version.savedAt)}, content hash (SHA-256) ${x.version.documentHash}; ${(x.version.approvals ?? []).length === 0 ? 'no signatures' : `signatures: ${approvalsText(x.version)}`}`] as [string, string]),
      ['Report date', dateText(settings.generatedAt)],
      ['Engine version', ENGINE_VERSION],
      ...(calibration === null ? [] : [['Calibration profile', `"${calibration.profile.name}" version ${calibration.profile.version} (id ${calibration.profile.id}); its estimates in section 6.6, the methods in section 5.`] as [string, string]]),
    ],
    coverNote: 'Estimates are model predictions of the NanoForge engine for the design versions named above, identified by their content hashes; '
      + 'they support a design review and do not replace measurement.',
    footer: `NanoForge design comparison — ${names.map((x, i) => `${x} ${designs[i]!.version.design.name}`).join(', ')}`,
    blocks,
    keywords: ['NanoForge', 'design comparison', ...designs.map((x) => x.version.design.name)],
    generatedAt: settings.generatedAt,
  }
}

/**
 * Section 6.6 of a comparison under a calibration profile: the profile's multipliers (the same
 * for every design), then per design the exposure per tissue and the key metrics with the
 * profile beside the engine's, with the 95 % band over posterior draws — the numbers of
 * `simulate --profile` for each design — and the profile's warnings per design.
 */
function comparedCalibrationBlocks(
  designs: ReadonlyArray<ComparedDesign>, c: AnalysedCalibration, names: ReadonlyArray<string>,
  designCols: ReadonlyArray<{ header: string; align: 'right'; weight: number }>, fontSizePt: number,
): ReportBlock[] {
  const p = c.profile
  const b = c.estimate.bands
  const interval = (x: { median: number; ci95: readonly [number, number] } | null): string => (x === null ? 'not informed' : `${q(x.median)} (${q(x.ci95[0])}–${q(x.ci95[1])})`)
  const cal = designs.map((x) => x.analysis.calibration!)
  const withBand = (v: number, band: { lower: number; upper: number }): string => `${q(v)} (${q(band.lower)}–${q(band.upper)})`
  const metricRows: string[][] = [
    ['Blood half-life, engine', 'h', ...designs.map((x) => q(x.analysis.simulation.biodistribution.bloodHalfLifeH))],
    ['Blood half-life with profile (95 % band)', 'h', ...cal.map((k) => withBand(k.estimate.estimate.bloodHalfLifeH, k.estimate.bands.bloodHalfLifeH))],
  ]
  if (designs.some((x) => x.analysis.simulation.selectivity.targetTissue !== null)) {
    const targeted = (i: number, text: () => string): string => (designs[i]!.analysis.simulation.selectivity.targetTissue === null ? '—' : text())
    metricRows.push(
      ['Target', '', ...designs.map((x) => targetName(x.analysis.simulation.selectivity.targetTissue))],
      ['Target AUC, engine', '%ID·h', ...designs.map((x, i) => targeted(i, () => q(x.analysis.simulation.selectivity.targetAucPercentDoseH)))],
      ['Target AUC with profile (95 % band)', '%ID·h', ...cal.map((k, i) => targeted(i, () => withBand(k.estimate.estimate.selectivity.targetAucPercentDoseH, k.estimate.bands.selectivity.targetAucPercentDoseH)))],
      ['Selectivity index, engine', '', ...designs.map((x, i) => targeted(i, () => q(x.analysis.simulation.selectivity.selectivityIndex)))],
      ['Selectivity index with profile (95 % band)', '', ...cal.map((k, i) => targeted(i, () => withBand(k.estimate.estimate.selectivity.selectivityIndex, k.estimate.bands.selectivity.selectivityIndex)))],
    )
  }
  const warningRows = cal.flatMap((k, i) => calibrationWarnings(k).map((w) => [names[i]!, w]))
  return [
    { kind: 'heading', level: 2, text: CALIBRATION_SECTION_TITLE },
    {
      kind: 'paragraph',
      text: `With the lab's calibration profile "${p.name}" version ${p.version} (section 5), each design: the engine at the posterior medians of its multipliers, and the 95 % band over ${b.samples} posterior draws `
        + `(seed ${b.seed}; parameters the profile did not calibrate are drawn from their priors). These are the numbers of nanoforge simulate --profile ${p.id.slice(0, 8)} for each design.`,
    },
    {
      kind: 'table', caption: 'Multipliers of the profile, the same for every design: prior and posterior median with the 95 % interval (1 = the engine\'s catalog value).', fontSizePt,
      columns: [{ header: 'Parameter', weight: 2.4 }, { header: 'Prior', align: 'right', weight: 1.2 }, { header: 'Posterior', align: 'right', weight: 1.2 }, { header: 'Applied', align: 'right', weight: 0.8 }],
      rows: Object.entries(p.summary.parameters).map(([id, s]) => [
        calibrationParameterLabel(id), interval(s?.prior ?? null), interval(s?.posterior ?? null), q(c.estimate.multipliers[id as CalibrationParameterId] ?? 1),
      ]),
    },
    {
      kind: 'table', caption: `Exposure over ${REPORT_HORIZON_H} h per tissue with the profile (AUC, %ID·h: posterior median and 95 % band over posterior draws); the engine's own is in section 6.2.`, fontSizePt,
      equalFrom: 1, columns: [{ header: 'Tissue', weight: 1.6 }, ...designCols],
      rows: BIODISTRIBUTION_KEYS.map((k) => [REPORT_TISSUE_LABELS[k], ...cal.map((x) => withBand(x.estimate.estimate.aucPercentDoseH[k], x.estimate.bands.aucPercentDoseH[k]))]),
    },
    {
      kind: 'table', caption: 'Key metrics: the engine beside the engine with the profile ("—": the design has no target tissue).', fontSizePt,
      equalFrom: 2, columns: [{ header: 'Metric', weight: 1.8 }, { header: 'Unit', weight: 0.6 }, ...designCols],
      rows: metricRows,
    },
    warningRows.length === 0
      ? { kind: 'paragraph', text: 'Every design lies within the designs the profile was learned on, the profile was learned with this engine version, and no lab data were added to or deleted from its designs since.' }
      : { kind: 'table', caption: 'Warnings about this profile for each design.', fontSizePt, columns: [{ header: 'Design', weight: 0.5 }, { header: 'Warning', weight: 9 }], rows: warningRows },
  ]
}
