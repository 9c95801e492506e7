import { useId } from 'react'
import { formatQuantity } from '../../../shared/design/format'
import { DERIVED_QUANTITIES as Q } from '../../../shared/design/fields'
import type { DerivedProperties } from '../../stores/design-store'

/** The one number formatter (×10ⁿ for large and small values), re-exported for existing callers. */
export { formatQuantity }

/** The derived bilayer phase in words (shared/design/derived.ts bilayerPhaseAt). */
const BILAYER_PHASE_TEXT: Readonly<Record<NonNullable<DerivedProperties['bilayerPhase']>, string>> = {
  fluid: 'fluid (liquid-disordered)',
  gel: 'gel (rigid)',
  'liquid-ordered': 'liquid-ordered (cholesterol-rich)',
}

/** Props of {@link DerivedPanel}. */
export interface DerivedPanelProps {
  /** Null while the design is invalid (the panel says why instead of showing stale numbers). */
  readonly derived: DerivedProperties | null
}

/**
 * The derived-properties panel: hydrodynamic diameter, shell thickness (all coatings, PEG
 * included; the PEG part on its own row), PEG regime, ligands per particle and spacing,
 * outer surface area, particles per mg and drug molecules per particle.
 *
 * Why: these are the first live estimates a scientist checks while moving a slider. Each
 * value is named by its term (aria-labelledby), so tests and screen readers read
 * "Hydrodynamic diameter: 190 nm" without depending on layout.
 */
export function DerivedPanel({ derived }: DerivedPanelProps): React.JSX.Element {
  const base = useId()
  const rows: ReadonlyArray<readonly [string, string]> = derived
    ? [
        // Names and units from the derived-quantity definitions (shared/design/fields.ts).
        [Q.hydrodynamicDiameterNm.label, formatQuantity(derived.hydrodynamicDiameterNm, Q.hydrodynamicDiameterNm.unit)],
        [Q.shellThicknessNm.label, formatQuantity(derived.shellThicknessNm + derived.pegLayerThicknessNm, Q.shellThicknessNm.unit)],
        [Q.pegLayerThicknessNm.label, formatQuantity(derived.pegLayerThicknessNm, Q.pegLayerThicknessNm.unit)],
        [Q.pegRegime.label, derived.pegRegime === 'none' ? 'no PEG' : derived.pegRegime],
        ...(derived.bilayerPhase !== null ? [[Q.bilayerPhase.label, BILAYER_PHASE_TEXT[derived.bilayerPhase]] as const] : []),
        ...(derived.bilayerOrderedShare !== null ? [[Q.bilayerOrderedShare.label, derived.bilayerOrderedShare.toFixed(2)] as const] : []),
        [Q.ligandsPerParticle.label, formatQuantity(derived.ligandsPerParticle)],
        [Q.ligandSpacingNm.label, formatQuantity(derived.ligandSpacingNm, Q.ligandSpacingNm.unit)],
        [Q.surfaceAreaNm2.label, formatQuantity(derived.surfaceAreaNm2, Q.surfaceAreaNm2.unit)],
        [Q.particlesPerMg.label, formatQuantity(derived.particlesPerMg)],
        [Q.drugMoleculesPerParticle.label, formatQuantity(derived.drugMoleculesPerParticle)],
      ]
    : []
  return (
    <section className="derived-panel" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`}>Derived properties</h2>
      {derived ? (
        <dl>
          {rows.map(([term, value], i) => (
            <div className="derived-row" key={term}>
              <dt id={`${base}-t${i}`}>{term}</dt>
              <dd aria-labelledby={`${base}-t${i}`}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="derived-empty">Fix the problems marked in the form to see derived properties.</p>
      )}
    </section>
  )
}
