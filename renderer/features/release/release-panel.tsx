import { useEstimateStore } from '../../stores/estimate-store'

const ENVIRONMENT_LABELS = { plasma: 'Plasma (pH 7.4)', inflamed: 'Inflamed tissue (pH 6.8)', endolysosome: 'Endolysosome (pH 5.0)' } as const

function hoursText(value: number | null): string {
  return value === null ? 'not reached' : `${value < 10 ? value.toPrecision(2) : Math.round(value)} h`
}

/** Release per environment: t50, t80 and burst of the live estimate. */
export function ReleasePanel(): React.JSX.Element {
  const simulation = useEstimateStore((s) => s.simulation)
  if (!simulation) return <p className="estimate-empty">Waiting for the first estimate…</p>
  const { environments, mechanismLabel } = simulation.release
  return (
    <div className="release-panel">
      <p className="estimate-note">{mechanismLabel}</p>
      <table aria-label="Release by environment">
        <thead><tr><th scope="col">Environment</th><th scope="col">t50</th><th scope="col">t80</th><th scope="col">Burst (1 h)</th></tr></thead>
        <tbody>
          {(Object.keys(ENVIRONMENT_LABELS) as Array<keyof typeof ENVIRONMENT_LABELS>).map((env) => (
            <tr key={env}>
              <th scope="row">{ENVIRONMENT_LABELS[env]}</th>
              <td>{hoursText(environments[env].t50H)}</td>
              <td>{hoursText(environments[env].t80H)}</td>
              <td>{(100 * environments[env].burstFraction1H).toFixed(1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
