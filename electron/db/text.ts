/**
 * Checks for text and times that enter the library from files (bundles, design files), so
 * that what a terminal or the app later shows is what it says.
 *
 * Why (issue 11 item 5): a bundle accepted tags with ANSI escapes, a name with a
 * right-to-left override (U+202E, the "Trojan Source" trick, CVE-2021-42574), `createdAt:
 * "zzzz"` and an `updatedAt` in 2999 that pinned a design to the top of every listing; a
 * project name starting with NUL failed a CHECK half-way through an import.
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

/** Why `text` may not be stored, or undefined when it may. */
export function unsafeTextProblem(text: string, options: { readonly multiline?: boolean } = {}): string | undefined {
  const match = (options.multiline === true ? UNSAFE_MULTI_LINE : UNSAFE_SINGLE_LINE).exec(text)
  if (match === null) return undefined
  const code = match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
  const kind = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(match[0]) ? 'a bidirectional formatting character' : 'a control character'
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
 * Text made safe to print on a terminal: control and bidirectional formatting characters
 * become visible `\u{…}` escapes, so a stored name can never move the cursor, recolour the
 * terminal or reverse the text around it.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)
}

/**
 * Every string in a design document that holds control or bidirectional formatting
 * characters, with its path (names, notes, ids alike; notes may hold line breaks).
 */
export function unsafeStrings(value: unknown, path = ''): Array<{ path: string; message: string }> {
  if (typeof value === 'string') {
    const problem = unsafeTextProblem(value, { multiline: /(^|\.)notes?$/.test(path) || /description$/.test(path) })
    return problem === undefined ? [] : [{ path, message: problem }]
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeStrings(v, `${path}[${i}]`))
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => unsafeStrings(v, path === '' ? k : `${path}.${k}`))
  }
  return []
}
