/**
 * Field-by-field difference between two design documents, with units.
 *
 * Why: the library's history view and the compare view must say exactly what changed between
 * two versions ("core.diameterNm: 120 nm → 150 nm"), and the CLI and the app must say it the
 * same way, so the diff is one pure function here (issue 5, "History of a design").
 */
import { fieldDef } from './fields'

/** One changed leaf (or a whole added/removed array item or object). */
export interface DesignFieldChange {
  /** JSON path in the design-format spelling: `core.diameterNm`, `ligands[0].perParticle`. */
  readonly path: string
  readonly kind: 'changed' | 'added' | 'removed'
  /** Unit of the field, '' when unitless. */
  readonly unit: string
  /** Formatted value with its unit; null where the field is absent. */
  readonly before: string | null
  readonly after: string | null
  /** One line for people. */
  readonly text: string
}

/**
 * Unit of a design field: from its definition (fields.ts), else from its name, following the spec's rule that units live in the
 * identifier (diameterNm, loadingPctWw; docs/design-format.md).
 */
export function unitOfField(path: string): string {
  // The field definitions are the one source of units; the suffix rule below only names the
  // unit of a path that is not a design field (e.g. a field added by a newer build).
  const def = fieldDef(path)
  if (def) return def.unit
  const key = /([A-Za-z0-9]+)$/.exec(path)?.[1] ?? ''
  const suffixes: ReadonlyArray<readonly [RegExp, string]> = [
    [/PerNm2$/, 'per nm²'],
    [/PerUm2$/, 'per µm²'],
    [/^perParticle$/, 'per particle'],
    [/PctWw$/, '% w/w'],
    [/MolPct$/, 'mol %'],
    [/Pct$/, '%'],
    [/^mgPerKg$|MgPerKg$/, 'mg/kg'],
    [/Nm$/, 'nm'],
    [/Um$/, 'µm'],
    [/Da$/, 'Da'],
    [/Mv$|MV$/, 'mV'],
    [/H$/, 'h'],
  ]
  for (const [pattern, unit] of suffixes) if (pattern.test(key)) return unit
  return ''
}

/** Formats one value with its unit for the diff text. */
function formatValue(value: unknown, unit: string): string {
  if (typeof value === 'number') return unit === '' ? String(value) : `${value} ${unit}`
  if (typeof value === 'string') return value
  if (value === null) return 'null'
  return JSON.stringify(value)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

/**
 * Every difference between `before` and `after`, in document order (keys of `before` first,
 * then keys only in `after`). Objects are compared key by key, arrays item by item (an
 * appended or dropped item is one `added`/`removed` entry with the whole item), leaves by
 * value. Equal documents give an empty list.
 */
export function diffDesigns(before: unknown, after: unknown): DesignFieldChange[] {
  const changes: DesignFieldChange[] = []
  walk(before, after, '', changes)
  return changes
}

function walk(a: unknown, b: unknown, path: string, out: DesignFieldChange[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))]
    for (const key of keys) {
      const p = join(path, key)
      if (!(key in b)) out.push(change(p, 'removed', a[key], undefined))
      else if (!(key in a)) out.push(change(p, 'added', undefined, b[key]))
      else walk(a[key], b[key], p, out)
    }
    return
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length)
    for (let i = 0; i < n; i++) {
      const p = `${path}[${i}]`
      if (i >= b.length) out.push(change(p, 'removed', a[i], undefined))
      else if (i >= a.length) out.push(change(p, 'added', undefined, b[i]))
      else walk(a[i], b[i], p, out)
    }
    return
  }
  if (!Object.is(a, b) && JSON.stringify(a) !== JSON.stringify(b)) out.push(change(path, 'changed', a, b))
}

function change(path: string, kind: DesignFieldChange['kind'], a: unknown, b: unknown): DesignFieldChange {
  const unit = isPlainObject(a) || isPlainObject(b) || Array.isArray(a) || Array.isArray(b) ? '' : unitOfField(path)
  const before = kind === 'added' ? null : formatValue(a, unit)
  const after = kind === 'removed' ? null : formatValue(b, unit)
  const text = kind === 'changed'
    ? `${path}: ${before} → ${after}`
    : kind === 'added' ? `${path}: added ${after}` : `${path}: removed (was ${before})`
  return { path, kind, unit, before, after, text }
}

/**
 * Paths whose values are not all equal across several documents (2-4 in the compare view),
 * for highlighting the parameters that differ.
 */
export function differingPaths(documents: ReadonlyArray<unknown>): string[] {
  const paths = new Set<string>()
  for (let i = 1; i < documents.length; i++) {
    for (const c of diffDesigns(documents[0], documents[i])) paths.add(c.path)
  }
  return [...paths].sort()
}
