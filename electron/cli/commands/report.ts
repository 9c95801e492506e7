import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Measurement } from '../../../shared/ipc/channels/measurement'
import { listApprovals } from '../../db/approvals'
import { createMeasurementStore } from '../../db/measurements'
import { createProfileStore, profileFreshness } from '../../db/profiles'
import type { ReportCalibration } from '../../../shared/report/analyse'
import { specsForDesign } from '../../db/specs'
import { writeFileAtomically } from '../../db/files'
import type { DesignLibrary } from '../../db/library-core'
import { CliError, UsageError } from '../errors'
import { EXIT_OK, type CommandRun } from '../types'
import { parseCommandArgs, positiveIntOption, printJson, stringOption } from './args'
import { withLibrary } from './library-access'

const USAGE = 'nanoforge report ID [--version V] [--compare ID...] [--profile PROFILE_ID] --out FILE.pdf [--db FILE] [--json]'

/** Files the report reads beside the code: the two font faces and the validation rows. */
const FONT_REGULAR = new URL('../../../shared/report/fonts/DejaVuSans.ttf', import.meta.url)
const FONT_BOLD = new URL('../../../shared/report/fonts/DejaVuSans-Bold.ttf', import.meta.url)

/** Expands an id prefix; `bad-input` saying why when it cannot. */
function resolveId(library: DesignLibrary, text: string): string {
  const resolved = library.resolveDesignId(text)
  if (resolved.ok) return resolved.designId
  throw new CliError('bad-input', resolved.reason === 'ambiguous' ? 'ambiguous-id' : 'not-found', resolved.message)
}

/**
 * The calibration profile named by `--profile` (an id or a unique prefix, as `simulate
 * --profile`), with the labels of the measurements it was learned from (deleted ones too, so a
 * measurement removed since is still named), the names of its designs, and whether the lab's
 * data moved on since it was learned (profileFreshness, the check `simulate --profile` makes).
 * An unknown or ambiguous id is bad input before the engine runs.
 */
function calibrationOf(library: DesignLibrary, profileId: string): ReportCalibration {
  const found = createProfileStore(library).resolve(profileId)
  if (!found.ok) {
    throw new CliError(found.reason === 'unreadable' ? 'io' : 'bad-input', found.reason === 'ambiguous' ? 'ambiguous-id' : found.reason,
      `${found.message} No report was written.`, [{ path: '--profile', message: found.message }])
  }
  const profile = found.profile
  const measurements = createMeasurementStore(library)
  const measurementLabels: Record<string, string> = {}
  for (const m of profile.provenance.measurements) {
    const label = measurements.get(m.id)?.label
    if (label !== undefined && label !== '') measurementLabels[m.id] = label
  }
  const designNames: Record<string, string> = {}
  for (const d of profile.provenance.designs) {
    const name = library.getDesign(d.designId)?.design
    if (name !== undefined && typeof (name as { name?: unknown }).name === 'string') designNames[d.designId] = `"${(name as { name: string }).name}"`
  }
  return { profile, measurementLabels, designNames, freshness: profileFreshness(library, profile) }
}

/**
 * Checks before any work that the report can be written at `out`: its folder exists and is
 * writable, and `out` is not a folder. Why first: a report takes seconds to compute, and a
 * typo in the path must fail at once with the reason (exit 2), not after the engine ran.
 */
function checkWritable(out: string): void {
  const folder = dirname(resolve(out))
  if (!existsSync(folder)) throw new CliError('bad-input', 'unwritable', `Cannot write the report to ${out}: the folder ${folder} does not exist. Nothing was written.`)
  if (existsSync(out) && statSync(out).isDirectory()) throw new CliError('bad-input', 'unwritable', `Cannot write the report to ${out}: it is a folder. Nothing was written.`)
  try {
    accessSync(folder, constants.W_OK)
  } catch {
    throw new CliError('bad-input', 'unwritable', `Cannot write the report to ${out}: the folder ${folder} is not writable. Nothing was written.`)
  }
}

/**
 * Writes the PDF atomically (electron/db/files.ts writeFileAtomically: a partial file beside
 * it, fsync, rename, fsync of the folder), so `out` is either the old file or the whole new
 * report; a refusal of the file system is bad input with the reason.
 */
function writeAtomically(out: string, bytes: Uint8Array): void {
  try {
    writeFileAtomically(out, bytes)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT' || code === 'EISDIR') {
      throw new CliError('bad-input', 'unwritable', `Cannot write the report to ${out} (${code}). Nothing was written.`)
    }
    throw error
  }
}

/**
 * `nanoforge report ID [--version V] [--compare ID...] [--profile P] --out FILE.pdf [--db FILE] [--json]`:
 * the design-review PDF of one saved design version (issue #16), or with `--compare` the
 * comparison of 2-4 designs (`report A --compare B C D`; the compared designs at their latest
 * versions, `--version` picks the version of the first). `--profile` estimates the design, or
 * every design of the comparison, under a calibration profile as `simulate --profile` does.
 *
 * Reads the library only; the report is computed by the same shared code the app will use
 * (shared/report: layout, then render-pdf), and written atomically.
 */
export const runReport: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, {
    version: { type: 'string' }, compare: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' },
    profile: { type: 'string' },
  }, { min: 1, max: 4, usage: USAGE })
  const out = stringOption(values, 'out')
  if (out === undefined) throw new UsageError(`--out FILE.pdf is required.\nUsage: ${USAGE}`)
  const version = positiveIntOption(values, 'version')
  const compareFirst = stringOption(values, 'compare')
  if (compareFirst === undefined && positionals.length > 1) {
    throw new UsageError(`One design per report; to compare designs name them after --compare (report A --compare B C).\nUsage: ${USAGE}`)
  }
  const wanted = compareFirst === undefined ? [positionals[0]!] : [positionals[0]!, compareFirst, ...positionals.slice(1)]
  if (wanted.length > 4) throw new UsageError(`A comparison holds 2 to 4 designs, got ${wanted.length}.\nUsage: ${USAGE}`)
  const profileId = stringOption(values, 'profile')
  checkWritable(out)

  return withLibrary(values, io, 'read', async (library) => {
    const { validateDesign } = await import('../../../shared/design/schema')
    const { analyseDesign } = await import('../../../shared/report/analyse')
    const { buildComparisonReport, buildDesignReport } = await import('../../../shared/report/build')
    const { summariseValidation } = await import('../../../shared/report/validation')
    const { renderReportPdf } = await import('../../../shared/report/render-pdf')
    const measurements = createMeasurementStore(library)
    const ids = wanted.map((w) => resolveId(library, w))
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i)
    if (duplicate !== undefined) throw new CliError('bad-input', 'usage', `Design ${duplicate} is named twice; a comparison needs different designs.`)
    const versions = ids.map((id, i) => {
      const v = i === 0 ? version : undefined
      const found = library.getDesign(id, v)
      if (found === undefined) {
        const latest = library.history(id)?.length ?? 0
        throw new CliError('bad-input', 'not-found', `Design ${id} has no version ${v ?? ''} (latest is ${latest}). Nothing was written.`)
      }
      const checked = validateDesign(found.design)
      if (!checked.valid) {
        throw new CliError('bad-input', 'invalid-design', `Design ${id} version ${found.version} is not a valid design for this build; no report was written.`, checked.errors)
      }
      const attached: Measurement[] = measurements.list({ designId: id, version: found.version })
      // The project's specification limits and their last logged change (section 2.3).
      const project = specsForDesign(library, id)
      const last = project?.changes[project.changes.length - 1]
      return {
        stored: {
          designId: id, version: found.version, versionCount: found.versions.length, savedAt: found.createdAt, note: found.note,
          documentHash: found.documentHash, savedEngineVersion: found.engineVersion, design: checked.design, measurements: attached,
          specs: project === null ? null : { projectName: project.project.name, limits: project.specs, lastChange: last === undefined ? null : { at: last.at, osUser: last.osUser } },
          // The version's signatures for the cover (the same rows `db audit` and the History panel show).
          approvals: listApprovals(library.connection, id, found.version)
            .map((a) => ({ meaning: a.meaning, signerName: a.signerName, signerUser: a.signerUser, at: a.at, documentHash: a.documentHash })),
        },
        warnings: checked.warnings,
      }
    })
    const settings = {
      generatedAt: new Date().toISOString(),
      validation: summariseValidation(),
    }
    const calibration = profileId === undefined ? null : calibrationOf(library, profileId)
    const single = versions.length === 1
    const document = single
      ? buildDesignReport(versions[0]!.stored, analyseDesign(versions[0]!.stored.design, true, versions[0]!.warnings, calibration), settings)
      // Every design of a comparison under the same profile, by the call simulate --profile makes (analyse.ts).
      : buildComparisonReport(versions.map((v) => ({ version: v.stored, analysis: analyseDesign(v.stored.design, false, v.warnings, calibration) })), settings)
    const bytes = renderReportPdf(document, { regular: readFileSync(FONT_REGULAR), bold: readFileSync(FONT_BOLD) })
    writeAtomically(out, bytes)
    const summary = {
      out: resolve(out), bytes: bytes.length, kind: single ? 'design' : 'comparison',
      designs: versions.map((v) => ({ designId: v.stored.designId, version: v.stored.version, documentHash: v.stored.documentHash })),
      profile: calibration === null ? null : { id: calibration.profile.id, name: calibration.profile.name, version: calibration.profile.version },
    }
    if (values.json === true) printJson(io, summary)
    else io.stdout(`Wrote the ${single ? 'design-review' : `comparison (${versions.length} designs)`} report to ${summary.out} (${Math.round(bytes.length / 1024)} kB)\n`)
    return EXIT_OK
  })
}
