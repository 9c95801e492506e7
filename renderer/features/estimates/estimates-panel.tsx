import { useState } from 'react'
import { BiodistributionPanel } from '../biodistribution/biodistribution-panel'
import { ReleasePanel } from '../release/release-panel'
import { useEstimateStore } from '../../stores/estimate-store'

const TABS = [
  { id: 'release', label: 'Release', Panel: ReleasePanel },
  { id: 'biodistribution', label: 'Biodistribution', Panel: BiodistributionPanel },
] as const

/**
 * The live estimates beside the 3D view: one tab per engine panel, and a status line saying
 * whether the estimate is current (the engine runs in a worker, so it can lag a fast drag).
 */
export function EstimatesPanel(): React.JSX.Element {
  const [tab, setTab] = useState<(typeof TABS)[number]['id']>('release')
  const status = useEstimateStore((s) => s.status)
  const elapsedMs = useEstimateStore((s) => s.elapsedMs)
  const error = useEstimateStore((s) => s.error)
  const active = TABS.find((t) => t.id === tab) ?? TABS[0]
  return (
    <section className="estimates" aria-label="Estimates">
      <div className="estimates-bar">
        <div role="tablist" aria-label="Estimate panels">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" id={`tab-${t.id}`} aria-selected={t.id === tab} aria-controls={`panel-${t.id}`} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <span className="estimates-status" role="status">
          {status === 'error' ? `Engine error: ${error}` : status === 'running' ? 'Estimating…' : elapsedMs !== null ? `Estimate current (${elapsedMs.toFixed(0)} ms)` : ''}
        </span>
      </div>
      <div role="tabpanel" id={`panel-${active.id}`} aria-labelledby={`tab-${active.id}`} className="estimates-body">
        <active.Panel />
      </div>
    </section>
  )
}
