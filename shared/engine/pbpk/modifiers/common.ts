/**
 * Small helpers shared by the PBPK modifiers: assumption records built from Cited values,
 * number formatting for assumption texts (so a text shows the value the data holds, never a
 * typed copy), and an empty-result builder.
 */
import type { Cited } from '../../../catalog/cited'
import type { PbpkAssumption } from '../types'
import type { ModifierResult } from './types'

/** An assumption record for a Cited value; `value` overrides the number reported (e.g. the factor applied). */
export function cite(id: string, description: string, c: Cited, value = c.value): PbpkAssumption {
  return { id, description, value, unit: c.unit, source: c.source, evidence: c.evidence }
}

/** x clamped into [lo, hi]. */
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/** A number with an explicit sign in typographic form: +15, −30, 0 (for thresholds and exponents in texts). */
export function signed(x: number): string {
  if (x > 0) return `+${x}`
  if (x < 0) return `−${-x}`
  return `${x}`
}

/** A number in typographic form, with U+2212 for negatives (−0.25): for exponents in texts. */
export function typographic(x: number): string {
  return x < 0 ? `−${-x}` : `${x}`
}

/** A modifier result with the given parts and no effect elsewhere. */
export function modifierResult(parts: Partial<ModifierResult>): ModifierResult {
  return {
    organs: parts.organs ?? {},
    lesion: parts.lesion ?? {},
    scalars: parts.scalars ?? {},
    assumptions: parts.assumptions ?? [],
    warnings: parts.warnings ?? [],
  }
}
