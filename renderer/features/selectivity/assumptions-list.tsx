import { useState } from 'react'
import type { EngineAssumption } from '../../../shared/engine/simulate'
import { useEstimateStore } from '../../stores/estimate-store'
import { formatValue } from '../biodistribution/biodistribution-model'
import { humanizeText, moduleName, parameterLabel, unitText } from '../../lib/display-names'
import './selectivity.css'

const EVIDENCE_TEXT = { V: 'verified in the source', C: 'from published model code', D: 'derived by calculation', U: 'assumption' } as const

/** Text for an evidence tag: [U] values are "assumption", the others say where they came from. */
export function evidenceText(tag: string): string {
  return EVIDENCE_TEXT[tag as keyof typeof EVIDENCE_TEXT] ?? tag
}

/** Props of {@link AssumptionsList}. */
export interface AssumptionsListProps {
  /** Show only [U] values at first (the reviewer's question: what is guessed?). */
  readonly initiallyOnlyUnverified?: boolean
}

/**
 * Every engine number the live estimate rests on, with its value, unit, source and evidence
 * tag; [U] values are marked "assumption" (product vision, "Honest science").
 */
export function AssumptionsList({ initiallyOnlyUnverified = false }: AssumptionsListProps): React.JSX.Element {
  const assumptions = useEstimateStore((s) => s.simulation?.assumptions ?? null)
  const [onlyU, setOnlyU] = useState(initiallyOnlyUnverified)
  if (!assumptions) return <p className="estimate-empty">Waiting for the first estimate…</p>
  const unverified = assumptions.filter((a) => a.evidence === 'U').length
  const paths = assumptions.map((a) => a.parameter)
  const shown: ReadonlyArray<EngineAssumption> = onlyU ? assumptions.filter((a) => a.evidence === 'U') : assumptions
  return (
    <div className="assumptions">
      <p className="estimate-note">
        {assumptions.length} engine values behind this estimate; {unverified} are unverified estimates, marked “assumption”.{' '}
        <label className="assumptions-filter">
          <input type="checkbox" checked={onlyU} onChange={(e) => setOnlyU(e.target.checked)} /> Only assumptions [U]
        </label>
      </p>
      <table className="assumptions-table" aria-label="Engine assumptions with evidence tags">
        <thead>
          <tr><th scope="col">Module</th><th scope="col">Parameter</th><th scope="col">Value</th><th scope="col">Evidence</th><th scope="col">Source</th></tr>
        </thead>
        <tbody>
          {shown.map((a, i) => (
            <tr key={`${a.module}.${a.parameter}.${i}`} className={a.evidence === 'U' ? 'is-assumption' : undefined}>
              <td>{moduleName(a.module)}</td>
              {/* Words on screen; the engine's path stays in the tooltip for whoever reads the code. */}
              <th scope="row" title={a.parameter}>{parameterLabel(a.parameter)}{a.description ? <span className="assumption-desc"> — {humanizeText(a.description, paths)}</span> : null}</th>
              <td>{a.value === null ? '—' : `${formatValue(a.value)} ${unitText(a.unit)}`.trim()}</td>
              <td><span className={`evidence-tag evidence-${a.evidence}`}>[{a.evidence}]</span> {evidenceText(a.evidence)}</td>
              <td className="assumption-source">{humanizeText(a.source, paths)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
