import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Design } from '../../../shared/design/types'

/** Repository root (tests run with it as cwd, but be explicit). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..')

/** The example designs of the spec, copied into tests/fixtures/designs. */
export const EXAMPLE_FILES = [
  'lupus-rbc-silica.nanoforge.json',
  'ra-folate-peg-liposome.nanoforge.json',
  't1d-tolerogenic-plga.nanoforge.json',
] as const

/** Absolute path of a design fixture. */
export function fixturePath(name: string): string {
  return join(REPO_ROOT, 'tests', 'fixtures', 'designs', name)
}

/** A fixture design, parsed (the examples are valid version-1 documents). */
export function loadExample(name: (typeof EXAMPLE_FILES)[number]): Design {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Design
}

/** A fresh temporary folder and a function that removes it. */
export function makeTempDir(prefix = 'nanoforge-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** SHA-256 of a file's bytes, to prove a file was left untouched. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}
