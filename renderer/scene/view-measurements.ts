import type { DerivedProperties } from '../../shared/design/derived'
import { formatQuantity } from '../../shared/design/format'

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
  return [
    { label: 'Core Ø', value: formatQuantity(d.coreRadiusNm * 2, 'nm') },
    { label: 'Shell thickness', value: formatQuantity(d.shellThicknessNm + d.pegLayerThicknessNm, 'nm') },
    { label: 'Hydrodynamic Ø', value: formatQuantity(d.hydrodynamicDiameterNm, 'nm') },
    { label: 'Ligand spacing', value: d.ligandSpacingNm === null ? 'no ligands' : formatQuantity(d.ligandSpacingNm, 'nm') },
  ]
}
