import { z } from 'zod'
import { CALIBRATION_PARAMETER_IDS } from '../../engine/calibrate/parameters'
import { SafeText } from '../text'
import { BackupWarningText, IsoTime, VersionNumber } from './design'

/**
 * Calibration-profile channels of the IPC contract (issue #14: the app's Calibrate dialog and
 * the profile picker beside the estimates). Joined into the contract in ../contract.ts.
 *
 * Why the profile schemas live here (and electron/db/profiles.ts imports them): the SQLite
 * store, the CLI (`nanoforge calibrate`) and the app's `profile:save` validate a profile with
 * exactly these rules, so a profile one of them refuses is refused by all, at the same path.
 */

/** Most posterior draws a profile keeps (thinned evenly from the pooled chains). */
export const MAX_PROFILE_DRAWS = 1000

/** Profile ids are UUIDs; any short id of letters, digits and dashes is accepted. */
export const ProfileId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'profile ids are letters, digits and dashes')

const ParameterId = z.enum(CALIBRATION_PARAMETER_IDS)
const FiniteNumber = z.number().finite()

/** A median and 95 % interval as stored (multipliers, > 0). */
const Interval = z.object({ median: FiniteNumber, ci95: z.tuple([FiniteNumber, FiniteNumber]).readonly() })

/** The contract summary of the calibration (shared/engine/calibrate/summary.ts) plus the LOSO folds. */
export const ProfileSummarySchema = z.object({
  parameters: z.partialRecord(ParameterId, z.object({
    prior: Interval,
    posterior: Interval.nullable(),
    informed: z.boolean(),
    widthRatio: FiniteNumber.nullable(),
  })),
  within2Fold: z.object({ before: FiniteNumber.nullable(), after: FiniteNumber.nullable(), leaveOneOut: FiniteNumber.nullable() }),
  notIdentifiable: z.array(z.string()).readonly(),
  leaveOneOut: z.object({
    folds: z.array(z.object({
      heldOut: z.string(),
      points: z.number().int().min(0),
      before: FiniteNumber.nullable(),
      after: FiniteNumber.nullable(),
    })),
    failedFolds: z.array(z.string()),
  }).nullable(),
})

/** Thinned posterior draws: `ln[d][j]` = ln multiplier of `sampled[j]` in draw d. */
export const ProfileDrawsSchema = z.object({
  sampled: z.array(ParameterId),
  ln: z.array(z.array(FiniteNumber)).min(1).max(MAX_PROFILE_DRAWS),
}).superRefine((d, ctx) => {
  d.ln.forEach((row, i) => {
    if (row.length !== d.sampled.length) ctx.addIssue({ code: 'custom', path: ['ln', i], message: `a draw has ${row.length} values for ${d.sampled.length} sampled parameters` })
  })
})

/** Diagnostics of the run that produced the profile (always a converged one). */
export const ProfileDiagnosticsSchema = z.object({
  rHatMax: FiniteNumber,
  essMin: FiniteNumber,
  converged: z.literal(true),
  chains: z.number().int().min(2),
  warmup: z.number().int().min(0),
  draws: z.number().int().min(1),
  acceptance: z.array(FiniteNumber),
  evaluations: z.number().int().min(0),
  rHatLimit: FiniteNumber,
  essLimit: FiniteNumber,
  engineFailures: z.number().int().min(0),
})

/** The designs a profile was learned on: the "far from the profile" warning compares with these. */
export const ProfileDomainSchema = z.object({
  hydrodynamicDiameterNm: z.tuple([FiniteNumber, FiniteNumber]).readonly(),
  coreMaterials: z.array(z.string()).readonly(),
  surfaces: z.array(z.string()).readonly(),
  species: z.array(z.string()).readonly(),
  diseases: z.array(z.string()).readonly(),
})

/** Where a profile's evidence came from. */
export const ProfileProvenanceSchema = z.object({
  designs: z.array(z.object({ designId: z.string(), versions: z.array(z.number().int().min(1)) })).min(1),
  measurements: z.array(z.object({ id: z.string(), designId: z.string(), version: z.number().int().min(1), kind: z.enum(['biodistribution', 'release']) })).min(1),
  observations: z.number().int().min(0),
  errorModel: z.record(z.string(), z.unknown()),
  domain: ProfileDomainSchema,
})

/** What the caller gives to save a profile (the store adds id, version and created_at). */
export const NewProfileSchema = z.object({
  name: SafeText({ min: 1, max: 200, trim: true, lengthMessage: 'a profile name has 1 to 200 characters' }),
  engineVersion: z.string().min(1).max(64),
  seed: z.number().int().min(0).max(0xffffffff),
  parameters: z.array(ParameterId).min(1),
  summary: ProfileSummarySchema,
  draws: ProfileDrawsSchema,
  diagnostics: ProfileDiagnosticsSchema,
  provenance: ProfileProvenanceSchema,
}).strict()

/** A profile to save. */
export type NewCalibrationProfile = z.input<typeof NewProfileSchema>

/** A stored profile (as the store and `profile:get` return it). */
export const CalibrationProfileSchema = NewProfileSchema.extend({
  id: ProfileId,
  version: VersionNumber,
  createdAt: IsoTime,
}).strict()

/** A stored profile. */
export interface CalibrationProfile extends z.output<typeof NewProfileSchema> {
  readonly id: string
  readonly version: number
  readonly createdAt: string
}

/** One line of the profile listing (no draws); `problem` when this build cannot read the row (listed, never hidden). */
export const ProfileListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  engineVersion: z.string(),
  seed: z.number().int(),
  parameters: z.array(z.string()).readonly(),
  designs: z.number().int().min(0),
  measurements: z.number().int().min(0),
  within2Fold: z.object({ before: FiniteNumber.nullable(), after: FiniteNumber.nullable(), leaveOneOut: FiniteNumber.nullable() }).nullable(),
  problem: z.string().optional(),
}).strict()

/** One line of the profile listing. */
export type CalibrationProfileListItem = z.infer<typeof ProfileListItemSchema>

export const ListProfilesRequest = z.object({}).strict()
export const ListProfilesResponse = z.object({ items: z.array(ProfileListItemSchema).max(100_000) }).strict()

export const GetProfileRequest = z.object({ id: ProfileId }).strict()
export const GetProfileResponse = z.object({ profile: CalibrationProfileSchema }).strict()

/**
 * Saves a calibration the app ran (the Calibrate dialog's worker) as the next version of its
 * name. The host validates it with {@link NewProfileSchema} and checks that every design and
 * measurement of its provenance is in the library (a profile never cites data it cannot show).
 */
export const SaveProfileRequest = z.object({ profile: NewProfileSchema }).strict()
export const SaveProfileResponse = z.object({ profile: ProfileListItemSchema, backupWarning: BackupWarningText.optional() }).strict()

/** Profile channels. Names are `domain:verb`; `method` is the function the preload exposes. */
export const profileChannels = {
  'profile:list': { method: 'listProfiles', req: ListProfilesRequest, res: ListProfilesResponse },
  'profile:get': { method: 'getProfile', req: GetProfileRequest, res: GetProfileResponse },
  'profile:save': { method: 'saveProfile', req: SaveProfileRequest, res: SaveProfileResponse },
} as const
