import { z } from 'zod'
import type { Result } from './result'

/**
 * The one IPC contract: channel -> request schema, response schema and the name of the
 * function the preload exposes (../shared/engineering/security-and-storage.md §4,
 * style-anchors convention 2). Electron's ipcMain and the web host's HTTP endpoint are both
 * registered from this table, so the renderer sees one API whichever bridge is present.
 *
 * Requests are strict (unknown keys rejected), strings and arrays bounded, numbers finite.
 * Designs travel as `unknown` and are checked by the design validator in the service, which
 * reports every problem with its JSON path instead of zod's first-failure messages.
 */

const DesignId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'design ids are letters, digits and dashes')
const VersionNumber = z.number().int().min(1).max(1_000_000)
const IsoTime = z.string().max(40)

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
  note: z.string().max(2000).optional(),
}).strict()

export const SaveDesignResponse = z.object({
  designId: DesignId,
  version: VersionNumber,
  warnings: z.array(DesignIssueSchema),
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
}).strict()

/** Channel table. Names are `domain:verb`; `method` is the function the preload exposes. */
export const contract = {
  'design:save': { method: 'saveDesign', req: SaveDesignRequest, res: SaveDesignResponse },
  'design:list': { method: 'listDesigns', req: ListDesignsRequest, res: ListDesignsResponse },
  'design:get': { method: 'getDesign', req: GetDesignRequest, res: GetDesignResponse },
  'app:info': { method: 'appInfo', req: AppInfoRequest, res: AppInfoResponse },
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelRequest<C extends Channel> = z.infer<Contract[C]['req']>
export type ChannelResponse<C extends Channel> = z.infer<Contract[C]['res']>
export type MethodName = Contract[Channel]['method']

/** Every channel, in table order. */
export const CHANNELS = Object.keys(contract) as ReadonlyArray<Channel>

/** The channel a preload method name maps to. */
export function channelOfMethod(method: string): Channel | undefined {
  return CHANNELS.find((c) => contract[c].method === method)
}

/** Server-side implementation of every channel (Electron main and web host share one). */
export type Handlers = {
  readonly [C in Channel]: (req: ChannelRequest<C>) => Promise<Result<ChannelResponse<C>>> | Result<ChannelResponse<C>>
}

/** The API the renderer sees, exposed by the preload as `window.nanoApi` or by the HTTP bridge. */
export type NanoApi = {
  readonly [C in Channel as Contract[C]['method']]: (req: ChannelRequest<C>) => Promise<Result<ChannelResponse<C>>>
}

export type DesignSummary = z.infer<typeof DesignSummarySchema>
export type VersionInfo = z.infer<typeof VersionInfoSchema>
