import { z } from 'zod'
import { DOSE_BASIS_IDS, SPECIES_IDS } from '../../catalog/ids'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../../engine/pbpk/types'
import { RELEASE_METHOD_KINDS } from '../../engine/release/in-vitro'
import { SafeText, StrictIsoDate } from '../text'
import { SpecLimitInput, SpecLimitSchema } from '../../quality/specs'
import { CQA_ATTRIBUTE_IDS, QUALITY_FIELDS, attributeOfQualityField, attributeRangeProblem, type QualityFieldId } from '../../quality/attributes'
import { BackupWarningText, DesignId, IsoTime, VersionNumber } from './design'

/**
 * Measurement channels of the IPC contract (release curves, DLS, zeta and in-vivo
 * biodistribution attached to a design version). Joined into the contract in ../contract.ts.
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

/** Most time points of one in-vivo biodistribution measurement (a study has ~3–10). */
export const MAX_BIODISTRIBUTION_TIME_POINTS = 100
/** Highest measured % of injected dose in one tissue: above 100 only by measurement error. */
export const MAX_MEASURED_PERCENT_DOSE = 120

/** Kinds of measurement the app can attach (the v2 table's four, and `quality` from schema v6). */
export const MEASUREMENT_KINDS = ['release', 'dls', 'zeta', 'biodistribution', 'quality'] as const
export const MeasurementKind = z.enum(MEASUREMENT_KINDS)

/** A calendar date `YYYY-MM-DD` that exists and is not in the future (2025-02-30 is refused). */
export const MeasuredOnDate = StrictIsoDate

/** Highest particle concentration in a release set-up, mg/mL (a 1000 mg/mL suspension is a paste). */
export const MAX_RELEASE_PARTICLE_MG_PER_ML = 1000

/**
 * How the released drug was separated from the particles. Why it is stored: a dialysis bag
 * counts drug only after it has crossed the membrane, so the engine draws what that method
 * reads beside what the particle releases (shared/engine/release/in-vitro.ts).
 */
export const ReleaseMethodData = z.object({
  kind: z.enum(RELEASE_METHOD_KINDS),
  /** Particle concentration inside the bag (donor), mg/mL; the catalog prior when absent. */
  particleConcentrationMgPerMl: z.number().gt(0, 'particle concentration is > 0 mg/mL')
    .max(MAX_RELEASE_PARTICLE_MG_PER_ML, `particle concentration is at most ${MAX_RELEASE_PARTICLE_MG_PER_ML} mg/mL`).optional(),
}).strict()

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
  timeUnitOriginal: SafeText({ max: 20 }).optional(),
  /** Name of the file the data came from. */
  sourceName: SafeText({ max: 260 }).optional(),
  /** Column headers of the replicates in the original file (CSV header cells: free text). */
  replicateNames: z.array(SafeText({ max: 100 })).max(MAX_RELEASE_REPLICATES).optional(),
  /** The release set-up (absent in measurements stored before it existed). */
  releaseMethod: ReleaseMethodData.optional(),
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

/**
 * Quality attributes measured on a batch that no other kind carries (shared/quality/
 * attributes.ts: encapsulation efficiency, drug loading, free drug, endotoxin, residual solvent,
 * cholesterol mol %), any subset but at least one, each within its attribute's range; the
 * residual solvent's name and the method are optional words.
 *
 * Why one kind with optional fields rather than a kind per attribute: a lab measures them on
 * one batch together (a certificate of analysis), and one reading keeps them together.
 */
const qualityValueShape = Object.fromEntries(QUALITY_FIELDS.map((f) => {
  const a = attributeOfQualityField(f)
  return [f, z.number().superRefine((v, ctx) => {
    const problem = attributeRangeProblem(a, v)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${problem}; ${v} is not` })
  }).optional()]
})) as { [K in QualityFieldId]: z.ZodOptional<z.ZodNumber> }

export const QualityMeasurementData = z.object({
  ...qualityValueShape,
  /** Which solvent the residual-solvent value is of (ethanol, dichloromethane...). */
  residualSolventName: SafeText({ max: 100, lengthMessage: 'the solvent name is at most 100 characters' }).optional(),
  method: SafeText({ max: 200, lengthMessage: 'the method is at most 200 characters' }).optional(),
}).strict().superRefine((data, ctx) => {
  if (!QUALITY_FIELDS.some((f) => data[f] !== undefined)) {
    ctx.addIssue({ code: 'custom', path: [], message: `at least one value: ${QUALITY_FIELDS.join(', ')}` })
  }
  if (data.residualSolventName !== undefined && data.residualSolventPpm === undefined) {
    ctx.addIssue({ code: 'custom', path: ['residualSolventName'], message: 'a solvent name without a residual-solvent value (residualSolventPpm)' })
  }
})

/**
 * One tissue of an in-vivo study: mean % of injected dose (whole tissue, not per gram) at
 * each time point, and optionally its SD; `null` = not measured at that time.
 */
export const BiodistributionTissueData = z.object({
  percentInjectedDose: z.array(z.number()
    .min(0, '% of injected dose is at least 0')
    .max(MAX_MEASURED_PERCENT_DOSE, `% of injected dose is at most ${MAX_MEASURED_PERCENT_DOSE}`).nullable())
    .max(MAX_BIODISTRIBUTION_TIME_POINTS),
  sdPercentInjectedDose: z.array(z.number()
    .min(0, 'an SD is at least 0')
    .max(100, 'an SD is at most 100 % of injected dose').nullable())
    .max(MAX_BIODISTRIBUTION_TIME_POINTS).optional(),
}).strict()

/**
 * The tissues object: any subset of the engine's reported keys (BIODISTRIBUTION_KEYS), so
 * a measured liver is compared with the predicted liver and nothing else. Unknown keys are
 * refused (strict) with their name in the message.
 */
const biodistributionTissuesShape = Object.fromEntries(
  BIODISTRIBUTION_KEYS.map((k) => [k, BiodistributionTissueData.optional()]),
) as { [K in BiodistributionKey]: z.ZodOptional<typeof BiodistributionTissueData> }

/**
 * In-vivo biodistribution: species, dose (mg/kg on a drug or particle basis), time points
 * in hours and per tissue the measured % of injected dose (± SD), plus method and notes.
 *
 * Why species and dose are stored with the data: the engine's prediction is for the
 * design's own context; the comparison must be able to say when the study differs.
 */
export const BiodistributionMeasurementData = z.object({
  species: z.enum(SPECIES_IDS, { message: `species is one of ${SPECIES_IDS.join(', ')}` }),
  doseMgPerKg: z.number().gt(0, 'the dose is above 0 mg/kg').max(1000, 'the dose is at most 1000 mg/kg'),
  doseBasis: z.enum(DOSE_BASIS_IDS, { message: `the dose basis is one of ${DOSE_BASIS_IDS.join(', ')}` }),
  timesH: z.array(z.number().min(0, 'times are ≥ 0 h').max(100_000, 'times are at most 100000 h'))
    .min(1, 'at least one time point')
    .max(MAX_BIODISTRIBUTION_TIME_POINTS, `at most ${MAX_BIODISTRIBUTION_TIME_POINTS} time points`),
  tissues: z.object(biodistributionTissuesShape).strict(),
  /**
   * The assay's limit of quantification in % of injected dose (whole tissue), one for the
   * study; optional. A value at or below it (0 included) is "below the LOQ": the calibration
   * counts it as censored, P(y < LOQ) (Beal 2001, method M3), instead of refusing a 0 that a
   * log-normal likelihood cannot take (issue #14).
   */
  loqPercentInjectedDose: z.number().gt(0, 'the limit of quantification is above 0 % of injected dose')
    .max(MAX_MEASURED_PERCENT_DOSE, `the limit of quantification is at most ${MAX_MEASURED_PERCENT_DOSE} % of injected dose`).optional(),
  method: SafeText({ max: 200, lengthMessage: 'the method is at most 200 characters' }).optional(),
  notes: SafeText({ max: 2000, multiline: true, lengthMessage: 'notes are at most 2000 characters' }).optional(),
  /** Name of the file the data came from. */
  sourceName: SafeText({ max: 260 }).optional(),
  /** Unit of the time column in the original file (`min`, `h`, `d`...), converted to hours. */
  timeUnitOriginal: SafeText({ max: 20 }).optional(),
}).strict().superRefine((data, ctx) => {
  for (let i = 1; i < data.timesH.length; i++) {
    if (!(data.timesH[i]! > data.timesH[i - 1]!)) {
      ctx.addIssue({ code: 'custom', path: ['timesH', i], message: `times must increase: ${data.timesH[i]} h follows ${data.timesH[i - 1]} h` })
      break
    }
  }
  const keys = BIODISTRIBUTION_KEYS.filter((k) => data.tissues[k] !== undefined)
  if (keys.length === 0) ctx.addIssue({ code: 'custom', path: ['tissues'], message: `at least one tissue (${BIODISTRIBUTION_KEYS.join(', ')})` })
  for (const k of keys) {
    const t = data.tissues[k]!
    if (t.percentInjectedDose.length !== data.timesH.length) {
      ctx.addIssue({ code: 'custom', path: ['tissues', k, 'percentInjectedDose'], message: `has ${t.percentInjectedDose.length} values for ${data.timesH.length} time points` })
    }
    if (!t.percentInjectedDose.some((v) => v !== null)) {
      ctx.addIssue({ code: 'custom', path: ['tissues', k, 'percentInjectedDose'], message: 'every value is blank: at least one is needed' })
    }
    if (t.sdPercentInjectedDose !== undefined) {
      if (t.sdPercentInjectedDose.length !== data.timesH.length) {
        ctx.addIssue({ code: 'custom', path: ['tissues', k, 'sdPercentInjectedDose'], message: `has ${t.sdPercentInjectedDose.length} values for ${data.timesH.length} time points` })
      }
      t.sdPercentInjectedDose.forEach((sd, i) => {
        if (sd !== null && (t.percentInjectedDose[i] ?? null) === null) {
          ctx.addIssue({ code: 'custom', path: ['tissues', k, 'sdPercentInjectedDose', i], message: 'an SD without a mean value at that time' })
        }
      })
    }
  }
})

const commonFields = {
  designId: DesignId,
  version: VersionNumber,
  label: SafeText({ max: MAX_MEASUREMENT_LABEL, lengthMessage: `labels are at most ${MAX_MEASUREMENT_LABEL} characters` }),
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
  z.object({ ...commonFields, kind: z.literal('biodistribution'), data: BiodistributionMeasurementData }).strict(),
  z.object({ ...commonFields, kind: z.literal('quality'), data: QualityMeasurementData }).strict(),
])

const storedFields = {
  id: MeasurementId,
  designId: DesignId,
  version: VersionNumber,
  /** Stored labels follow the same text rule (older rows are shown escaped: electron/db/measurements.ts). */
  label: SafeText({ max: 100_000 }),
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
  z.object({ ...storedFields, kind: z.literal('biodistribution'), data: BiodistributionMeasurementData }).strict(),
  z.object({ ...storedFields, kind: z.literal('quality'), data: QualityMeasurementData }).strict(),
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

/** The specification a design is held to: its project's quality-attribute limits (electron/db/specs.ts). */
export const DesignSpecsRequest = z.object({ designId: DesignId }).strict()
export const DesignSpecsResponse = z.object({
  /** Null when the design is in no project: then no specification applies. */
  project: z.object({ projectId: z.string().max(64), name: z.string().max(200) }).strict().nullable(),
  specs: z.array(SpecLimitSchema).max(1000),
  /** The last logged change of the project's limits (null: none). */
  lastChange: z.object({ at: IsoTime, osUser: z.string().max(1000) }).strict().nullable(),
}).strict()

/**
 * Sets (or replaces) one limit of a project's specification from the app's CQA table: the same
 * store function as `nanoforge db specs set` (electron/db/specs.ts setSpecLimit), so the row and
 * its `project.spec-set` audit entry are written alike. The limit is checked here by the one
 * schema {@link SpecLimitInput} (attribute from the registry, each side inside the attribute's
 * range, min ≤ max), so a bad limit is refused at `spec.min`, `spec.max`... before the store.
 * The project is named by id (limits are per project, not per design).
 */
export const SetSpecRequest = z.object({ projectId: DesignId, spec: SpecLimitInput }).strict()
export const SetSpecResponse = z.object({ spec: SpecLimitSchema, backupWarning: BackupWarningText.optional() }).strict()

/** Removes one limit of a project (`nanoforge db specs clear`); `cleared: false` when none was set (nothing written). */
export const ClearSpecRequest = z.object({
  projectId: DesignId,
  attribute: z.enum(CQA_ATTRIBUTE_IDS, { message: `the attribute is one of ${CQA_ATTRIBUTE_IDS.join(', ')}` }),
}).strict()
export const ClearSpecResponse = z.object({ cleared: z.boolean(), backupWarning: BackupWarningText.optional() }).strict()

/** Measurement channels. Names are `domain:verb`; `method` is the function the preload exposes. */
export const measurementChannels = {
  'measurement:add': { method: 'addMeasurement', req: AddMeasurementRequest, res: AddMeasurementResponse },
  'measurement:list': { method: 'listMeasurements', req: ListMeasurementsRequest, res: ListMeasurementsResponse },
  'measurement:delete': { method: 'deleteMeasurement', req: DeleteMeasurementRequest, res: DeleteMeasurementResponse },
  'measurement:restore': { method: 'restoreMeasurement', req: RestoreMeasurementRequest, res: RestoreMeasurementResponse },
  'measurement:specs': { method: 'designSpecs', req: DesignSpecsRequest, res: DesignSpecsResponse },
  'measurement:setSpec': { method: 'setSpecLimit', req: SetSpecRequest, res: SetSpecResponse },
  'measurement:clearSpec': { method: 'clearSpecLimit', req: ClearSpecRequest, res: ClearSpecResponse },
} as const

/** A new measurement (request of `measurement:add`). */
export type NewMeasurement = z.infer<typeof NewMeasurementSchema>
/** A stored measurement. */
export type Measurement = z.infer<typeof MeasurementSchema>
/** A stored release measurement. */
export type ReleaseMeasurement = Extract<Measurement, { kind: 'release' }>
/** The data of a release measurement. */
export type ReleaseMeasurementValues = z.infer<typeof ReleaseMeasurementData>
/** The release set-up stored with a release measurement. */
export type ReleaseMethodValues = z.infer<typeof ReleaseMethodData>
/** A stored DLS reading. */
export type DlsMeasurement = Extract<Measurement, { kind: 'dls' }>
/** A stored zeta potential reading. */
export type ZetaMeasurement = Extract<Measurement, { kind: 'zeta' }>
/** A stored in-vivo biodistribution measurement. */
export type BiodistributionMeasurement = Extract<Measurement, { kind: 'biodistribution' }>
/** The data of an in-vivo biodistribution measurement. */
export type BiodistributionMeasurementValues = z.infer<typeof BiodistributionMeasurementData>
/** One tissue of an in-vivo biodistribution measurement. */
export type BiodistributionTissueValues = z.infer<typeof BiodistributionTissueData>
export type MeasurementKindId = z.infer<typeof MeasurementKind>
/** A stored quality reading (EE, drug loading, free drug, endotoxin, residual solvent, cholesterol). */
export type QualityMeasurement = Extract<Measurement, { kind: 'quality' }>
/** The data of a quality reading. */
export type QualityMeasurementValues = z.infer<typeof QualityMeasurementData>
