import type { ReportCalibration } from '../../../shared/report/analyse'
import type { ReportFigure, ReportVersion } from '../../../shared/report/build'
import type { ReportFonts } from '../../../shared/report/render-pdf'

/**
 * What the UI sends the report worker: one saved version (a design-review report, with its 3D
 * figure and the chosen calibration profile) or 2-4 (a comparison, as `nanoforge report A
 * --compare B...`, with each design's 3D figure and the chosen profile), the fonts and the time.
 */
export type ReportRequest =
  | {
    readonly kind: 'design'; readonly version: ReportVersion; readonly generatedAt: string; readonly fonts: ReportFonts
    /** The 3D figure rendered in the window (a worker has no DOM canvas of the scene), or why there is none. */
    readonly figure?: ReportFigure
    /** The profile chosen in the profile picker, applied as `report --profile` applies it; null or absent: none. */
    readonly calibration?: ReportCalibration | null
  }
  | {
    readonly kind: 'comparison'; readonly versions: ReadonlyArray<ReportVersion>; readonly generatedAt: string; readonly fonts: ReportFonts
    /** Each design's 3D figure rendered in the window, in the versions' order, or why there is none. */
    readonly figures?: ReadonlyArray<ReportFigure>
    /** The profile chosen in the profile picker, applied to every design as `report --compare --profile` does; null or absent: none. */
    readonly calibration?: ReportCalibration | null
  }

/** The PDF's bytes, or why it could not be made. */
export type ReportResponse = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string }
