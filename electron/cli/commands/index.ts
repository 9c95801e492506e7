import type { CommandRun } from '../types'

/**
 * A command whose module is imported only when it runs. Why: `--help` and `validate` must not
 * pay for loading the engine, the library and every schema (start-up was ~0.3-1.2 s per
 * call; issue 11 item 9).
 */
function lazy(load: () => Promise<CommandRun>): CommandRun {
  return async (args, io) => (await load())(args, io)
}

const runValidate = lazy(async () => (await import('./validate')).runValidate)
const runSimulate = lazy(async () => (await import('./simulate')).runSimulate)
const runFlags = lazy(async () => (await import('./flags')).runFlags)
const runPublished = lazy(async () => (await import('./published')).runPublished)
const runValidation = lazy(async () => (await import('./validation')).runValidation)
const runFit = lazy(async () => (await import('./fit')).runFit)
const runCompare = lazy(async () => (await import('./compare')).runCompare)
const runDbSave = lazy(async () => (await import('./db')).runDbSave)
const runDbList = lazy(async () => (await import('./db')).runDbList)
const runDbShow = lazy(async () => (await import('./db')).runDbShow)
const runDbHistory = lazy(async () => (await import('./db')).runDbHistory)
const runDbExport = lazy(async () => (await import('./db')).runDbExport)
const runDbImport = lazy(async () => (await import('./db')).runDbImport)
const runDbBackups = lazy(async () => (await import('./db')).runDbBackups)
const runDbRestore = lazy(async () => (await import('./db')).runDbRestore)
const runMeasureAdd = lazy(async () => (await import('./measure')).runMeasureAdd)
const runMeasureList = lazy(async () => (await import('./measure')).runMeasureList)
const runMeasureDelete = lazy(async () => (await import('./measure')).runMeasureDelete)
const runSensitivity = lazy(async () => (await import('./sensitivity')).runSensitivity)
const runOptimize = lazy(async () => (await import('./optimize')).runOptimize)
const runSweep = lazy(async () => (await import('./sweep')).runSweep)
const runMerge = lazy(async () => (await import('./merge')).runMerge)
const runPopulation = lazy(async () => (await import('./population')).runPopulation)
const runReport = lazy(async () => (await import('./report')).runReport)
const runCalibrate = lazy(async () => (await import('./calibrate')).runCalibrate)
const runDbProfiles = lazy(async () => (await import('./calibrate')).runDbProfiles)
const runSuggest = lazy(async () => (await import('./suggest')).runSuggest)
const runDbAudit = lazy(async () => (await import('./audit')).runDbAudit)
const runDbVerify = lazy(async () => (await import('./audit')).runDbVerify)
const runDbApprove = lazy(async () => (await import('./audit')).runDbApprove)
const runDbSpecsSet = lazy(async () => (await import('./specs')).runDbSpecsSet)
const runDbSpecsClear = lazy(async () => (await import('./specs')).runDbSpecsClear)
const runDbSpecsShow = lazy(async () => (await import('./specs')).runDbSpecsShow)
const runDbProject = lazy(async () => (await import('./specs')).runDbProject)

/** One entry of the command registry. */
export interface CommandSpec {
  /** One line for `nanoforge --help`. */
  readonly summary: string
  /** The argument synopsis after the command name. */
  readonly usage: string
  readonly run: CommandRun
  /**
   * True for commands that write to the library. Their failures always say whether anything
   * was written (`written` in the JSON error, docs/cli.md): a failure before the library was
   * opened (usage, a bad input file) is `written: false`.
   */
  readonly writes?: true
}

/**
 * Every `nanoforge` command, keyed by its words (`validate`, `db save`).
 *
 * Why a table: `--help` lists it, `main` dispatches from it, and a new command (simulate,
 * fit, compare, db export/import) is one line here plus its module.
 */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['validate', { summary: 'check a design file; every problem with its path', usage: 'FILE [--json]', run: runValidate }],
  ['simulate', { summary: 'estimate release, biodistribution and selectivity of a design (with --samples, their Monte Carlo band)', usage: 'FILE [--hours H] [--samples N [--seed S] [--workers W]] [--json]', run: runSimulate }],
  ['population', { summary: 'a design in a virtual cohort of patients: p5/p50/p95 of every metric and of the response against free drug', usage: 'FILE --cohort COHORT.json [--n N] [--seed S] [--hours H] [--json]', run: runPopulation }],
  ['flags', { summary: 'translation flags of a design: risks on the way to the clinic, each with its source and what to measure', usage: 'FILE [--json]', run: runFlags }],
  ['published', { summary: 'published experiments like a design: what was measured, the engine on each of them and this design in the same read-out', usage: 'FILE [--json]', run: runPublished }],
  ['validation', { summary: 'every published in-vivo row beside the engine\'s estimate of it: calibration and held-out scores, misses', usage: '[--set calibration|held-out] [--misses] [--json]', run: runValidation }],
  ['fit', { summary: 'fit release models to measured data (CSV: time, replicate columns)', usage: 'FILE.csv [--models LIST] [--list-models] [--json]', run: runFit }],
  ['sensitivity', { summary: 'which knob (or engine assumption) moves which metric: local, Morris or Sobol sensitivity', usage: 'FILE [--method local|morris|sobol] [--over design|parameters] [--samples N] [--seed S] [--metrics LIST] [--hours H] [--workers W] [--json]', run: runSensitivity }],
  ['optimize', { summary: 'Pareto front of designs for a goal file (NSGA-II, objectives and constraints)', usage: 'GOAL.json [--evaluations N] [--seed S] [--population P] [--hours H] [--workers W] [--json]', run: runOptimize }],
  ['sweep', { summary: 'evaluate one shard of a design-space sweep (grid, Latin hypercube, Sobol or a virtual cohort) into Parquet, or write Slurm jobs for all shards', usage: 'SPEC (--out DIR [--shard I/N] | --slurm DIR [--array N] [--partition P] [--time T]) [--workers K] [--json]', run: runSweep }],
  ['merge', { summary: 'check that a folder holds every shard of one sweep once and merge them in sample order', usage: 'DIR --out FILE [--format parquet|csv] [--json]', run: runMerge }],
  ['calibrate', { summary: 'calibrate the engine on the in-vivo and release measurements of designs (Bayesian, MCMC) and save the posterior as a profile', usage: 'DESIGN_ID... [--parameters LIST] [--samples N] [--seed S] [--name NAME] [--db FILE] [--json]', run: runCalibrate, writes: true }],
  ['suggest', { summary: 'the next 1-5 designs to make for a goal file, learned from a calibration profile and its lab data (Bayesian optimisation)', usage: 'GOAL.json --profile ID [--db FILE] [--count K] [--seed S] [--candidates N] [--json]', run: runSuggest }],
  ['report', { summary: 'the design-review PDF of a saved design version, or a side-by-side comparison of 2-4 designs', usage: 'ID [--version V] [--compare ID...] [--profile PROFILE_ID] --out FILE.pdf [--db FILE] [--json]', run: runReport }],
  ['compare', { summary: 'compare two release profiles: f1, f2 and their conditions', usage: 'REF.csv TEST.csv [--json]', run: runCompare }],
  ['db save', { summary: 'save a design file as a new design or a new version', usage: 'FILE [--note TEXT] [--design ID] [--db FILE] [--json]', run: runDbSave, writes: true }],
  ['db list', { summary: 'list designs, newest first', usage: '[--query Q] [--limit N] [--offset N] [--db FILE] [--json]', run: runDbList }],
  ['db show', { summary: 'print one version of a design (the latest by default)', usage: 'ID [--version N] [--db FILE] [--json]', run: runDbShow }],
  ['db history', { summary: 'list every version of a design', usage: 'ID [--db FILE] [--json]', run: runDbHistory }],
  ['db export', { summary: 'write designs with all versions, notes, tags and measurements to a bundle file', usage: 'ID... --out BUNDLE [--force] [--db FILE] [--json]', run: runDbExport }],
  ['db import', { summary: 'import a bundle file (validated first; nothing already here is duplicated)', usage: 'BUNDLE [--db FILE] [--json]', run: runDbImport, writes: true }],
  ['db profiles', { summary: 'list the calibration profiles, newest first', usage: '[--db FILE] [--json]', run: runDbProfiles }],
  ['db backups', { summary: 'list the library backups, newest first', usage: '[--db FILE] [--json]', run: runDbBackups }],
  ['measure add', { summary: 'attach measured release data (CSV), DLS, zeta, in-vivo biodistribution (CSV) or quality values (EE, drug loading, free drug, endotoxin, residual solvent, cholesterol) to a design version', usage: 'ID --version N (FILE.csv | --zeta MV | --dls NM --pdi X | --biodistribution FILE.csv [--species S] [--dose MG_PER_KG] [--dose-basis drug|particle] [--loq PERCENT_ID] [--method TEXT] [--notes TEXT] | [--ee PCT] [--drug-loading PCT] [--free-drug PCT] [--endotoxin EU_PER_ML] [--residual-solvent PPM [--solvent NAME]] [--cholesterol MOL_PCT] [--method TEXT]) [--label TEXT] [--measured-on YYYY-MM-DD] [--db FILE] [--json]', run: runMeasureAdd, writes: true }],
  ['measure list', { summary: 'list the measurements of a design', usage: 'ID [--version N] [--deleted] [--db FILE] [--json]', run: runMeasureList }],
  ['measure delete', { summary: 'move a measurement to the trash (or --restore it)', usage: 'MEASUREMENT_ID [--restore] [--db FILE] [--json]', run: runMeasureDelete, writes: true }],
  ['db audit', { summary: 'the audit trail of one design (who changed what, when), oldest first', usage: 'ID [--db FILE] [--json]', run: runDbAudit }],
  ['db verify', { summary: 'check the whole audit trail (hash chain, versions, approvals); exit 1 names the first broken entry', usage: '[--db FILE] [--json]', run: runDbVerify }],
  ['db approve', { summary: 'sign a design version: "reviewed" or "approved for synthesis", with your name and the time', usage: 'ID --version V --meaning TEXT [--name TEXT] [--db FILE] [--json]', run: runDbApprove, writes: true }],
  ['db specs set', { summary: 'set a specification limit of a quality attribute for a project (logged in the audit trail)', usage: 'PROJECT ATTRIBUTE [--min X] [--max Y] [--note TEXT] [--db FILE] [--json]', run: runDbSpecsSet, writes: true }],
  ['db specs clear', { summary: 'remove a specification limit of a project', usage: 'PROJECT ATTRIBUTE [--db FILE] [--json]', run: runDbSpecsClear, writes: true }],
  ['db specs show', { summary: 'a project\'s specification limits and their changes, or a design version\'s quality attributes against them (pass/fail)', usage: '(PROJECT | --design ID [--version V]) [--db FILE] [--json]', run: runDbSpecsShow }],
  ['db project', { summary: 'file designs under a project (created if new) or take them out of it', usage: 'ID... (--name NAME | --none) [--db FILE] [--json]', run: runDbProject, writes: true }],
  ['db restore', { summary: 'replace the library with a backup (the current file is kept first)', usage: 'BACKUP [--db FILE] [--json]', run: runDbRestore, writes: true }],
])
