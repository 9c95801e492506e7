import { z } from 'zod'
import { formatQuantity } from '../design/format'
import { SafeText } from '../ipc/text'
import { CQA_ATTRIBUTE_IDS, attributeRangeProblem, cqaAttribute, type CqaAttributeId } from './attributes'

/**
 * Specification limits of critical quality attributes, set per project (issue #16: "Spec
 * limits are set per project"). One limit per attribute: a lower limit, an upper limit or
 * both, inclusive (a reading equal to a limit meets it, as "NMT 0.2" and "NLT 90 %" read in a
 * specification: not more than, not less than), with a note for the justification.
 *
 * Why a zod schema here: the CLI, the store (electron/db/specs.ts) and the IPC response check a
 * limit with the same rules and report problems at the same paths (`min`, `max`, `attribute`).
 */

/** Longest note of a limit (its justification), characters. */
export const MAX_SPEC_NOTE = 500

/** A limit as it is set: which attribute, its lower and/or upper limit (null: none), a note. */
export const SpecLimitInput = z.object({
  attribute: z.enum(CQA_ATTRIBUTE_IDS, { message: `the attribute is one of ${CQA_ATTRIBUTE_IDS.join(', ')}` }),
  min: z.number({ message: 'a limit is a number' }).nullable(),
  max: z.number({ message: 'a limit is a number' }).nullable(),
  note: SafeText({ max: MAX_SPEC_NOTE, lengthMessage: `a note is at most ${MAX_SPEC_NOTE} characters` }),
}).strict().superRefine((s, ctx) => {
  const a = cqaAttribute(s.attribute)
  if (s.min === null && s.max === null) ctx.addIssue({ code: 'custom', path: ['min'], message: 'a specification needs a lower limit, an upper limit or both' })
  for (const side of ['min', 'max'] as const) {
    const v = s[side]
    if (v === null) continue
    const problem = attributeRangeProblem(a, v)
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [side], message: `${problem}; ${v} is not` })
  }
  if (s.min !== null && s.max !== null && s.min > s.max) {
    ctx.addIssue({ code: 'custom', path: ['max'], message: `the upper limit ${s.max} is below the lower limit ${s.min}` })
  }
})
export type SpecLimitValues = z.infer<typeof SpecLimitInput>

/** A stored limit: the input plus when it was last set. */
export const SpecLimitSchema = z.object({
  attribute: z.enum(CQA_ATTRIBUTE_IDS),
  min: z.number().nullable(),
  max: z.number().nullable(),
  note: z.string().max(100_000),
  updatedAt: z.string().max(40),
}).strict()
export type SpecLimit = z.infer<typeof SpecLimitSchema>

/** True when a value meets a limit (limits inclusive). */
export function meetsSpec(value: number, spec: Pick<SpecLimit, 'min' | 'max'>): boolean {
  return (spec.min === null || value >= spec.min) && (spec.max === null || value <= spec.max)
}

/**
 * A limit as a specification writes it: "80 to 150 nm", "≤ 0.2", "≥ 90 %". Numbers through the
 * app's formatter, "to" rather than a dash so that negative limits ("−30 to −10 mV") stay readable.
 */
export function specText(spec: Pick<SpecLimit, 'min' | 'max'>, attribute: CqaAttributeId): string {
  const unit = cqaAttribute(attribute).unit
  const n = (v: number): string => formatQuantity(v, '', 4)
  const tail = unit === '' ? '' : ` ${unit}`
  if (spec.min !== null && spec.max !== null) return spec.min === spec.max ? `= ${n(spec.min)}${tail}` : `${n(spec.min)} to ${n(spec.max)}${tail}`
  if (spec.min !== null) return `≥ ${n(spec.min)}${tail}`
  if (spec.max !== null) return `≤ ${n(spec.max)}${tail}`
  return '—'
}
