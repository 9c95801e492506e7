import { useId } from 'react'
import type { DerivedProperties } from '../../stores/design-store'

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
}

/**
 * A number for people: plain with a few significant digits, or "1.2 × 10¹²" when large.
 *
 * Why: particles per mg and surface areas span many decades; scientific notation with real
 * superscripts stays readable on a projector and to screen readers.
 */
export function formatQuantity(v: number | null | undefined, unit = '', digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const abs = Math.abs(v)
  let text: string
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) {
    const exp = Math.floor(Math.log10(abs))
    const mant = v / 10 ** exp
    const sup = String(exp).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')
    text = `${mant.toFixed(Math.max(0, digits - 1))} × 10${sup}`
  } else if (Number.isInteger(v)) {
    text = v.toLocaleString('en-US')
  } else {
    const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : 2
    text = v.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: decimals > 0 ? 1 : 0 })
  }
  return unit ? `${text} ${unit}` : text
}

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
