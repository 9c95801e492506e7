import { z } from 'zod'
import { SafeText } from '../text'

/**
 * Design and app channels of the IPC contract, joined with the other domains in
 * ../contract.ts.
 *
 * Requests are strict (unknown keys rejected), strings and arrays bounded, numbers finite.
 * Designs travel as `unknown` and are checked by the design validator in the service, which
 * reports every problem with its JSON path instead of zod's first-failure messages.
 */

/** Design ids are UUIDs; the schema accepts any short id of letters, digits and dashes. */
export const DesignId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'design ids are letters, digits and dashes')
export const VersionNumber = z.number().int().min(1).max(1_000_000)
export const IsoTime = z.string().max(40)

/** The note of a saved version (`design:save`, `db save --note`). */
export const VersionNote = SafeText({ max: 2000, multiline: true })

export const DesignIssueSchema = z.object({ path: z.string(), message: z.string() }).strict()

export const DesignSummarySchema = z.object({
  designId: DesignId,
  name: z.string(),
  latestVersion: VersionNumber,
  coreMaterial: z.string(),
  coreDiameterNm: z.number(),
  disease: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
}).strict()

export const VersionInfoSchema = z.object({
  version: VersionNumber,
  createdAt: IsoTime,
  note: z.string(),
}).strict()

export const SaveDesignRequest = z.object({
  /** The design document; validated fully by the service. */
  design: z.unknown(),
  /** Append a new version to this design; omit to create a new design. */
  designId: DesignId.optional(),
  /** Why this version was saved (one paragraph or several; no control or bidi characters). */
  note: VersionNote.optional(),
}).strict()

/**
 * Why the last backup of the library failed, in words for the user (what failed, and that
 * the library itself is fine). Present only while it is unresolved.
 */
export const BackupWarningText = z.string().max(4000)

export const SaveDesignResponse = z.object({
  designId: DesignId,
  version: VersionNumber,
  warnings: z.array(DesignIssueSchema),
  /** Present when the daily backup this save triggered failed; the save itself is committed. */
  backupWarning: BackupWarningText.optional(),
}).strict()

export const ListDesignsRequest = z.object({
  query: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).max(10_000_000).optional(),
}).strict()

export const ListDesignsResponse = z.object({
  items: z.array(DesignSummarySchema),
  total: z.number().int().min(0),
}).strict()

export const GetDesignRequest = z.object({
  designId: DesignId,
  version: VersionNumber.optional(),
}).strict()

export const GetDesignResponse = z.object({
  designId: DesignId,
  version: VersionNumber,
  createdAt: IsoTime,
  /** The normalised design document of that version (already valid). */
  design: z.unknown(),
  versions: z.array(VersionInfoSchema),
}).strict()

export const AppInfoRequest = z.object({}).strict()
export const AppInfoResponse = z.object({
  appVersion: z.string(),
  engineVersion: z.string(),
  /** Where the design library lives (shown to the user; never a path the renderer supplies). */
  databasePath: z.string(),
  /** True when the library opened read-only (damaged, newer schema, or locked); `readOnlyReason` says why. */
  readOnly: z.boolean(),
  readOnlyReason: z.string().optional(),
  /** Which bridge serves the renderer: the Electron preload or the loopback web host. */
  host: z.enum(['electron', 'web']),
  /** Present while the most recent backup attempt failed (cleared when a backup succeeds). */
  backupWarning: BackupWarningText.optional(),
  /** When that backup attempt failed, ISO time. */
  backupWarningAt: IsoTime.optional(),
}).strict()

/** Design and app channels. Names are `domain:verb`; `method` is the function the preload exposes. */
export const designChannels = {
  'design:save': { method: 'saveDesign', req: SaveDesignRequest, res: SaveDesignResponse },
  'design:list': { method: 'listDesigns', req: ListDesignsRequest, res: ListDesignsResponse },
  'design:get': { method: 'getDesign', req: GetDesignRequest, res: GetDesignResponse },
  'app:info': { method: 'appInfo', req: AppInfoRequest, res: AppInfoResponse },
} as const


export type DesignSummary = z.infer<typeof DesignSummarySchema>
export type VersionInfo = z.infer<typeof VersionInfoSchema>
