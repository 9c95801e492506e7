/// <reference lib="webworker" />
/**
 * Makes the design-review PDF (or the comparison of 2-4 designs) off the UI thread (issue #16: the report "generated in the app
 * and by the CLI with the same code"). The same pipeline as `nanoforge report`: the engine with
 * the fixed-seed Monte Carlo band (shared/report/analyse.ts), the validation score computed from
 * the published rows, the layout (build.ts) and jsPDF (render-pdf.ts). Why a worker: the
 * analysis and the scoring take a few seconds, which would freeze the window.
 */
import { analyseDesign } from '../../../shared/report/analyse'
import { buildComparisonReport, buildDesignReport } from '../../../shared/report/build'
import { renderReportPdf } from '../../../shared/report/render-pdf'
import { summariseValidation } from '../../../shared/report/validation'
import type { ReportRequest, ReportResponse } from './report-protocol'

const post = (message: ReportResponse, transfer: Transferable[] = []): void => (self as DedicatedWorkerGlobalScope).postMessage(message, transfer)

self.onmessage = (event: MessageEvent<ReportRequest>): void => {
  const request = event.data
  try {
    const validation = summariseValidation()
    const settings = { generatedAt: request.generatedAt, validation }
    // A comparison has no Monte Carlo band (each design's own report carries it), as in the CLI;
    // with a profile every design is estimated under it, as report --compare --profile does.
    const document = request.kind === 'design'
      ? buildDesignReport(request.version, analyseDesign(request.version.design, true, [], request.calibration ?? null), settings, request.figure)
      : buildComparisonReport(request.versions.map((v) => ({ version: v, analysis: analyseDesign(v.design, false, [], request.calibration ?? null) })), settings, request.figures)
    const bytes = renderReportPdf(document, request.fonts)
    post({ ok: true, bytes }, [bytes.buffer])
  } catch (e) {
    post({ ok: false, message: e instanceof Error ? e.message : String(e) })
  }
}
