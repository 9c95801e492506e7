import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The file-system steps every durable write of the library shares: fsync of a file and of a
 * folder, publishing a finished temporary file under its final name, writing a whole file
 * atomically, and telling a live process from a dead one by its id. One copy of each, used by
 * backups, restores, bundle export and the tidying of leftovers.
 */

/** fsync of a file's data and metadata (its new content survives a power cut). */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * fsync of a folder, so a rename or a new name in it survives a power cut (POSIX: a
 * directory entry is durable only after the directory itself is synced). Windows cannot
 * open folders for syncing and commits renames itself, so failures there are ignored.
 */
export function fsyncDirectory(path: string): void {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch {
    // EISDIR/EPERM on Windows; nothing more to do there.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Gives a finished temporary file its final name durably: fsync the file, rename it over
 * `target`, fsync the folder. After a power cut `target` is either the old file or the whole
 * new one, never a torn one.
 */
export function publishFile(temporary: string, target: string): void {
  fsyncFile(temporary)
  renameSync(temporary, target)
  fsyncDirectory(dirname(target))
}

/** Removes a file if it is there; never throws (a leftover is tidied again later). */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // Never written, or already gone.
  }
}

/**
 * Writes `content` (text as UTF-8, or bytes) to `target` so that a full disk or a kill never
 * leaves a half-written file under that name: a temporary `<target>.partial-<pid>` beside it,
 * then {@link publishFile}. On failure the temporary file is removed and the error rethrown.
 */
export function writeFileAtomically(target: string, content: string | Uint8Array): void {
  const partial = `${target}.partial-${process.pid}`
  let fd: number | undefined
  try {
    fd = openSync(partial, 'w')
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset, bytes.length - offset)
    closeSync(fd)
    fd = undefined
    publishFile(partial, target)
  } catch (error) {
    if (fd !== undefined) closeSync(fd)
    removeQuietly(partial)
    throw error
  }
}

/**
 * True when a process with this id exists (signal 0 only checks; EPERM means it exists but
 * belongs to another user). Why: leftovers named with a process id (`.partial-<pid>`,
 * `.restoring-<pid>`) are removed only once their writer is gone.
 */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
