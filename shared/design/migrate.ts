import { coreHasBilayer, DESIGN_VERSION, type DesignIssue } from './types'

/**
 * One step of the design-file upgrade path, version `from` -> `from + 1`. The format must keep
 * reading every version it ever wrote (docs/design-format.md), so a version bump adds one
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
 * The bilayer every version-1 liposome gets on upgrade: egg PC without cholesterol, the fluid
 * bilayer the version-1 engine modelled (its liposome permeability and clearance were those of
 * a conventional fluid PC vesicle), so an upgraded file means what it meant when written.
 */
export const VERSION_1_LIPOSOME_BILAYER = { lipid: 'egg-pc', cholesterolMolPct: 0 } as const

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

/**
 * Version 1 -> 2: a liposome core gets `core.bilayer` (required from version 2 on) set to
 * {@link VERSION_1_LIPOSOME_BILAYER}; every other document is unchanged. A document whose core
 * is malformed is passed on untouched for the validator to report.
 */
const bilayerForLiposomes: DesignMigration = {
  from: 1,
  description: 'version 2 describes the bilayer of a liposome core; a version-1 liposome was read as egg PC without cholesterol (a fluid bilayer, as the version-1 engine modelled it), so it gets core.bilayer {"lipid": "egg-pc", "cholesterolMolPct": 0}',
  migrate: (doc) => {
    const core = doc.core
    if (!isRecord(core) || typeof core.material !== 'string' || !coreHasBilayer(core.material) || core.bilayer !== undefined) return doc
    return { ...doc, core: { ...core, bilayer: { ...VERSION_1_LIPOSOME_BILAYER } } }
  },
}

/**
 * The real migration table, ordered by `from`: one entry per version bump, never edited once
 * released. The runner below is also exercised by tests with injected tables.
 */
export const DESIGN_MIGRATIONS: ReadonlyArray<DesignMigration> = [bilayerForLiposomes]

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
