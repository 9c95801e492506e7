/**
 * Words and numbers of the sweep viewer: an axis's title with its unit, a value as people
 * read it (a choice knob's display name, a number with a few significant digits and ×10ⁿ
 * when huge or tiny, never e-notation), and the text of a range input.
 */
import { formatFieldValue, formatQuantity } from '../../../shared/design/format'
import { pathLabel } from '../../../shared/design/fields'
import type { SweepAxis } from './sweep-data'

/** "Core diameter (nm)", "Selectivity index"; " · log" is added by the charts where the axis is logarithmic. */
export function axisTitle(axis: SweepAxis): string {
  return axis.unit ? `${axis.label} (${axis.unit})` : axis.label
}

/**
 * A value of an axis for a table or tick: option name, or the number (unit in the header).
 * On a narrow axis far from zero (a ratio to free drug from 1.0058 to 1.0084) three
 * significant digits would print every tick as "1.0": there the value gets the digits that
 * tell the axis's ends apart (its magnitude ÷ its span, plus two).
 */
export function valueText(axis: SweepAxis, v: number, digits = 3): string {
  if (Number.isNaN(v)) return '—'
  if (axis.categorical) return axis.categoryLabels[v] ?? '—'
  if (axis.integer && Number.isInteger(v) && Math.abs(v) < 1e6) return v.toLocaleString('en-US')
  const [lo, hi] = axis.domain
  const ratio = Math.max(Math.abs(lo), Math.abs(hi)) / (hi - lo)
  if (hi > lo && ratio >= 100 && Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6) {
    return v.toLocaleString('en-US', { maximumSignificantDigits: Math.min(12, Math.max(digits, Math.ceil(Math.log10(ratio)) + 2)) })
  }
  return formatQuantity(v, '', digits)
}

/**
 * A value in full, for one sample's details and notes: a knob as the form writes it (six
 * significant digits, no float noise), a metric with three.
 */
export function fullValueText(axis: SweepAxis, v: number): string {
  if (Number.isNaN(v)) return '—'
  if (axis.categorical) return axis.categoryLabels[v] ?? '—'
  return axis.role === 'knob' ? formatFieldValue(axis.key, v) : valueText(axis, v)
}

/**
 * A number as the text of a range input: 4 significant digits, no grouping and no
 * e-notation (so the text reads back as the same number in the input).
 */
export function inputText(v: number): string {
  if (!Number.isFinite(v)) return ''
  return v.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 4 })
}

/**
 * Reads a range input: '' is an open end (null); otherwise a finite number ("1,000" and
 * "1 000" accepted) or undefined when the text is not one.
 */
export function parseInput(text: string): number | null | undefined {
  const t = text.trim().replace(/[,\s]/g, '')
  if (t === '') return null
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined
  const v = Number(t)
  return Number.isFinite(v) ? v : undefined
}

/** "1 sample", "12,345 samples". */
export function samplesText(n: number): string {
  return `${n.toLocaleString('en-US')} sample${n === 1 ? '' : 's'}`
}

/** A design path inside a message (`coatings[0].thicknessNm`). */
const DESIGN_PATH = /\b(?:core|coatings|ligands|payload|context)(?:\.[A-Za-z]\w*|\[\d+\])+/g

/**
 * Why a sample has no result, as people read it: the sweep writes the validator's paths
 * ("invalid design: coatings[0].thicknessNm: …"); here they become the form's names.
 */
export function readableReason(reason: string): string {
  return reason.replace(/^invalid design: /, 'the values give no valid design: ').replace(DESIGN_PATH, (path) => pathLabel(path))
}
