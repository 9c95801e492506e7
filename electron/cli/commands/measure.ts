import { basename } from 'node:path'
import type { Measurement } from '../../../shared/ipc/channels/measurement'
import { createMeasurementStore } from '../../db/measurements'
import { qualityReadingText } from '../../../shared/quality/text'
import { CQA_ATTRIBUTES, type QualityFieldId } from '../../../shared/quality/attributes'
import { terminalSafe } from '../../../shared/design/schema-text'
import { CliError, UsageError } from '../errors'
import { csvShapeProblem, readInputText } from '../input'
import { EXIT_OK, type CommandRun } from '../types'
import { numberOption, parseCommandArgs, positiveIntOption, printJson, stringOption } from './args'
import { withLibrary } from './library-access'

const DB_OPTION = { db: { type: 'string' }, json: { type: 'boolean' } } as const

/** The quality attributes `measure add` takes as options (`--ee 85`), from the one registry. */
const QUALITY_OPTIONS = CQA_ATTRIBUTES.flatMap((a) => (a.measuredFrom.kind === 'quality' ? [{ option: a.key, field: a.measuredFrom.field as QualityFieldId }] : []))

/** Largest CSV file `measure add` reads, bytes (same as the app's attach control). */
const MAX_CSV_BYTES = 2 * 1024 * 1024

/** One line describing a measurement for the text output. */
function describe(m: Measurement): string {
  const what = m.kind === 'release'
    ? `release ${m.data.timesH.length} points x ${m.data.replicates.length} replicate(s)`
    : m.kind === 'dls' ? `dls ${m.data.zAverageNm} nm PDI ${m.data.pdi}`
      : m.kind === 'zeta' ? `zeta ${m.data.zetaMv} mV`
        : m.kind === 'quality' ? `quality ${qualityReadingText(m.data)}`
          : `biodistribution ${m.data.species} ${m.data.doseMgPerKg} mg/kg (${m.data.doseBasis}) ${Object.keys(m.data.tissues).join(',')} at ${m.data.timesH.join(', ')} h`
  return `${m.id}  v${m.version}  ${m.measuredOn ?? '----------'}  ${what}  ${m.label}${m.deletedAt ? `  (in the trash since ${m.deletedAt})` : ''}`
}


/** Reads a CSV file within the size and row limits; throws a `bad-input` {@link CliError} saying why not. */
function readCsv(file: string): string {
  const read = readInputText(file, MAX_CSV_BYTES)
  if (!read.ok) throw new CliError('bad-input', read.reason, `${read.message} Nothing was saved.`)
  const shape = csvShapeProblem(read.text)
  if (shape !== undefined) {
    throw new CliError('bad-input', 'invalid-csv', `${file}: 1 problem; nothing was saved.`, [{ path: `line ${shape.line}`, message: shape.message }])
  }
  return read.text
}

/** The `invalid-csv` failure of a CSV the parser refused, one issue per line. */
function csvRefused(file: string, errors: ReadonlyArray<{ readonly line: number; readonly message: string }>): CliError {
  return new CliError('bad-input', 'invalid-csv', `${file}: ${errors.length} problem(s); nothing was saved.`,
    errors.map((e) => ({ path: e.line > 0 ? `line ${e.line}` : file, message: e.message })))
}

/**
 * `nanoforge measure add ID --version N (FILE.csv | --zeta MV | --dls NM --pdi X |
 * --biodistribution FILE.csv [--species S] [--dose MG_PER_KG] [--dose-basis drug|particle]
 * [--loq PERCENT_ID] [--method TEXT] [--notes TEXT]) [--label TEXT] [--measured-on YYYY-MM-DD] [--db FILE] [--json]`.
 *
 * For `--biodistribution`, species, dose and basis not given are taken from the design
 * version's own context (a note says so), since that is what the engine predicts for.
 * `--loq` is the assay's limit of quantification in %ID: values at or below it (0 included)
 * are stored as measured and counted as censored by `nanoforge calibrate` (issue #14).
 *
 * Why: a lab attaches its measured release profiles (or a DLS or zeta reading) to a saved
 * design version from a script, into the same library the app reads; the CSV is read by the
 * same tolerant reader as the app and `fit`, and problems are listed with line numbers.
 * A negative zeta potential is written `--zeta=-18.5` (node's parser reads `-18.5` as a flag).
 */
export const runMeasureAdd: CommandRun = async (args, io) => {
  const usage = 'nanoforge measure add ID --version N (FILE.csv [--release-method KIND [--particle-mg-per-ml C]] | --zeta MV | --dls NM --pdi X | --biodistribution FILE.csv [--species mouse|rat|human] [--dose MG_PER_KG] [--dose-basis drug|particle] [--loq PERCENT_ID] [--method TEXT] [--notes TEXT] | QUALITY... [--solvent NAME] [--method TEXT]) [--label TEXT] [--measured-on YYYY-MM-DD] [--db FILE] [--json]\n  QUALITY: ' +
    QUALITY_OPTIONS.map((q) => `--${q.option} X`).join(' ') + ' (one batch: any of them together)'
  const { values, positionals } = parseCommandArgs(args, {
    ...DB_OPTION, version: { type: 'string' }, label: { type: 'string' }, 'measured-on': { type: 'string' },
    zeta: { type: 'string' }, dls: { type: 'string' }, pdi: { type: 'string' },
    biodistribution: { type: 'string' }, species: { type: 'string' }, dose: { type: 'string' }, 'dose-basis': { type: 'string' }, loq: { type: 'string' },
    method: { type: 'string' }, notes: { type: 'string' },
    'release-method': { type: 'string' }, 'particle-mg-per-ml': { type: 'string' },
    solvent: { type: 'string' }, ...Object.fromEntries(QUALITY_OPTIONS.map((q) => [q.option, { type: 'string' }] as const)),
  }, { min: 1, max: 2, usage })
  const json = values.json === true
  const version = positiveIntOption(values, 'version')
  if (version === undefined) throw new UsageError(`--version is required: measurements attach to one saved version.\nUsage: ${usage}`)
  const file = positionals[1]
  const zeta = numberOption(values, 'zeta')
  const dls = numberOption(values, 'dls')
  const pdi = numberOption(values, 'pdi')
  const bioFile = stringOption(values, 'biodistribution')
  const dose = numberOption(values, 'dose')
  const quality = Object.fromEntries(QUALITY_OPTIONS.flatMap((q) => {
    const v = numberOption(values, q.option)
    return v === undefined ? [] : [[q.field, v] as const]
  }))
  const isQuality = Object.keys(quality).length > 0
  const kinds = [file !== undefined, zeta !== undefined, dls !== undefined, bioFile !== undefined, isQuality].filter(Boolean).length
  if (kinds !== 1) throw new UsageError(`Give exactly one of FILE.csv, --zeta, --dls, --biodistribution or quality values (${QUALITY_OPTIONS.map((q) => `--${q.option}`).join(', ')}).\nUsage: ${usage}`)
  if (dls !== undefined && pdi === undefined) throw new UsageError(`--dls needs --pdi.\nUsage: ${usage}`)
  if (bioFile === undefined && ['species', 'dose', 'dose-basis', 'loq', 'notes'].some((o) => values[o] !== undefined)) {
    throw new UsageError(`--species, --dose, --dose-basis, --loq and --notes belong to --biodistribution.\nUsage: ${usage}`)
  }
  if (bioFile === undefined && !isQuality && values.method !== undefined) throw new UsageError(`--method belongs to --biodistribution or to quality values.\nUsage: ${usage}`)
  if (values.solvent !== undefined && quality.residualSolventPpm === undefined) throw new UsageError(`--solvent names the solvent of --residual-solvent.\nUsage: ${usage}`)
  const releaseMethod = stringOption(values, 'release-method')
  const particleMgPerMl = numberOption(values, 'particle-mg-per-ml')
  if (file === undefined && (releaseMethod !== undefined || particleMgPerMl !== undefined)) {
    throw new UsageError(`--release-method and --particle-mg-per-ml belong to a release FILE.csv.\nUsage: ${usage}`)
  }
  if (particleMgPerMl !== undefined && releaseMethod === undefined) throw new UsageError(`--particle-mg-per-ml needs --release-method.\nUsage: ${usage}`)

  const common = {
    designId: positionals[0]!, version,
    label: stringOption(values, 'label') ?? ((file ?? bioFile) !== undefined ? basename((file ?? bioFile)!).replace(/\.[^.]*$/, '') : ''),
    ...(stringOption(values, 'measured-on') !== undefined ? { measuredOn: stringOption(values, 'measured-on') } : {}),
  }
  let input: Record<string, unknown>
  let bioDefaults = false
  if (bioFile !== undefined) {
    const text = readCsv(bioFile)
    const { parseBiodistributionCsv } = await import('../../../shared/engine/measurements/biodistribution-csv')
    const parsed = parseBiodistributionCsv(text)
    if (!parsed.ok) throw csvRefused(bioFile, parsed.errors)
    for (const w of parsed.warnings) io.stderr(`Note: ${w}\n`)
    bioDefaults = stringOption(values, 'species') === undefined || dose === undefined || stringOption(values, 'dose-basis') === undefined
    input = {
      ...common, kind: 'biodistribution',
      data: {
        species: stringOption(values, 'species'), doseMgPerKg: dose, doseBasis: stringOption(values, 'dose-basis'),
        timesH: parsed.timesH, tissues: parsed.tissues, timeUnitOriginal: parsed.timeUnit, sourceName: basename(bioFile).slice(0, 260),
        // validated by the measurement schema (> 0, ≤ 120 %ID), refused at data.loqPercentInjectedDose
        ...(numberOption(values, 'loq') !== undefined ? { loqPercentInjectedDose: numberOption(values, 'loq') } : {}),
        ...(stringOption(values, 'method') !== undefined ? { method: stringOption(values, 'method') } : {}),
        ...(stringOption(values, 'notes') !== undefined ? { notes: stringOption(values, 'notes') } : {}),
      },
    }
  } else if (file !== undefined) {
    const text = readCsv(file)
    const { parseReleaseCsv } = await import('../../../shared/engine/fit')
    const parsed = parseReleaseCsv(text)
    if (!parsed.ok) throw csvRefused(file, parsed.errors)
    for (const w of parsed.warnings) io.stderr(`Note: ${w}\n`)
    input = {
      ...common, kind: 'release',
      data: {
        timesH: parsed.timesH,
        replicates: parsed.replicates.map((col) => col.map((v) => (Number.isFinite(v) ? v : null))),
        timeUnitOriginal: parsed.timeUnit,
        sourceName: basename(file).slice(0, 260),
        replicateNames: parsed.replicateNames.map((n) => n.slice(0, 100)),
        // validated by the measurement schema (kind among RELEASE_METHOD_KINDS), refused with its path
        ...(releaseMethod !== undefined ? { releaseMethod: { kind: releaseMethod, ...(particleMgPerMl !== undefined ? { particleConcentrationMgPerMl: particleMgPerMl } : {}) } } : {}),
      },
    }
  } else if (isQuality) {
    // validated by the measurement schema (each value within its attribute's range), refused with its path
    input = {
      ...common, kind: 'quality',
      data: {
        ...quality,
        ...(stringOption(values, 'solvent') !== undefined ? { residualSolventName: stringOption(values, 'solvent') } : {}),
        ...(stringOption(values, 'method') !== undefined ? { method: stringOption(values, 'method') } : {}),
      },
    }
  } else if (zeta !== undefined) {
    input = { ...common, kind: 'zeta', data: { zetaMv: zeta } }
  } else {
    input = { ...common, kind: 'dls', data: { zAverageNm: dls, pdi } }
  }

  return withLibrary(values, io, 'update', (library) => {
    const resolved = library.resolveDesignId(common.designId)
    if (!resolved.ok) throw new CliError('bad-input', resolved.reason === 'ambiguous' ? 'ambiguous-id' : 'not-found', resolved.message)
    if (bioDefaults) {
      // Species, dose and basis left out: the version's own context, which the engine predicts for.
      const context = library.getDesign(resolved.designId, version)?.design.context
      const data = input.data as Record<string, unknown>
      if (context !== undefined) {
        data.species ??= context.species
        data.doseMgPerKg ??= context.dose.mgPerKg
        data.doseBasis ??= context.dose.basis
        io.stderr(`Note: species ${String(data.species)}, dose ${String(data.doseMgPerKg)} mg/kg (${String(data.doseBasis)} basis); options not given were taken from version ${version}'s context.\n`)
      }
    }
    const added: Measurement = createMeasurementStore(library).add({ ...input, designId: resolved.designId })
    if (json) printJson(io, { measurement: added })
    else io.stdout(`Attached measurement ${added.id} to design ${added.designId} version ${added.version}\n`)
    return EXIT_OK
  })
}

/**
 * `nanoforge measure list ID [--version N] [--deleted] [--db FILE] [--json]`: measurements of
 * a design (one version or all), oldest first. JSON: `{ items: Measurement[] }` as the app's
 * `measurement:list`.
 */
export const runMeasureList: CommandRun = async (args, io) => {
  const usage = 'nanoforge measure list ID [--version N] [--deleted] [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, version: { type: 'string' }, deleted: { type: 'boolean' } }, { min: 1, max: 1, usage })
  const json = values.json === true
  const version = positiveIntOption(values, 'version')
  return withLibrary(values, io, 'read', (library) => {
    const resolved = library.resolveDesignId(positionals[0]!)
    if (!resolved.ok) throw new CliError('bad-input', resolved.reason === 'ambiguous' ? 'ambiguous-id' : 'not-found', resolved.message)
    const items = createMeasurementStore(library).list({ designId: resolved.designId, version, includeDeleted: values.deleted === true })
    if (json) {
      printJson(io, { items })
      return EXIT_OK
    }
    if (items.length === 0) io.stderr('No measurements attached.\n')
    for (const m of items) io.stdout(`${terminalSafe(describe(m))}\n`)
    return EXIT_OK
  })
}

/**
 * `nanoforge measure delete MEASUREMENT_ID [--restore] [--db FILE] [--json]`: moves a
 * measurement to the trash, or takes it out again with `--restore`. Nothing is erased.
 */
export const runMeasureDelete: CommandRun = async (args, io) => {
  const usage = 'nanoforge measure delete MEASUREMENT_ID [--restore] [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, restore: { type: 'boolean' } }, { min: 1, max: 1, usage })
  const json = values.json === true
  const id = positionals[0]!
  return withLibrary(values, io, 'update', (library) => {
    const store = createMeasurementStore(library)
    if (values.restore === true) {
      const restored = store.restore(id)
      if (json) printJson(io, { measurement: restored })
      else io.stdout(`Restored measurement ${id}\n`)
    } else {
      const removed = store.remove(id)
      if (json) printJson(io, removed)
      else io.stdout(`Moved measurement ${id} to the trash (restore with --restore)\n`)
    }
    return EXIT_OK
  })
}
