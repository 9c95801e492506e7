import { foldText, MEASURED_FOLD_ERROR_BY_READOUT, readoutFoldErrorTitle } from '../../../shared/engine/validation/measured-accuracy'
import type { Band, MonteCarloResult } from '../../../shared/engine/pbpk/monte-carlo'
import { selectCurrentBand, useEstimateStore } from '../../stores/estimate-store'
import { bandMatches, formatValue, targetLabel } from '../biodistribution/biodistribution-model'
import { UncertaintyControls } from '../biodistribution/uncertainty-controls'
import { RELEASE_SHARE_UNIT, releaseSegments, selectivityFormula } from './selectivity-model'
import { REPORTED_QUANTITIES, getMetric, type MetricId } from '../../../shared/metrics/registry'
import { InfoIcon } from '../../lib/info-icon'
import { VersusFreeDrugCard } from './versus-free-drug'
import './selectivity.css'

/** Label and unit of a metric, from the shared registry (shared/metrics/registry.ts). */
function metric(id: MetricId): { readonly term: string; readonly unit: string } {
  const m = getMetric(id)
  return { term: m.label, unit: m.unit }
}

/** One metric row: nominal value, unit, and the Monte Carlo band when computed. */
function Metric({ term, value, unit, band, title, accuracy }: {
  readonly term: string
  readonly value: number
  readonly unit: string
  readonly band: Band | null | undefined
  /** Hover text (the formula of the metric). */
  readonly title?: string
  /** How far held-out published values of this kind fell from the engine (measured-accuracy.ts). */
  readonly accuracy?: { readonly rows: number; readonly p80: number }
}): React.JSX.Element {
  return (
    <div className="sel-metric" title={title}>
      <dt>{term}{title ? <span className="sel-info" aria-hidden="true"> <InfoIcon /></span> : null}</dt>
      <dd aria-label={term}>
        <span className="sel-value">{formatValue(value)}{unit ? ` ${unit}` : ''}</span>
        {band ? <span className="sel-band"> 95 % band {formatValue(band.lower)}–{formatValue(band.upper)} (median {formatValue(band.median)})</span> : null}
        {accuracy ? <span className="sel-band" title={readoutFoldErrorTitle(accuracy)}> · held-out ×{foldText(accuracy.p80)} for 4 in 5</span> : null}
      </dd>
    </div>
  )
}

/**
 * Selectivity card: target versus off-target exposure, the selectivity index with its
 * formula, where the drug is released (stacked bar), blood half-life, the imaging window for
 * goal `image`, and the simulation's warnings; with 95 % bands once Monte Carlo has run.
 *
 * Why: the question behind every design change is "does more of it act where the disease
 * is?"; this card answers it in numbers a reviewer can check.
 */
export function SelectivityCard(): React.JSX.Element {
  const simulation = useEstimateStore((s) => s.simulation)
  const design = useEstimateStore((s) => s.simulatedDesign)
  const status = useEstimateStore((s) => s.status)
  const band = useEstimateStore(selectCurrentBand)
  if (!simulation) return <p className="estimate-empty">Waiting for the first estimate…</p>
  const sel = simulation.selectivity
  const bio = simulation.biodistribution
  const mc: MonteCarloResult | null = bandMatches(simulation, band) ? band : null
  const goal = design?.context.goal ?? null
  const { formula, explanation } = selectivityFormula(goal)
  const segments = releaseSegments(sel)
  const total = segments.reduce((sum, s) => sum + Math.max(0, s.percent), 0)
  const horizonH = bio.timesH[bio.timesH.length - 1] ?? 0
  const imaging = bio.imaging

  return (
    <div className={`selectivity-card${status === 'running' ? ' is-updating' : ''}`} aria-busy={status === 'running'}>
      {status === 'running' ? <p className="estimate-note bd-updating">Estimating…</p> : null}
      <dl className="sel-metrics">
        <div className="sel-metric">
          <dt>Target tissue</dt>
          <dd aria-label="Target tissue">{targetLabel(sel.targetTissue)}</dd>
        </div>
        <Metric {...metric('targetAucPercentDoseH')} value={sel.targetAucPercentDoseH} band={mc?.selectivity.targetAucPercentDoseH} />
        <Metric {...metric('selectivityIndex')} value={sel.selectivityIndex} band={mc?.selectivity.selectivityIndex} title={`${formula}. ${explanation}`} />
        <Metric {...metric('targetToLiverSpleenAucRatio')} value={sel.targetToLiverSpleenAucRatio} band={mc?.selectivity.targetToLiverSpleenAucRatio} />
        {/* Not a registry metric (no optimiser or sensitivity reads it): the peak and its time. */}
        <Metric term={REPORTED_QUANTITIES.targetPeakPercentDose.label} value={sel.targetPeakPercentDose} unit={`${REPORTED_QUANTITIES.targetPeakPercentDose.unit} at ${formatValue(sel.targetPeakTimeH)} h`} band={mc?.selectivity.targetPeakPercentDose} />
        <Metric {...metric('bloodHalfLifeH')} value={bio.bloodHalfLifeH} band={mc?.bloodHalfLifeH} accuracy={MEASURED_FOLD_ERROR_BY_READOUT.blood} />
      </dl>
      <details className="sel-formula">
        <summary title={`${formula}. ${explanation}`}>How is the selectivity index computed?</summary>
        <p><code>{formula}</code></p>
        <p>{explanation}</p>
      </details>

      <section className="sel-release" aria-label="Drug released by the horizon">
        <h3>Drug released by {formatValue(horizonH)} h ({RELEASE_SHARE_UNIT})</h3>
        {sel.drugReleaseCoupled ? (
          <>
            <div className="sel-bar" role="img" aria-label={segments.map((s) => `${s.label} ${formatValue(s.percent)} %`).join(', ')}>
              {segments.map((s) => (
                <div key={s.key} className="sel-bar-segment" title={`${s.label}: ${formatValue(s.percent)} %`} style={{ width: `${total > 0 ? (100 * Math.max(0, s.percent)) / total : 0}%`, background: s.colour }} />
              ))}
            </div>
            <ul className="sel-bar-legend">
              {segments.map((s) => {
                const b = s.key === 'target' ? mc?.selectivity.drugReleasedInTargetPercentDose
                  : s.key === 'blood' ? mc?.selectivity.drugReleasedInBloodPercentDose
                    : s.key === 'offTarget' ? mc?.selectivity.drugReleasedOffTargetPercentDose : undefined
                return (
                  <li key={s.key}>
                    <span className="sel-swatch" style={{ background: s.colour }} aria-hidden="true" />
                    {s.label}: <span aria-label={`${s.label} (${RELEASE_SHARE_UNIT})`}>{formatValue(s.percent)} %</span>
                    {b ? <span className="sel-band"> (95 % band {formatValue(b.lower)}–{formatValue(b.upper)})</span> : null}
                  </li>
                )
              })}
            </ul>
          </>
        ) : (
          <p className="estimate-note">No release estimate for this payload, so drug release by site is not computed.</p>
        )}
      </section>

      {goal === 'image' ? (
        <section className="sel-imaging" aria-label="Imaging window">
          <h3>Imaging window</h3>
          {imaging ? (
            <p>
              Best time <strong>{formatValue(imaging.bestTimeH)} h</strong>, target-to-background (per g, vs {imaging.backgroundTissue}){' '}
              <strong>{formatValue(imaging.bestTargetToBackground)}</strong>; window {formatValue(imaging.windowStartH)}–{formatValue(imaging.windowEndH)} h.
            </p>
          ) : (
            <p className="estimate-note">No imaging window: this disease has no target tissue in the model.</p>
          )}
        </section>
      ) : null}

      <VersusFreeDrugCard />

      <UncertaintyControls />

      <section className="sel-warnings" aria-label="Simulation warnings">
        <h3>Warnings</h3>
        {simulation.warnings.length === 0 ? (
          <p className="estimate-note">None: the design is inside the range the models were built on.</p>
        ) : (
          <ul>{simulation.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        )}
      </section>
    </div>
  )
}
