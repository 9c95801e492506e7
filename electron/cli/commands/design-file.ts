import { validateDesign } from '../../../shared/design/schema'
import type { Design, DesignIssue } from '../../../shared/design/types'
import { formatIssuePath } from '../../../shared/ipc/result'
import { jsonDataProblem } from '../../../shared/security/json-data'
import { readInputText } from '../input'

/** What reading a design file found: the checked design, or every problem with a path. */
export type DesignFileResult =
  | { readonly valid: true; readonly design: Design; readonly warnings: DesignIssue[] }
  | { readonly valid: false; readonly errors: DesignIssue[]; readonly warnings: DesignIssue[] }

/** Largest design file `validate`, `simulate` and `db save` read, bytes (a design is ~5 kB). */
export const MAX_DESIGN_FILE_BYTES = 1024 * 1024

/** A JSON file's content, or why it cannot be read (one issue at path `''`). */
export type JsonFileRead = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly issues: DesignIssue[] }

/**
 * Reads a JSON input file (a design or a goal file) once, bounded and checked like every CLI
 * input (readInputText), and parses it. Whatever stops it (missing, too large, not UTF-8,
 * broken JSON with line and column) is one issue at path `''`, worded the same for every
 * command.
 */
export function readJsonFile(file: string, maxBytes = MAX_DESIGN_FILE_BYTES): JsonFileRead {
  const read = readInputText(file, maxBytes)
  if (!read.ok) return { ok: false, issues: [{ path: '', message: read.message }] }
  let json: unknown
  try {
    json = JSON.parse(read.text) as unknown
  } catch (error) {
    return { ok: false, issues: [{ path: '', message: describeJsonError(read.text, error) }] }
  }
  // Bounded depth: the validators recurse, and a file of nested brackets overflowed the stack
  // (answered as an internal error) before this check.
  const shape = jsonDataProblem(json)
  if (shape !== undefined) return { ok: false, issues: [{ path: formatIssuePath(shape.path), message: `${shape.message}; nothing was read from this file` }] }
  return { ok: true, json }
}

/**
 * Reads and validates a `.nanoforge.json` file. A missing file or broken JSON is reported
 * like a validation error (path `''`), with line and column for JSON syntax errors, so the
 * caller has one shape to print.
 */
export function readDesignFile(file: string): DesignFileResult {
  const read = readJsonFile(file)
  return read.ok ? checkDesignDocument(read.json) : { valid: false, errors: read.issues, warnings: [] }
}

/** Validates a design document already read ({@link readJsonFile}), in the shape `readDesignFile` returns. */
export function checkDesignDocument(json: unknown): DesignFileResult {
  // The validator also refuses control and bidi characters in names and notes (schema-text.ts).
  const checked = validateDesign(json)
  return checked.valid
    ? { valid: true, design: checked.design, warnings: [...checked.warnings] }
    : { valid: false, errors: [...checked.errors], warnings: [...checked.warnings] }
}

/** "not valid JSON at line L, column C: <parser message>". */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  const lineCol = /line (\d+) column (\d+)/.exec(message)
  let line: number
  let column: number
  if (lineCol !== null) {
    line = Number(lineCol[1])
    column = Number(lineCol[2])
  } else {
    const position = /position (\d+)/.exec(message)
    const offset = position !== null ? Number(position[1]) : text.length
    const before = text.slice(0, offset).split('\n')
    line = before.length
    column = before[before.length - 1]!.length + 1
  }
  const detail = message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+/, '')
  return `not valid JSON at line ${line}, column ${column}: ${detail}`
}
