/**
 * The rules for free text and times that enter the library, in one place for every entry
 * point: the design validator (name, notes), the IPC contract (notes, tags, project names,
 * measurement labels, CSV column names), bundle import and the CLI all build on these
 * functions, so a text one of them refuses is refused by all, with the field's name.
 *
 * Why (issue 11 item 5): a bundle accepted tags with ANSI escapes, a name with a
 * right-to-left override (U+202E, the "Trojan Source" trick, CVE-2021-42574), `createdAt:
 * "zzzz"` and an `updatedAt` in 2999 that pinned a design to the top of every listing; and
 * `db save --note "<ESC>…"` or an IPC save could store text that a later export refused to
 * import, because the check lived only in the file readers.
 */

/**
 * C0 controls (U+0000-U+001F) and DEL, C1 controls (U+0080-U+009F), and the Unicode
 * bidirectional formatting characters (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069;
 * Unicode Standard Annex #9, table 4). Tab, line feed and carriage return are allowed only in
 * multi-line text (notes).
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
// eslint-disable-next-line no-control-regex
const UNSAFE_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** Whether a text field holds one line (names, tags, labels) or several (notes). */
export interface TextRule {
  readonly multiline?: boolean
}

/**
 * Why `text` may not be stored, or undefined when it may: the first control or bidirectional
 * formatting character, with its code point and 1-based position, so the user can find it.
 */
export function unsafeTextProblem(text: string, rule: TextRule = {}): string | undefined {
  const match = (rule.multiline === true ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).exec(text)
  if (match === null) return undefined
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
  const kind = BIDI.test(match[0]) ? 'a bidirectional formatting character' : 'a control character'
  return `contains ${kind} (U+${code}) at position ${match.index + 1}; remove it`
}

/** Strict UTC timestamp as this app writes them: `2026-11-25T03:04:05.678Z` (milliseconds optional). */
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/

/** Latest accepted time: now plus a day of clock difference between two lab machines. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000

/**
 * Why `text` is not a usable timestamp, or undefined: strict ISO 8601 in UTC, a real
 * calendar date and time, from 1970 on, and not more than a day in the future (a time from
 * the future would sort first in every "newest first" listing for years).
 */
export function isoTimeProblem(text: string, nowMs: number = Date.now()): string | undefined {
  const m = ISO_UTC.exec(text)
  if (m === null) return `"${text.slice(0, 40)}" is not a UTC time like 2026-11-25T03:04:05.678Z`
  const ms = Date.parse(text)
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const d = new Date(ms)
  if (!Number.isFinite(ms) || d.getUTCFullYear() !== year || d.getUTCMonth() + 1 !== month || d.getUTCDate() !== day ||
    d.getUTCHours() !== hour || d.getUTCMinutes() !== minute || d.getUTCSeconds() !== second) {
    return `"${text}" is not a real date and time`
  }
  if (year < 1970) return `"${text}" is before 1970`
  if (ms > nowMs + FUTURE_TOLERANCE_MS) return `"${text}" is in the future`
  return undefined
}

/** Why `text` is not a calendar day `YYYY-MM-DD` (not in the future), or undefined. */
export function isoDateProblem(text: string, nowMs: number = Date.now()): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return `"${text.slice(0, 40)}" is not a date like 2026-11-25`
  return isoTimeProblem(`${text}T00:00:00Z`, nowMs)
}

/**
 * Every string in `value` (a stored document or measurement, walked recursively) with its
 * control and bidirectional formatting characters (line breaks too: the row failed the rules
 * as a whole) turned into visible `\u{…}` escapes.
 *
 * Why: rows stored before these rules existed may hold such characters; readers show them
 * escaped (so nothing is hidden or lost, and nothing can recolour a terminal or reverse the
 * text around it) instead of dropping the row.
 */
export function escapeUnsafeText<T>(value: T): T {
  if (typeof value === 'string') return terminalSafe(value) as T
  if (Array.isArray(value)) return value.map((v) => escapeUnsafeText(v)) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeUnsafeText(v)])) as T
  }
  return value
}

/**
 * Text made safe to print on a terminal: control and bidirectional formatting characters
 * become visible `\u{…}` escapes, so a stored name can never move the cursor, recolour the
 * terminal or reverse the text around it (the CLI prints every stored text through this).
 */
export function terminalSafe(text: string): string {
  return text.replace(new RegExp(UNSAFE_SINGLE_LINE.source, 'g'), (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
}
