import { fieldDef, pathLabel } from '../../../shared/design/fields'
import { formatFieldValue } from '../../../shared/design/format'

/**
 * A readable name for a JSON path of a design (`coatings[1].thicknessNm` → "Coating 2 shell
 * thickness"); unknown paths are returned as they are.
 *
 * Why: the history diff comes from the host as paths; scientists read field names. The names
 * come from the field definitions (shared/design/fields.ts), the same the form labels with.
 */
export function fieldLabel(path: string): string {
  return pathLabel(path)
}

/**
 * A value of the history diff as people read it: the diff sends formatted text ("120 nm",
 * "plga-50-50"); the unit has its own column, so it is dropped here, ids become display names
 * and large or small numbers are written ×10ⁿ. Whole added/removed objects stay as sent.
 */
export function diffValueText(path: string, text: string | null, unit: string): string {
  if (text === null) return '(absent)'
  const bare = unit && text.endsWith(` ${unit}`) ? text.slice(0, -unit.length - 1) : text
  const def = fieldDef(path)
  if (def?.kind === 'number') {
    const n = Number(bare)
    return Number.isFinite(n) && bare.trim() !== '' ? formatFieldValue(path, n) : bare
  }
  if (def?.kind === 'choice') return formatFieldValue(path, bare)
  return bare
}
