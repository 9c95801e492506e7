import { useEffect, useId, useMemo, useState } from 'react'
import type { Design } from '../../../shared/design/types'
import { validateDesign } from '../../../shared/design/schema'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { BIODISTRIBUTION_KEYS, type BiodistributionKey } from '../../../shared/engine/pbpk'
import { getApi } from '../../bridge'
import { estimateDesigns, useDesignEstimates, type EstimateDesigns } from '../../engine/design-estimates'
import { alignFields, labelWithUnit } from './design-fields'
import { downloadText } from '../../lib/download'
import { COMPARE_METRICS, metricsCsv, metricText, safeFileName } from './compare-metrics'
import { CurveChart, SERIES_COLOURS, type CurveSeries } from './curve-chart'
import { OverlayDialog } from './overlay-dialog'
import { RELEASE_ENVIRONMENTS, type ReleaseEnvironmentKey } from '../release/release-format'
import { TISSUE_LABELS } from '../biodistribution/biodistribution-model'
import { withinStudySentence, withinStudyShort } from '../../../shared/engine/validation/measured-accuracy'

/** Horizon of the comparison's estimates, h (as `nanoforge simulate` and the live view). */
export const COMPARE_HOURS = 72

/** One compared design as loaded from the library. */
interface Column {
  readonly designId: string
  readonly version: number
  readonly name: string
  readonly design: Design | null
  /** Why the stored document could not be used, or null. */
  readonly problem: string | null
}

type SimState = { readonly kind: 'computing' } | { readonly kind: 'done'; readonly simulation: DesignSimulation } | { readonly kind: 'failed'; readonly message: string }

/** The release environments as the release tab names them (one list, release-format.ts). */
const ENVIRONMENTS = RELEASE_ENVIRONMENTS
type EnvironmentId = ReleaseEnvironmentKey

/**
 * Two to four designs side by side: every parameter in one table with the differing ones
 * highlighted, release and biodistribution curves overlaid, and a metrics table that
 * exports to CSV.
 *
 * Why: the documents come from `library:compare` (the host's normalised versions), the
 * estimates from the same engine as the live view (simulateDesign in a worker), so the
 * numbers here are the numbers a user sees when opening each design. All columns are
 * estimated in one worker call (the same hook presentation mode uses); `estimate` is
 * injectable so tests can run the worker's handler in-process. Mount it with `key` set to
 * the ids so a new selection starts from a clean state.
 */
export function CompareDialog({ designIds, onClose, estimate = estimateDesigns }: {
  readonly designIds: ReadonlyArray<string>
  readonly onClose: () => void
  readonly estimate?: EstimateDesigns
}): React.JSX.Element {
  const uid = useId()
  const [columns, setColumns] = useState<ReadonlyArray<Column> | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [onlyDiffering, setOnlyDiffering] = useState(false)
  const [environment, setEnvironment] = useState<EnvironmentId>('plasma')
  const [tissue, setTissue] = useState<BiodistributionKey | null>(null)

  useEffect(() => {
    let live = true
    void (async () => {
      let res: Awaited<ReturnType<ReturnType<typeof getApi>['compareDesigns']>>
      try {
        res = await getApi().compareDesigns({ items: designIds.map((designId) => ({ designId })) })
      } catch (e) {
        res = { ok: false, code: 'internal', message: e instanceof Error ? e.message : String(e) }
      }
      if (!live) return
      if (!res.ok) {
        setLoadError(res.message)
        return
      }
      setColumns(res.value.items.map((it) => {
        const v = validateDesign(it.design)
        const first = v.valid ? null : v.errors[0]
        return {
          designId: it.designId,
          version: it.version,
          name: it.name,
          design: v.valid ? v.design : null,
          problem: v.valid ? null : `the stored document is not valid (${first ? `${first.path}: ${first.message}` : 'unknown problem'})`,
        }
      }))
    })()
    return () => {
      live = false
    }
  }, [designIds])

  const designs = useMemo(() => (columns ?? []).map((c) => c.design).filter((d): d is Design => d !== null), [columns])
  const estimates = useDesignEstimates(designs, COMPARE_HOURS, estimate)
  const sims: ReadonlyArray<SimState> = (() => {
    let next = 0
    return (columns ?? []).map((c): SimState => {
      if (!c.design) return { kind: 'failed', message: c.problem ?? 'no design' }
      const item = estimates.items?.[next++]
      if (estimates.error) return { kind: 'failed', message: estimates.error }
      if (!item) return { kind: 'computing' }
      return item.ok ? { kind: 'done', simulation: item.result } : { kind: 'failed', message: item.message }
    })
  })()
  const rows = useMemo(() => (columns && designs.length === columns.length ? alignFields(designs) : []), [columns, designs])
  const differing = rows.filter((r) => r.differs).length
  const heads = (columns ?? []).map((c) => `${c.name} (v${c.version})`)
  const done = sims.map((s) => (s.kind === 'done' ? s.simulation : null))
  const computing = sims.filter((s) => s.kind === 'computing').length
  const firstTarget = done.find((s) => s !== null)?.selectivity.targetTissue
  const shownTissue: BiodistributionKey = tissue
    ?? ((BIODISTRIBUTION_KEYS as ReadonlyArray<string>).includes(firstTarget ?? '') ? (firstTarget as BiodistributionKey) : 'blood')

  const releaseSeries: CurveSeries[] = []
  const bioSeries: CurveSeries[] = []
  done.forEach((s, i) => {
    if (!s) return
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!
    const env = s.release.environments[environment]
    releaseSeries.push({ name: heads[i] ?? '', colour, xs: env.timesH, ys: env.fractionReleased.map((f) => 100 * f) })
    bioSeries.push({ name: heads[i] ?? '', colour, xs: s.biodistribution.timesH, ys: s.biodistribution.percentDose[shownTissue] })
  })

  const exportCsv = (): void => {
    const csv = metricsCsv(heads.map((name, i) => ({ name, simulation: done[i] ?? null })), COMPARE_HOURS)
    downloadText(csv, safeFileName(`nanoforge-compare-${(columns ?? []).map((c) => c.name).join('-vs-')}`, 'csv'), 'text/csv')
  }

  return (
    <OverlayDialog title={`Compare ${designIds.length} designs`} onClose={onClose} className="compare-dialog">
      {loadError && <p className="compare-error" role="alert">Could not load the designs: {loadError}</p>}
      {!columns && !loadError && <p className="compare-status">Loading designs…</p>}
      {columns && (
        <>
          {columns.some((c) => c.problem) && (
            <ul className="compare-error" role="alert">
              {columns.filter((c) => c.problem).map((c) => <li key={c.designId}>{c.name}: {c.problem}</li>)}
            </ul>
          )}
          <section aria-label="Parameters">
            <div className="compare-toolbar">
              <h3>Parameters</h3>
              <p className="compare-status" aria-live="polite">{differing} parameter{differing === 1 ? '' : 's'} differ</p>
              <label>
                <input type="checkbox" checked={onlyDiffering} onChange={(e) => setOnlyDiffering(e.target.checked)} />
                Show only differing parameters
              </label>
            </div>
            <table className="compare-table" aria-label="Parameters side by side">
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  {heads.map((h, i) => (
                    <th scope="col" key={columns[i]!.designId}>
                      <span className="compare-swatch" style={{ background: SERIES_COLOURS[i % SERIES_COLOURS.length] }} aria-hidden="true" />
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.filter((r) => !onlyDiffering || r.differs).map((r) => (
                  <tr key={r.path} className={r.differs ? 'differs' : undefined} data-path={r.path} data-differs={r.differs ? 'true' : 'false'}>
                    <th scope="row">
                      {labelWithUnit(r)}
                      {r.differs && <span className="differs-badge">differs</span>}
                    </th>
                    {r.texts.map((t, i) => <td key={columns[i]!.designId}>{t}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section aria-label="Curves">
            <div className="compare-toolbar">
              <h3>Curves</h3>
              {computing > 0 && <p className="compare-status" aria-live="polite">Computing estimates… {sims.length - computing} of {sims.length} done</p>}
              <span className="select-field">
                <label htmlFor={`${uid}-1`}>Release environment</label>
                <select id={`${uid}-1`} value={environment} onChange={(e) => setEnvironment(e.target.value as EnvironmentId)}>
                  {ENVIRONMENTS.map((env) => <option key={env.id} value={env.id}>{env.label}</option>)}
                </select>
              </span>
              <span className="select-field">
                <label htmlFor={`${uid}-2`}>Tissue</label>
                <select id={`${uid}-2`} value={shownTissue} onChange={(e) => setTissue(e.target.value as BiodistributionKey)}>
                  {BIODISTRIBUTION_KEYS.map((k) => <option key={k} value={k}>{TISSUE_LABELS[k]}</option>)}
                </select>
              </span>
            </div>
            {sims.filter((s) => s.kind === 'failed').length > 0 && (
              <ul className="compare-error" role="alert">
                {sims.map((s, i) => (s.kind === 'failed' ? <li key={columns[i]!.designId}>{heads[i]}: no estimate ({s.message})</li> : null))}
              </ul>
            )}
            {/* the differences shown are the engine's: how often such differences matched published ones */}
            <p className="compare-status" title={withinStudySentence()}>How far the engine's differences between designs were checked: {withinStudyShort()}.</p>
            <div className="compare-charts">
              <CurveChart
                label={`Drug released (%) over time (h), ${ENVIRONMENTS.find((e) => e.id === environment)!.label}`}
                xLabel="Time (h)"
                yLabel="Released (%)"
                series={releaseSeries}
                yMaxHint={100}
              />
              <CurveChart
                label={`Particles in ${TISSUE_LABELS[shownTissue].toLowerCase()} (% of injected dose) over time (h)`}
                xLabel="Time (h)"
                yLabel={`${TISSUE_LABELS[shownTissue]} (%ID)`}
                series={bioSeries}
              />
            </div>
          </section>

          <section aria-label="Metrics">
            <div className="compare-toolbar">
              <h3>Metrics at {COMPARE_HOURS} h</h3>
              <button type="button" onClick={exportCsv} disabled={computing > 0}>Export CSV</button>
            </div>
            <table className="compare-table" aria-label="Metrics side by side">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  {heads.map((h, i) => <th scope="col" key={columns[i]!.designId}>{h}</th>)}
                </tr>
              </thead>
              <tbody>
                {COMPARE_METRICS.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{labelWithUnit(m)}</th>
                    {sims.map((s, i) => (
                      <td key={columns[i]!.designId}>{s.kind === 'done' ? metricText(m.read(s.simulation)) : s.kind === 'computing' ? '…' : '—'}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </OverlayDialog>
  )
}
