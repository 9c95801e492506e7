import { useId } from 'react'
import { formatQuantity } from '../../../shared/design/format'
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
        ['Hydrodynamic diameter', formatQuantity(derived.hydrodynamicDiameterNm, 'nm')],
        ['Shell thickness', formatQuantity(derived.shellThicknessNm + derived.pegLayerThicknessNm, 'nm')],
        ['PEG layer thickness', formatQuantity(derived.pegLayerThicknessNm, 'nm')],
        ['PEG regime', derived.pegRegime === 'none' ? 'no PEG' : derived.pegRegime],
        ...(derived.bilayerPhase !== null ? [['Bilayer at 37 °C', BILAYER_PHASE_TEXT[derived.bilayerPhase]] as const] : []),
        ['Ligands per particle', formatQuantity(derived.ligandsPerParticle)],
        ['Ligand spacing', formatQuantity(derived.ligandSpacingNm, 'nm')],
        ['Surface area', formatQuantity(derived.surfaceAreaNm2, 'nm²')],
        ['Particles per mg', formatQuantity(derived.particlesPerMg)],
        ['Drug molecules per particle', formatQuantity(derived.drugMoleculesPerParticle)],
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
