import type { ReportVersion } from '../../../shared/report/build'
import type { ReportFonts } from '../../../shared/report/render-pdf'

/** What the UI sends the report worker: the saved version as the library holds it, the fonts and the time. */
export interface ReportRequest {
  readonly version: ReportVersion
  readonly generatedAt: string
  readonly fonts: ReportFonts
}

/** The PDF's bytes, or why it could not be made. */
export type ReportResponse = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string }
