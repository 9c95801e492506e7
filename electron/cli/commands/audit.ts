import { terminalSafe } from '../../../shared/design/schema-text'
import type { DesignLibrary } from '../../db/library-core'
import { designTrail, hasAuditTrail, verifyAuditTrail, viewEntry, type AuditEntryView } from '../../db/audit'
import { APPROVAL_MEANINGS, approveVersion, listApprovals } from '../../db/approvals'
import { CliError } from '../errors'
import { EXIT_FAILURE, EXIT_OK, type CommandRun } from '../types'
import { parseCommandArgs, positiveIntOption, printJson, stringOption } from './args'
import { withLibrary } from './library-access'

// The audit commands of issue #16: `db audit`, `db verify`, `db approve` (docs/cli.md).

const DB_OPTION = { db: { type: 'string' }, json: { type: 'boolean' } } as const

/** Expands an id prefix; a `bad-input` {@link CliError} saying why when it cannot. */
function resolveId(library: DesignLibrary, text: string): string {
  const resolved = library.resolveDesignId(text)
  if (resolved.ok) return resolved.designId
  throw new CliError('bad-input', resolved.reason === 'ambiguous' ? 'ambiguous-id' : 'not-found', resolved.message)
}

/** A library before schema v5 (opened read-only, so not upgraded) has no trail to show. */
function requireTrail(library: DesignLibrary): void {
  if (!hasAuditTrail(library.connection)) {
    throw new CliError('bad-input', 'no-audit-trail', `${library.path} has no audit trail yet (library schema ${library.schemaVersion}; ` +
      'the trail starts at schema 5): open it once with this NanoForge (the app, db save, or db approve) to upgrade it.')
  }
}

/** One line of a trail for a terminal. */
function entryLine(e: AuditEntryView): string {
  const d = e.detail as Record<string, unknown>
  const bits: string[] = []
  for (const key of ['meaning', 'signerName', 'name', 'note', 'tag', 'kind', 'label', 'backupId', 'deletedAt']) {
    const v = d[key]
    if (typeof v === 'string' && v !== '') bits.push(`${key}=${JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v)}`)
  }
  if (typeof d.documentHash === 'string') bits.push(`hash=${d.documentHash.slice(0, 12)}`)
  const version = e.version !== null ? `  v${e.version}` : ''
  return terminalSafe(`#${e.seq}  ${e.at}  ${e.osUser}  ${e.action}${version}${bits.length > 0 ? `  ${bits.join(' ')}` : ''}`)
}

/**
 * `nanoforge db audit ID [--db FILE] [--json]`: the audit trail of one design (its versions,
 * note, tags, project, trash, measurements, imports and approvals), oldest first.
 * JSON: `{ designId, entries: [{ seq, at, osUser, action, entityKind, entityId, designId,
 * version, detail, prevHash, hash }], approvals: [...] }`.
 */
export const runDbAudit: CommandRun = async (args, io) => {
  const usage = 'nanoforge db audit ID [--db FILE] [--json]'
  const { values, positionals } = parseCommandArgs(args, DB_OPTION, { min: 1, max: 1, usage })
  return withLibrary(values, io, 'read', (library) => {
    requireTrail(library)
    const designId = resolveId(library, positionals[0]!)
    const entries = designTrail(library.connection, designId).map(viewEntry)
    const approvals = listApprovals(library.connection, designId)
    if (values.json === true) {
      printJson(io, { designId, entries, approvals })
      return EXIT_OK
    }
    if (entries.length === 0) io.stderr(`Design ${designId} has no audit entries (it was saved before the trail began; see the genesis entry).\n`)
    for (const e of entries) io.stdout(`${entryLine(e)}\n`)
    return EXIT_OK
  })
}

/**
 * `nanoforge db verify [--db FILE] [--json]`: recomputes the whole hash chain and checks the
 * design versions, approvals and project specification limits it anchors. Exit 0 intact, 1
 * broken (the first broken entry named), 2 bad input (no library, no trail). JSON: `{ intact,
 * entries, head: { seq, hash, at }, firstBroken: { seq, kind, message, designId?, version?,
 * projectId?, attribute? } | null, problems, checked: { designVersions, approvals, specLimits } }`;
 * `head.hash` is what a lab records elsewhere to anchor the chain.
 */
export const runDbVerify: CommandRun = async (args, io) => {
  const usage = 'nanoforge db verify [--db FILE] [--json]'
  const { values } = parseCommandArgs(args, DB_OPTION, { min: 0, max: 0, usage })
  return withLibrary(values, io, 'read', (library) => {
    requireTrail(library)
    const result = verifyAuditTrail(library.connection)
    if (values.json === true) {
      printJson(io, { database: library.path, ...result })
    } else if (result.intact) {
      io.stdout(`Audit trail intact: ${result.entries} entries, ${result.checked.designVersions} design version(s), ${result.checked.approvals} approval(s) ` +
        `and ${result.checked.specLimits} specification limit(s) checked.\n`)
      if (result.head !== null) io.stdout(`Head: entry #${result.head.seq} ${result.head.hash} (${result.head.at})\n`)
    } else {
      const first = result.firstBroken!
      io.stdout(terminalSafe(`Audit trail BROKEN at ${first.seq === null ? 'an entry that cannot be named' : `entry #${first.seq}`} (${first.kind}): ${first.message}`) + '\n')
      if (result.problems.length > 1) {
        io.stderr(`${result.problems.length - 1} more problem(s):\n${result.problems.slice(1).map((p) => terminalSafe(`  ${p.seq === null ? '-' : `#${p.seq}`} ${p.kind}: ${p.message}`)).join('\n')}\n`)
      }
    }
    return result.intact ? EXIT_OK : EXIT_FAILURE
  })
}

/**
 * `nanoforge db approve ID --version V --meaning TEXT [--name TEXT] [--db FILE] [--json]`:
 * signs one version (see electron/db/approvals.ts): the OS user, the name given (default the
 * OS user), the meaning (one of APPROVAL_MEANINGS), the time and the version's content hash,
 * recorded with an audit entry in one transaction. An unknown design, version or meaning is
 * bad input (exit 2) and nothing is written. JSON: the approval.
 */
export const runDbApprove: CommandRun = async (args, io) => {
  const usage = `nanoforge db approve ID --version V --meaning ${APPROVAL_MEANINGS.map((m) => `"${m}"`).join('|')} [--name TEXT] [--db FILE] [--json]`
  const { values, positionals } = parseCommandArgs(args,
    { ...DB_OPTION, version: { type: 'string' }, meaning: { type: 'string' }, name: { type: 'string' } }, { min: 1, max: 1, usage })
  const version = positiveIntOption(values, 'version')
  const meaning = stringOption(values, 'meaning')
  if (version === undefined) throw new CliError('bad-input', 'usage', `--version V is required (approvals sign one version); nothing was signed.\nUsage: ${usage}`)
  if (meaning === undefined) throw new CliError('bad-input', 'usage', `--meaning is required; nothing was signed.\nUsage: ${usage}`)
  return withLibrary(values, io, 'update', (library) => {
    const designId = resolveId(library, positionals[0]!)
    const approval = approveVersion(library, { designId, version, meaning, signerName: stringOption(values, 'name') })
    if (values.json === true) {
      printJson(io, { ...approval, database: library.path })
    } else {
      io.stdout(terminalSafe(`Design ${approval.designId} version ${approval.version} signed "${approval.meaning}" by ${approval.signerName} ` +
        `(OS user ${approval.signerUser}) at ${approval.at}; content hash ${approval.documentHash}; audit entry #${approval.auditSeq}.`) + '\n')
    }
    return EXIT_OK
  })
}
