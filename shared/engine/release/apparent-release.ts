/**
 * The release a published experiment would read for a design (issue #10 item 4): the
 * particle's release (predict.ts, plasma buffer pH 7.4) passed through the measurement model
 * of in-vitro.ts with the experiment's method. The numbers a paper does not state come from
 * resources/catalog/release.json `inVitro`, each listed as an assumption.
 */
import type { Design } from '../../design/types'
import { getCore, getDrug } from '../../catalog/index'
import { RELEASE_CATALOG, type Quantity } from './catalog'
import {
  apparentFractions, crossesMembrane, firstOrderRateFromControl, freeShareInDonor,
  type InVitroConditions, type ReleaseMethodKind,
} from './in-vitro'
import { releasedFractionFunction } from './predict'
import type { ReleaseAssumption } from './types'

/** What an experiment states about its set-up; null/absent numbers take the catalog priors. */
export interface ReleaseMethod {
  readonly kind: ReleaseMethodKind
  /** Particle concentration inside the donor (bag), mg/mL. */
  readonly particleConcentrationMgPerMl?: number | null
  /** The paper's own free-drug control through the same membrane. */
  readonly freeDrugControl?: { readonly timesH: ReadonlyArray<number>; readonly fractionCrossed: ReadonlyArray<number> } | null
}

/** The apparent (measured) release of a design under a method. */
export interface ApparentRelease {
  readonly timesH: number[]
  /** Fraction counted in the receptor at each time. */
  readonly fractionObserved: number[]
  /** The particle's own release at the same times (what the engine passes to the body model). */
  readonly fractionReleased: number[]
  readonly conditions: InVitroConditions
  /** Share of released drug free in the donor water, f_u. */
  readonly freeShare: number
  readonly assumptions: ReleaseAssumption[]
}

function assumed(list: ReleaseAssumption[], parameter: string, q: Quantity): number {
  list.push({ parameter, value: q.value, unit: q.unit, source: q.source, evidence: q.evidence, ...(q.note ? { note: q.note } : {}) })
  return q.value
}

/**
 * Conditions of the measurement model for a design and method: k_m from the row's free-drug
 * control when it has one, else the catalog prior; K_pw = 10^(s·logP) (1 for drugs without a
 * logP: peptides and nucleic acids are not taken up by the matrix from water); φ = particle
 * concentration / (core density × 1000 mg/cm³).
 */
export function inVitroConditionsFor(design: Design, method: ReleaseMethod): { conditions: InVitroConditions; assumptions: ReleaseAssumption[] } {
  const assumptions: ReleaseAssumption[] = []
  const iv = RELEASE_CATALOG.inVitro
  const membraneRatePerH = method.freeDrugControl
    ? firstOrderRateFromControl(method.freeDrugControl.timesH, method.freeDrugControl.fractionCrossed)
    : crossesMembrane(method.kind) ? assumed(assumptions, 'inVitro.membraneRatePerH', iv.membraneRatePerH) : Infinity
  const logP = getDrug(design.payload.drug).logP?.value
  const slope = logP === undefined ? 0 : assumed(assumptions, 'inVitro.partitionLog10PerLogP', iv.partitionLog10PerLogP)
  const partitionCoefficient = logP === undefined ? 1 : Math.pow(10, slope * logP)
  const concentration = method.particleConcentrationMgPerMl ?? assumed(assumptions, 'inVitro.particleConcentrationMgPerMl', iv.particleConcentrationMgPerMl)
  if (!(concentration >= 0)) throw new Error(`particle concentration must be ≥ 0 mg/mL, got ${concentration}`)
  const densityMgPerMl = getCore(design.core.material).densityGPerCm3.value * 1000
  return {
    conditions: { kind: method.kind, membraneRatePerH, partitionCoefficient, particleVolumeFraction: concentration / densityMgPerMl },
    assumptions,
  }
}

/** The release an experiment with `method` would read for `design` at `timesH` (h, any order). */
export function predictApparentRelease(design: Design, method: ReleaseMethod, timesH: ReadonlyArray<number>): ApparentRelease {
  const { conditions, assumptions } = inVitroConditionsFor(design, method)
  const releasedAt = releasedFractionFunction(design, 'plasma')
  const fractionObserved = apparentFractions(releasedAt, timesH, conditions)
  return {
    timesH: [...timesH],
    fractionObserved,
    fractionReleased: timesH.map((t) => (t > 0 ? releasedAt(t) : 0)),
    conditions,
    freeShare: freeShareInDonor(conditions.partitionCoefficient, conditions.particleVolumeFraction),
    assumptions,
  }
}

/** Longest time searched for a crossing, h (10 years). */
export const APPARENT_SEARCH_LIMIT_H = 24 * 3650

/**
 * First time the apparent (measured) release reaches `fraction`, h; Infinity if not within
 * 10 years. One integration on the internal geometric grid, then log-linear interpolation
 * between the bracketing points of a fine geometric scan, 96 per decade (the observed curve is monotone: the
 * receptor only gains drug).
 */
export function apparentTimeToFractionH(design: Design, method: ReleaseMethod, fraction: number): number {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`fraction must lie in (0, 1), got ${fraction}`)
  const { conditions } = inVitroConditionsFor(design, method)
  const releasedAt = releasedFractionFunction(design, 'plasma')
  const scan: number[] = []
  for (let t = 1e-3; t < APPARENT_SEARCH_LIMIT_H; t *= Math.pow(10, 1 / 96)) scan.push(t)
  scan.push(APPARENT_SEARCH_LIMIT_H)
  const observed = apparentFractions(releasedAt, scan, conditions)
  const i = observed.findIndex((f) => f >= fraction)
  if (i < 0) return Infinity
  if (i === 0) return scan[0] as number
  // log-linear interpolation between the bracketing grid points (spacing 2.4 %)
  const t0 = scan[i - 1] as number
  const t1 = scan[i] as number
  const f0 = observed[i - 1] as number
  const f1 = observed[i] as number
  const w = f1 > f0 ? (fraction - f0) / (f1 - f0) : 1
  return t0 * Math.pow(t1 / t0, w)
}
