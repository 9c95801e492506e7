import { fieldDef } from './fields'

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹',
}

/**
 * A number for people: plain with a few significant digits, or "1.23 × 10¹²" when very large
 * or very small (never e-notation such as 1.225e+12).
 *
 * Why one formatter: particles per mg, surface areas and ligand counts span many decades; the
 * form, the derived panel, the history, the compare table and the presentation all show them,
 * and must write them the same way (issue 12, "×10ⁿ formatting").
 */
export function formatQuantity(v: number | null | undefined, unit = '', digits = 3): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—'
  const abs = Math.abs(v)
  let text: string
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) {
    let exp = Math.floor(Math.log10(abs))
    let mant = v / 10 ** exp
    // 9.996e5 rounds to "10.0 × 10⁵": carry into the exponent instead.
    if (Math.abs(Number(mant.toFixed(Math.max(0, digits - 1)))) >= 10) {
      exp += 1
      mant /= 10
    }
    const sup = String(exp).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')
    text = `${mant.toFixed(Math.max(0, digits - 1))} × 10${sup}`
  } else if (Number.isInteger(v)) {
    text = v.toLocaleString('en-US')
  } else {
    // below 1, keep `digits` significant digits (0.005 stays 0.005, not "0.01")
    const decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : digits - 1 - Math.floor(Math.log10(abs))
    text = v.toLocaleString('en-US', { maximumFractionDigits: decimals, minimumFractionDigits: decimals > 0 ? 1 : 0 })
  }
  return unit ? `${text} ${unit}` : text
}

/**
 * A design value as a scientist reads it, by its field definition: choice ids become display
 * names ("plga-50-50" → "PLGA 50:50"), numbers keep what was typed (no float noise) unless very
 * large or small (×10ⁿ), text stays text. No unit: tables show the unit in the header.
 */
export function formatFieldValue(path: string, value: unknown): string {
  if (value === undefined || value === null) return '—'
  const def = fieldDef(path)
  if (typeof value === 'string') return def?.options?.find((o) => o.value === value)?.label ?? value
  if (typeof value === 'number') {
    const abs = Math.abs(value)
    if (abs !== 0 && (abs >= 1e6 || abs < 1e-3)) return formatQuantity(value)
    return String(Number(value.toPrecision(6)))
  }
  return JSON.stringify(value)
}

/** Items for people: "a", "a and b", "a, b and c". */
export function listText(items: ReadonlyArray<string>): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
