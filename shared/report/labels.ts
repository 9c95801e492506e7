import type { BiodistributionKey } from '../engine/pbpk/types'
import type { HexColor } from './document'
import { OKABE_ITO } from './document'

/**
 * Names of the reported tissue keys, as the app's biodistribution panel writes them
 * (renderer/features/biodistribution/biodistribution-model.ts TISSUE_LABELS). A copy because
 * shared/ may not import the renderer; the report test checks the two agree, so they cannot
 * drift apart silently (moving the app's table here is the lasting fix).
 */
export const REPORT_TISSUE_LABELS: Readonly<Record<BiodistributionKey, string>> = {
  blood: 'Blood', liver: 'Liver', spleen: 'Spleen', kidneys: 'Kidneys', lungs: 'Lungs', heart: 'Heart',
  brain: 'Brain', muscle: 'Muscle', skin: 'Skin', joints: 'Joints', pancreas: 'Pancreas', colon: 'Colon',
  rest: 'Rest of body', excreted: 'Excreted', degraded: 'Degraded carrier',
}

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
