import type { DerivedProperties } from '../../shared/design/derived'
import { formatQuantity } from '../../shared/design/format'
import { DERIVED_QUANTITIES, requireField } from '../../shared/design/fields'

/** One live measurement shown over the 3D view (and burnt into its PNG). */
export interface Measurement {
  readonly label: string
  readonly value: string
}

/**
 * The measurements of a design's particle as the view shows them: core Ø, shell thickness
 * (coatings plus PEG layer), hydrodynamic Ø and ligand spacing.
 *
 * Why one function: the overlay on screen and the PNG export must say the same numbers.
 */
export function viewMeasurements(d: DerivedProperties): ReadonlyArray<Measurement> {
  // Names and units from the field and derived-quantity definitions (shared/design/fields.ts).
  const core = requireField('core.diameterNm')
  const { shellThicknessNm: shell, hydrodynamicDiameterNm: hydro, ligandSpacingNm: spacing } = DERIVED_QUANTITIES
  return [
    { label: core.shortLabel ?? core.label, value: formatQuantity(d.coreRadiusNm * 2, core.unit) },
    { label: shell.label, value: formatQuantity(d.shellThicknessNm + d.pegLayerThicknessNm, shell.unit) },
    { label: hydro.shortLabel, value: formatQuantity(d.hydrodynamicDiameterNm, hydro.unit) },
    { label: spacing.label, value: d.ligandSpacingNm === null ? 'no ligands' : formatQuantity(d.ligandSpacingNm, spacing.unit) },
  ]
}
