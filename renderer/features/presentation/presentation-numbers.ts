import type { DerivedProperties } from '../../../shared/design/derived'
import type { Band, MonteCarloResult } from '../../../shared/engine/pbpk/monte-carlo'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { formatQuantity } from '../../../shared/design/format'
import { DERIVED_QUANTITIES, requireField } from '../../../shared/design/fields'
import { targetLabel } from '../biodistribution/biodistribution-model'
import { METRIC_BY_ID, type MetricDefinition, type MetricId } from '../../../shared/metrics/registry'

/** One big number on the presentation screen. */
export interface KeyNumber {
  readonly label: string
  /** The number as people read it (×10ⁿ when very large or small), without its unit. */
  readonly value: string
  /** Unit printed after the number ("nm", "h", "%ID·h"); empty for a pure number. */
  readonly unit: string
  /** "95 % band 1.2–3.4" when a Monte Carlo band of this exact design is known. */
  readonly band?: string
  /** Outcome metrics (engine estimates) versus the particle's own geometry. */
  readonly kind: 'geometry' | 'outcome'
}

function bandText(band: Band | undefined, unit: string): string | undefined {
  if (!band) return undefined
  return `95 % band ${formatQuantity(band.lower)}–${formatQuantity(band.upper)}${unit ? ` ${unit}` : ''}`
}

/**
 * The outcome metrics a review compares: selectivity index, blood half-life, target AUC and
 * drug released in the target, each with its Monte Carlo band when one was computed for this
 * design (never another's).
 *
 * Why these four: they answer "does it get there, how long does it circulate, how much
 * arrives, and is the drug freed where it is needed" — the trade-offs a design review weighs.
 */
export function outcomeNumbers(simulation: DesignSimulation, band: MonteCarloResult | null): ReadonlyArray<KeyNumber> {
  const sel = simulation.selectivity
  const target = sel.targetTissue ? ` (${targetLabel(sel.targetTissue)})` : ''
  // Labels and units from the shared metric registry (one spelling with the compare table and the CLI).
  const m = (id: MetricId): MetricDefinition => METRIC_BY_ID[id]
  const si = m('selectivityIndex')
  const half = m('bloodHalfLifeH')
  const auc = m('targetAucPercentDoseH')
  const drug = m('drugReleasedInTargetPercentDose')
  return [
    { kind: 'outcome', label: si.label, value: formatQuantity(sel.selectivityIndex), unit: si.unit, band: bandText(band?.selectivity.selectivityIndex, si.unit) },
    { kind: 'outcome', label: half.label, value: formatQuantity(simulation.biodistribution.bloodHalfLifeH), unit: half.unit, band: bandText(band?.bloodHalfLifeH, half.unit) },
    { kind: 'outcome', label: `${auc.label}${target}`, value: formatQuantity(sel.targetAucPercentDoseH), unit: auc.unit, band: bandText(band?.selectivity.targetAucPercentDoseH, auc.unit) },
    { kind: 'outcome', label: drug.label, value: formatQuantity(sel.drugReleasedInTargetPercentDose), unit: drug.unit, band: bandText(band?.selectivity.drugReleasedInTargetPercentDose, drug.unit) },
  ]
}

/**
 * The key numbers of one design for a meeting room: sizes first (and, unless `compact` for
 * side by side, PEG regime and ligands), then — when the
 * estimate belongs to this design — the outcome metrics with their bands.
 *
 * Why: a handful of large, labelled numbers is what the back row can read; the estimate is
 * shown only when it was computed for exactly this design, never a stale one.
 */
export function keyNumbers(derived: DerivedProperties, simulation: DesignSimulation | null, band: MonteCarloResult | null = null, compact = false): ReadonlyArray<KeyNumber> {
  // Labels and units from the field and derived-quantity definitions (shared/design/fields.ts).
  const { hydrodynamicDiameterNm: hydro, pegRegime, ligandsPerParticle } = DERIVED_QUANTITIES
  const core = requireField('core.diameterNm')
  // Side by side the diameters use their short names ("Hydrodynamic Ø", "Core Ø", as the 3D
  // view's measurements): the long name wrapped onto a second line in a narrow card.
  const name = (def: { readonly label: string; readonly shortLabel?: string }): string => (compact ? def.shortLabel ?? def.label : def.label)
  const geometry: KeyNumber[] = [
    { kind: 'geometry', label: name(hydro), value: formatQuantity(derived.hydrodynamicDiameterNm), unit: hydro.unit },
    { kind: 'geometry', label: name(core), value: formatQuantity(derived.coreRadiusNm * 2), unit: core.unit },
  ]
  if (!compact) {
    geometry.push(
      { kind: 'geometry', label: pegRegime.label, value: derived.pegRegime === 'none' ? 'no PEG' : derived.pegRegime, unit: '' },
      { kind: 'geometry', label: ligandsPerParticle.label, value: formatQuantity(derived.ligandsPerParticle), unit: '' },
    )
  }
  return simulation ? [...geometry, ...outcomeNumbers(simulation, band)] : geometry
}
