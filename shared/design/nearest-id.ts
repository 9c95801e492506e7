/**
 * "Did you mean ...?" support for the design validator: a typo in a catalog id or a field
 * name must name the nearest known spelling (docs/design-format.md, "Rules for bad input").
 */

/**
 * Levenshtein edit distance (insertions, deletions, substitutions each cost 1), the classic
 * two-row dynamic programme (Wagner & Fischer 1974, J ACM 21:168).
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  if (a.length === 0) return b.length
  if (b.length === 0) return a.length
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost)
    }
    prev = cur
  }
  return prev[b.length]!
}

/** Lower-cases and drops separators so `PLGA_50/50`, `plga5050` and `plga-50-50` compare equal. */
function squash(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/**
 * The candidate closest to `input`, or undefined when nothing is close enough to be a
 * plausible typo. Distance is the smaller of the case-insensitive distance and the distance
 * with separators removed; "close enough" is at most max(2, 40 % of the longer string).
 * Ties go to the earlier candidate (catalog order). An input of 3+ characters that starts
 * exactly one candidate (ignoring case and separators) names that candidate.
 */
export function nearest(input: string, candidates: ReadonlyArray<string>): string | undefined {
  // An unambiguous abbreviation ("dex", "methotrex") names the one id it starts.
  const head = squash(input)
  if (head.length >= 3) {
    const starts = candidates.filter((c) => squash(c).startsWith(head))
    if (starts.length === 1) return starts[0]
  }
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = Math.min(levenshtein(input.toLowerCase(), c.toLowerCase()), levenshtein(squash(input), squash(c)))
    const limit = Math.max(2, Math.floor(0.4 * Math.max(input.length, c.length)))
    if (d <= limit && d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

/**
 * The message for an unknown id or enum value: names the nearest known one, or lists the
 * known values when none is close, e.g.
 * `unknown core material "plga5050"; did you mean "plga-50-50"?`.
 */
export function unknownValueMessage(what: string, value: string, known: ReadonlyArray<string>): string {
  const guess = nearest(value, known)
  if (guess !== undefined) return `unknown ${what} "${value}"; did you mean "${guess}"?`
  return `unknown ${what} "${value}"; known values are ${known.join(', ')}`
}
