import { readFileSync } from 'node:fs'

/**
 * The project's documents whose stated numbers the tests re-measure: the README (set-up, use,
 * the held-out scores at a glance) and docs/science.md (the engine, every published row, each
 * held-out miss's diagnosis). One reader, so a statement that moves between them moves here.
 */
export type ProjectDoc = 'README.md' | 'docs/science.md'

export function readDoc(doc: ProjectDoc): string {
  return readFileSync(new URL(`../../../${doc}`, import.meta.url), 'utf8')
}
