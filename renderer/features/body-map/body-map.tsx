import { useId, useRef, useState } from 'react'
import type { BiodistributionKey } from '../../../shared/engine/pbpk/types'
import type { Band } from '../../../shared/engine/pbpk/monte-carlo'
import { selectCurrentBand, useEstimateStore } from '../../stores/estimate-store'
import { TISSUE_LABELS, bandMatches, formatValue, nearestTimeIndex, targetKeys, targetLabel } from '../biodistribution/biodistribution-model'
import {
  EXPOSURE_DECADES, EXPOSURE_METRICS, EXPOSURE_RAMP, MAPPED_TISSUES, UNMAPPED_TISSUES, exposureColour, exposureDescription,
  exposureScale, exposureUnit, exposureValues, metricIsPerGram, metricUsesTime, perGramDivisor, type ExposureMetric,
} from './body-map-model'
import { silhouetteFor, type OrganShape } from './body-shapes'
import { bodyMapCsv, bodyMapSvg } from './body-map-export'
import { chartFileStem } from '../../lib/chart-export'
import { downloadText } from '../../lib/download'
import './body-map.css'

/** Draws one shape with the organ's colour (tubes are stroked, the rest filled). */
function Shape({ shape, colour, outline }: { readonly shape: OrganShape; readonly colour: string; readonly outline: boolean }): React.JSX.Element {
  const edge = outline ? { stroke: '#ffffff', strokeWidth: 2.5, strokeDasharray: '4 2' } : { stroke: 'rgba(230, 235, 242, 0.45)', strokeWidth: 0.8 }
  switch (shape.kind) {
    case 'ellipse': return <ellipse cx={shape.cx} cy={shape.cy} rx={shape.rx} ry={shape.ry} fill={colour} {...edge} />
    case 'circle': return <circle cx={shape.cx} cy={shape.cy} r={shape.r} fill={colour} {...edge} />
    case 'rect': return <rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} fill={colour} {...edge} />
    case 'path': return <path d={shape.d} fill={colour} {...edge} />
    case 'tube': return <path d={shape.d} fill="none" stroke={outline ? '#ffffff' : colour} strokeWidth={outline ? shape.width + 1.5 : shape.width} strokeLinecap="round" />
  }
}

/**
 * Body map: a simple silhouette (human front view, or a rodent for mouse and rat) with each
 * organ coloured by its exposure — by default per gram of organ (%ID/g at a chosen time, or
 * AUC per gram, %ID·h/g), so an organ is "hot" for its concentration, not its size; or the
 * organ totals, AUC (%ID·h) over the horizon or % of dose at a chosen time — on a log colour ramp, the target outlined, and a legend. Every organ carries a
 * <title> with its value, and a ranked list beside the map says the same in words.
 *
 * Why: the picture a reviewer grasps at a glance — "most of it ends in the liver; the
 * joints get a little more than muscle" — without reading a chart.
 */
export function BodyMap(): React.JSX.Element {
  const id = useId()
  const simulation = useEstimateStore((s) => s.simulation)
  const design = useEstimateStore((s) => s.simulatedDesign)
  const status = useEstimateStore((s) => s.status)
  const band = useEstimateStore(selectCurrentBand)
  const [metric, setMetric] = useState<ExposureMetric>('perGram')
  const [timeH, setTimeH] = useState<number | null>(null)
  const mapRef = useRef<SVGSVGElement>(null)
  if (!simulation) return <p className="estimate-empty">Waiting for the first estimate…</p>

  const bio = simulation.biodistribution
  const horizonH = bio.timesH[bio.timesH.length - 1] ?? 0
  const chosenTimeH = bio.timesH[nearestTimeIndex(bio.timesH, timeH ?? Math.min(24, horizonH))] ?? 0
  const values = exposureValues(simulation, metric, chosenTimeH)
  const scale = exposureScale(MAPPED_TISSUES.map((k) => values[k]))
  const unit = exposureUnit(metric)
  const targets = new Set<BiodistributionKey>(targetKeys(simulation.selectivity.targetTissue))
  const silhouette = silhouetteFor(design?.context.species ?? null)
  const what = exposureDescription(metric, horizonH, chosenTimeH)
  const perGram = metricIsPerGram(metric)
  const ranked = [...MAPPED_TISSUES].sort((a, b) => values[b] - values[a])
  const gradientId = `${id}-ramp`
  const mc = bandMatches(simulation, band) ? band : null
  const timeIndex = nearestTimeIndex(bio.timesH, chosenTimeH)
  // Per gram: the Monte Carlo band divided by the organ mass (volumes are not sampled).
  const bandOf = (key: BiodistributionKey): Band | null => {
    if (!mc) return null
    const d = perGramDivisor(simulation, metric, key)
    if (!metricUsesTime(metric)) {
      const b = mc.aucPercentDoseH[key]
      return { median: b.median / d, lower: b.lower / d, upper: b.upper / d }
    }
    const curve = mc.percentDose[key]
    return { median: curve.median[timeIndex] / d, lower: curve.lower[timeIndex] / d, upper: curve.upper[timeIndex] / d }
  }
  const bandText = (key: BiodistributionKey): string => {
    const b = bandOf(key)
    return b ? ` (95 % band ${formatValue(b.lower)}–${formatValue(b.upper)})` : ''
  }

  const exportTitle = `Body map: ${what}`
  const rows = ranked.map((key) => ({ tissue: TISSUE_LABELS[key], value: values[key], band: bandOf(key), target: targets.has(key) }))
  const exportSvg = (): void => {
    if (!mapRef.current) return
    const lines = [
      `Log colour scale, dark to yellow: ≤ ${formatValue(scale.min)} to ${formatValue(scale.max)} ${unit}`,
      'Dashed white outline: target',
      ...ranked.map((key) => `${TISSUE_LABELS[key]}${targets.has(key) ? ' (target)' : ''}: ${formatValue(values[key])} ${unit}${bandText(key)}`),
    ]
    downloadText(bodyMapSvg(mapRef.current, exportTitle, lines), `${chartFileStem(exportTitle)}.svg`, 'image/svg+xml')
  }
  const exportCsv = (): void => downloadText(bodyMapCsv(rows, what), `${chartFileStem(exportTitle)}.csv`, 'text/csv')

  return (
    <div className={`body-map${status === 'running' ? ' is-updating' : ''}`} aria-busy={status === 'running'}>
      <div className="bm-controls">
        <fieldset className="bm-metric">
          <legend>Colour organs by</legend>
          {EXPOSURE_METRICS.map((m) => (
            <label key={m.metric}><input type="radio" name={`${id}-metric`} checked={metric === m.metric} onChange={() => setMetric(m.metric)} /> {m.label}</label>
          ))}
        </fieldset>
        <label className="bm-time" htmlFor={`${id}-time`}>Time (h)</label>
        <input
          id={`${id}-time`}
          type="range"
          min={0}
          max={bio.timesH.length - 1}
          step={1}
          value={timeIndex}
          disabled={!metricUsesTime(metric)}
          aria-valuetext={`${formatValue(chosenTimeH)} h`}
          onChange={(e) => setTimeH(bio.timesH[Number(e.target.value)] ?? 0)}
        />
        <output htmlFor={`${id}-time`} className="bm-time-value">{formatValue(chosenTimeH)} h</output>
        {status === 'running' ? <span className="bm-updating">Estimating…</span> : null}
      </div>
      <div className="bm-layout">
        <svg
          ref={mapRef}
          className={`bm-svg bm-${silhouette.name}`}
          viewBox={silhouette.viewBox}
          role="img"
          aria-label={`Body map (${silhouette.name}): organs coloured by ${what}; target ${targetLabel(simulation.selectivity.targetTissue)} outlined.`}
        >
          {MAPPED_TISSUES.map((key) => {
            const colour = exposureColour(values[key], scale)
            const isTarget = targets.has(key)
            return (
              <g key={key} className={`bm-organ${isTarget ? ' is-target' : ''}`} data-tissue={key} data-value={values[key]} data-fill={colour}>
                <title>{`${TISSUE_LABELS[key]}${isTarget ? ' (target)' : ''}: ${formatValue(values[key])} ${unit}${bandText(key)}`}</title>
                {silhouette.organs[key].map((shape, i) => <Shape key={i} shape={shape} colour={colour} outline={isTarget} />)}
              </g>
            )
          })}
        </svg>
        <div className="bm-side">
          <svg className="bm-legend" viewBox="0 0 200 40" role="img" aria-label={`Colour legend: ${formatValue(scale.min)} to ${formatValue(scale.max)} ${unit}, log scale`}>
            <defs>
              <linearGradient id={gradientId}>
                {EXPOSURE_RAMP.map((c, i) => <stop key={i} offset={i / (EXPOSURE_RAMP.length - 1)} stopColor={`rgb(${c[0]}, ${c[1]}, ${c[2]})`} />)}
              </linearGradient>
            </defs>
            <rect x={4} y={4} width={192} height={12} fill={`url(#${gradientId})`} stroke="#2a3447" />
            <text x={4} y={32} className="bm-legend-text">≤ {formatValue(scale.min)}</text>
            <text x={196} y={32} textAnchor="end" className="bm-legend-text">{formatValue(scale.max)} {unit}</text>
          </svg>
          <p className="bm-note">Log colour scale ({unit}) over {EXPOSURE_DECADES} decades below the highest organ. Dashed white outline: target.</p>
          {perGram ? <p className="bm-note">Per gram: organ masses of the simulated species (a lesion with its own volume); excreted and degraded have no mass.</p> : null}
          <div className="chart-export" role="group" aria-label="Export the body map">
            <button type="button" aria-label="Export body map as SVG" onClick={exportSvg} title="Download the body map as an SVG figure with its scale and values">SVG</button>
            <button type="button" aria-label="Export body map as CSV" onClick={exportCsv} title="Download the values behind the body map as CSV">CSV</button>
          </div>
          <ol className="bm-ranking" aria-label={`Organs ranked by ${what}`}>
            {ranked.map((key) => (
              <li key={key} className={targets.has(key) ? 'is-target' : undefined}>
                <span className="bm-swatch" style={{ background: exposureColour(values[key], scale) }} aria-hidden="true" />
                {TISSUE_LABELS[key]}{targets.has(key) ? ' (target)' : ''}: {formatValue(values[key])} {unit}{bandText(key)}
              </li>
            ))}
          </ol>
          <p className="bm-note">Not in an organ:</p>
          <ul className="bm-unmapped">
            {UNMAPPED_TISSUES.map((key) => <li key={key}>{TISSUE_LABELS[key]}: {Number.isFinite(values[key]) ? `${formatValue(values[key])} ${unit}` : '— (no mass)'}</li>)}
          </ul>
        </div>
      </div>
    </div>
  )
}
