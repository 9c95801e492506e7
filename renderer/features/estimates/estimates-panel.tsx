import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { BiodistributionPanel } from '../biodistribution/biodistribution-panel'
import { FindDesignsPanel } from '../analysis/find-designs-panel'
import { SensitivityPanel } from '../analysis/sensitivity-panel'
import { BodyMap } from '../body-map/body-map'
import { flagsTabLabel } from '../flags/flags-model'
import { FlagsPanel, useFlagAttentionCount } from '../flags/flags-panel'
import { ReleasePanel } from '../release/release-panel'
import { PatientPanel } from '../patient/patient-panel'
import { AssumptionsList } from '../selectivity/assumptions-list'
import { SelectivityCard } from '../selectivity/selectivity-card'
import { useEstimateStore } from '../../stores/estimate-store'
import './estimates.css'

const TABS = [
  { id: 'release', label: 'Release', Panel: ReleasePanel },
  { id: 'biodistribution', label: 'Biodistribution', Panel: BiodistributionPanel },
  { id: 'selectivity', label: 'Selectivity', Panel: SelectivityCard },
  { id: 'body-map', label: 'Body map', Panel: BodyMap },
  { id: 'assumptions', label: 'Assumptions', Panel: AssumptionsList },
  // Its label carries the count of caution and concern flags ("Flags (2)"), live.
  { id: 'flags', label: 'Flags', Panel: FlagsPanel },
  // Issue 13: which knob matters (sensitivity) and inverse design; runs in the engine workers.
  { id: 'sensitivity', label: 'Sensitivity', Panel: SensitivityPanel },
  { id: 'find-designs', label: 'Find designs', Panel: FindDesignsPanel },
  // Issue 15: the open design in a virtual patient and a cohort, against free drug (human designs).
  { id: 'patient', label: 'Patient', Panel: PatientPanel },
] as const

/** One of the estimate tabs. */
export type EstimateTabId = (typeof TABS)[number]['id']

/** Text of the status line: is what the panels show the estimate of the current design? */
export function estimateStatusText(status: string, elapsedMs: number | null, error: string | null, uncertaintyRunning: boolean): string {
  const band = uncertaintyRunning ? ' · computing uncertainty band…' : ''
  if (status === 'error') return `Engine error: ${error ?? 'unknown'}${band}`
  if (status === 'running') return `Estimating…${band}`
  if (elapsedMs !== null) return `Estimate current (${elapsedMs.toFixed(0)} ms)${band}`
  return band.replace(/^ · /, '')
}

/**
 * The live estimates beside the 3D view: one tab per engine panel, and a status line saying
 * whether the estimate is current (the engine runs in a worker, so it can lag a fast drag).
 * Tabs follow the WAI-ARIA tabs pattern (arrow keys move between them); each tab remembers
 * where it was scrolled to. The panel body is focusable so its content scrolls by keyboard.
 */
export function EstimatesPanel(): React.JSX.Element {
  const [tab, setTab] = useState<EstimateTabId>('release')
  const body = useRef<HTMLDivElement>(null)
  // Each tab keeps its own scroll position: leaving a long Release tab half-way down must not
  // open the Body map half-way down. One body element stays (the others are not kept mounted,
  // so a live estimate re-renders one panel only).
  const scrollByTab = useRef<Partial<Record<EstimateTabId, number>>>({})
  const choose = (next: EstimateTabId): void => {
    if (next === tab) return
    if (body.current) scrollByTab.current[tab] = body.current.scrollTop
    setTab(next)
  }
  useLayoutEffect(() => {
    if (body.current) body.current.scrollTop = scrollByTab.current[tab] ?? 0
  }, [tab])
  const status = useEstimateStore((s) => s.status)
  const elapsedMs = useEstimateStore((s) => s.elapsedMs)
  const error = useEstimateStore((s) => s.error)
  const uncertaintyRunning = useEstimateStore((s) => s.uncertaintyStatus === 'running')
  const active = TABS.find((t) => t.id === tab) ?? TABS[0]
  // A number, so the bar re-renders only when the count changes, not on every edit.
  const flagCount = useFlagAttentionCount()
  const tabLabel = (t: (typeof TABS)[number]): string => (t.id === 'flags' && flagCount !== null ? flagsTabLabel(flagCount) : t.label)
  // The same element while the tab stays: the status line changing (running → ready) does not
  // re-render the panel; the panel re-renders from its own store reads only.
  const panel = useMemo(() => <active.Panel />, [active])

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.findIndex((t) => t.id === tab)
    let next = -1
    if (event.key === 'ArrowRight') next = (i + 1) % TABS.length
    else if (event.key === 'ArrowLeft') next = (i - 1 + TABS.length) % TABS.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = TABS.length - 1
    if (next < 0) return
    event.preventDefault()
    choose(TABS[next].id)
    document.getElementById(`tab-${TABS[next].id}`)?.focus()
  }

  return (
    <section className="estimates" aria-label="Estimates">
      <div className="estimates-bar">
        <div role="tablist" aria-label="Estimate panels" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={t.id === tab}
              aria-controls={`panel-${t.id}`}
              tabIndex={t.id === tab ? 0 : -1}
              onClick={() => choose(t.id)}
              data-pane-focus={t.id === tab ? '' : undefined}
            >
              {tabLabel(t)}
            </button>
          ))}
        </div>
        <span className={`estimates-status is-${status}`} role="status" title={estimateStatusText(status, elapsedMs, error, uncertaintyRunning)}>
          {estimateStatusText(status, elapsedMs, error, uncertaintyRunning)}
        </span>
      </div>
      <div ref={body} role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="estimates-body" tabIndex={0}>
        {panel}
      </div>
    </section>
  )
}
