import type { BiodistributionKey } from '../engine/pbpk/types'
import type { HexColor } from './document'
import { OKABE_ITO } from './document'
import { TISSUE_LABELS } from '../design/display-names'

/** Names of the reported tissue keys: the app's one table (shared/design/display-names.ts). */
export const REPORT_TISSUE_LABELS: Readonly<Record<BiodistributionKey, string>> = TISSUE_LABELS

/** Name of a selectivity target (`spleen+liver-apc` for the tolerize goal), as the app's. */
export function targetName(target: string | null): string {
  if (target === null) return 'none'
  if (target === 'spleen+liver-apc') return 'Antigen-presenting cells of spleen and liver'
  return REPORT_TISSUE_LABELS[target as BiodistributionKey] ?? target
}

/** Colours of the three release environments (Okabe-Ito). */
export const ENVIRONMENT_COLOURS = {
  plasma: OKABE_ITO.blue, inflamed: OKABE_ITO.vermillion, endolysosome: OKABE_ITO.green,
} as const satisfies Readonly<Record<string, HexColor>>

/** Colours of designs 1-4 in a comparison (Okabe-Ito). */
export const DESIGN_COLOURS: ReadonlyArray<HexColor> = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.green, OKABE_ITO.purple]
