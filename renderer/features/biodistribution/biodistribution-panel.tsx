import { useEstimateStore } from '../../stores/estimate-store'

/** Biodistribution and selectivity of the live estimate: key numbers at the horizon. */
export function BiodistributionPanel(): React.JSX.Element {
  const simulation = useEstimateStore((s) => s.simulation)
  const hours = useEstimateStore((s) => s.hours)
  if (!simulation) return <p className="estimate-empty">Waiting for the first estimate…</p>
  const { biodistribution: bio, selectivity } = simulation
  const last = bio.timesH.length - 1
  const rows = Object.entries(bio.percentDose).map(([key, series]) => ({ key, value: series[last] ?? 0, auc: bio.aucPercentDoseH[key as keyof typeof bio.aucPercentDoseH] }))
  return (
    <div className="biodistribution-panel">
      <p className="estimate-note">
        Blood half-life {bio.bloodHalfLifeH.toPrecision(3)} h · target {selectivity.targetTissue ?? 'none'} · selectivity index {selectivity.selectivityIndex.toPrecision(3)}
      </p>
      <table aria-label={`Percent of dose per tissue at ${hours} h`}>
        <thead><tr><th scope="col">Tissue</th><th scope="col">% dose at {hours} h</th><th scope="col">AUC (%ID·h)</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}><th scope="row">{r.key}</th><td>{r.value.toFixed(2)}</td><td>{r.auc.toPrecision(3)}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
