import { useId, useMemo, useState } from 'react'
import { ENGINE_VERSION } from '../../../shared/engine/version'
import { lowerFirst } from '../../../shared/design/fields'
import { useDesignStore } from '../../stores/design-store'
import { OverlayDialog } from '../compare/overlay-dialog'
import { ColourLegend, CONTEXT_DRAW_LIMIT, PARALLEL_DRAW_LIMIT, ParallelChart, SCATTER_DRAW_LIMIT, ScatterPlot } from './sweep-charts'
import type { SweepAxis, SweepData } from './sweep-data'
import { METHOD_NAMES, sampleDesign } from './sweep-design'
import { displayRows, passingRows, rangeFilter, topRows, type AxisFilter } from './sweep-filter'
import { axisTitle, fullValueText, inputText, parseInput, readableReason, samplesText, valueText } from './sweep-format'
import { useSweepStore } from './sweep-store'
import './sweep.css'

/** Rows the samples table lists. */
export const TABLE_ROWS = 15

/**
 * "Open sweep…": a merged sweep (`nanoforge merge` → Parquet or CSV) as parallel coordinates
 * and a scatter of its knobs against its metrics, filtered by brushing an axis or typing a
 * range, coloured by a chosen metric (viridis), with the best samples listed; any sample
 * opens as the current, unsaved design (the sweep's base design with the sample's knob
 * values). The file is picked in the page, so the web host and Electron work alike.
 */
export function SweepDialog({ onClose }: { readonly onClose: () => void }): React.JSX.Element {
  const data = useSweepStore((s) => s.data)
  return (
    <OverlayDialog title="Sweep" onClose={onClose} className="sweep-dialog">
      <SweepFileRow />
      {data ? <SweepView data={data} onClose={onClose} /> : <SweepIntro />}
    </OverlayDialog>
  )
}

function SweepIntro(): React.JSX.Element {
  return (
    <div className="sweep-intro">
      <p>
        Open the table of a sweep run with <code>nanoforge sweep</code> and merged with <code>nanoforge merge</code>: the <code>sweep.parquet</code> of a Slurm run, or a merged <code>.parquet</code> or <code>.csv</code>.
        A Parquet file carries the sweep&apos;s spec and base design, so any sample opens as a design; a CSV carries only the spec&apos;s hash, and its samples open once the spec file is given.
      </p>
    </div>
  )
}

function SweepFileRow(): React.JSX.Element {
  const id = useId()
  const status = useSweepStore((s) => s.status)
  const loadFile = useSweepStore((s) => s.loadFile)
  return (
    <div className="sweep-file-row">
      <label htmlFor={`${id}-file`}>Sweep file (.parquet or .csv)</label>
      <input id={`${id}-file`} type="file" accept=".parquet,.csv,text/csv,application/vnd.apache.parquet"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void loadFile(file)
        }}
      />
      {status.kind === 'reading' && <span className="sweep-status" role="status">Reading {status.fileName}…</span>}
      {status.kind === 'error' && <p className="sweep-error" role="alert">{status.message}</p>}
    </div>
  )
}

/** One line of where the table came from and how it was sampled. */
function Provenance({ data }: { readonly data: SweepData }): React.JSX.Element {
  const spec = data.sweep?.spec
  const parts = [
    `${data.fileName}: ${samplesText(data.rows)}`,
    ...(data.shard ? [`shard ${data.shard.index + 1} of ${data.shard.count} only (samples ${data.sample[0]}–${data.sample[data.rows - 1]})`] : []),
    ...(spec ? [`${METHOD_NAMES[spec.method]}${data.sweep?.cohort ? ` of ${data.sweep.cohort.name ?? 'a cohort'}` : ''}, seed ${spec.seed}, ${spec.hours} h horizon`] : []),
    `${samplesText(data.failed)} without a result`,
    `engine ${data.engineVersion}`,
    `spec hash ${data.specHash.slice(0, 12)}…`,
  ]
  return (
    <div className="sweep-provenance">
      <p>{parts.join(' · ')}{spec && <> · base design <strong>{spec.base.name}</strong></>}</p>
      {data.engineVersion !== ENGINE_VERSION && (
        <p className="sweep-note">This sweep was computed by engine {data.engineVersion}; this app runs {ENGINE_VERSION}. A sample opened as a design is estimated again by this engine, and its numbers may differ from the table&apos;s.</p>
      )}
      {!data.sweep && <SpecPicker />}
    </div>
  )
}

/** For a CSV: the spec file that gives the base design, checked against the file's spec hash. */
function SpecPicker(): React.JSX.Element {
  const id = useId()
  const loadSpec = useSweepStore((s) => s.loadSpec)
  const specError = useSweepStore((s) => s.specError)
  return (
    <div className="sweep-spec">
      <p className="sweep-note">
        A CSV carries the sweep&apos;s spec hash but not its base design. To open samples as designs, give the spec the sweep was run with: the JSON given to <code>nanoforge sweep</code>, or <code>spec.json</code> in the <code>--slurm</code> folder. It is accepted only if its hash matches the file&apos;s.
      </p>
      <label htmlFor={`${id}-spec`}>Sweep spec file (.json)</label>
      <input id={`${id}-spec`} type="file" accept=".json,application/json"
        onChange={(e) => {
          const file = e.target.files?.[0]
          e.target.value = ''
          if (file) void loadSpec(file)
        }}
      />
      {specError && <p className="sweep-error" role="alert">{specError}</p>}
    </div>
  )
}

function SweepView({ data, onClose }: { readonly data: SweepData; readonly onClose: () => void }): React.JSX.Element {
  const id = useId()
  const { filters, xKey, yKey, colourKey, parallelKeys, selectedRow, order, setFilter, clearFilters, setAxes, toggleParallel, select } = useSweepStore()
  const axisOf = (key: string): SweepAxis => data.axes.find((a) => a.key === key) ?? data.axes[0]!
  const xAxis = axisOf(xKey)
  const yAxis = axisOf(yKey)
  const colourAxis = axisOf(colourKey)
  const parallelAxes = useMemo(() => data.axes.filter((a) => parallelKeys.includes(a.key)), [data, parallelKeys])

  const rows = useMemo(() => passingRows(data, filters), [data, filters])
  const passMask = useMemo(() => {
    const m = new Uint8Array(data.rows)
    for (const r of rows) m[r] = 1
    return m
  }, [data, rows])
  const everyRow = useMemo(() => Uint32Array.from({ length: data.rows }, (_, i) => i), [data])
  const contextRows = useMemo(() => displayRows(data, everyRow, CONTEXT_DRAW_LIMIT), [data, everyRow])
  const parallelDrawn = useMemo(() => displayRows(data, rows, PARALLEL_DRAW_LIMIT), [data, rows])
  const scatterDrawn = useMemo(() => displayRows(data, rows, SCATTER_DRAW_LIMIT), [data, rows])
  const best = useMemo(() => topRows(data, rows, colourAxis, order, TABLE_ROWS), [data, rows, colourAxis, order])
  const filterCount = Object.keys(filters).length

  const choice = (label: string, value: string, onChange: (key: string) => void): React.JSX.Element => (
    <label className="sweep-choice">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <optgroup label="Knobs">{data.axes.filter((a) => a.role === 'knob').map((a) => <option key={a.key} value={a.key}>{axisTitle(a)}</option>)}</optgroup>
        {data.axes.some((a) => a.role === 'patient') && <optgroup label="Patient">{data.axes.filter((a) => a.role === 'patient').map((a) => <option key={a.key} value={a.key}>{axisTitle(a)}</option>)}</optgroup>}
        <optgroup label="Metrics">{data.axes.filter((a) => a.role === 'metric').map((a) => <option key={a.key} value={a.key}>{axisTitle(a)}</option>)}</optgroup>
      </select>
    </label>
  )

  return (
    <div className="sweep-view">
      <Provenance data={data} />
      <div className="sweep-toolbar" role="group" aria-label="Chart axes and colour">
        {choice('Scatter x', xKey, (k) => setAxes({ xKey: k }))}
        {choice('Scatter y', yKey, (k) => setAxes({ yKey: k }))}
        {choice('Colour by', colourKey, (k) => setAxes({ colourKey: k }))}
        <ColourLegend axis={colourAxis} />
      </div>
      <p className="sweep-count" role="status" data-passing={rows.length}>
        {rows.length.toLocaleString('en-US')} of {samplesText(data.rows)} pass {filterCount === 0 ? '(no filter)' : `the ${filterCount === 1 ? 'filter' : `${filterCount} filters`}`}
        {rows.length > PARALLEL_DRAW_LIMIT && <> · the lines show a fixed random {PARALLEL_DRAW_LIMIT.toLocaleString('en-US')} of them; counts, the scatter and the table use every sample</>}
        {filterCount > 0 && <> <button type="button" className="link-button" onClick={clearFilters}>Clear filters</button></>}
      </p>
      <div className="sweep-layout">
        <div className="sweep-main">
          {parallelAxes.length >= 2
            ? <ParallelChart axes={parallelAxes} rows={rows} passMask={passMask} contextRows={contextRows} drawn={parallelDrawn}
                colourAxis={colourAxis} filters={filters} selectedRow={selectedRow} onBrush={setFilter} sample={data.sample} />
            : <p className="sweep-note">Show at least two axes on the parallel coordinates (the Show boxes in the filter table).</p>}
          <p className="sweep-hint">Parallel coordinates: drag along an axis to keep a range, click the axis to clear it. Scatter: drag a rectangle to keep both ranges, click a point to see its sample.</p>
          <div className="sweep-lower">
            <ScatterPlot data={data} xAxis={xAxis} yAxis={yAxis} colourAxis={colourAxis} passMask={passMask} contextRows={contextRows}
              drawn={scatterDrawn} selectedRow={selectedRow} onSelect={select}
              onBrush={(x, y) => { setFilter(x.key, x.filter); setFilter(y.key, y.filter) }} />
            <SampleDetails data={data} row={selectedRow} onOpened={onClose} />
          </div>
        </div>
        <div className="sweep-side">
          <FilterTable data={data} filters={filters} parallelKeys={parallelKeys} onFilter={setFilter} onToggle={toggleParallel} />
          <section className="sweep-best" aria-labelledby={`${id}-best`}>
            <h3 id={`${id}-best`}>Samples that pass, by {lowerFirst(colourAxis.label)}</h3>
            <label className="sweep-choice">
              Order
              <select value={order} onChange={(e) => setAxes({ order: e.target.value as typeof order })}>
                <option value="descending">Highest first{colourAxis.direction === 'higher' ? ' (better)' : ''}</option>
                <option value="ascending">Lowest first{colourAxis.direction === 'lower' ? ' (better)' : ''}</option>
              </select>
            </label>
            <table className="sweep-table">
              <thead><tr><th scope="col">Sample</th><th scope="col">{axisTitle(colourAxis)}</th><th scope="col">{axisTitle(yAxis)}</th></tr></thead>
              <tbody>
                {best.map((r) => (
                  <tr key={r} aria-selected={r === selectedRow} className={r === selectedRow ? 'selected' : undefined}>
                    <th scope="row"><button type="button" className="link-button" aria-pressed={r === selectedRow} onClick={() => select(r)}>Sample {data.sample[r]}</button></th>
                    <td>{valueText(colourAxis, colourAxis.values[r]!)}</td>
                    <td>{valueText(yAxis, yAxis.values[r]!)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {best.length === 0 && <p className="sweep-note">No sample passes the filters.</p>}
          </section>
        </div>
      </div>
    </div>
  )
}

/** A range filter's two inputs: committed on Enter or when the field is left, so typing is not interrupted. */
function RangeInputs({ axis, filter, onFilter }: { readonly axis: SweepAxis; readonly filter: AxisFilter | undefined; readonly onFilter: (f: AxisFilter | null) => void }): React.JSX.Element {
  const range = filter?.kind === 'range' ? filter : undefined
  const [problem, setProblem] = useState<string | null>(null)
  const title = axisTitle(axis)
  const commit = (which: 'min' | 'max', text: string): void => {
    const v = parseInput(text)
    if (v === undefined) { setProblem(`“${text}” is not a number`); return }
    setProblem(null)
    const lo = which === 'min' ? v : range?.min ?? null
    const hi = which === 'max' ? v : range?.max ?? null
    if (lo === null && hi === null) { onFilter(null); return }
    onFilter(rangeFilter(lo ?? Number.NEGATIVE_INFINITY, hi ?? Number.POSITIVE_INFINITY))
  }
  const input = (which: 'min' | 'max'): React.JSX.Element => {
    const current = range ? range[which] : Number.NaN
    return (
      <input key={`${which}:${String(current)}`} type="text" inputMode="decimal" className="sweep-range-input"
        aria-label={`${title}: ${which === 'min' ? 'lowest' : 'highest'}`}
        aria-invalid={problem !== null}
        defaultValue={inputText(current)}
        placeholder={valueText(axis, axis.domain[which === 'min' ? 0 : 1]).replace(/,/g, '')}
        onBlur={(e) => { if (e.target.value !== inputText(current)) commit(which, e.target.value) }}
        onKeyDown={(e) => { if (e.key === 'Enter') commit(which, e.currentTarget.value) }}
      />
    )
  }
  return (
    <>
      <td>{input('min')}</td>
      <td>{input('max')}{problem && <span className="sweep-error" role="alert">{problem}</span>}</td>
    </>
  )
}

function OptionChecks({ axis, filter, onFilter }: { readonly axis: SweepAxis; readonly filter: AxisFilter | undefined; readonly onFilter: (f: AxisFilter | null) => void }): React.JSX.Element {
  const allowed = filter?.kind === 'options' ? filter.allowed : axis.categories.map((_, i) => i)
  return (
    <td colSpan={2}>
      <div className="sweep-options">
        {axis.categoryLabels.map((label, i) => (
          <label key={axis.categories[i]}>
            <input type="checkbox" checked={allowed.includes(i)}
              onChange={(e) => {
                const next = e.target.checked ? [...allowed, i].sort((a, b) => a - b) : allowed.filter((j) => j !== i)
                onFilter(next.length === axis.categories.length ? null : { kind: 'options', allowed: next })
              }}
            />
            {label}
          </label>
        ))}
      </div>
    </td>
  )
}

function FilterTable({ data, filters, parallelKeys, onFilter, onToggle }: {
  readonly data: SweepData
  readonly filters: Readonly<Record<string, AxisFilter>>
  readonly parallelKeys: ReadonlyArray<string>
  readonly onFilter: (key: string, f: AxisFilter | null) => void
  readonly onToggle: (key: string) => void
}): React.JSX.Element {
  const id = useId()
  return (
    <section className="sweep-filters" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Filters</h3>
      <table className="sweep-table sweep-filter-table">
        <thead><tr><th scope="col">Show</th><th scope="col">{data.axes.some((a) => a.role === 'patient') ? 'Knob, patient or metric' : 'Knob or metric'}</th><th scope="col">Lowest</th><th scope="col">Highest</th></tr></thead>
        <tbody>
          {data.axes.map((a) => (
            <tr key={a.key} className={filters[a.key] ? 'filtered' : undefined} data-axis={a.key}>
              <td><input type="checkbox" aria-label={`Show ${axisTitle(a)} on the parallel axes`} checked={parallelKeys.includes(a.key)} onChange={() => onToggle(a.key)} /></td>
              <th scope="row">{axisTitle(a)}{a.role === 'metric' && a.direction !== undefined && a.direction !== 'target' && <span className="sweep-direction"> ({a.direction} is better)</span>}</th>
              {a.categorical
                ? <OptionChecks axis={a} filter={filters[a.key]} onFilter={(f) => onFilter(a.key, f)} />
                : <RangeInputs axis={a} filter={filters[a.key]} onFilter={(f) => onFilter(a.key, f)} />}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

/** The selected sample: every knob and metric, why it has no result, and Open as design. */
function SampleDetails({ data, row, onOpened }: { readonly data: SweepData; readonly row: number | null; readonly onOpened: () => void }): React.JSX.Element {
  const id = useId()
  // a refusal belongs to the sample it was for
  const [refused, setRefused] = useState<{ readonly data: SweepData; readonly row: number; readonly reason: string } | null>(null)
  const problem = refused && refused.data === data && refused.row === row ? refused.reason : null
  if (row === null) {
    return (
      <section className="sweep-details" aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>Sample</h3>
        <p className="sweep-note">Click a point of the scatter, or a sample in the table, to see its values and open it as a design.</p>
      </section>
    )
  }
  const reason = data.error[row]
  const open = (): void => {
    const made = sampleDesign(data, row)
    if (!made.ok) { setRefused({ data, row, reason: made.reason }); return }
    onOpened()
    useDesignStore.getState().newDesign(made.design)
  }
  return (
    <section className="sweep-details" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Sample {data.sample[row]}</h3>
      <table className="sweep-table">
        <tbody>
          {data.axes.map((a) => (
            <tr key={a.key}><th scope="row">{axisTitle(a)}</th><td>{fullValueText(a, a.values[row]!)}</td></tr>
          ))}
        </tbody>
      </table>
      {reason && <p className="sweep-note">No result: {readableReason(reason)}</p>}
      <button type="button" onClick={open} disabled={!data.sweep} title={data.sweep ? undefined : 'Give the sweep spec file first'}>Open sample {data.sample[row]} as a design</button>
      {!data.sweep && <p className="sweep-note">Give the sweep&apos;s spec file (above) to open samples as designs.</p>}
      {problem && <p className="sweep-error" role="alert">{problem}</p>}
    </section>
  )
}
