import { useState } from 'react'
import { MAX_COMPARED_DESIGNS } from '../../../shared/report/build'
import { downloadBlob } from '../../lib/download'
import { fileStem } from '../export/export-scene'
import { comparisonVersionsOf, makeReportPdf } from './report-client'

/** Fewest designs a comparison report holds. */
const MIN_COMPARED = 2

/** The download name of a comparison: the designs' names joined, kept short. */
export function comparisonFileName(names: ReadonlyArray<string>): string {
  const stem = names.map((n) => fileStem(n)).join('-vs-')
  return `${stem.length > 120 ? `${stem.slice(0, 120).replace(/-+$/, '')}-and-more` : stem}-comparison.pdf`
}

/**
 * "Comparison report (PDF)" of the designs ticked in the library: the same report as
 * `nanoforge report A --compare B...` (every design at its latest saved version, landscape,
 * side-by-side tables), made by the same worker as the single report and offered as a download.
 */
export function ComparisonReportButton({ designIds }: { readonly designIds: ReadonlyArray<string> }): React.JSX.Element {
  const [state, setState] = useState<{ readonly busy: boolean; readonly message: string }>({ busy: false, message: '' })
  const n = designIds.length
  const blocked = n < MIN_COMPARED || n > MAX_COMPARED_DESIGNS ? `Tick ${MIN_COMPARED} to ${MAX_COMPARED_DESIGNS} designs for a comparison report` : null
  const run = async (): Promise<void> => {
    setState({ busy: true, message: `Making the comparison report of ${n} designs…` })
    try {
      const versions = await comparisonVersionsOf(designIds)
      const bytes = await makeReportPdf(versions)
      downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), comparisonFileName(versions.map((v) => v.design.name)))
      setState({ busy: false, message: `Comparison report of ${n} designs exported (${Math.round(bytes.length / 1024)} kB).` })
    } catch (e) {
      setState({ busy: false, message: `Comparison report failed: ${e instanceof Error ? e.message : String(e)}` })
    }
  }
  return (
    <span className="comparison-report" role="group" aria-label="Comparison report">
      <button type="button" disabled={blocked !== null || state.busy} title={blocked ?? undefined} onClick={() => void run()}>
        {state.busy ? 'Making comparison report…' : `Comparison report (PDF)`}
      </button>
      {state.message !== '' ? <span className="comparison-report-status" role="status">{state.message}</span> : null}
    </span>
  )
}
