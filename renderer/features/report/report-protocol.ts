import type { ReportVersion } from '../../../shared/report/build'
import type { ReportFonts } from '../../../shared/report/render-pdf'

/**
 * What the UI sends the report worker: one saved version (a design-review report) or 2-4
 * (a comparison, as `nanoforge report A --compare B...`), the fonts and the time.
 */
export type ReportRequest =
  | { readonly kind: 'design'; readonly version: ReportVersion; readonly generatedAt: string; readonly fonts: ReportFonts }
  | { readonly kind: 'comparison'; readonly versions: ReadonlyArray<ReportVersion>; readonly generatedAt: string; readonly fonts: ReportFonts }

/** The PDF's bytes, or why it could not be made. */
export type ReportResponse = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string }
