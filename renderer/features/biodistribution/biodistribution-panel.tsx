import { useMemo, useState } from 'react'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../../../shared/engine/pbpk/types'
import { betweenStudySentence, foldErrorSentence, foldText, predictionIntervalSentence, predictionIntervalShort, readoutFoldErrorTitle, tissueFoldError } from '../../../shared/engine/validation/measured-accuracy'
import { selectCurrentBand, useEstimateStore } from '../../stores/estimate-store'
import { BiodistributionChart } from './biodistribution-chart'
import {
  TISSUE_COLOURS, TISSUE_LABELS, bandMatches, buildChartModel, defaultVisibleTissues, formatBand, formatValue,
  targetKeys, targetLabel, tissueRows, viewedEstimate, type CountingView,
} from './biodistribution-model'
import { MeasuredVsPredicted, measuredPoints, useMeasuredBiodistribution } from './measured-biodistribution'
import { UncertaintyControls } from './uncertainty-controls'
import { ProfilePicker } from '../calibrate/profile-picker'
import { PublishedLikePanel } from '../published/published-like-panel'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { biodistributionChartSpec } from './biodistribution-export'
import './biodistribution.css'

/**
 * Biodistribution of the live estimate: % of injected dose per tissue over time (target
 * highlighted), tissue toggles, the Monte Carlo 95 % band when computed, and a table with
 * every tissue key as the chart's text equivalent.
 *
 * Why: this is where a scientist sees how much of the dose reaches the inflamed tissue
 * versus liver and spleen, and how sure the engine is about it.
 */
export function BiodistributionPanel(): React.JSX.Element {
  const estimate = useEstimateStore((s) => s.simulation)
  const status = useEstimateStore((s) => s.status)
  const storedBand = useEstimateStore(selectCurrentBand)
  const [chosen, setChosen] = useState<ReadonlySet<BiodistributionKey> | null>(null)
  const [logScale, setLogScale] = useState(false)
  const [counting, setCounting] = useState<CountingView>('particles')
  const viewed = useMemo(() => (estimate ? viewedEstimate(estimate, storedBand, counting) : null), [estimate, storedBand, counting])
  const simulation = viewed?.simulation ?? null
  const band = viewed?.band ?? null

  const target = simulation?.selectivity.targetTissue ?? null
  const visible = useMemo(() => (chosen ? BIODISTRIBUTION_KEYS.filter((k) => chosen.has(k)) : defaultVisibleTissues(target)), [chosen, target])
  const matchingBand = simulation && bandMatches(simulation, band) ? band : null
  const model = useMemo(() => (simulation ? buildChartModel(simulation, visible, matchingBand, logScale) : null), [simulation, visible, matchingBand, logScale])
  const measured = useMeasuredBiodistribution()
  const overlay = useMemo(() => (measured.selected ? measuredPoints(measured.selected, visible) : []), [measured.selected, visible])

  if (!simulation || !model) return <p className="estimate-empty">Waiting for the first estimate…</p>
  const bio = simulation.biodistribution
  const horizonH = bio.timesH[bio.timesH.length - 1] ?? 0
  const rows = tissueRows(simulation, horizonH, matchingBand)
  const targets = new Set(targetKeys(target))

  const toggle = (key: BiodistributionKey, on: boolean): void => {
    const next = new Set(chosen ?? visible)
    if (on) next.add(key)
    else next.delete(key)
    setChosen(next)
  }

  return (
    <div className={`biodistribution-panel${status === 'running' ? ' is-updating' : ''}`} aria-busy={status === 'running'}>
      <p className="estimate-note">
        Target: <strong>{targetLabel(target)}</strong> · blood half-life{' '}
        <span data-testid="bd-blood-half-life" data-hours={bio.bloodHalfLifeH}>{formatValue(bio.bloodHalfLifeH)} h</span>
        {status === 'running' ? <span className="bd-updating"> · Estimating…</span> : null}
        <span className="bd-accuracy" title={`${predictionIntervalSentence()} ${foldErrorSentence()} ${betweenStudySentence()}`}> · {predictionIntervalShort()}</span>
      </p>
      <fieldset className="bd-toggles">
        <legend>Tissues shown</legend>
        {BIODISTRIBUTION_KEYS.map((key) => (
          <label key={key} className={targets.has(key) ? 'bd-toggle is-target' : 'bd-toggle'}>
            <input type="checkbox" checked={visible.includes(key)} onChange={(e) => toggle(key, e.target.checked)} />
            <span className="bd-swatch" style={{ background: TISSUE_COLOURS[key] }} aria-hidden="true" />
            {TISSUE_LABELS[key]}{targets.has(key) ? ' (target)' : ''}
          </label>
        ))}
        <label className="bd-toggle bd-log">
          <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
          Log scale (% dose)
        </label>
        <label className="bd-toggle bd-counting">
          Counting{' '}
          <select value={counting} onChange={(e) => setCounting(e.target.value as CountingView)}>
            <option value="particles">Intact particles</option>
            <option value="label">Residualizing label (⁸⁹Zr, ¹¹¹In): + carrier degraded in each tissue</option>
          </select>
        </label>
      </fieldset>
      <BiodistributionChart
        model={model}
        logScale={logScale}
        measured={overlay}
        label={`Percent of injected dose${counting === 'label' ? ' seen by a residualizing label' : ''} over time (h) for ${visible.map((k) => TISSUE_LABELS[k]).join(', ') || 'no tissue'}${matchingBand ? ', with the Monte Carlo 95 % band' : ''}${overlay.length > 0 ? `, with ${overlay.length} measured points` : ''}. The table below lists the numbers.`}
      />
      <ChartExportButtons name="biodistribution chart" spec={() => biodistributionChartSpec(model, logScale, overlay, `Biodistribution, % of injected dose${counting === 'label' ? ' (residualizing label)' : ''}`)} />
      <p className="estimate-note bd-key">
        Solid line: nominal estimate{matchingBand ? ' · dashed: Monte Carlo median · shaded: 95 % band (2.5–97.5 %)' : ''} · thick line: target{overlay.length > 0 ? ' · squares: measured (± SD)' : ''}.
      </p>
      {measured.selected ? <MeasuredVsPredicted simulation={simulation} counting={counting} measurements={measured.measurements} selected={measured.selected} onSelect={measured.select} /> : null}
      <UncertaintyControls />
      <ProfilePicker />
      <table className="bd-table" aria-label={`Percent of dose per tissue at ${formatValue(horizonH)} h`}>
        <thead>
          <tr>
            <th scope="col">Tissue</th>
            <th scope="col">% dose at {formatValue(horizonH)} h</th>
            <th scope="col">AUC 0–{formatValue(horizonH)} h (%ID·h{counting === 'label' ? ', intact particles' : ''})</th>
            <th scope="col">Peak % dose (time, h)</th>
            {matchingBand ? <th scope="col">% dose band: median (2.5–97.5 %)</th> : null}
            {matchingBand ? <th scope="col">AUC band: median (2.5–97.5 %)</th> : null}
            <th scope="col" title="How far published values of this tissue fell from the engine's estimate, on held-out studies the engine was not tuned on">Held-out fold error, 4 in 5</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={r.isTarget ? 'is-target' : undefined} data-tissue={r.key}>
              <th scope="row">{r.label}{r.isTarget ? ' (target)' : ''}</th>
              <td>{formatValue(r.percentDose)}</td>
              <td>{formatValue(r.aucPercentDoseH)}</td>
              <td>{formatValue(r.peakPercentDose)} ({formatValue(r.peakTimeH)})</td>
              {r.percentDoseBand ? <td>{formatBand(r.percentDoseBand)}</td> : matchingBand ? <td>—</td> : null}
              {r.aucBand ? <td>{formatBand(r.aucBand)}</td> : matchingBand ? <td>—</td> : null}
              <FoldErrorCell tissue={r.key} />
            </tr>
          ))}
        </tbody>
      </table>
      <PublishedLikePanel />
    </div>
  )
}

/** The held-out fold error of a tissue (measured-accuracy.ts), or why there is none. */
function FoldErrorCell({ tissue }: { readonly tissue: string }): React.JSX.Element {
  const f = tissueFoldError(tissue)
  if (f === null) return <td title="No held-out published values of this tissue: the engine's accuracy here is not measured">not measured</td>
  return <td title={readoutFoldErrorTitle(f)}>×{foldText(f.p80)} ({f.rows} values)</td>
}
