import { existsSync } from 'node:fs'
import type { DesignLibrary } from '../../db/library-core'
import { writeFileAtomically } from '../../db/files'
import { terminalSafe } from '../../../shared/design/schema-text'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { BundleValidationError } from '../../db/errors'
import { messageOf } from '../../../shared/ipc/result'
import { CliError } from '../errors'
import { readInputText } from '../input'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { fail, formatIssues, parseCommandArgs, positiveIntOption, printJson, stringOption } from './args'
import { afterCommit, withLibrary } from './library-access'

const DB_OPTION = { db: { type: 'string' }, json: { type: 'boolean' } } as const

/** Largest bundle file `db import` reads, bytes (a bundle of 1,000 designs with histories is ~20 MB). */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024

/** Expands an id prefix; throws a `bad-input` {@link CliError} saying why when it cannot. */
function resolveId(library: DesignLibrary, text: string): string {
  const resolved = library.resolveDesignId(text)
  if (resolved.ok) return resolved.designId
  throw new CliError('bad-input', resolved.reason === 'ambiguous' ? 'ambiguous-id' : 'not-found', resolved.message)
}

/**
 * `nanoforge db save FILE [--note TEXT] [--design ID] [--db FILE] [--json]`.
 *
 * Why: batch scripts store designs in the same library as the app. Validates the file fully
 * first (exit 2 with every problem), then creates a design or appends a version to `--design`
 * (a unique id prefix is enough) and prints the new id and version.
 */
export const runDbSave: CommandRun = async (args, io) => {
  const usage = 'nanoforge db save FILE [--note TEXT] [--design ID] [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args,
    { ...DB_OPTION, note: { type: 'string' }, design: { type: 'string' } }, { min: 1, max: 1, usage })
  const json = values.json === true
  const file = positionals[0]!
  const { readDesignFile } = await import('./design-file')
  const checked = readDesignFile(file)
  if (!checked.valid) {
    const n = checked.errors.length
    throw new CliError('bad-input', 'invalid-design', `${file}: ${n} ${n === 1 ? 'problem' : 'problems'}; nothing was saved.`, checked.errors)
  }
  // The note is checked by the contract's own type (the one text rule: no control or bidi
  // characters), before the library is opened, so nothing is written or created.
  const note = stringOption(values, 'note')
  const { VersionNote } = await import('../../../shared/ipc/channels/design')
  const noteChecked = note === undefined ? undefined : VersionNote.safeParse(note)
  if (noteChecked !== undefined && !noteChecked.success) {
    throw new CliError('bad-input', 'invalid-input', `--note is not a valid note; nothing was saved.`,
      noteChecked.error.issues.map((i) => ({ path: '--note', message: i.message })))
  }
  return withLibrary(values, io, 'write', (library) => {
    const designOption = stringOption(values, 'design')
    let designId: string | undefined
    if (designOption !== undefined) {
      designId = resolveId(library, designOption)
    }
    const saved = library.saveDesign(checked.design, { designId, note, engineVersion: ENGINE_VERSION })
    // Committed. Everything below is best effort: the CLI exits right away, so it fills the
    // listing metrics of what it saved now (~15 ms), but a busy lock or a full disk there only
    // warns (issue 11 item 1: a retry after a false failure would duplicate the version).
    const notes: string[] = []
    afterCommit(io, notes, 'Computing the listing metrics', () => library.computePendingMetrics(10))
    if (checked.warnings.length > 0) io.stderr(`Warnings:\n${formatIssues(checked.warnings)}\n`)
    if (json) {
      printJson(io, { designId: saved.designId, version: saved.version, warnings: checked.warnings, notes, database: library.path })
    } else {
      io.stdout(`Saved design ${saved.designId} version ${saved.version}\n`)
    }
    return EXIT_OK
  })
}

/**
 * `nanoforge db list [--query Q] [--limit N] [--offset N] [--db FILE] [--json]`: designs,
 * newest first. JSON: `{ items: DesignSummary[], total }` as the app's `design:list`.
 */
export const runDbList: CommandRun = async (args, io) => {
  const usage = 'nanoforge db list [--query Q] [--limit N] [--offset N] [--db FILE] [--json]'
  const { values } = parseCommandArgs(args,
    { ...DB_OPTION, query: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } }, { min: 0, max: 0, usage })
  const limit = positiveIntOption(values, 'limit')
  const offset = positiveIntOption(values, 'offset', 0)
  return withLibrary(values, io, 'read', (library) => {
    const page = library.listDesigns({ query: stringOption(values, 'query'), limit, offset })
    if (values.json === true) {
      printJson(io, page)
      return EXIT_OK
    }
    if (page.items.length === 0) {
      io.stderr(page.total === 0 ? 'No designs found.\n' : `No designs on this page (${page.total} in total).\n`)
      return EXIT_OK
    }
    for (const d of page.items) {
      io.stdout(terminalSafe(`${d.designId.slice(0, 8)}  v${d.latestVersion}  ${d.updatedAt}  ${d.coreMaterial} ${d.coreDiameterNm} nm  ${d.disease}  ${d.name}`) + '\n')
    }
    io.stderr(`${page.items.length} of ${page.total} design(s) shown.\n`)
    return EXIT_OK
  })
}

/**
 * `nanoforge db show ID [--version N] [--db FILE] [--json]`: one version of a design.
 *
 * Without --json the design document itself goes to stdout (so `db show ID > x.nanoforge.json`
 * gives a valid design file) and the header to stderr. With --json: `{ designId, version,
 * createdAt, note, engineVersion, documentHash, summary, design, versions }`.
 */
export const runDbShow: CommandRun = async (args, io) => {
  const usage = 'nanoforge db show ID [--version N] [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, version: { type: 'string' } }, { min: 1, max: 1, usage })
  const json = values.json === true
  const version = positiveIntOption(values, 'version')
  return withLibrary(values, io, 'read', (library) => {
    const id = resolveId(library, positionals[0]!)
    const found = library.getDesign(id, version)
    if (found === undefined) {
      const latest = library.history(id)?.length ?? 0
      return fail(io, json, EXIT_BAD_INPUT, 'not-found', `Design ${id} has no version ${version ?? ''} (latest is ${latest}).`)
    }
    if (json) {
      printJson(io, found)
    } else {
      io.stderr(terminalSafe(`Design ${found.designId} version ${found.version} of ${found.versions.length}, saved ${found.createdAt}` +
        `${found.note !== '' ? ` (${found.note})` : ''}`) + '\n')
      io.stdout(`${JSON.stringify(found.design, null, 2)}\n`)
    }
    return EXIT_OK
  })
}

/**
 * `nanoforge db history ID [--db FILE] [--json]`: every version of a design, oldest first.
 * JSON: `{ designId, versions: [{ version, createdAt, note, name, engineVersion, documentHash, hydrodynamicDiameterNm }] }`.
 */
export const runDbHistory: CommandRun = async (args, io) => {
  const usage = 'nanoforge db history ID [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, DB_OPTION, { min: 1, max: 1, usage })
  const json = values.json === true
  return withLibrary(values, io, 'read', (library) => {
    const id = resolveId(library, positionals[0]!)
    const versions = library.history(id) ?? []
    if (json) {
      printJson(io, { designId: id, versions })
    } else {
      for (const v of versions) {
        io.stdout(terminalSafe(`v${v.version}  ${v.createdAt}  ${v.documentHash.slice(0, 12)}  ${v.name}${v.note !== '' ? `  - ${v.note}` : ''}`) + '\n')
      }
    }
    return EXIT_OK
  })
}

/**
 * `nanoforge db export ID... --out BUNDLE [--db FILE] [--json]`: writes a `nanoforge.bundle`
 * file with every version, note, tag and measurement of the designs (ids or unique prefixes).
 *
 * Why: moving work between offline machines (issue 5); never overwrites an existing file.
 */
export const runDbExport: CommandRun = async (args, io) => {
  const usage = 'nanoforge db export ID... --out BUNDLE [--force] [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, out: { type: 'string' }, force: { type: 'boolean' } }, { min: 1, max: 10_000, usage })
  const json = values.json === true
  const out = stringOption(values, 'out')
  if (out === undefined) return fail(io, json, EXIT_BAD_INPUT, 'usage', `--out BUNDLE is required.\nUsage: ${usage}`)
  if (existsSync(out) && values.force !== true) return fail(io, json, EXIT_BAD_INPUT, 'exists', `${out} already exists; nothing was written (pass --force to replace it).`)
  return withLibrary(values, io, 'read', async (library) => {
    const { exportBundle, profilesForExport } = await import('../../db/bundle')
    const ids: string[] = []
    for (const text of positionals) {
      ids.push(resolveId(library, text))
    }
    const bundle = exportBundle(library, ids)
    try {
      writeFileAtomically(out, `${JSON.stringify(bundle, null, 2)}\n`)
    } catch (error) {
      throw new CliError('io', 'write-failed', `${out} could not be written (${messageOf(error)}); nothing was written there.`)
    }
    const versions = bundle.designs.reduce((n, d) => n + d.versions.length, 0)
    const measurements = bundle.designs.reduce((n, d) => n + d.measurements.length, 0)
    const specs = bundle.projects.reduce((n, p) => n + p.specs.length, 0)
    const { leftOut } = profilesForExport(library, ids)
    if (json) printJson(io, { out, designs: bundle.designs.length, versions, measurements, specs, profiles: bundle.profiles.length, profilesLeftOut: leftOut })
    else io.stdout(`Exported ${bundle.designs.length} design(s), ${versions} version(s), ${measurements} measurement(s), ${specs} specification limit(s), ${bundle.profiles.length} calibration profile(s) to ${out}\n`)
    if (!json) for (const p of leftOut) io.stderr(`${terminalSafe(`Calibration profile "${p.name}" v${p.version} (${p.id}) not exported: ${p.reason}.`)}\n`)
    return EXIT_OK
  })
}

/**
 * `nanoforge db import BUNDLE [--db FILE] [--json]`: reads and validates the whole bundle
 * before the library is opened (exit 2 with every problem and its JSON path; nothing written,
 * and no library file created for a bundle that cannot be imported), then backs the library
 * up and imports in one transaction without duplicating what is already there.
 */
export const runDbImport: CommandRun = async (args, io) => {
  const usage = 'nanoforge db import BUNDLE [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, DB_OPTION, { min: 1, max: 1, usage })
  const json = values.json === true
  const file = positionals[0]!
  const read = readInputText(file, MAX_BUNDLE_BYTES)
  if (!read.ok) throw new CliError('bad-input', read.reason, `${read.message} Nothing was imported.`)
  const { importValidBundle, parseBundle } = await import('../../db/bundle')
  const parsed = parseBundle(read.text)
  if (!parsed.ok) {
    throw new CliError('bad-input', 'invalid-bundle', `${file}: ${new BundleValidationError(parsed.issues, parsed.total).message}`, parsed.issues)
  }
  return withLibrary(values, io, 'write', (library) => {
    const result = importValidBundle(library, parsed.bundle)
    // Committed; the listing metrics are best effort (see db save).
    const notes: string[] = []
    afterCommit(io, notes, 'Computing the listing metrics', () => library.computePendingMetrics(50))
    if (json) {
      printJson(io, { ...result, notes })
    } else {
      io.stdout(`Imported ${result.designsAdded} new design(s) and ${result.versionsAdded} version(s), ${result.measurementsAdded} measurement(s); ` +
        `skipped ${result.versionsSkipped} version(s) and ${result.measurementsSkipped} measurement(s) already here.\n`)
      for (const c of result.conflicts) io.stdout(`${terminalSafe(`Conflict: ${c.reason} (new id ${c.importedAsDesignId}).`)}\n`)
      io.stdout(`Specification limits: ${result.specsAdded ?? 0} added, ${result.specsSkipped ?? 0} already here; calibration profiles: ${result.profilesAdded ?? 0} added, ${result.profilesSkipped ?? 0} already here.\n`)
      for (const p of result.profiles ?? []) if (p.version !== p.sourceVersion) io.stdout(`${terminalSafe(`Profile "${p.name}" is version ${p.version} here (version ${p.sourceVersion} in the bundle; the name was taken).`)}\n`)
      for (const c of result.specConflicts ?? []) io.stdout(`${terminalSafe(`Specification kept: ${c.reason}; here min ${String(c.local.min)} max ${String(c.local.max)}, bundle min ${String(c.bundle.min)} max ${String(c.bundle.max)}.`)}\n`)
      if (result.backupId !== undefined) io.stderr(`Backup taken first: ${result.backupId}\n`)
    }
    return EXIT_OK
  })
}

/**
 * `nanoforge db backups [--db FILE] [--json]`: the library's verified backups, newest first,
 * and (`unverified`) the files that are kept but not offered for restore.
 */
export const runDbBackups: CommandRun = async (args, io) => {
  const usage = 'nanoforge db backups [--db FILE] [--json]'
  const { values } = parseCommandArgs(args, DB_OPTION, { min: 0, max: 0, usage })
  return withLibrary(values, io, 'read', (library) => {
    const { backups, unverified } = library.backupInventory()
    if (values.json === true) {
      printJson(io, { directory: library.backupDirectory, backups, unverified })
      return EXIT_OK
    }
    if (backups.length === 0) io.stderr(`No backups in ${library.backupDirectory}.\n`)
    for (const b of backups) io.stdout(`${b.backupId}  ${b.createdAt}  ${b.reason}  ${b.sizeBytes} bytes\n`)
    if (unverified.length > 0) {
      io.stderr(`${unverified.length} file(s) in ${library.backupDirectory} are not verified backups and are not offered for restore:\n` +
        unverified.map((u) => `  ${terminalSafe(u.file)}: ${u.problem}`).join('\n') + '\n')
    }
    return EXIT_OK
  }, { needsContents: false })
}

/**
 * `nanoforge db restore BACKUP [--db FILE] [--json]`: replaces the library with a backup (a
 * name from `db backups`), keeping a verified copy of the current file first; works on a
 * damaged (read-only) library too.
 */
export const runDbRestore: CommandRun = async (args, io) => {
  const usage = 'nanoforge db restore BACKUP [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, DB_OPTION, { min: 1, max: 1, usage })
  const json = values.json === true
  return withLibrary(values, io, 'update', (library) => {
    const restored = library.restoreBackup(positionals[0]!)
    if (json) printJson(io, { ...restored, database: library.path, readOnly: library.readOnly })
    else {
      io.stdout(`Restored ${restored.restoredBackupId}; the previous file was kept as ${restored.safetyBackupId}.\n`)
      if (library.readOnly) io.stderr(`Note: the restored library opened read-only: ${library.readOnlyReason ?? ''}\n`)
    }
    return EXIT_OK
  })
}
