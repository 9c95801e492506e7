import { useId, useState } from 'react'
import { getMetric, METRICS, type MetricId } from '../../../shared/metrics/registry'
import { optionLabel } from '../../../shared/design/fields'
import { objectiveValue, type FrontMember } from '../../../shared/analysis/optimize-design'
import type { Goal } from '../../../shared/analysis/goal'
import { useDesignStore } from '../../stores/design-store'
import { useEstimateStore } from '../../stores/estimate-store'
import { downloadText } from '../../lib/download'
import type { ChartSpec } from '../../lib/chart-export'
import { ChartExportButtons } from '../../lib/chart-export-buttons'
import { DESIGN_SERIES_COLOURS, MEASURED_COLOUR } from '../../lib/palette'
import { flagDesignOf } from '../flags/flags-panel'
import { indexText, knobLabel, metricLabel } from './analysis-format'
import { ScatterChart, type ScatterPoint } from './analysis-charts'
import { EVALUATION_LIMITS, useAnalysisStore } from './analysis-store'
import { checkDraft, draftToGoalDocument, foundDesign, knobValueText, type ConstraintDraft, type GoalDraft, type KnobDraft, type ObjectiveDraft } from './goal-draft'
import { withinStudySentence, withinStudyShort } from '../../../shared/engine/validation/measured-accuracy'
import { progressText, runStatusText, secondsText } from './sensitivity-panel'
import './analysis.css'

/** Most objectives a goal may have (shared/analysis/goal.ts). */
const MAX_OBJECTIVES = 4

/** The hover lines of a front member: the two plotted metrics first, then the varied knobs. */
export function memberDetails(member: FrontMember, axes: readonly [MetricId, MetricId], others: ReadonlyArray<MetricId>): string[] {
  const metricLine = (m: MetricId): string => {
    const def = getMetric(m)
    return `${def.label}: ${indexText(member.metrics[m])}${def.unit ? ` ${def.unit}` : ''}`
  }
  const shown = [...new Set([...axes, ...others])]
  return [
    ...shown.map(metricLine),
    ...Object.entries(member.knobs).map(([path, v]) => `${knobLabel(path).replace(/ \([^)]*\)$/, '')}: ${knobValueText(path, v)}`),
    member.feasible ? 'Meets every constraint' : 'Misses a constraint',
  ]
}

function KnobRow({ knob, onChange, disabled }: { readonly knob: KnobDraft; readonly onChange: (k: KnobDraft) => void; readonly disabled: boolean }): React.JSX.Element {
  const id = useId()
  const name = knobLabel(knob.path)
  return (
    <tr className={knob.enabled ? 'is-on' : ''}>
      <th scope="row">
        <label className="knob-toggle">
          <input type="checkbox" checked={knob.enabled} disabled={disabled} onChange={(e) => onChange({ ...knob, enabled: e.target.checked })} />
          <span className="visually-hidden">Vary </span>{name}
        </label>
      </th>
      {knob.kind === 'number' ? (
        <>
          <td><input id={`${id}-min`} aria-label={`${name}: lowest`} inputMode="decimal" value={knob.min} disabled={disabled || !knob.enabled} onChange={(e) => onChange({ ...knob, min: e.target.value })} /></td>
          <td><input id={`${id}-max`} aria-label={`${name}: highest`} inputMode="decimal" value={knob.max} disabled={disabled || !knob.enabled} onChange={(e) => onChange({ ...knob, max: e.target.value })} /></td>
        </>
      ) : (
        <td colSpan={2}>
          {!knob.enabled ? <span className="option-summary">{knob.options.length} options; tick to choose among them</span> : (
          <fieldset className="option-set" disabled={disabled}>
            <legend className="visually-hidden">{name}: options</legend>
            {knob.options.map((o) => (
              <label key={o} className="option-toggle">
                <input
                  type="checkbox" checked={knob.chosen.includes(o)}
                  onChange={(e) => onChange({ ...knob, chosen: e.target.checked ? knob.options.filter((x) => x === o || knob.chosen.includes(x)) : knob.chosen.filter((x) => x !== o) })}
                />
                {optionLabel(knob.path, o)}
              </label>
            ))}
          </fieldset>
          )}
        </td>
      )}
    </tr>
  )
}

function ObjectiveRow({ row, index, onChange, onRemove, disabled }: {
  readonly row: ObjectiveDraft; readonly index: number; readonly onChange: (o: ObjectiveDraft) => void; readonly onRemove?: () => void; readonly disabled: boolean
}): React.JSX.Element {
  const unit = getMetric(row.metric).unit
  return (
    <li className="goal-row">
      <select aria-label={`Objective ${index + 1}: metric`} value={row.metric} disabled={disabled} onChange={(e) => onChange({ ...row, metric: e.target.value as MetricId })}>
        {METRICS.map((m) => <option key={m.id} value={m.id}>{metricLabel(m.id)}</option>)}
      </select>
      <select aria-label={`Objective ${index + 1}: aim`} value={row.mode} disabled={disabled} onChange={(e) => onChange({ ...row, mode: e.target.value as ObjectiveDraft['mode'] })}>
        <option value="max">maximise</option>
        <option value="min">minimise</option>
        <option value="target">bring to</option>
      </select>
      {row.mode === 'target' && (
        <span className="goal-value">
          <input aria-label={`Objective ${index + 1}: target${unit ? ` (${unit})` : ''}`} inputMode="decimal" value={row.target} disabled={disabled} onChange={(e) => onChange({ ...row, target: e.target.value })} />
          {unit && <span className="unit">{unit}</span>}
        </span>
      )}
      {onRemove && <button type="button" disabled={disabled} onClick={onRemove} aria-label={`Remove objective ${index + 1}`}>Remove</button>}
    </li>
  )
}

function ConstraintRow({ row, index, onChange, onRemove, disabled }: {
  readonly row: ConstraintDraft; readonly index: number; readonly onChange: (c: ConstraintDraft) => void; readonly onRemove: () => void; readonly disabled: boolean
}): React.JSX.Element {
  const unit = getMetric(row.metric).unit
  const u = unit ? ` (${unit})` : ''
  return (
    <li className="goal-row">
      <select aria-label={`Constraint ${index + 1}: metric`} value={row.metric} disabled={disabled} onChange={(e) => onChange({ ...row, metric: e.target.value as MetricId })}>
        {METRICS.map((m) => <option key={m.id} value={m.id}>{metricLabel(m.id)}</option>)}
      </select>
      <span className="goal-value">≥ <input aria-label={`Constraint ${index + 1}: at least${u}`} inputMode="decimal" placeholder="none" value={row.min} disabled={disabled} onChange={(e) => onChange({ ...row, min: e.target.value })} /></span>
      <span className="goal-value">≤ <input aria-label={`Constraint ${index + 1}: at most${u}`} inputMode="decimal" placeholder="none" value={row.max} disabled={disabled} onChange={(e) => onChange({ ...row, max: e.target.value })} /></span>
      {unit && <span className="unit">{unit}</span>}
      <button type="button" disabled={disabled} onClick={onRemove} aria-label={`Remove constraint ${index + 1}`}>Remove</button>
    </li>
  )
}

/**
 * Dashed lines on the front for the plotted metrics: each constraint's bound ("≥ 6 h") and
 * each objective's target ("target 48 h"), so feasibility and the aim are read off the chart.
 */
export function axisGuides(goal: Goal, axes: readonly [MetricId, MetricId]): Array<{ axis: 'x' | 'y'; value: number; label: string }> {
  const out: Array<{ axis: 'x' | 'y'; value: number; label: string }> = []
  axes.forEach((metric, a) => {
    const axis = a === 0 ? 'x' as const : 'y' as const
    const unit = getMetric(metric).unit
    const u = unit ? ` ${unit}` : ''
    for (const c of goal.constraints) {
      if (c.metric !== metric) continue
      if (c.min !== undefined) out.push({ axis, value: c.min, label: `≥ ${indexText(c.min)}${u}` })
      if (c.max !== undefined) out.push({ axis, value: c.max, label: `≤ ${indexText(c.max)}${u}` })
    }
    for (const o of goal.objectives) if (o.metric === metric && 'target' in o) out.push({ axis, value: o.target, label: `target ${indexText(o.target)}${u}` })
  })
  return out
}

/**
 * The Pareto front as a chart for the SVG and CSV exports: the plotted pair of metrics, the
 * designs that meet every constraint and those that miss one as separate point series (so
 * the CSV says which is which), and the starting design when known.
 */
export function frontChartSpec(front: ReadonlyArray<Pick<FrontMember, 'metrics' | 'feasible'>>, axes: readonly [MetricId, MetricId], base: Readonly<Record<MetricId, number>> | null): ChartSpec {
  const group = (feasible: boolean): { xs: number[]; ys: number[] } => {
    const members = front.filter((m) => m.feasible === feasible)
    return { xs: members.map((m) => m.metrics[axes[0]]), ys: members.map((m) => m.metrics[axes[1]]) }
  }
  const series: ChartSpec['series'][number][] = [
    { label: 'Meets every constraint', colour: DESIGN_SERIES_COLOURS[0]!, kind: 'points', ...group(true) },
    { label: 'Misses a constraint', colour: DESIGN_SERIES_COLOURS[1]!, kind: 'points', ...group(false) },
  ]
  if (base) series.push({ label: 'Starting design', colour: MEASURED_COLOUR, kind: 'points', xs: [base[axes[0]]], ys: [base[axes[1]]] })
  return { title: `Pareto front, ${getMetric(axes[1]).label} against ${getMetric(axes[0]).label}`, xLabel: metricLabel(axes[0]), yLabel: metricLabel(axes[1]), series: series.filter((x) => x.xs.length > 0) }
}

/** A file name for a goal export: the base design's name in safe characters. */
export function goalFileName(draft: GoalDraft): string {
  const stem = draft.base.name.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).toLowerCase() || 'goal'
  return `${stem}.nanoforge-goal.json`
}

/**
 * "Find designs" (issue 13, inverse design): a goal editor built from the open design, a
 * budget and seed, NSGA-II in the engine workers with progress and Cancel, and the Pareto
 * front as a scatter of two chosen metrics. Clicking a point opens its design as the current,
 * unsaved design; its notes record the goal and the seed, so saving records them.
 */
export function FindDesignsPanel(): React.JSX.Element {
  const design = useDesignStore(flagDesignOf)
  const hours = useEstimateStore((s) => s.hours)
  const draft = useAnalysisStore((s) => s.draft)
  const issues = useAnalysisStore((s) => s.goalIssues)
  const evaluations = useAnalysisStore((s) => s.evaluations)
  const seed = useAnalysisStore((s) => s.seed)
  const run = useAnalysisStore((s) => s.optimize)
  const axes = useAnalysisStore((s) => s.axes)
  const store = useAnalysisStore.getState
  const [chosen, setChosen] = useState<string | null>(null)
  const [opened, setOpened] = useState<string | null>(null)
  const id = useId()
  const running = run.status === 'running'

  if (!draft) {
    return (
      <div className="analysis find-designs">
        <p className="estimate-note">
          Search for designs that reach a goal: which knobs may change, what to maximise, minimise or hit, and what must hold.
          {' '}<span title={withinStudySentence()}>How far the engine's differences between designs were checked: {withinStudyShort()}.</span>
        </p>
        {design
          ? <button type="button" onClick={() => store().draftFrom(design)}>Start a goal from the open design</button>
          : <p className="estimate-empty">The form has errors: a goal starts from a valid design.</p>}
        <GoalImport />
        {issues.length > 0 && <IssueList issues={issues} />}
      </div>
    )
  }

  const edit = (patch: Partial<GoalDraft>): void => store().setDraft({ ...draft, ...patch })
  const result = run.result
  const goal = run.goal
  const front = result?.front ?? []
  const objectiveMetrics = goal ? goal.objectives.map((o) => o.metric) : []
  const points: ScatterPoint[] = front.map((m, i) => ({
    id: String(i + 1),
    x: m.metrics[axes[0]],
    y: m.metrics[axes[1]],
    label: `Design ${i + 1}${m.feasible ? '' : ' (misses a constraint)'}`,
    details: memberDetails(m, axes, objectiveMetrics),
    style: m.feasible ? 'filled' : 'hollow',
  }))
  const feasibleCount = front.filter((m) => m.feasible).length

  const open = (pointId: string): void => {
    const i = Number(pointId) - 1
    const member = front[i]
    if (!member || !goal || !run.goalDocument || !result) return
    setChosen(pointId)
    const found = foundDesign(member.design, goal.base.notes, goal.base.name, {
      goal, goalDocument: run.goalDocument, seed: result.seed, evaluations: result.evaluations, hours: run.hours,
      point: i + 1, frontSize: front.length, feasible: member.feasible,
    })
    useDesignStore.getState().newDesign(found)
    setOpened(found.name)
  }

  const exportGoal = (): void => {
    const checked = checkDraft(draft)
    if (!checked.ok) {
      store().setDraft(draft)
      useAnalysisStore.setState({ goalIssues: checked.errors.map((e) => `${e.path}: ${e.message}`) })
      return
    }
    downloadText(`${JSON.stringify(draftToGoalDocument(draft), null, 2)}\n`, goalFileName(draft), 'application/json')
  }

  return (
    <div className="analysis find-designs">
      <p className="estimate-note">
        Starting design: <strong>{draft.base.name}</strong>. The search keeps the designs no other design beats on every objective (the Pareto front).{' '}
        <button type="button" className="link-button" disabled={running || !design} onClick={() => design && store().draftFrom(design)}>Start again from the open design</button>
      </p>
      <form className="goal-editor" aria-label="Search goal" onSubmit={(e) => { e.preventDefault(); void store().runOptimize(hours) }}>
        <fieldset>
          <legend>Knobs to vary</legend>
          <table className="analysis-table knob-table">
            <thead><tr><th scope="col">Knob</th><th scope="col">Lowest</th><th scope="col">Highest</th></tr></thead>
            <tbody>
              {draft.knobs.map((k, i) => (
                <KnobRow key={k.path} knob={k} disabled={running} onChange={(next) => edit({ knobs: draft.knobs.map((x, j) => (j === i ? next : x)) })} />
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>Objectives</legend>
          <ol className="goal-rows">
            {draft.objectives.map((o, i) => (
              <ObjectiveRow
                key={i} row={o} index={i} disabled={running}
                onChange={(next) => edit({ objectives: draft.objectives.map((x, j) => (j === i ? next : x)) })}
                {...(draft.objectives.length > 1 ? { onRemove: () => edit({ objectives: draft.objectives.filter((_x, j) => j !== i) }) } : {})}
              />
            ))}
          </ol>
          {draft.objectives.length < MAX_OBJECTIVES && (
            <button type="button" disabled={running} onClick={() => edit({ objectives: [...draft.objectives, { metric: 'targetAucPercentDoseH', mode: 'max', target: '' }] })}>Add objective</button>
          )}
        </fieldset>
        <fieldset>
          <legend>Constraints</legend>
          <ol className="goal-rows">
            {draft.constraints.map((c, i) => (
              <ConstraintRow
                key={i} row={c} index={i} disabled={running}
                onChange={(next) => edit({ constraints: draft.constraints.map((x, j) => (j === i ? next : x)) })}
                onRemove={() => edit({ constraints: draft.constraints.filter((_x, j) => j !== i) })}
              />
            ))}
          </ol>
          <button type="button" disabled={running} onClick={() => edit({ constraints: [...draft.constraints, { metric: 'liverSpleenAt24hPercentDose', min: '', max: '' }] })}>Add constraint</button>
        </fieldset>
        <div className="analysis-controls">
          <div className="field">
            <label htmlFor={`${id}-evaluations`}>Evaluations</label>
            <input
              id={`${id}-evaluations`} type="number" min={EVALUATION_LIMITS.min} max={EVALUATION_LIMITS.max} step={1} required disabled={running}
              value={evaluations} onChange={(e) => store().setBudget({ evaluations: Number(e.target.value) })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-seed`}>Seed</label>
            <input id={`${id}-seed`} type="number" min={0} step={1} required disabled={running} value={seed} onChange={(e) => store().setBudget({ seed: Number(e.target.value) })} />
          </div>
          <div className="analysis-actions">
            {running
              ? <button type="button" onClick={() => store().cancelOptimize()}>Cancel</button>
              : <button type="submit">Find designs</button>}
            <button type="button" onClick={exportGoal}>Export goal</button>
          </div>
        </div>
      </form>
      <GoalImport />
      {issues.length > 0 && <IssueList issues={issues} />}
      {running && (
        <p className="analysis-progress" role="status">
          <progress max={Math.max(1, run.total)} value={run.done} aria-label="Search progress" />{' '}
          {progressText(run.done, run.total)} on {run.workers} engine worker{run.workers === 1 ? '' : 's'}
        </p>
      )}
      {run.status === 'error' && <p className="analysis-status is-error" role="status">{runStatusText(run.status, run.error)}</p>}
      {result && goal && (
        <section className="analysis-result" aria-label="Pareto front">
          <h3 className="analysis-heading">Pareto front: {front.length} design{front.length === 1 ? '' : 's'}, {feasibleCount} meeting every constraint</h3>
          <p className="estimate-note">
            {result.cancelled ? `Cancelled after ${result.evaluations.toLocaleString('en-US')} evaluations: the front so far. ` : ''}
            {result.evaluations.toLocaleString('en-US')} evaluations ({result.engineRuns.toLocaleString('en-US')} distinct designs), {result.generations} generations of {result.population}, seed {result.seed}, {run.hours} h horizon, {secondsText(run.elapsedMs)} on {run.workers} engine worker{run.workers === 1 ? '' : 's'}
            {result.failedEvaluations > 0 ? `; ${result.failedEvaluations} candidates were not valid designs` : ''}.
            {!result.feasibleFound ? ' No design met every constraint: the front shows those that miss least.' : ''}
          </p>
          <div className="analysis-controls">
            {(['x', 'y'] as const).map((axis, a) => (
              <div key={axis} className="field">
                <label htmlFor={`${id}-${axis}`}>{axis === 'x' ? 'Horizontal axis' : 'Vertical axis'}</label>
                <select id={`${id}-${axis}`} value={axes[a]} onChange={(e) => store().setAxes(a === 0 ? [e.target.value as MetricId, axes[1]] : [axes[0], e.target.value as MetricId])}>
                  {METRICS.map((m) => <option key={m.id} value={m.id}>{metricLabel(m.id)}</option>)}
                </select>
              </div>
            ))}
          </div>
          <p className="chart-legend">
            <span><svg viewBox="0 0 14 14" aria-hidden="true"><circle cx="7" cy="7" r="6" className="point is-filled" /></svg> meets every constraint</span>
            <span><svg viewBox="0 0 14 14" aria-hidden="true"><path d="M7 1 L13 7 L7 13 L1 7 Z" className="point is-hollow" /></svg> misses a constraint</span>
            {run.baseMetrics && <span><svg viewBox="0 0 14 14" aria-hidden="true"><path d="M1 7 H13 M7 1 V13" className="reference-mark" /></svg> starting design</span>}
            <span>Click a point to open it as the current design.</span>
          </p>
          <ScatterChart
            label={`Pareto front: ${metricLabel(axes[0])} against ${metricLabel(axes[1])}, ${front.length} designs`}
            xLabel={metricLabel(axes[0])} yLabel={metricLabel(axes[1])}
            points={points} onChoose={open} chosen={chosen}
            {...(run.baseMetrics ? { reference: { x: run.baseMetrics[axes[0]], y: run.baseMetrics[axes[1]], label: 'starting design' } } : {})}
            guides={axisGuides(goal, axes)}
          />
          <ChartExportButtons name="Pareto front" spec={() => frontChartSpec(front, axes, run.baseMetrics ?? null)} />
          {opened && (
            <p className="analysis-status" role="status">
              Opened “{opened}” as the current, unsaved design. Its notes record the goal and seed; saving it keeps them.
            </p>
          )}
          <details className="analysis-notes">
            <summary>Front as a table</summary>
            <table className="analysis-table">
              <thead>
                <tr>
                  <th scope="col">Design</th>
                  {goal.objectives.map((o, i) => <th key={i} scope="col">{metricLabel(o.metric)}</th>)}
                  {goal.knobs.map((k) => <th key={k.path} scope="col">{knobLabel(k.path)}</th>)}
                </tr>
              </thead>
              <tbody>
                {front.map((m, i) => (
                  <tr key={i}>
                    <th scope="row">{i + 1}{m.feasible ? '' : ' (misses a constraint)'}</th>
                    {goal.objectives.map((o, j) => <td key={j} title={`distance to aim ${indexText(objectiveValue(o, m.metrics))}`}>{indexText(m.metrics[o.metric])}</td>)}
                    {goal.knobs.map((k) => {
                      const v = m.knobs[k.path]!
                      return <td key={k.path}>{typeof v === 'string' ? optionLabel(k.path, v) : indexText(v)}</td>
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </section>
      )}
    </div>
  )
}

function IssueList({ issues }: { readonly issues: ReadonlyArray<string> }): React.JSX.Element {
  return (
    <div className="analysis-issues" role="alert">
      <p>The goal has {issues.length} problem{issues.length === 1 ? '' : 's'}:</p>
      <ul>{issues.map((t) => <li key={t}>{t}</li>)}</ul>
    </div>
  )
}

/** Import a goal file (`*.nanoforge-goal.json`): read as text, checked by the goal parser. */
function GoalImport(): React.JSX.Element {
  const id = useId()
  return (
    <p className="goal-import">
      <label htmlFor={`${id}-file`}>Import goal file</label>{' '}
      <input
        id={`${id}-file`} type="file" accept=".json,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void file.text().then((text) => useAnalysisStore.getState().importGoal(text))
        }}
      />
    </p>
  )
}
