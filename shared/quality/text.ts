import { formatQuantity } from '../design/format'
import type { QualityMeasurementValues } from '../ipc/channels/measurement'
import { QUALITY_FIELDS, attributeOfQualityField } from './attributes'

/** A quality reading in words: "Encapsulation efficiency 85 %, Endotoxin 0.1 EU/mL, Residual solvent 120 ppm (ethanol)". */
export function qualityReadingText(data: QualityMeasurementValues): string {
  const parts: string[] = []
  for (const f of QUALITY_FIELDS) {
    const v = data[f]
    if (v === undefined) continue
    const a = attributeOfQualityField(f)
    parts.push(`${a.label} ${formatQuantity(v, a.unit, 4)}${f === 'residualSolventPpm' && data.residualSolventName !== undefined ? ` (${data.residualSolventName})` : ''}`)
  }
  return parts.join(', ')
}
