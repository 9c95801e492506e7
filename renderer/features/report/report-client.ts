/**
 * The app's side of the design-review report: reads the saved version from the library (its
 * document hash, date and note from the history, its measurements), loads the report's fonts
 * and has a worker make the PDF (report.worker.ts). One worker per report, ended after.
 */
import regularFontUrl from '../../../shared/report/fonts/DejaVuSans.ttf?url'
import boldFontUrl from '../../../shared/report/fonts/DejaVuSans-Bold.ttf?url'
import { validateDesign } from '../../../shared/design/schema'
import type { Design } from '../../../shared/design/types'
import type { ReportFigure, ReportVersion } from '../../../shared/report/build'
import { MAX_COMPARED_DESIGNS } from '../../../shared/report/limits'
import type { ReportCalibration } from '../../../shared/report/analyse'
import { useCalibrateStore } from '../calibrate/calibrate-store'
import { renderReportFigure } from './report-figure'
import { getApi } from '../../bridge'
import type { ReportRequest, ReportResponse } from './report-protocol'

async function fontBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`could not load the report font (${res.status})`)
  return new Uint8Array(await res.arrayBuffer())
}

/** The saved version as the report needs it; throws with a sentence when the library cannot say. */
export async function reportVersionOf(designId: string, version: number, design: Design): Promise<ReportVersion> {
  const history = await getApi().designHistory({ designId })
  if (!history.ok) throw new Error(`the library could not read the design's history: ${history.message}`)
  const entry = history.value.versions.find((v) => v.version === version)
  if (!entry) throw new Error(`version ${version} is not in the library`)
  const measured = await getApi().listMeasurements({ designId, version })
  if (!measured.ok) throw new Error(`the library could not read the measurements: ${measured.message}`)
  const specs = await getApi().designSpecs({ designId })
  if (!specs.ok) throw new Error(`the library could not read the project's specification: ${specs.message}`)
  const project = specs.value.project
  return {
    designId, version, versionCount: history.value.versions.length, savedAt: entry.createdAt, note: entry.note,
    documentHash: entry.documentHash, savedEngineVersion: entry.engineVersion, design, measurements: measured.value.items,
    specs: project === null ? null : { projectName: project.name, limits: specs.value.specs, lastChange: specs.value.lastChange },
    // The version's signatures for the cover, from the same history answer as the History panel.
    approvals: entry.approvals ?? [],
  }
}

/**
 * The latest saved versions of 2-4 designs for a comparison report (as `nanoforge report A
 * --compare B...`: every design at its latest version); throws with a sentence naming the
 * design the library cannot give or this build cannot validate.
 */
export async function comparisonVersionsOf(designIds: ReadonlyArray<string>): Promise<ReportVersion[]> {
  if (designIds.length < 2 || designIds.length > MAX_COMPARED_DESIGNS) throw new Error(`a comparison holds 2 to ${MAX_COMPARED_DESIGNS} designs, ${designIds.length} are selected`)
  return Promise.all(designIds.map(async (designId) => {
    const res = await getApi().getDesign({ designId })
    if (!res.ok) throw new Error(`the library could not read design ${designId}: ${res.message}`)
    const checked = validateDesign(res.value.design)
    if (!checked.valid) throw new Error(`design ${designId} version ${res.value.version} is not a valid design for this build`)
    return reportVersionOf(designId, res.value.version, checked.design)
  }))
}

/**
 * The report's 3D figure: the design rendered off screen from the scene components
 * (report-figure.tsx), or, when the browser gives no WebGL, the reason, which the report's
 * caption then states (the report is still made, with its 2D cross-section).
 */
export async function reportFigureOf(design: Design): Promise<ReportFigure> {
  try {
    return { kind: 'render', render: await renderReportFigure(design) }
  } catch (e) {
    return { kind: 'unavailable', reason: e instanceof Error ? e.message : String(e) }
  }
}

/**
 * The calibration profile chosen in the profile picker (Biodistribution tab), as the report
 * states it: the stored profile, its freshness warnings (read when it was chosen), the labels
 * of the measurements it learned from (deleted ones too) and its designs' names; null when
 * none is chosen. Throws with a sentence when one is chosen but cannot be read, rather than
 * make an uncalibrated report the user did not ask for.
 */
export async function chosenCalibration(): Promise<ReportCalibration | null> {
  const { selectedProfileId, selectedProfile, selectedError, selectedFreshness } = useCalibrateStore.getState()
  if (selectedProfileId === null) return null
  if (selectedProfile === null || selectedProfile.id !== selectedProfileId) {
    throw new Error(selectedError ?? 'the chosen calibration profile is still being read; try again in a moment')
  }
  const measurementLabels: Record<string, string> = {}
  const designNames: Record<string, string> = {}
  for (const { designId } of selectedProfile.provenance.designs) {
    const listed = await getApi().listMeasurements({ designId, includeDeleted: true })
    if (!listed.ok) throw new Error(`the library could not read the calibration profile's measurements: ${listed.message}`)
    for (const m of listed.value.items) if (m.label !== '') measurementLabels[m.id] = m.label
    const found = await getApi().getDesign({ designId })
    const name = found.ok ? (found.value.design as { name?: unknown }).name : undefined
    if (typeof name === 'string') designNames[designId] = `"${name}"`
  }
  return { profile: selectedProfile, freshness: selectedFreshness, measurementLabels, designNames }
}

/**
 * The 3D figures of a comparison, one per design in order, rendered one after the other (each
 * render takes its own off-screen WebGL context, which a browser limits in number).
 */
export async function comparisonFiguresOf(versions: ReadonlyArray<ReportVersion>): Promise<ReportFigure[]> {
  const out: ReportFigure[] = []
  for (const v of versions) out.push(await reportFigureOf(v.design))
  return out
}

/** Makes the PDF of a saved version, or with several versions their comparison, in a worker. */
export async function makeReportPdf(
  versions: ReportVersion | ReadonlyArray<ReportVersion>,
  extras: { readonly figure?: ReportFigure; readonly figures?: ReadonlyArray<ReportFigure>; readonly calibration?: ReportCalibration | null } = {},
): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([fontBytes(regularFontUrl), fontBytes(boldFontUrl)])
  // The one worker outside the shared pool (renderer/engine/worker-pool.ts), on purpose: its
  // bundle carries jsPDF and the published validation rows (~1.5 MB against the pool worker's
  // ~0.5 MB), which every pool worker, the live lane included, would then load at start; a
  // report is made once per click and this worker is ended after.
  const worker = new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module', name: 'nanoforge-report' })
  try {
    const common = { generatedAt: new Date().toISOString(), fonts: { regular, bold } }
    const request: ReportRequest = Array.isArray(versions)
      ? { kind: 'comparison', versions: versions as ReadonlyArray<ReportVersion>, ...common, ...(extras.figures ? { figures: extras.figures } : {}), calibration: extras.calibration ?? null }
      : { kind: 'design', version: versions as ReportVersion, ...common, ...(extras.figure ? { figure: extras.figure } : {}), calibration: extras.calibration ?? null }
    const answer = await new Promise<ReportResponse>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<ReportResponse>) => resolve(e.data)
      worker.onerror = (e) => reject(new Error(e.message || 'the report worker failed'))
      worker.postMessage(request, [regular.buffer, bold.buffer])
    })
    if (!answer.ok) throw new Error(answer.message)
    return answer.bytes
  } finally {
    worker.terminate()
  }
}
