import type Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { unsafeTextProblem } from '../../shared/design/schema-text'
import { appendAudit, currentOsUser, hasAuditTrail, sha256Hex, type ApprovalRow } from './audit'
import { DesignNotFoundError, InvalidInputError, LibraryReadOnlyError } from './errors'
import { busyAware, type DesignLibrary } from './library-core'

/**
 * Approvals of design versions (schema v5 `approvals`): an electronic signature in the manner
 * of 21 CFR Part 11 §11.50 (the signed record shows the signer's printed name, the date and
 * time, and the meaning of the signature) and §11.70 (the signature is linked to its record so
 * it cannot be copied onto another): each approval stores the content hash of the version it
 * signs and the audit entry that recorded it, and `db verify` checks both.
 *
 * What it is not: a Part 11 signature in law. NanoForge has no login, so the signer is the OS
 * account running it (§11.100-§11.300 identity controls are the lab's IT's); the name given
 * with `--name` is stored beside it, never instead of it.
 */

/**
 * The meanings a signature may carry (the one list: the CLI, the docs and the app read it).
 * "reviewed": the version was read and checked; "approved for synthesis": the lab may make it.
 */
export const APPROVAL_MEANINGS = ['reviewed', 'approved for synthesis'] as const
export type ApprovalMeaning = (typeof APPROVAL_MEANINGS)[number]

/** Longest signer name. */
export const MAX_SIGNER_NAME_CHARS = 200

/** One stored approval. */
export interface Approval {
  readonly approvalId: string
  readonly designId: string
  readonly version: number
  readonly meaning: string
  /** The OS account that signed. */
  readonly signerUser: string
  /** The name given (`--name`), or the OS account when none was. */
  readonly signerName: string
  /** UTC ISO time of the signature (the same instant as its audit entry). */
  readonly at: string
  /** The design version's document hash (SHA-256 of its canonical JSON) that was signed. */
  readonly documentHash: string
  /** The audit entry that recorded the signing. */
  readonly auditSeq: number
}

/** What to sign. */
export interface ApproveInput {
  readonly designId: string
  readonly version: number
  readonly meaning: string
  /** A full name for the signature; default the OS account name. */
  readonly signerName?: string
}

const toApproval = (r: ApprovalRow): Approval => ({
  approvalId: r.id, designId: r.design_id, version: r.version, meaning: r.meaning, signerUser: r.signer_user,
  signerName: r.signer_name, at: r.at, documentHash: r.document_hash, auditSeq: r.audit_seq,
})

/** True when `text` is one of {@link APPROVAL_MEANINGS}. */
export function isApprovalMeaning(text: string): text is ApprovalMeaning {
  return (APPROVAL_MEANINGS as ReadonlyArray<string>).includes(text)
}

/**
 * Signs one version: checks the meaning and the name, reads the version's hashes under the
 * write lock, and writes the approval and its audit entry in one transaction.
 *
 * Throws {@link InvalidInputError} for an unknown meaning or a bad name (path `meaning` /
 * `name`), {@link DesignNotFoundError} for an unknown design or version, and
 * {@link LibraryReadOnlyError} on a read-only library or one without the approvals table.
 */
export function approveVersion(library: DesignLibrary, input: ApproveInput, now: Date = new Date()): Approval {
  library.requireWritable()
  const issues: Array<{ path: string; message: string }> = []
  if (!isApprovalMeaning(input.meaning)) {
    issues.push({ path: 'meaning', message: `'${input.meaning}' is not a meaning of an approval; use one of: ${APPROVAL_MEANINGS.map((m) => `"${m}"`).join(', ')}` })
  }
  const signerUser = currentOsUser()
  const signerName = (input.signerName ?? signerUser).trim()
  if (signerName.length < 1 || signerName.length > MAX_SIGNER_NAME_CHARS) {
    issues.push({ path: 'name', message: `a signer name has 1 to ${MAX_SIGNER_NAME_CHARS} characters` })
  } else {
    const problem = unsafeTextProblem(signerName, { multiline: false })
    if (problem !== undefined) issues.push({ path: 'name', message: problem })
  }
  if (!Number.isInteger(input.version) || input.version < 1) issues.push({ path: 'version', message: 'a version is a whole number from 1' })
  if (issues.length > 0) throw new InvalidInputError(issues)
  const db = library.connection
  if (!hasAuditTrail(db)) throw new LibraryReadOnlyError('this library file has no approvals table (schema before v5)')
  const at = now.toISOString()
  const approvalId = randomUUID()
  const tx = db.transaction((): Approval => {
    const row = db.prepare('SELECT document, document_hash FROM design_versions WHERE design_id = ? AND version = ?')
      .get(input.designId, input.version) as { document: string; document_hash: string } | undefined
    if (row === undefined) {
      const latest = db.prepare('SELECT latest_version FROM designs WHERE id = ?').get(input.designId) as { latest_version: number } | undefined
      throw new DesignNotFoundError(input.designId, latest === undefined
        ? `No design with id ${input.designId} in the library.`
        : `Design ${input.designId} has no version ${input.version} (latest is ${latest.latest_version}).`)
    }
    const entry = appendAudit(db, {
      action: 'design.approve', entityKind: 'design', entityId: input.designId, designId: input.designId, version: input.version,
      detail: { approvalId, meaning: input.meaning, signerName, documentHash: row.document_hash, versionTextSha256: sha256Hex(row.document) },
    }, { at, osUser: signerUser })!
    db.prepare(`INSERT INTO approvals (id, design_id, version, meaning, signer_user, signer_name, at, document_hash, audit_seq)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(approvalId, input.designId, input.version, input.meaning, signerUser, signerName, at, row.document_hash, entry.seq)
    return {
      approvalId, designId: input.designId, version: input.version, meaning: input.meaning, signerUser, signerName, at,
      documentHash: row.document_hash, auditSeq: entry.seq,
    }
  })
  const approval = busyAware(() => tx.immediate())
  library.noteWrite(`approval ${approvalId} (${input.meaning}) of design ${input.designId} version ${input.version}`)
  return approval
}

/** Approvals of a design (or one version), oldest first; none for a library before schema v5. */
export function listApprovals(db: Database.Database, designId: string, version?: number): Approval[] {
  if (!hasAuditTrail(db)) return []
  const rows = (version === undefined
    ? db.prepare('SELECT * FROM approvals WHERE design_id = ? ORDER BY audit_seq').all(designId)
    : db.prepare('SELECT * FROM approvals WHERE design_id = ? AND version = ? ORDER BY audit_seq').all(designId, version)) as ApprovalRow[]
  return rows.map(toApproval)
}
