/**
 * The shape every request and input file must have before any schema reads it: plain JSON
 * data of bounded depth (and, for IPC requests, bounded size).
 *
 * Why: the design validator, the bundle reader and the stores copy and walk documents
 * recursively, so a value nested a hundred thousand levels deep (a 200 kB file or HTTP body is
 * enough) overflowed the stack and was answered as a crash (`internal`) instead of bad input;
 * and Electron's IPC carries structured-clone values JSON cannot (BigInt, Map, Date, typed
 * arrays), which reached the validator and crashed it too ("Do not know how to serialize
 * a BigInt"). Checking the shape once, iteratively, at every entry point (the IPC pipeline
 * shared by Electron and the web host, the CLI's JSON file reader, the bundle reader) makes
 * every way data enters accept the same values: what arrives over IPC is what a JSON file or
 * an HTTP body could carry (issue 11, "size limits on every file and request").
 */

/** Deepest nesting accepted (a bundle, the deepest document, is about 12 levels deep). */
export const MAX_JSON_DEPTH = 64

/**
 * Most values in one IPC request (objects, arrays and their members). The largest legitimate
 * request, a release measurement of 1,000 times by 48 replicates, holds about 50,000; a bundle
 * travels as one string. Files are bounded by their byte size instead.
 */
export const MAX_IPC_VALUES = 1_000_000

/** The first problem found: where (a path of keys) and what. */
export interface JsonDataProblem {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/**
 * The first reason `value` is not plain JSON data within the limits, or undefined. Plain JSON
 * data: null, booleans, numbers, strings, arrays, and objects whose prototype is Object's or
 * null. `undefined` is let through (an optional field the renderer left unset; the
 * channel's schema judges it). Iterative, so no input can overflow the stack here.
 */
export function jsonDataProblem(value: unknown, limits: { readonly maxDepth?: number; readonly maxValues?: number } = {}): JsonDataProblem | undefined {
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH
  const maxValues = limits.maxValues ?? Number.POSITIVE_INFINITY
  const stack: Array<{ value: unknown; path: ReadonlyArray<string | number> }> = [{ value, path: [] }]
  let seen = 0
  while (stack.length > 0) {
    const { value: v, path } = stack.pop()!
    if (++seen > maxValues) return { path: [], message: `holds more than ${maxValues.toLocaleString('en')} values` }
    const problem = leafProblem(v)
    if (problem !== undefined) return { path, message: problem }
    if (typeof v !== 'object' || v === null) continue
    if (path.length >= maxDepth) return { path, message: `is nested deeper than ${maxDepth} levels` }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] })
    } else {
      const keys = Object.keys(v)
      for (let i = keys.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[keys[i]!], path: [...path, keys[i]!] })
    }
  }
  return undefined
}

/** Why one value is not JSON data (ignoring what it contains), or undefined. */
function leafProblem(v: unknown): string | undefined {
  switch (typeof v) {
    // NaN and Infinity are let through: over HTTP the renderer's bridge sends them as null, and
    // the schemas (z.number() is finite) and the design validator already refuse them at their path.
    case 'string': case 'boolean': case 'undefined': case 'number': return undefined
    case 'bigint': return 'is a BigInt, not a JSON number'
    case 'symbol': case 'function': return `is a ${typeof v}, not JSON data`
    default: {
      if (v === null || Array.isArray(v)) return undefined
      const proto = Object.getPrototypeOf(v) as unknown
      if (proto === Object.prototype || proto === null) return undefined
      const name = (v as { constructor?: { name?: unknown } }).constructor?.name
      return `is ${typeof name === 'string' && name !== '' ? `a ${name}` : 'an object of a class'}, not plain JSON data`
    }
  }
}
