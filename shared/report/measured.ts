import { deriveProperties } from '../design/derived'
import type { Design } from '../design/types'
import { biodistributionInputFromDesign, bloodSampleScale, simulateBiodistribution, BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../engine/pbpk'
import { surfaceZetaMv } from '../engine/pbpk/from-design'
import { predictRelease, releaseHazard } from '../engine/release'
import type { Measurement } from '../ipc/channels/measurement'

/**
 * Measurements of a design version next to the engine's prediction for the same quantity,
 * time and tissue: the "model evaluation" part of the report (EMA/CHMP/458101/2016 asks that
 * a model's predictions be compared with observed data where they exist).
 *
 * What is compared with what, and why:
 * - release: the mean (± SD) of the replicates at each measured time against the predicted
 *   release in plasma (pH 7.4), the environment of a standard in-vitro release test in
 *   buffer at neutral pH; predicted at the measured times themselves, so no time is dropped;
 * - DLS: the Z-average against the predicted hydrodynamic diameter;
 * - zeta: against the surface zeta potential the engine takes from the catalog materials;
 * - biodistribution: each measured tissue and time against the predicted % of injected dose
 *   for the design's own species and dose (the study's are shown beside it when they differ);
 * - quality readings (EE, drug loading, endotoxin...): not here; the engine predicts none of
 *   them, and the report's CQA table sets them against the project's specifications.
 * A ratio is measured / predicted; undefined (null) when the prediction is 0.
 */

export interface ReleasePointComparison {
  readonly timeH: number
  readonly meanPct: number
  /** Sample SD of the replicates (n − 1), null with one value. */
  readonly sdPct: number | null
  readonly n: number
  readonly predictedPct: number
}

export type MeasurementComparison =
  | { readonly kind: 'release'; readonly label: string; readonly measuredOn: string | null; readonly points: ReadonlyArray<ReleasePointComparison> }
  | { readonly kind: 'dls'; readonly label: string; readonly measuredOn: string | null; readonly zAverageNm: number; readonly pdi: number; readonly predictedNm: number }
  | { readonly kind: 'zeta'; readonly label: string; readonly measuredOn: string | null; readonly zetaMv: number; readonly predictedMv: number }
  | {
    readonly kind: 'biodistribution'; readonly label: string; readonly measuredOn: string | null
    readonly species: string; readonly doseMgPerKg: number; readonly doseBasis: string
    /** True when the study's species, dose and basis are the design's. */
    readonly sameContext: boolean
    readonly points: ReadonlyArray<{ readonly tissue: BiodistributionKey; readonly timeH: number; readonly measuredPct: number; readonly sdPct: number | null; readonly predictedPct: number }>
  }

/** Mean and sample SD of the non-blank values. */
function meanSd(values: ReadonlyArray<number | null>): { mean: number; sd: number | null; n: number } | null {
  const xs = values.filter((v): v is number => v !== null)
  if (xs.length === 0) return null
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length
  if (xs.length < 2) return { mean, sd: null, n: xs.length }
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)
  return { mean, sd: Math.sqrt(variance), n: xs.length }
}

/** Every live measurement (trash excluded) compared with the prediction, oldest first. */
export function compareMeasurements(design: Design, measurements: ReadonlyArray<Measurement>): MeasurementComparison[] {
  const live = measurements.filter((m) => m.deletedAt === null)
  const out: MeasurementComparison[] = []
  for (const m of live) {
    if (m.kind === 'release') {
      const prediction = predictRelease(design, { timesH: m.data.timesH })
      const predicted = prediction.environments.plasma.fractionReleased
      const points: ReleasePointComparison[] = []
      m.data.timesH.forEach((t, i) => {
        const stats = meanSd(m.data.replicates.map((column) => column[i] ?? null))
        if (stats === null) return
        points.push({ timeH: t, meanPct: stats.mean, sdPct: stats.sd, n: stats.n, predictedPct: 100 * (predicted[i] ?? Number.NaN) })
      })
      out.push({ kind: 'release', label: m.label, measuredOn: m.measuredOn, points })
    } else if (m.kind === 'dls') {
      out.push({ kind: 'dls', label: m.label, measuredOn: m.measuredOn, zAverageNm: m.data.zAverageNm, pdi: m.data.pdi, predictedNm: deriveProperties(design).hydrodynamicDiameterNm })
    } else if (m.kind === 'zeta') {
      out.push({ kind: 'zeta', label: m.label, measuredOn: m.measuredOn, zetaMv: m.data.zetaMv, predictedMv: surfaceZetaMv(design) })
    } else if (m.kind === 'biodistribution') {
      const d = m.data
      const input = biodistributionInputFromDesign(design, deriveProperties(design), releaseHazard(design))
      const times = [...d.timesH]
      const result = simulateBiodistribution(input, { hours: Math.max(1, times[times.length - 1] ?? 1), timesH: times })
      const points = []
      // a lab's blood %ID is a sample times the blood volume: compare like with like
      const bloodScale = bloodSampleScale(result)
      for (const tissue of BIODISTRIBUTION_KEYS) {
        const t = d.tissues[tissue]
        if (t === undefined) continue
        for (let i = 0; i < times.length; i++) {
          const v = t.percentInjectedDose[i] ?? null
          if (v === null) continue
          points.push({ tissue, timeH: times[i]!, measuredPct: v, sdPct: t.sdPercentInjectedDose?.[i] ?? null, predictedPct: (result.percentDose[tissue][i] ?? Number.NaN) * (tissue === 'blood' ? bloodScale : 1) })
        }
      }
      const ctx = design.context
      out.push({
        kind: 'biodistribution', label: m.label, measuredOn: m.measuredOn, species: d.species, doseMgPerKg: d.doseMgPerKg, doseBasis: d.doseBasis,
        sameContext: d.species === ctx.species && d.doseMgPerKg === ctx.dose.mgPerKg && d.doseBasis === ctx.dose.basis,
        points,
      })
    }
  }
  return out
}

/** measured / predicted, or null when nothing is predicted. */
export function agreementRatio(measured: number, predicted: number): number | null {
  return predicted > 0 && Number.isFinite(predicted) ? measured / predicted : null
}
