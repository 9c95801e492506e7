import { type z } from 'zod'
import type { Result } from './result'
import { designChannels } from './channels/design'
import { libraryChannels } from './channels/library'
import { measurementChannels } from './channels/measurement'
import { profileChannels } from './channels/profile'

export * from './channels/design'
export * from './channels/library'
export * from './channels/measurement'
export * from './channels/profile'

/**
 * The one IPC contract: channel -> request schema, response schema and the name of the
 * function the preload exposes (docs/security.md §4: one contract, request and response
 * schemas per channel). Electron's ipcMain and the web host's HTTP endpoint are both
 * registered from this table, so the renderer sees one API whichever bridge is present.
 *
 * The channels are declared per domain in ./channels/ (design, library, measurement, profile) and
 * joined here; a channel name appears in exactly one domain file.
 */
export const contract = { ...designChannels, ...libraryChannels, ...measurementChannels, ...profileChannels } as const

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

