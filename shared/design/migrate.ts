import { DESIGN_VERSION, type DesignIssue } from './types'

/**
 * One step of the design-file upgrade path, version `from` -> `from + 1`. The format must keep
 * reading every version it ever wrote (spec/design-format.md), so a version bump adds one
 * entry here and never edits an old one. `migrate` receives a private deep copy and returns
 * the document at the next version; it may throw, which is reported as a design error.
 */
export interface DesignMigration {
  readonly from: number
  /** One line for the warning shown to the user ("renamed dose.mgPerKg ..."). */
  readonly description: string
  readonly migrate: (document: Record<string, unknown>) => Record<string, unknown>
}

/**
 * The real migration table, ordered by `from`. Empty: version 1 is the only version written so
 * far. The runner below is exercised by tests with injected tables.
 */
export const DESIGN_MIGRATIONS: ReadonlyArray<DesignMigration> = []

/** Outcome of {@link migrateDesignDocument}. */
export type MigrationOutcome =
  | { readonly ok: true; readonly document: Record<string, unknown>; readonly applied: ReadonlyArray<DesignMigration> }
  | { readonly ok: false; readonly issue: DesignIssue }

/** Deep copy of a JSON-shaped value, so that migrations never mutate the caller's object. */
function jsonClone(x: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(x)) as Record<string, unknown>
}

/**
 * Upgrades a design document from `fromVersion` to `targetVersion` by applying the migrations
 * `fromVersion -> +1 -> ... -> targetVersion` in order. Each step must exist exactly once; a
 * gap is an error naming the missing step. After each step the document's `version` is set to
 * the new number (so individual migrations need not do it).
 */
export function migrateDesignDocument(
  document: Record<string, unknown>,
  fromVersion: number,
  migrations: ReadonlyArray<DesignMigration> = DESIGN_MIGRATIONS,
  targetVersion: number = DESIGN_VERSION,
): MigrationOutcome {
  let doc = jsonClone(document)
  const applied: DesignMigration[] = []
  for (let v = fromVersion; v < targetVersion; v++) {
    const steps = migrations.filter((m) => m.from === v)
    if (steps.length !== 1) {
      const reason = steps.length === 0 ? 'is known to this build' : 'is defined more than once (a build bug)'
      return {
        ok: false,
        issue: { path: 'version', message: `this file is design format version ${fromVersion}; no upgrade from version ${v} to ${v + 1} ${reason}` },
      }
    }
    const step = steps[0]!
    try {
      doc = { ...step.migrate(jsonClone(doc)), version: v + 1 }
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e)
      return { ok: false, issue: { path: 'version', message: `upgrading from version ${v} to ${v + 1} failed: ${why}` } }
    }
    applied.push(step)
  }
  return { ok: true, document: doc, applied }
}
