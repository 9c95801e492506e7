import { z } from 'zod'
import { isoDateProblem, isoTimeProblem, unsafeTextProblem } from '../design/schema-text'

/** Options of {@link SafeText}. */
export interface SafeTextOptions {
  /** Most characters. */
  readonly max: number
  /** Fewest characters (after trimming when `trim`); default 0. */
  readonly min?: number
  /** Trim white space at both ends first (tags, names). */
  readonly trim?: boolean
  /** Line breaks and tabs allowed (notes); otherwise one line. */
  readonly multiline?: boolean
  /** The words for a too-short or too-long text, e.g. "a tag is 1 to 64 characters". */
  readonly lengthMessage?: string
}

/**
 * A free-text field as every entry point checks it: bounded, and without control or
 * bidirectional formatting characters (shared/design/schema-text.ts). The IPC requests, the
 * measurement data (labels, CSV column names, methods, notes), the bundle reader and the CLI
 * all use this one type, so a text one of them refuses is refused by all, at the field's path.
 */
export function SafeText(options: SafeTextOptions): z.ZodString {
  let schema = z.string()
  if (options.trim === true) schema = schema.trim()
  if ((options.min ?? 0) > 0) schema = schema.min(options.min!, options.lengthMessage)
  return schema.max(options.max, options.lengthMessage).superRefine((text, ctx) => {
    const problem = unsafeTextProblem(text, { multiline: options.multiline === true })
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
  })
}

/** A strict UTC time that is real and not in the future (bundle timestamps). */
export const StrictIsoTime = z.string().max(40).superRefine((text, ctx) => {
  const problem = isoTimeProblem(text)
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
})

/** A calendar day `YYYY-MM-DD` that exists and is not in the future (when a sample was measured). */
export const StrictIsoDate = z.string().max(40).superRefine((text, ctx) => {
  const problem = isoDateProblem(text)
  if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem })
})
