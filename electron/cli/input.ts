import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'

/** What {@link readInputText} read, or why it refused. */
export type InputText =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly reason: 'unreadable' | 'not-a-file' | 'too-large' | 'encoding'; readonly message: string }

/**
 * Reads a user's input file as UTF-8 text, bounded and checked, for every CLI file reader.
 *
 * Why each check (issue 11 items 6-7): a FIFO or a device (`/dev/zero`) would block forever
 * or grow without bound, so only regular files are read, and never more than `maxBytes`;
 * UTF-16 and Latin-1 files are refused with what to do instead of being read as replacement
 * characters; a UTF-8 byte-order mark is dropped (Excel writes one), the same everywhere.
 */
export function readInputText(file: string, maxBytes: number): InputText {
  let fd: number | undefined
  try {
    // stat before open: opening a FIFO for reading blocks until a writer appears.
    const before = statSync(file)
    if (before.isDirectory()) return { ok: false, reason: 'not-a-file', message: `Cannot read ${file}: it is a folder.` }
    if (!before.isFile()) return { ok: false, reason: 'not-a-file', message: `Cannot read ${file}: it is not a regular file (a pipe, socket or device).` }
    if (before.size > maxBytes) return { ok: false, reason: 'too-large', message: `${file} is ${before.size} bytes; the limit is ${maxBytes} bytes.` }
    fd = openSync(file, 'r')
    if (!fstatSync(fd).isFile()) return { ok: false, reason: 'not-a-file', message: `Cannot read ${file}: it is not a regular file.` }
    // Read at most maxBytes + 1 whatever the size said (the file may grow meanwhile).
    const buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(before.size + 1, 64 * 1024)))
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { ok: false, reason: 'too-large', message: `${file} is larger than the limit of ${maxBytes} bytes.` }
        return { ok: false, reason: 'too-large', message: `${file} grew while being read; the limit is ${maxBytes} bytes.` }
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null)
      if (n === 0) break
      length += n
    }
    if (length > maxBytes) return { ok: false, reason: 'too-large', message: `${file} is larger than the limit of ${maxBytes} bytes.` }
    return decodeUtf8(file, buffer.subarray(0, length))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied'
      : error instanceof Error ? error.message : String(error)
    return { ok: false, reason: 'unreadable', message: `Cannot read ${file}: ${why}.` }
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** UTF-8 text of `bytes`, or an `encoding` refusal naming the encoding found and the line. */
function decodeUtf8(file: string, bytes: Buffer): InputText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, reason: 'encoding', message: `${file} is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8 (in Excel: "CSV UTF-8").` }
  }
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    const utf16 = bytes.length >= 4 && (bytes[1] === 0 || bytes[0] === 0)
    return { ok: false, reason: 'encoding', message: utf16
      ? `${file} looks like UTF-16 text (every other byte is 0); save it as UTF-8.`
      : `${file} contains a NUL byte at line ${lineOf(bytes, nul)}; it is not a text file.` }
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start)) }
  } catch {
    const bad = firstInvalidUtf8(bytes, start)
    return { ok: false, reason: 'encoding', message: `${file} is not UTF-8 text: byte 0x${bytes[bad]?.toString(16).padStart(2, '0') ?? '??'} at line ${lineOf(bytes, bad)} ` +
      'is not valid UTF-8 (a Latin-1 or Windows-1252 file?). Save it as UTF-8.' }
  }
}

/** 1-based line of a byte offset. */
function lineOf(bytes: Buffer, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++
  return line
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer, start: number): number {
  for (let i = start; i < bytes.length;) {
    const b = bytes[i]!
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0
    if (n === 0) return i
    for (let k = 1; k < n; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += n
  }
  return start
}

/** Most data rows a CLI CSV reader accepts (a release profile has tens of time points). */
export const MAX_CSV_ROWS = 10_000

/**
 * Why a CSV's shape is refused before it is parsed, with the line, or undefined when it looks
 * right. Two checks the parsers cannot make on their own:
 * - a header that mixes `;` and `,` outside quotes (`time (h);r1,r2`): the separator is then
 *   a guess, and a row like `1;10,10` silently became one replicate of 10.1 (issue 11 item 7);
 * - more than {@link MAX_CSV_ROWS} data rows: fitting 10^6 rows took minutes and then
 *   crashed (issue 11 item 6).
 */
export function csvShapeProblem(text: string, maxRows = MAX_CSV_ROWS): { readonly line: number; readonly message: string } | undefined {
  const lines = text.split(/\r?\n/)
  const headerIndex = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'))
  if (headerIndex < 0) return undefined
  const header = lines[headerIndex]!.replace(/"[^"]*"/g, '')
  if (header.includes(';') && header.includes(',')) {
    return {
      line: headerIndex + 1,
      message: `the header "${clip(lines[headerIndex]!, 80)}" mixes ";" and "," as separators; use one separator ` +
        '(";" when numbers have a decimal comma), or quote the names that contain the other one',
    }
  }
  let rows = 0
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const l = lines[i]!.trim()
    if (l === '' || l.startsWith('#')) continue
    if (++rows > maxRows) return { line: i + 1, message: `more than ${maxRows} data rows; split the file` }
  }
  return undefined
}

/** `text` cut to `max` characters with a note of how much was cut (a 10 MB cell is never echoed whole). */
export function clip(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`
}
