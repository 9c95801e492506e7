import { DESIGN_MIGRATIONS, migrateDesignDocument } from './migrate'
import { DESIGN_VERSION, type Design } from './types'

/**
 * A design document as an earlier build stored it (a database row, an autosaved draft, a
 * bundle), brought to the current design-format version through the migration table.
 *
 * Why: the library keeps every version exactly as it was written (versions are immutable and
 * their document hashes are of the stored text), so rows saved as version 1 stay version 1 on
 * disk. Everything that reads them — opening, the history diff, compare, the engine's metrics
 * — must see the current shape, or a version-1 liposome would have no bilayer. Reading is the
 * one place the upgrade happens.
 *
 * No validation happens here (a stored document was valid when written; readers that need
 * certainty validate). A document that is not an older version (current, newer, or without a
 * numeric version) or whose migration fails is returned unchanged, so the reader's validator
 * reports it with a message naming both versions instead of this function guessing.
 */
export function upgradeStoredDesign(document: unknown): Design {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return document as Design
  const record = document as Record<string, unknown>
  const version = record.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version >= DESIGN_VERSION) {
    return document as Design
  }
  const outcome = migrateDesignDocument(record, version, DESIGN_MIGRATIONS, DESIGN_VERSION)
  return (outcome.ok ? outcome.document : document) as unknown as Design
}
