import type Database from 'better-sqlite3'
import { appendGenesis } from './audit'

/**
 * One schema step. `up` runs inside a transaction that also sets `user_version = version`
 * (docs/security.md §5, "Migrations using user_version"), so a
 * crash mid-migration leaves the file at the previous version. `up` must be synchronous:
 * better-sqlite3 transactions do not work with async functions.
 */
export interface Migration {
  /** The `user_version` the database has after this step (1, 2, 3, ...). */
  readonly version: number
  /** One line for logs and backup names. */
  readonly description: string
  readonly up: (db: Database.Database) => void
}

/**
 * The `application_id` header field of every NanoForge library: ASCII "NaFo" (0x4E61466F).
 *
 * Why: lets the app recognise its own files and refuse to write into some other program's
 * SQLite database that a user picked by mistake (docs/security.md §5 table).
 */
export const APPLICATION_ID = 0x4e61466f

/**
 * v1: designs and their immutable versions, plus full-text search.
 *
 * Layout chosen so the library issue (projects, tags, notes, measurements, trash) only adds
 * tables and columns: a design is an identity (`designs`, soft-deleted through `deleted_at`
 * for the trash), every save appends a row to `design_versions` that triggers make
 * immutable, and listing reads denormalised columns instead of parsing JSON. `designs.seq`
 * is a stable integer key (VACUUM may renumber implicit rowids) used as the FTS rowid and
 * for compact references by later tables (measurements, tags).
 */
const v1: Migration = {
  version: 1,
  description: 'designs, immutable design versions, full-text search',
  up: (db) => {
    db.exec(`
      CREATE TABLE designs (
        id             TEXT    PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        seq            INTEGER NOT NULL UNIQUE,
        name           TEXT    NOT NULL,
        created_at     TEXT    NOT NULL,
        updated_at     TEXT    NOT NULL,
        latest_version INTEGER NOT NULL DEFAULT 0 CHECK (latest_version >= 0),
        deleted_at     TEXT    NULL
      ) STRICT;

      CREATE INDEX designs_live_by_updated ON designs (updated_at DESC, seq DESC) WHERE deleted_at IS NULL;

      CREATE TABLE design_versions (
        design_id                TEXT    NOT NULL REFERENCES designs (id) ON DELETE RESTRICT ON UPDATE RESTRICT,
        version                  INTEGER NOT NULL CHECK (version >= 1),
        created_at               TEXT    NOT NULL,
        note                     TEXT    NOT NULL DEFAULT '',
        document                 TEXT    NOT NULL CHECK (json_valid(document)),
        document_hash            TEXT    NOT NULL,
        engine_version           TEXT    NOT NULL,
        summary                  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(summary)),
        name                     TEXT    NOT NULL,
        core_material            TEXT    NOT NULL,
        core_diameter_nm         REAL    NOT NULL,
        hydrodynamic_diameter_nm REAL    NULL,
        disease                  TEXT    NOT NULL,
        PRIMARY KEY (design_id, version)
      ) STRICT;

      CREATE INDEX design_versions_by_core_material ON design_versions (core_material);
      CREATE INDEX design_versions_by_disease ON design_versions (disease);
      CREATE INDEX design_versions_by_hydrodynamic_diameter ON design_versions (hydrodynamic_diameter_nm);
      CREATE INDEX design_versions_by_hash ON design_versions (document_hash);

      -- A save never overwrites an earlier version (issue 2, "Store").
      CREATE TRIGGER design_versions_immutable_update BEFORE UPDATE ON design_versions
      BEGIN
        SELECT RAISE(ABORT, 'design versions are immutable: save a new version instead');
      END;
      CREATE TRIGGER design_versions_immutable_delete BEFORE DELETE ON design_versions
      BEGIN
        SELECT RAISE(ABORT, 'design versions are immutable: they cannot be deleted');
      END;

      -- Full-text search over the latest version of each design (rowid = designs.seq).
      CREATE VIRTUAL TABLE design_search USING fts5 (
        name, notes, keywords,
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER design_versions_index_search AFTER INSERT ON design_versions
      BEGIN
        DELETE FROM design_search WHERE rowid = (SELECT seq FROM designs WHERE id = NEW.design_id);
        INSERT INTO design_search (rowid, name, notes, keywords)
          SELECT d.seq, NEW.name,
                 coalesce(json_extract(NEW.document, '$.notes'), ''),
                 NEW.core_material || ' ' || NEW.disease || ' ' ||
                   coalesce(json_extract(NEW.document, '$.payload.drug'), '') || ' ' ||
                   coalesce((SELECT group_concat(json_extract(l.value, '$.ligand'), ' ')
                             FROM json_each(NEW.document, '$.ligands') AS l), '') || ' ' ||
                   coalesce((SELECT group_concat(coalesce(json_extract(c.value, '$.material'),
                                                          json_extract(c.value, '$.source'),
                                                          json_extract(c.value, '$.kind')), ' ')
                             FROM json_each(NEW.document, '$.coatings') AS c), '')
          FROM designs AS d WHERE d.id = NEW.design_id;
      END;
    `)
  },
}

/**
 * v2: measurements attached to a design version (release curves, DLS size and PDI, zeta
 * potential, in-vivo biodistribution points), each with its units inside `data` and the date
 * it was measured. A measurement points at an immutable version, so a later edit of the
 * design never re-labels what was measured; `deleted_at` sends it to the trash.
 */
const v2: Migration = {
  version: 2,
  description: 'measurements attached to design versions',
  up: (db) => {
    db.exec(`
      CREATE TABLE measurements (
        id          TEXT    PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        design_id   TEXT    NOT NULL,
        version     INTEGER NOT NULL,
        kind        TEXT    NOT NULL CHECK (kind IN ('release', 'dls', 'zeta', 'biodistribution')),
        label       TEXT    NOT NULL DEFAULT '',
        measured_on TEXT    NULL,
        created_at  TEXT    NOT NULL,
        data        TEXT    NOT NULL CHECK (json_valid(data)),
        deleted_at  TEXT    NULL,
        FOREIGN KEY (design_id, version) REFERENCES design_versions (design_id, version) ON DELETE RESTRICT ON UPDATE RESTRICT
      ) STRICT;
      CREATE INDEX measurements_by_version ON measurements (design_id, version) WHERE deleted_at IS NULL;
    `)
  },
}

/**
 * v3: the library a lab browses (issue 5): projects that group designs. The latest version's listing fields and engine
 * metrics are denormalised onto `designs` (mutable, unlike versions) with one partial index
 * per sort key, so a sorted first page of 100,000 designs reads an index instead of sorting;
 * a design-level note; tags; and `version_metrics`, the engine's metrics per document hash and
 * engine version (computed after the save, since the engine takes ~15 ms and a save must stay
 * under 5 ms; equal documents share one row).
 */
const v3: Migration = {
  version: 3,
  description: 'library: projects, sort metrics, design notes, tags, metrics cache',
  up: (db) => {
    db.exec(`
      ALTER TABLE designs ADD COLUMN note TEXT NOT NULL DEFAULT '';
      ALTER TABLE designs ADD COLUMN core_material TEXT NOT NULL DEFAULT '';
      ALTER TABLE designs ADD COLUMN disease TEXT NOT NULL DEFAULT '';
      ALTER TABLE designs ADD COLUMN document_hash TEXT NOT NULL DEFAULT '';
      ALTER TABLE designs ADD COLUMN hydrodynamic_diameter_nm REAL NULL;
      ALTER TABLE designs ADD COLUMN selectivity_index REAL NULL;
      ALTER TABLE designs ADD COLUMN target_tissue TEXT NULL;
      ALTER TABLE designs ADD COLUMN blood_half_life_h REAL NULL;
      ALTER TABLE designs ADD COLUMN t50_plasma_h REAL NULL;
      ALTER TABLE designs ADD COLUMN metrics_engine_version TEXT NULL;

      CREATE TABLE projects (
        id         TEXT NOT NULL PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
        name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
        created_at TEXT NOT NULL
      ) STRICT;
      ALTER TABLE designs ADD COLUMN project_id TEXT NULL REFERENCES projects (id) ON DELETE SET NULL ON UPDATE RESTRICT;

      UPDATE designs SET
        core_material = v.core_material,
        disease = v.disease,
        document_hash = v.document_hash,
        hydrodynamic_diameter_nm = v.hydrodynamic_diameter_nm
      FROM design_versions AS v
      WHERE v.design_id = designs.id AND v.version = designs.latest_version;

      CREATE INDEX designs_live_by_created ON designs (created_at DESC, seq DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_name ON designs (name COLLATE NOCASE, seq) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_selectivity ON designs (selectivity_index DESC, seq DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_t50 ON designs (t50_plasma_h DESC, seq DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_hydrodynamic_diameter ON designs (hydrodynamic_diameter_nm DESC, seq DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_half_life ON designs (blood_half_life_h DESC, seq DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_core_material ON designs (core_material, updated_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_live_by_disease ON designs (disease, updated_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX designs_trash_by_deleted ON designs (deleted_at DESC, seq DESC) WHERE deleted_at IS NOT NULL;
      CREATE INDEX designs_metrics_pending ON designs (seq) WHERE metrics_engine_version IS NULL;
      CREATE INDEX designs_by_project ON designs (project_id, updated_at DESC) WHERE project_id IS NOT NULL;

      CREATE TABLE design_tags (
        design_id  TEXT NOT NULL REFERENCES designs (id) ON DELETE CASCADE ON UPDATE RESTRICT,
        tag        TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 64),
        created_at TEXT NOT NULL,
        PRIMARY KEY (design_id, tag)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX design_tags_by_tag ON design_tags (tag, design_id);

      CREATE TABLE version_metrics (
        document_hash            TEXT NOT NULL,
        engine_version           TEXT NOT NULL,
        computed_at              TEXT NOT NULL,
        selectivity_index        REAL NULL,
        target_tissue            TEXT NULL,
        blood_half_life_h        REAL NULL,
        t50_plasma_h             REAL NULL,
        hydrodynamic_diameter_nm REAL NULL,
        error                    TEXT NULL,
        PRIMARY KEY (document_hash, engine_version)
      ) STRICT, WITHOUT ROWID;
    `)
  },
}

/**
 * v4: calibration profiles (issue #14): the posterior of a Bayesian calibration of the engine
 * on the lab's measurements, saved as a named profile with a version per name, like
 * design_versions immutable (a profile is a record of what was learned from which data with
 * which engine; a new calibration is a new version, never an edit). JSON columns hold what
 * the calibration core produces: the requested parameter ids, the contract summary (prior and
 * posterior median and 95 % interval per parameter, within-2-fold shares, leave-one-study-out
 * folds), a thinned sample of the posterior draws (ln multipliers) for bands, the diagnostics
 * and the provenance (design ids and versions, measurement ids, studies, sampler settings and
 * the training designs' domain for the "far from the profile" warning).
 */
const v4: Migration = {
  version: 4,
  description: 'calibration profiles',
  up: (db) => {
    db.exec(`
      CREATE TABLE calibration_profiles (
        id             TEXT    PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        name           TEXT    NOT NULL COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200),
        version        INTEGER NOT NULL CHECK (version >= 1),
        created_at     TEXT    NOT NULL,
        engine_version TEXT    NOT NULL,
        seed           INTEGER NOT NULL CHECK (seed >= 0),
        parameters     TEXT    NOT NULL CHECK (json_valid(parameters)),
        summary        TEXT    NOT NULL CHECK (json_valid(summary)),
        draws          TEXT    NOT NULL CHECK (json_valid(draws)),
        diagnostics    TEXT    NOT NULL CHECK (json_valid(diagnostics)),
        provenance     TEXT    NOT NULL CHECK (json_valid(provenance)),
        UNIQUE (name, version)
      ) STRICT;
      CREATE INDEX calibration_profiles_by_created ON calibration_profiles (created_at DESC, id);

      CREATE TRIGGER calibration_profiles_immutable_update BEFORE UPDATE ON calibration_profiles
      BEGIN
        SELECT RAISE(ABORT, 'calibration profiles are immutable: calibrate again for a new version instead');
      END;
      CREATE TRIGGER calibration_profiles_immutable_delete BEFORE DELETE ON calibration_profiles
      BEGIN
        SELECT RAISE(ABORT, 'calibration profiles are immutable: they cannot be deleted');
      END;
    `)
  },
}

/**
 * v5: the audit trail and approvals (issue #16). `audit_log` is an append-only, hash-chained
 * record of every change to the library (who: the OS user; when; what; see ./audit.ts for the
 * hash format); triggers refuse UPDATE and DELETE, as on design_versions. `approvals` are
 * electronic signatures of one design version: the signer (OS user and the name given), the
 * meaning, the time, the content hash of the version signed and the audit entry that recorded
 * the signing (21 CFR Part 11 §11.50 and §11.70: a signature shows the printed name, date and
 * time and meaning, and is linked to its record). The allowed meanings are checked in
 * ./approvals.ts (one list), not here, so a new meaning needs no schema step.
 *
 * The step appends the genesis entry: a file upgraded from v1-v4 says that its earlier
 * changes were not logged and anchors its existing versions by a digest (./audit.ts).
 */
const v5: Migration = {
  version: 5,
  description: 'audit trail and approvals',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY NOT NULL CHECK (seq >= 1),
        at          TEXT    NOT NULL,
        os_user     TEXT    NOT NULL,
        action      TEXT    NOT NULL,
        entity_kind TEXT    NOT NULL,
        entity_id   TEXT    NULL,
        design_id   TEXT    NULL,
        version     INTEGER NULL,
        detail      TEXT    NOT NULL CHECK (json_valid(detail)),
        prev_hash   TEXT    NOT NULL CHECK (length(prev_hash) = 64),
        hash        TEXT    NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX audit_log_by_design ON audit_log (design_id, seq) WHERE design_id IS NOT NULL;

      CREATE TRIGGER audit_log_immutable_update BEFORE UPDATE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be changed');
      END;
      CREATE TRIGGER audit_log_immutable_delete BEFORE DELETE ON audit_log
      BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be deleted');
      END;

      CREATE TABLE approvals (
        id            TEXT    PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        design_id     TEXT    NOT NULL,
        version       INTEGER NOT NULL,
        meaning       TEXT    NOT NULL,
        signer_user   TEXT    NOT NULL,
        signer_name   TEXT    NOT NULL,
        at            TEXT    NOT NULL,
        document_hash TEXT    NOT NULL,
        audit_seq     INTEGER NOT NULL UNIQUE REFERENCES audit_log (seq) ON DELETE RESTRICT ON UPDATE RESTRICT,
        FOREIGN KEY (design_id, version) REFERENCES design_versions (design_id, version) ON DELETE RESTRICT ON UPDATE RESTRICT
      ) STRICT;
      CREATE INDEX approvals_by_version ON approvals (design_id, version, audit_seq);

      CREATE TRIGGER approvals_immutable_update BEFORE UPDATE ON approvals
      BEGIN
        SELECT RAISE(ABORT, 'approvals are signatures: they cannot be changed');
      END;
      CREATE TRIGGER approvals_immutable_delete BEFORE DELETE ON approvals
      BEGIN
        SELECT RAISE(ABORT, 'approvals are signatures: they cannot be deleted');
      END;
    `)
    appendGenesis(db, Number(db.pragma('user_version', { simple: true })))
  },
}

/**
 * v6: critical quality attributes against specifications (issue #16). Two changes:
 * - `project_specs`: one specification limit per project and attribute (lower and/or upper,
 *   inclusive; a note for the justification). Attribute ids are checked in code against
 *   shared/quality/attributes.ts (one list), not here, so a new attribute needs no schema step.
 *   Every set and clear is logged in the audit trail (electron/db/specs.ts).
 * - `measurements` accepts the kind `quality` (encapsulation efficiency, drug loading, free
 *   drug, endotoxin, residual solvent, cholesterol). SQLite cannot alter a CHECK constraint,
 *   so the table is rebuilt in the documented order (https://www.sqlite.org/lang_altertable.html,
 *   "Making Other Kinds Of Table Schema Changes"): create the new table, copy every row as is,
 *   drop the old one, rename, recreate its index. No table references `measurements`, so the
 *   drop checks no foreign key; the rows keep their ids, so calibration provenance and audit
 *   entries still name them.
 */
const v6: Migration = {
  version: 6,
  description: 'quality attributes: project specifications, quality measurements',
  up: (db) => {
    db.exec(`
      CREATE TABLE project_specs (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE ON UPDATE RESTRICT,
        attribute  TEXT NOT NULL CHECK (length(attribute) BETWEEN 1 AND 64),
        min_value  REAL NULL,
        max_value  REAL NULL,
        note       TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        CHECK (min_value IS NOT NULL OR max_value IS NOT NULL),
        CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value),
        PRIMARY KEY (project_id, attribute)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE measurements_v6 (
        id          TEXT    PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
        design_id   TEXT    NOT NULL,
        version     INTEGER NOT NULL,
        kind        TEXT    NOT NULL CHECK (kind IN ('release', 'dls', 'zeta', 'biodistribution', 'quality')),
        label       TEXT    NOT NULL DEFAULT '',
        measured_on TEXT    NULL,
        created_at  TEXT    NOT NULL,
        data        TEXT    NOT NULL CHECK (json_valid(data)),
        deleted_at  TEXT    NULL,
        FOREIGN KEY (design_id, version) REFERENCES design_versions (design_id, version) ON DELETE RESTRICT ON UPDATE RESTRICT
      ) STRICT;
      INSERT INTO measurements_v6 (id, design_id, version, kind, label, measured_on, created_at, data, deleted_at)
        SELECT id, design_id, version, kind, label, measured_on, created_at, data, deleted_at FROM measurements;
      DROP TABLE measurements;
      ALTER TABLE measurements_v6 RENAME TO measurements;
      CREATE INDEX measurements_by_version ON measurements (design_id, version) WHERE deleted_at IS NULL;
    `)
  },
}

/**
 * Every schema step, in order. Append only: a released step is never edited, because files
 * at every historical version must still upgrade (issue 5 keeps a fixture per version).
 */
export const MIGRATIONS: ReadonlyArray<Migration> = [v1, v2, v3, v4, v5, v6]

/**
 * The newest schema this build knows. A file with a larger `user_version` was written by a
 * newer NanoForge and opens read-only.
 */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]!.version
