import { z } from 'zod'
import { DesignId, IsoTime, VersionNumber } from './design'

/**
 * Measurement channels of the IPC contract (release curves, DLS, zeta attached to a design
 * version). Joined into the contract in ../contract.ts.
 *
 * Why the data schemas live here: the IPC request, the SQLite store (electron/db/
 * measurements.ts) and the CLI all validate a measurement with exactly these rules, so a
 * file that the app refuses is refused everywhere with the same paths and words.
 */

/** Most time points one release profile may hold (a dense lab series has ~30). */
export const MAX_RELEASE_TIME_POINTS = 1000
/** Most replicate columns one release profile may hold (f2 needs 12 units per product). */
export const MAX_RELEASE_REPLICATES = 48
/** Most live measurements on one design version (protects the list and the renderer). */
export const MAX_MEASUREMENTS_PER_VERSION = 200
/** Longest measurement label, characters. */
export const MAX_MEASUREMENT_LABEL = 200

/** Measurement ids are UUIDs; any short id of letters, digits and dashes is accepted. */
export const MeasurementId = z.string().min(1).max(64).regex(/^[A-Za-z0-9-]+$/, 'measurement ids are letters, digits and dashes')

/** Kinds of measurement the app can attach (the v2 table also reserves `biodistribution`). */
export const MEASUREMENT_KINDS = ['release', 'dls', 'zeta'] as const
export const MeasurementKind = z.enum(MEASUREMENT_KINDS)

/** A calendar date `YYYY-MM-DD` that exists (2025-02-30 is refused). */
export const MeasuredOnDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}, 'not a calendar date')

/**
 * A measured release profile: time points in hours and replicate columns of % released
 * (`null` = blank cell). Times are ≥ 0 and strictly increasing; every replicate has one cell
 * per time and at least one value somewhere.
 */
export const ReleaseMeasurementData = z.object({
  timesH: z.array(z.number().min(0, 'times are ≥ 0 h').max(1_000_000, 'times are at most 1e6 h'))
    .min(1, 'at least one time point').max(MAX_RELEASE_TIME_POINTS, `at most ${MAX_RELEASE_TIME_POINTS} time points`),
  replicates: z.array(
    z.array(z.number().min(-100, '% released is at least -100').max(1000, '% released is at most 1000').nullable())
      .max(MAX_RELEASE_TIME_POINTS),
  ).min(1, 'at least one replicate column').max(MAX_RELEASE_REPLICATES, `at most ${MAX_RELEASE_REPLICATES} replicates`),
  /** Unit of the time column in the original file (`min`, `h`, `d`...), converted to hours. */
  timeUnitOriginal: z.string().max(20).optional(),
  /** Name of the file the data came from. */
  sourceName: z.string().max(260).optional(),
  /** Column headers of the replicates in the original file. */
  replicateNames: z.array(z.string().max(100)).max(MAX_RELEASE_REPLICATES).optional(),
}).strict().superRefine((data, ctx) => {
  for (let i = 1; i < data.timesH.length; i++) {
    if (!(data.timesH[i]! > data.timesH[i - 1]!)) {
      ctx.addIssue({ code: 'custom', path: ['timesH', i], message: `times must increase: ${data.timesH[i]} h follows ${data.timesH[i - 1]} h` })
      break
    }
  }
  data.replicates.forEach((column, j) => {
    if (column.length !== data.timesH.length) {
      ctx.addIssue({ code: 'custom', path: ['replicates', j], message: `has ${column.length} cells for ${data.timesH.length} time points` })
    }
  })
  if (data.replicateNames !== undefined && data.replicateNames.length !== data.replicates.length) {
    ctx.addIssue({ code: 'custom', path: ['replicateNames'], message: `names ${data.replicateNames.length} columns for ${data.replicates.length} replicates` })
  }
  if (!data.replicates.some((column) => column.some((v) => v !== null))) {
    ctx.addIssue({ code: 'custom', path: ['replicates'], message: 'every cell is blank: at least one value is needed' })
  }
})

/** Dynamic light scattering: intensity-weighted Z-average diameter and polydispersity index. */
export const DlsMeasurementData = z.object({
  zAverageNm: z.number().gt(0, 'the Z-average is above 0 nm').max(100_000, 'the Z-average is at most 100000 nm'),
  pdi: z.number().min(0, 'the PDI is between 0 and 1').max(1, 'the PDI is between 0 and 1'),
}).strict()

/** Zeta potential, mV. */
export const ZetaMeasurementData = z.object({
  zetaMv: z.number().min(-500, 'zeta potential is between -500 and 500 mV').max(500, 'zeta potential is between -500 and 500 mV'),
}).strict()

const commonFields = {
  designId: DesignId,
  version: VersionNumber,
  label: z.string().max(MAX_MEASUREMENT_LABEL, `labels are at most ${MAX_MEASUREMENT_LABEL} characters`),
  /** The day the sample was measured (not when it was typed in); optional. */
  measuredOn: MeasuredOnDate.optional(),
}

/**
 * A new measurement: which design version, what kind, and its data validated per kind.
 *
 * Why a discriminated union: a release profile, a DLS reading and a zeta reading share the
 * envelope but nothing else; zod reports problems at paths such as `data.replicates.0`.
 */
export const NewMeasurementSchema = z.discriminatedUnion('kind', [
  z.object({ ...commonFields, kind: z.literal('release'), data: ReleaseMeasurementData }).strict(),
  z.object({ ...commonFields, kind: z.literal('dls'), data: DlsMeasurementData }).strict(),
  z.object({ ...commonFields, kind: z.literal('zeta'), data: ZetaMeasurementData }).strict(),
])

const storedFields = {
  id: MeasurementId,
  designId: DesignId,
  version: VersionNumber,
  label: z.string(),
  measuredOn: z.string().nullable(),
  createdAt: IsoTime,
  /** Set when the measurement is in the trash (restorable). */
  deletedAt: IsoTime.nullable(),
}

/** A stored measurement as the host returns it. */
export const MeasurementSchema = z.discriminatedUnion('kind', [
  z.object({ ...storedFields, kind: z.literal('release'), data: ReleaseMeasurementData }).strict(),
  z.object({ ...storedFields, kind: z.literal('dls'), data: DlsMeasurementData }).strict(),
  z.object({ ...storedFields, kind: z.literal('zeta'), data: ZetaMeasurementData }).strict(),
])

export const AddMeasurementRequest = NewMeasurementSchema
export const AddMeasurementResponse = z.object({ measurement: MeasurementSchema }).strict()

export const ListMeasurementsRequest = z.object({
  designId: DesignId,
  /** One version; omit for every version of the design. */
  version: VersionNumber.optional(),
  kind: MeasurementKind.optional(),
  /** Also return measurements in the trash (default false). */
  includeDeleted: z.boolean().optional(),
}).strict()
export const ListMeasurementsResponse = z.object({
  items: z.array(MeasurementSchema).max(100_000),
}).strict()

export const DeleteMeasurementRequest = z.object({ id: MeasurementId }).strict()
export const DeleteMeasurementResponse = z.object({ id: MeasurementId, deletedAt: IsoTime }).strict()

export const RestoreMeasurementRequest = z.object({ id: MeasurementId }).strict()
export const RestoreMeasurementResponse = z.object({ measurement: MeasurementSchema }).strict()

/** Measurement channels. Names are `domain:verb`; `method` is the function the preload exposes. */
export const measurementChannels = {
  'measurement:add': { method: 'addMeasurement', req: AddMeasurementRequest, res: AddMeasurementResponse },
  'measurement:list': { method: 'listMeasurements', req: ListMeasurementsRequest, res: ListMeasurementsResponse },
  'measurement:delete': { method: 'deleteMeasurement', req: DeleteMeasurementRequest, res: DeleteMeasurementResponse },
  'measurement:restore': { method: 'restoreMeasurement', req: RestoreMeasurementRequest, res: RestoreMeasurementResponse },
} as const

/** A new measurement (request of `measurement:add`). */
export type NewMeasurement = z.infer<typeof NewMeasurementSchema>
/** A stored measurement. */
export type Measurement = z.infer<typeof MeasurementSchema>
/** A stored release measurement. */
export type ReleaseMeasurement = Extract<Measurement, { kind: 'release' }>
/** The data of a release measurement. */
export type ReleaseMeasurementValues = z.infer<typeof ReleaseMeasurementData>
export type MeasurementKindId = z.infer<typeof MeasurementKind>
