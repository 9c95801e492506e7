/**
 * The app's side of the design-review report: reads the saved version from the library (its
 * document hash, date and note from the history, its measurements), loads the report's fonts
 * and has a worker make the PDF (report.worker.ts). One worker per report, ended after.
 */
import regularFontUrl from '../../../shared/report/fonts/DejaVuSans.ttf?url'
import boldFontUrl from '../../../shared/report/fonts/DejaVuSans-Bold.ttf?url'
import type { Design } from '../../../shared/design/types'
import type { ReportVersion } from '../../../shared/report/build'
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
  return {
    designId, version, versionCount: history.value.versions.length, savedAt: entry.createdAt, note: entry.note,
    documentHash: entry.documentHash, savedEngineVersion: entry.engineVersion, design, measurements: measured.value.items,
  }
}

/** Makes the PDF of a saved version in a worker. */
export async function makeReportPdf(version: ReportVersion): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([fontBytes(regularFontUrl), fontBytes(boldFontUrl)])
  const worker = new Worker(new URL('./report.worker.ts', import.meta.url), { type: 'module', name: 'nanoforge-report' })
  try {
    const request: ReportRequest = { version, generatedAt: new Date().toISOString(), fonts: { regular, bold } }
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
