import { z } from 'zod'
import { SafeText } from '../text'
import { BackupWarningText, DesignId, DesignSummarySchema, IsoTime, VersionNumber } from './design'
import { CQA_ATTRIBUTE_IDS } from '../../quality/attributes'

/**
 * Library channels of the IPC contract (issue 5: history, diff, trash, tags, notes, compare,
 * metrics CSV, export and import of bundles, backups). Joined into the contract in
 * ../contract.ts.
 *
 * Why these shapes: every request is strict and bounded (docs/security.md §4 step 3);
 * the renderer only ever names designs by id and backups by their opaque id (a file name the
 * main process listed itself), never by path; bundles travel as text so the renderer does the
 * file download/upload and the main process never takes a path from it.
 */

/** A tag: short words a lab files designs under ("lead", "batch-7", "in vivo"). */
export const TagName = SafeText({ max: 64, min: 1, trim: true, lengthMessage: 'a tag is 1 to 64 characters' })

/** A design or project name given in a request (1 to 200 characters, one line). */
export const NameText = SafeText({ max: 200, min: 1, trim: true, lengthMessage: 'a name is 1 to 200 characters' })

/** One design version, as the compare, diff and CSV channels take it (latest when `version` is omitted). */
export const DesignRefSchema = z.object({
  designId: DesignId,
  version: VersionNumber.optional(),
}).strict()

/** Metrics stored with each version for listing, sorting, comparing and the CSV (null when the engine could not evaluate it). */
export const VersionMetricsSchema = z.object({
  /** Target-tissue selectivity index (engine selectivity, simulate.ts), dimensionless. */
  selectivityIndex: z.number().nullable(),
  /** Tissue the index refers to (e.g. `spleen+liver-apc`), null when none. */
  targetTissue: z.string().nullable(),
  /** Blood half-life of the particles, h. */
  bloodHalfLifeH: z.number().nullable(),
  /** Time to 50 % released in plasma, h; null if not reached within 72 h. */
  t50PlasmaH: z.number().nullable(),
  /** Hydrodynamic diameter (core + coatings + ligand layer), nm. */
  hydrodynamicDiameterNm: z.number().nullable(),
  /** Engine version that computed these numbers. */
  engineVersion: z.string().max(64),
}).strict()

/** How `library:list` sorts. Metric sorts put designs without the metric last. */
export const LibrarySortKey = z.enum([
  'updatedAt', 'createdAt', 'name', 'selectivityIndex', 't50PlasmaH', 'hydrodynamicDiameterNm', 'bloodHalfLifeH',
])

/** Project ids are UUIDs like design ids. */
export const ProjectId = DesignId

/** Request of `library:list`: filters, sort and page (the renderer never sends SQL). */
export const LibraryListRequest = z.object({
  /** Only designs of this project. */
  projectId: ProjectId.optional(),
  /** Free text (name, notes, materials, disease, drug, ligands; prefix words) or an id prefix. */
  query: z.string().max(200).optional(),
  tag: TagName.optional(),
  disease: z.string().max(64).optional(),
  coreMaterial: z.string().max(64).optional(),
  sortBy: LibrarySortKey.optional(),
  /** Default: descending for dates and metrics, ascending for names. */
  sortDirection: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
}).strict()

/** A listed design: the summary plus its metrics, tags and design-level note. */
export const LibraryItemSchema = DesignSummarySchema.extend({
  metrics: VersionMetricsSchema,
  tags: z.array(z.string()),
  /** The design-level note (`library:setNote`), not a version note. */
  note: z.string(),
  /** The project the design is filed under, null when none. */
  projectId: ProjectId.nullable(),
}).strict()

/** One page of the library and the total matching count (for paging). */
export const LibraryListResponse = z.object({
  items: z.array(LibraryItemSchema),
  total: z.number().int().min(0),
}).strict()

/** Request of `library:duplicate`: copy one version into a new design. */
export const DuplicateDesignRequest = z.object({
  designId: DesignId,
  /** Which version to copy (latest when omitted). */
  version: VersionNumber.optional(),
  /** Name of the copy (default "<name> (copy)"). */
  name: NameText.optional(),
}).strict()

/** A new design or version that a library operation created. */
export const CreatedVersionResponse = z.object({
  designId: DesignId,
  version: VersionNumber,
  /** Present when the daily backup this write triggered failed; the version itself is committed. */
  backupWarning: BackupWarningText.optional(),
}).strict()

/** Request of `library:rename`: a rename is a new version, since versions are immutable. */
export const RenameDesignRequest = z.object({
  designId: DesignId,
  name: NameText,
}).strict()

/** A request naming one design. */
export const DesignIdRequest = z.object({ designId: DesignId }).strict()

/** When the design went to the trash (restorable; nothing is erased). */
export const TrashDesignResponse = z.object({
  designId: DesignId,
  deletedAt: IsoTime,
}).strict()

/** The design brought back from the trash. */
export const RestoreFromTrashResponse = z.object({ designId: DesignId }).strict()

/** Request of `library:listTrash` (paging). */
export const ListTrashRequest = z.object({
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
}).strict()

/** A trashed design: its listing item plus when it was trashed. */
export const TrashItemSchema = LibraryItemSchema.extend({ deletedAt: IsoTime }).strict()

/** One page of the trash, most recently trashed first. */
export const ListTrashResponse = z.object({
  items: z.array(TrashItemSchema),
  total: z.number().int().min(0),
}).strict()

/** Request of `library:listTags` (no parameters). */
export const ListTagsRequest = z.object({}).strict()
/** Every tag in use, for the tag filter. */
export const ListTagsResponse = z.object({
  /** Every tag in use on live (not trashed) designs, alphabetical, with how many designs carry it. */
  tags: z.array(z.object({ tag: z.string(), count: z.number().int().min(0) }).strict()),
}).strict()

/** Request of `library:addTag` / `library:removeTag`. */
export const DesignTagRequest = z.object({ designId: DesignId, tag: TagName }).strict()
/** The design's tags after the change, alphabetical. */
export const DesignTagsResponse = z.object({ designId: DesignId, tags: z.array(z.string()) }).strict()

/** Request of `library:setNote`: the design-level note (not part of any version). */
export const SetNoteRequest = z.object({ designId: DesignId, note: SafeText({ max: 20_000, multiline: true }) }).strict()
/** The stored note and when it changed. */
export const SetNoteResponse = z.object({ designId: DesignId, note: z.string(), updatedAt: IsoTime }).strict()

/** A project: a named group of designs. */
export const ProjectSchema = z.object({
  projectId: ProjectId,
  name: z.string(),
  createdAt: IsoTime,
  /** Live (not trashed) designs in the project. */
  designCount: z.number().int().min(0),
}).strict()

/** Request of `library:listProjects` (no parameters). */
export const ListProjectsRequest = z.object({}).strict()
/** Every project, by name. */
export const ListProjectsResponse = z.object({ projects: z.array(ProjectSchema) }).strict()

/** Request of `library:createProject`; an existing name returns that project. */
export const CreateProjectRequest = z.object({ name: NameText }).strict()
/** The created (or existing) project. */
export const CreateProjectResponse = ProjectSchema

/** Request of `library:moveToProject`. */
export const MoveToProjectRequest = z.object({
  designIds: z.array(DesignId).min(1).max(10_000),
  /** null takes the designs out of any project. */
  projectId: ProjectId.nullable(),
}).strict()
/** How many of the named designs exist and were moved. */
export const MoveToProjectResponse = z.object({ moved: z.number().int().min(0) }).strict()

/**
 * One approval (electronic signature) of a version, read-only in the app (issue #16; signed
 * with `nanoforge db approve`): the meaning, who (the name given and the OS user) and when.
 */
export const ApprovalViewSchema = z.object({
  meaning: z.string(),
  signerName: z.string(),
  signerUser: z.string(),
  at: IsoTime,
  /** The content hash the signature was given to (the version's documentHash). */
  documentHash: z.string(),
}).strict()

/** One version in a design's history, with its date, note and metrics. */
export const HistoryEntrySchema = z.object({
  version: VersionNumber,
  createdAt: IsoTime,
  /** Why this version was saved. */
  note: z.string(),
  name: z.string(),
  engineVersion: z.string(),
  documentHash: z.string(),
  metrics: VersionMetricsSchema,
  /** Approvals of this version, oldest first (absent from hosts before issue #16). */
  approvals: z.array(ApprovalViewSchema).optional(),
}).strict()

/** Response of `library:history`: every version of a design, oldest first. */
export const DesignHistoryResponse = z.object({
  designId: DesignId,
  name: z.string(),
  /** Every version, oldest first. */
  versions: z.array(HistoryEntrySchema),
}).strict()

/** One changed field between two design documents (shared/design/diff.ts). */
export const DesignChangeSchema = z.object({
  /** JSON path, e.g. `core.diameterNm`, `ligands[0].densityPerUm2`. */
  path: z.string(),
  kind: z.enum(['changed', 'added', 'removed']),
  /** Unit of the field, '' when unitless. */
  unit: z.string(),
  /** Values formatted with their unit; null on the side where the field is absent. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** One line for people, e.g. `core.diameterNm: 120 nm → 150 nm`. */
  text: z.string(),
}).strict()

/** Request of `library:diff`: any two design versions (same or different designs). */
export const DiffVersionsRequest = z.object({
  from: DesignRefSchema,
  to: DesignRefSchema,
}).strict()

/** The resolved versions and every changed field between them. */
export const DiffVersionsResponse = z.object({
  from: z.object({ designId: DesignId, version: VersionNumber }).strict(),
  to: z.object({ designId: DesignId, version: VersionNumber }).strict(),
  changes: z.array(DesignChangeSchema),
}).strict()

/** Request of `library:restoreVersion`: save an old version as the new latest one. */
export const RestoreVersionRequest = z.object({
  designId: DesignId,
  version: VersionNumber,
  /** Note of the new version (default "Restored from version N"). */
  note: SafeText({ max: 2000, multiline: true }).optional(),
}).strict()

/** Request of `library:compare`: two to four design versions. */
export const CompareDesignsRequest = z.object({
  items: z.array(DesignRefSchema).min(2).max(4),
}).strict()

/** One compared design version: its document and metrics. */
export const CompareItemSchema = z.object({
  designId: DesignId,
  version: VersionNumber,
  name: z.string(),
  /** The normalised design document (already valid). */
  design: z.unknown(),
  metrics: VersionMetricsSchema,
}).strict()

/** The compared designs and the paths that differ (highlighted by the UI). */
export const CompareDesignsResponse = z.object({
  items: z.array(CompareItemSchema),
  /** JSON paths whose values are not equal across all items (for highlighting). */
  differingPaths: z.array(z.string()),
}).strict()

/** Request of `library:metricsCsv`: which versions go in the table. */
export const MetricsCsvRequest = z.object({
  items: z.array(DesignRefSchema).min(1).max(500),
}).strict()

/** The CSV text and a file name; the renderer downloads it. */
export const MetricsCsvResponse = z.object({
  /** RFC 4180 CSV text, header row with units. */
  csv: z.string(),
  /** A suggested file name for the download. */
  fileName: z.string(),
}).strict()

/** Request of `library:export`: designs to put in a bundle. */
export const ExportBundleRequest = z.object({
  designIds: z.array(DesignId).min(1).max(10_000),
}).strict()

/** The bundle text and what it holds. */
export const ExportBundleResponse = z.object({
  /** The `nanoforge.bundle` v1 JSON text, to be saved as a file by the renderer. */
  bundle: z.string(),
  fileName: z.string(),
  designCount: z.number().int().min(0),
  versionCount: z.number().int().min(0),
  measurementCount: z.number().int().min(0),
  /** Calibration profiles the bundle carries (every design they were learned on is exported). */
  profileCount: z.number().int().min(0).optional(),
  /** Profiles learned on these designs but also on others, left out with the reason (as the CLI names them). */
  profilesLeftOut: z.array(z.object({ name: z.string(), version: z.number().int().min(1), reason: z.string() }).strict()).optional(),
}).strict()

/** Largest bundle text accepted over IPC/HTTP, characters. */
export const MAX_BUNDLE_TEXT_LENGTH = 64 * 1024 * 1024

/** Request of `library:import`: the bundle file's text (never a path). */
export const ImportBundleRequest = z.object({
  bundle: z.string().min(1).max(MAX_BUNDLE_TEXT_LENGTH),
}).strict()

/** What an import added and skipped; a bad bundle is an error with per-path issues instead. */
export const ImportBundleResponse = z.object({
  designsAdded: z.number().int().min(0),
  versionsAdded: z.number().int().min(0),
  /** Versions already in the library (same design id, version and document hash): skipped. */
  versionsSkipped: z.number().int().min(0),
  measurementsAdded: z.number().int().min(0),
  measurementsSkipped: z.number().int().min(0),
  /**
   * Designs whose id exists here with a different history (same id and version, another
   * document hash): imported whole as a new design with a new id, never mixed.
   */
  conflicts: z.array(z.object({
    sourceDesignId: DesignId,
    importedAsDesignId: DesignId,
    reason: z.string(),
  }).strict()),
  /** Backup of the library taken before writing (undefined when nothing needed writing). */
  backupId: z.string().optional(),
  /** Specification limits added to projects here, and ones already here alike (bundle v2, electron/db/bundle.ts). */
  specsAdded: z.number().int().min(0).optional(),
  specsSkipped: z.number().int().min(0).optional(),
  /** Limits the bundle has that differ from the project's here: the local limit was kept (never overwritten). */
  specConflicts: z.array(z.object({
    projectId: z.string(), projectName: z.string(), attribute: z.enum(CQA_ATTRIBUTE_IDS),
    local: z.object({ min: z.number().nullable(), max: z.number().nullable(), note: z.string() }).strict(),
    bundle: z.object({ min: z.number().nullable(), max: z.number().nullable(), note: z.string() }).strict(),
    reason: z.string(),
  }).strict()).optional(),
  /** Calibration profiles added (with their id and version here) and ones already here. */
  profilesAdded: z.number().int().min(0).optional(),
  profilesSkipped: z.number().int().min(0).optional(),
  profiles: z.array(z.object({
    sourceProfileId: z.string(), profileId: z.string(), name: z.string(), sourceVersion: z.number().int(), version: z.number().int(),
  }).strict()).optional(),
}).strict()

/** One backup of the library. */
export const BackupInfoSchema = z.object({
  /** Opaque id (the backup's file name); pass it back to `library:restoreBackup`. */
  backupId: z.string(),
  createdAt: IsoTime,
  sizeBytes: z.number().int().min(0),
  /** Why it was taken: before-migration, before-import, before-restore, daily, manual. */
  reason: z.string(),
}).strict()

/** Request of `library:listBackups` (no parameters). */
export const ListBackupsRequest = z.object({}).strict()
/** The backups and their folder. */
export const ListBackupsResponse = z.object({
  /** Newest first. */
  backups: z.array(BackupInfoSchema),
  /** Where backups live (shown to the user). */
  directory: z.string(),
}).strict()

/** Request of `library:backupNow` (no parameters). */
export const BackupNowRequest = z.object({}).strict()
/** The verified backup just taken. */
export const BackupNowResponse = BackupInfoSchema

/** Request of `library:restoreBackup`: a backup id the host listed (a bare file name). */
export const RestoreBackupRequest = z.object({
  backupId: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+\.db$/, 'a backup id is a file name listed by library:listBackups'),
}).strict()

/** What the restore did; the safety backup undoes it. */
export const RestoreBackupResponse = z.object({
  restoredBackupId: z.string(),
  /** Backup of the library as it was just before the restore (so a restore can be undone). */
  safetyBackupId: z.string(),
  schemaVersion: z.number().int().min(0),
}).strict()

/** Library channels. Names are `library:verb`; `method` is the function the preload exposes. */
export const libraryChannels = {
  'library:list': { method: 'libraryList', req: LibraryListRequest, res: LibraryListResponse },
  'library:duplicate': { method: 'duplicateDesign', req: DuplicateDesignRequest, res: CreatedVersionResponse },
  'library:rename': { method: 'renameDesign', req: RenameDesignRequest, res: CreatedVersionResponse },
  'library:trash': { method: 'trashDesign', req: DesignIdRequest, res: TrashDesignResponse },
  'library:restoreFromTrash': { method: 'restoreFromTrash', req: DesignIdRequest, res: RestoreFromTrashResponse },
  'library:listTrash': { method: 'listTrash', req: ListTrashRequest, res: ListTrashResponse },
  'library:listTags': { method: 'listTags', req: ListTagsRequest, res: ListTagsResponse },
  'library:addTag': { method: 'addTag', req: DesignTagRequest, res: DesignTagsResponse },
  'library:removeTag': { method: 'removeTag', req: DesignTagRequest, res: DesignTagsResponse },
  'library:setNote': { method: 'setDesignNote', req: SetNoteRequest, res: SetNoteResponse },
  'library:listProjects': { method: 'listProjects', req: ListProjectsRequest, res: ListProjectsResponse },
  'library:createProject': { method: 'createProject', req: CreateProjectRequest, res: CreateProjectResponse },
  'library:moveToProject': { method: 'moveToProject', req: MoveToProjectRequest, res: MoveToProjectResponse },
  'library:history': { method: 'designHistory', req: DesignIdRequest, res: DesignHistoryResponse },
  'library:diff': { method: 'diffVersions', req: DiffVersionsRequest, res: DiffVersionsResponse },
  'library:restoreVersion': { method: 'restoreVersion', req: RestoreVersionRequest, res: CreatedVersionResponse },
  'library:compare': { method: 'compareDesigns', req: CompareDesignsRequest, res: CompareDesignsResponse },
  'library:metricsCsv': { method: 'metricsCsv', req: MetricsCsvRequest, res: MetricsCsvResponse },
  'library:export': { method: 'exportBundle', req: ExportBundleRequest, res: ExportBundleResponse },
  'library:import': { method: 'importBundle', req: ImportBundleRequest, res: ImportBundleResponse },
  'library:listBackups': { method: 'listBackups', req: ListBackupsRequest, res: ListBackupsResponse },
  'library:backupNow': { method: 'backupNow', req: BackupNowRequest, res: BackupNowResponse },
  'library:restoreBackup': { method: 'restoreBackup', req: RestoreBackupRequest, res: RestoreBackupResponse },
} as const

/** The DesignRef shape, inferred from its schema so host and renderer cannot drift. */
export type DesignRef = z.infer<typeof DesignRefSchema>
/** The VersionMetrics shape, inferred from its schema so host and renderer cannot drift. */
export type VersionMetrics = z.infer<typeof VersionMetricsSchema>
/** The LibraryItem shape, inferred from its schema so host and renderer cannot drift. */
export type LibraryItem = z.infer<typeof LibraryItemSchema>
/** The TrashItem shape, inferred from its schema so host and renderer cannot drift. */
export type TrashItem = z.infer<typeof TrashItemSchema>
/** The LibraryHistoryEntry shape, inferred from its schema so host and renderer cannot drift. */
export type LibraryHistoryEntry = z.infer<typeof HistoryEntrySchema>
/** The DesignChange shape, inferred from its schema so host and renderer cannot drift. */
export type DesignChange = z.infer<typeof DesignChangeSchema>
/** The BackupInfo shape, inferred from its schema so host and renderer cannot drift. */
export type BackupInfo = z.infer<typeof BackupInfoSchema>
/** The ProjectInfo shape, inferred from its schema so host and renderer cannot drift. */
export type ProjectInfo = z.infer<typeof ProjectSchema>
/** The LibrarySort shape, inferred from its schema so host and renderer cannot drift. */
export type LibrarySort = z.infer<typeof LibrarySortKey>
/** The ImportSummary shape, inferred from its schema so host and renderer cannot drift. */
export type ImportSummary = z.infer<typeof ImportBundleResponse>
