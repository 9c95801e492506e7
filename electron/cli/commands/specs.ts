import { terminalSafe } from '../../../shared/design/schema-text'
import { formatQuantity } from '../../../shared/design/format'
import { CQA_ATTRIBUTES, findCqaAttribute, type CqaAttribute } from '../../../shared/quality/attributes'
import { cqaCounts, evaluateCqas, type CqaRow } from '../../../shared/quality/evaluate'
import { specText } from '../../../shared/quality/specs'
import type { DesignLibrary } from '../../db/library-core'
import { createMeasurementStore } from '../../db/measurements'
import { clearSpecLimit, projectSpecs, resolveProject, setSpecLimit, specsForDesign, type ProjectSpecs } from '../../db/specs'
import { CliError, UsageError } from '../errors'
import { EXIT_OK, type CommandRun } from '../types'
import { numberOption, parseCommandArgs, positiveIntOption, printJson, stringOption } from './args'
import { withLibrary } from './library-access'

// The specification commands of issue #16 ("Spec limits are set per project"): `db specs set`,
// `db specs clear`, `db specs show`, and `db project` to file designs under a project from a
// script (docs/cli.md). The limits and their audit entries are written by electron/db/specs.ts.

const DB_OPTION = { db: { type: 'string' }, json: { type: 'boolean' } } as const

/** The attributes as a user can name them, for usage texts. */
const ATTRIBUTE_KEYS = CQA_ATTRIBUTES.map((a) => a.key).join('|')

/** Expands an id prefix; a `bad-input` {@link CliError} saying why when it cannot. */
function resolveId(library: DesignLibrary, text: string): string {
  const resolved = library.resolveDesignId(text)
  if (resolved.ok) return resolved.designId
  throw new CliError('bad-input', resolved.reason === 'ambiguous' ? 'ambiguous-id' : 'not-found', resolved.message)
}

/** The attribute a user named, or a `bad-input` failure listing the names. */
function attributeArg(text: string, usage: string): CqaAttribute {
  const a = findCqaAttribute(text)
  if (a !== undefined) return a
  throw new CliError('bad-input', 'usage', `'${text}' is not a quality attribute; use one of: ${CQA_ATTRIBUTES.map((x) => `${x.key} (${x.label}${x.unit === '' ? '' : `, ${x.unit}`})`).join(', ')}.\nUsage: ${usage}`)
}

/** The specification of a project as lines for a terminal. */
function specLines(s: ProjectSpecs): string[] {
  if (s.specs.length === 0) return [`Project "${s.project.name}" sets no specification limits yet.`]
  return [
    `Specification of project "${s.project.name}":`,
    ...s.specs.map((l) => {
      const a = findCqaAttribute(l.attribute)!
      return `  ${a.key.padEnd(17)} ${specText(l, l.attribute).padEnd(22)} ${a.label}${l.note === '' ? '' : `  (${l.note})`}  set ${l.updatedAt}`
    }),
  ]
}

/** A CQA row's measured cell for a terminal: the readings, and how many miss the limit. */
function measuredText(r: CqaRow): string {
  if (r.readings.length === 0) return '—'
  const values = r.readings.map((x) => formatQuantity(x.value, '', 4)).join('; ')
  const outside = r.readings.filter((x) => x.meets === false).length
  return `${values}${r.unit === '' ? '' : ` ${r.unit}`}${outside > 0 ? ` (${outside} of ${r.readings.length} outside)` : ''}`
}

/**
 * `nanoforge db specs set PROJECT ATTRIBUTE [--min X] [--max Y] [--note TEXT] [--db FILE] [--json]`:
 * sets (or replaces) one limit of a project; PROJECT is its name or id, ATTRIBUTE a key
 * (`size`, `pdi`, `zeta`, `ee`...) or id. Limits are inclusive. A bad limit is bad input with
 * its field (`min`, `max`, `note`) and nothing is written. JSON: `{ project, spec }`.
 * A negative limit is written `--min=-30` (node's parser reads `-30` as a flag).
 */
export const runDbSpecsSet: CommandRun = async (args, io) => {
  const usage = `nanoforge db specs set PROJECT ${ATTRIBUTE_KEYS} [--min X] [--max Y] [--note TEXT] [--db FILE] [--json]`
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, min: { type: 'string' }, max: { type: 'string' }, note: { type: 'string' } }, { min: 2, max: 2, usage })
  const attribute = attributeArg(positionals[1]!, usage)
  const min = numberOption(values, 'min') ?? null
  const max = numberOption(values, 'max') ?? null
  if (min === null && max === null) throw new UsageError(`Give --min, --max or both: a specification is a lower limit, an upper limit or a range. Nothing was written.\nUsage: ${usage}`)
  return withLibrary(values, io, 'update', (library) => {
    const project = resolveProject(library, positionals[0]!)
    const spec = setSpecLimit(library, project.projectId, { attribute: attribute.id, min, max, note: stringOption(values, 'note') ?? '' })
    if (values.json === true) printJson(io, { project: { projectId: project.projectId, name: project.name }, spec, database: library.path })
    else io.stdout(terminalSafe(`Project "${project.name}": ${attribute.label} ${specText(spec, spec.attribute)} (logged in the audit trail).`) + '\n')
    return EXIT_OK
  })
}

/**
 * `nanoforge db specs clear PROJECT ATTRIBUTE [--db FILE] [--json]`: removes one limit (the
 * attribute is then "no spec"). Clearing a limit that is not set writes nothing and says so.
 * JSON: `{ project, attribute, cleared }`.
 */
export const runDbSpecsClear: CommandRun = async (args, io) => {
  const usage = `nanoforge db specs clear PROJECT ${ATTRIBUTE_KEYS} [--db FILE] [--json]`
  const { values, positionals } = parseCommandArgs(args, DB_OPTION, { min: 2, max: 2, usage })
  const attribute = attributeArg(positionals[1]!, usage)
  return withLibrary(values, io, 'update', (library) => {
    const project = resolveProject(library, positionals[0]!)
    const cleared = clearSpecLimit(library, project.projectId, attribute.id)
    if (values.json === true) printJson(io, { project: { projectId: project.projectId, name: project.name }, attribute: attribute.id, cleared })
    else io.stdout(terminalSafe(cleared ? `Project "${project.name}": the ${attribute.label} limit is removed (logged in the audit trail).` : `Project "${project.name}" had no ${attribute.label} limit; nothing was written.`) + '\n')
    return EXIT_OK
  })
}

/**
 * `nanoforge db specs show (PROJECT | --design ID [--version V]) [--db FILE] [--json]`:
 * a project's limits with who changed them when (from the audit trail), or a design version's
 * CQA table: each attribute's limit (its project's), the readings attached to that version,
 * the engine's prediction or the design's nominal value, and pass / fail / not measured / no
 * spec. JSON: `{ project, specs, changes }` or `{ designId, version, project, rows, counts }`.
 */
export const runDbSpecsShow: CommandRun = async (args, io) => {
  const usage = 'nanoforge db specs show (PROJECT | --design ID [--version V]) [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, design: { type: 'string' }, version: { type: 'string' } }, { min: 0, max: 1, usage })
  const design = stringOption(values, 'design')
  const version = positiveIntOption(values, 'version')
  if ((design === undefined) === (positionals.length === 0)) throw new UsageError(`Name a project or give --design ID, not both.\nUsage: ${usage}`)
  if (design === undefined && version !== undefined) throw new UsageError(`--version belongs to --design.\nUsage: ${usage}`)
  return withLibrary(values, io, 'read', (library) => {
    if (design === undefined) {
      const specs = projectSpecs(library, resolveProject(library, positionals[0]!).projectId)
      if (values.json === true) {
        printJson(io, specs)
        return EXIT_OK
      }
      for (const line of specLines(specs)) io.stdout(`${terminalSafe(line)}\n`)
      for (const c of specs.changes) {
        // An attribute a newer build logged is shown by its id with plain numbers.
        const a = findCqaAttribute(c.attribute)
        const words = (l: { min: number | null; max: number | null }): string => (a === undefined ? `${l.min ?? ''}..${l.max ?? ''}` : specText(l, a.id))
        const what = c.action === 'project.spec-clear' ? 'cleared' : `set ${words(c)}`
        io.stdout(terminalSafe(`  #${c.seq} ${c.at} ${c.osUser}: ${c.attribute} ${what}${c.previous === null ? '' : ` (was ${words(c.previous)})`}`) + '\n')
      }
      return EXIT_OK
    }
    const designId = resolveId(library, design)
    const stored = library.getDesign(designId, version)
    if (stored === undefined) {
      throw new CliError('bad-input', 'not-found', `Design ${designId} has no version ${version ?? ''} (latest is ${library.history(designId)?.length ?? 0}).`)
    }
    const specs = specsForDesign(library, designId)
    const measurements = createMeasurementStore(library).list({ designId, version: stored.version })
    const rows = evaluateCqas(stored.design, measurements, specs?.specs ?? [])
    const project = specs === null ? null : specs.project
    if (values.json === true) {
      printJson(io, { designId, version: stored.version, project, rows, counts: cqaCounts(rows) })
      return EXIT_OK
    }
    io.stdout(terminalSafe(`Design ${stored.design.name} (${designId}) version ${stored.version}; ${project === null ? 'in no project: no specification applies' : `specification of project "${project.name}"`}.`) + '\n')
    for (const r of rows) {
      const a = findCqaAttribute(r.attribute)!
      const spec = r.spec === null ? '—' : specText(r.spec, r.attribute)
      const predicted = r.predicted === null ? '—' : `${formatQuantity(r.predicted.value, r.unit, 4)} (${r.predicted.basis === 'engine' ? 'predicted' : 'design'})`
      io.stdout(terminalSafe(`  ${a.key.padEnd(17)} spec ${spec.padEnd(20)} measured ${measuredText(r).padEnd(24)} predicted ${predicted.padEnd(24)} ${r.status}`) + '\n')
    }
    const n = cqaCounts(rows)
    io.stdout(`${n.pass} pass, ${n.fail} fail, ${n['not measured']} not measured, ${n['no spec']} without a limit.\n`)
    return EXIT_OK
  })
}

/**
 * `nanoforge db project ID... --name NAME [--db FILE] [--json]`: files designs under a project
 * (created when no project has that name; names are unique regardless of case), or takes them
 * out of their project with `--none`. Logged in the audit trail per design. JSON:
 * `{ project, moved }`.
 *
 * Why here: specifications are per project, and a lab that works from scripts must be able to
 * put a design in one without the app.
 */
export const runDbProject: CommandRun = async (args, io) => {
  const usage = 'nanoforge db project ID... (--name NAME | --none) [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, { ...DB_OPTION, name: { type: 'string' }, none: { type: 'boolean' } }, { min: 1, max: 1000, usage })
  const name = stringOption(values, 'name')
  if ((name === undefined) === (values.none !== true)) throw new UsageError(`Give --name NAME or --none.\nUsage: ${usage}`)
  return withLibrary(values, io, 'update', (library) => {
    const ids = positionals.map((p) => resolveId(library, p))
    const project = name === undefined ? null : library.createProject(name)
    const moved = library.moveToProject(ids, project?.projectId ?? null)
    const out = project === null ? null : { projectId: project.projectId, name: project.name }
    if (values.json === true) printJson(io, { project: out, moved })
    else io.stdout(terminalSafe(project === null ? `${moved} design(s) taken out of their project.` : `${moved} design(s) filed under project "${project.name}".`) + '\n')
    return EXIT_OK
  })
}
