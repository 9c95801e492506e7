import { useState } from 'react'
import { downloadBlob } from '../../lib/download'
import { useDesignStore } from '../../stores/design-store'
import { fileStem } from '../export/export-scene'
import { useCalibrateStore } from '../calibrate/calibrate-store'
import { chosenCalibration, makeReportPdf, reportFigureOf, reportVersionOf } from './report-client'

/** Why the report cannot be made right now, or null when it can. */
export function reportBlockedReason(designId: string | null, version: number | null, dirty: boolean): string | null {
  if (designId === null || version === null) return 'Save the design first: a review report describes a saved version.'
  if (dirty) return `The form has unsaved changes: save them first, so the report describes what you see (version ${version} differs from the form).`
  return null
}

/**
 * "Design-review report (PDF)": the same report as `nanoforge report`, of the open saved
 * version, made in a worker and offered as a download. The app's report adds what the command
 * line cannot draw, a render of the particle's 3D scene (report-figure.tsx), and applies the
 * calibration profile chosen in the profile picker as `report --profile` does.
 */
export function ReportButton(): React.JSX.Element {
  const designId = useDesignStore((s) => s.designId)
  const version = useDesignStore((s) => s.version)
  const dirty = useDesignStore((s) => s.dirty)
  const chosenProfile = useCalibrateStore((s) => s.selectedProfile?.name ?? null)
  const [state, setState] = useState<{ readonly busy: boolean; readonly message: string }>({ busy: false, message: '' })
  const blocked = reportBlockedReason(designId, version, dirty)
  // Said before the click: the report will apply the profile chosen in another tab.
  const hint = chosenProfile === null ? '' : `The report applies calibration profile "${chosenProfile}" (chosen in the Biodistribution tab).`
  const run = async (): Promise<void> => {
    const { design, designId: id, version: v } = useDesignStore.getState()
    if (id === null || v === null) return
    const profileName = useCalibrateStore.getState().selectedProfile?.name
    const withProfile = profileName === undefined ? '' : ` with calibration profile "${profileName}"`
    setState({ busy: true, message: `Making the review report${withProfile} (3D figure, engine, Monte Carlo band, validation score)…` })
    try {
      const calibration = await chosenCalibration()
      const version = await reportVersionOf(id, v, design)
      const bytes = await makeReportPdf(version, { figure: await reportFigureOf(design), calibration })
      downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), `${fileStem(design.name)}-v${v}-review.pdf`)
      const applied = calibration === null ? '' : ` with calibration profile "${calibration.profile.name}"`
      setState({ busy: false, message: `Review report of version ${v}${applied} exported (${Math.round(bytes.length / 1024)} kB).` })
    } catch (e) {
      setState({ busy: false, message: `Report failed: ${e instanceof Error ? e.message : String(e)}` })
    }
  }
  return (
    <div className="report-export" role="group" aria-label="Review report">
      <button type="button" disabled={blocked !== null || state.busy} title={blocked ?? undefined} onClick={() => void run()}>
        {state.busy ? 'Making report…' : 'Review report (PDF)'}
      </button>
      <span className="report-status" role="status">{blocked ?? (state.message || hint)}</span>
    </div>
  )
}
