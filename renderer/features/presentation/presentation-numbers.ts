import type { DerivedProperties } from '../../../shared/design/derived'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { formatQuantity } from '../design-form/derived-panel'

/** One big number on the presentation screen. */
export interface KeyNumber {
  readonly label: string
  readonly value: string
}

/**
 * The key numbers of one design for a meeting room: size, corona, ligands and, when the
 * estimate belongs to this design, its selectivity.
 *
 * Why: a handful of large, labelled numbers is what the back row can read; the estimate is
 * shown only when it was computed for exactly this design, never a stale one.
 */
export function keyNumbers(derived: DerivedProperties, simulation: DesignSimulation | null): ReadonlyArray<KeyNumber> {
  const rows: KeyNumber[] = [
    { label: 'Hydrodynamic diameter', value: formatQuantity(derived.hydrodynamicDiameterNm, 'nm') },
    { label: 'Core diameter', value: formatQuantity(derived.coreRadiusNm * 2, 'nm') },
    { label: 'PEG regime', value: derived.pegRegime === 'none' ? 'no PEG' : derived.pegRegime },
    { label: 'Ligands per particle', value: formatQuantity(derived.ligandsPerParticle) },
  ]
  if (simulation) {
    const sel = simulation.selectivity
    rows.push(
      { label: 'Selectivity index', value: formatQuantity(sel.selectivityIndex) },
      { label: `Target AUC${sel.targetTissue ? ` (${sel.targetTissue})` : ''}`, value: formatQuantity(sel.targetAucPercentDoseH, '%dose·h') },
      { label: 'Target : liver+spleen AUC', value: formatQuantity(sel.targetToLiverSpleenAucRatio) },
    )
  }
  return rows
}
