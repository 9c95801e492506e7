import { useState } from 'react'
import { MAX_COMPARED_DESIGNS } from '../../../shared/report/limits'
import { downloadBlob } from '../../lib/download'
import { fileStem } from '../export/export-scene'
import { useCalibrateStore } from '../calibrate/calibrate-store'
import { chosenCalibration, comparisonFiguresOf, comparisonVersionsOf, makeReportPdf } from './report-client'

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
 * As the single report, it adds what the command line cannot draw, each design's 3D render
 * (report-figure.tsx), and applies the calibration profile chosen in the profile picker to every
 * design as `report --compare --profile` does.
 */
export function ComparisonReportButton({ designIds }: { readonly designIds: ReadonlyArray<string> }): React.JSX.Element {
  const chosenProfile = useCalibrateStore((s) => s.selectedProfile?.name ?? null)
  const [state, setState] = useState<{ readonly busy: boolean; readonly message: string }>({ busy: false, message: '' })
  const n = designIds.length
  // Said before the click: the report will apply the profile chosen in another tab.
  const hint = chosenProfile === null ? '' : `The comparison report applies calibration profile "${chosenProfile}" (chosen in the Biodistribution tab) to every design.`
  const blocked = n < MIN_COMPARED || n > MAX_COMPARED_DESIGNS ? `Tick ${MIN_COMPARED} to ${MAX_COMPARED_DESIGNS} designs for a comparison report` : null
  const run = async (): Promise<void> => {
    const profileName = useCalibrateStore.getState().selectedProfile?.name
    const withProfile = profileName === undefined ? '' : ` with calibration profile "${profileName}"`
    setState({ busy: true, message: `Making the comparison report of ${n} designs${withProfile} (3D figures, engine)…` })
    try {
      const calibration = await chosenCalibration()
      const versions = await comparisonVersionsOf(designIds)
      const figures = await comparisonFiguresOf(versions)
      const bytes = await makeReportPdf(versions, { figures, calibration })
      downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), comparisonFileName(versions.map((v) => v.design.name)))
      const applied = calibration === null ? '' : ` with calibration profile "${calibration.profile.name}"`
      setState({ busy: false, message: `Comparison report of ${n} designs${applied} exported (${Math.round(bytes.length / 1024)} kB).` })
    } catch (e) {
      setState({ busy: false, message: `Comparison report failed: ${e instanceof Error ? e.message : String(e)}` })
    }
  }
  return (
    <span className="comparison-report" role="group" aria-label="Comparison report">
      <button type="button" disabled={blocked !== null || state.busy} title={blocked ?? undefined} onClick={() => void run()}>
        {state.busy ? 'Making comparison report…' : `Comparison report (PDF)`}
      </button>
      {(state.message || hint) !== '' ? <span className="comparison-report-status" role="status">{state.message || hint}</span> : null}
    </span>
  )
}
