/**
 * The product cites the literature or documents in this repository, never documents outside
 * it (a user's clone has only the repository): every `docs/<name>.md` a source file names
 * exists, and no file points at the team's notes outside the repository.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../electron/helpers'

const FILES = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|js|json|yml|md)$/.test(f) && !f.startsWith('resources/validation/') && f !== 'tests/unit/architecture/docs-in-repo.test.ts')
  .filter((f) => existsSync(join(REPO_ROOT, f)))

/** Names of the team's notes kept outside the repository. */
const OUTSIDE = /shared\/(engineering|science|product|spec)\/|security-and-storage\.md|env-recipe|slurm-recipe|style-anchors|engine-brief|spec\/cli\.md/

describe('documents cited are in the repository', () => {
  it('no file points at notes outside the repository', () => {
    const hits = FILES.flatMap((f) => readFileSync(join(REPO_ROOT, f), 'utf8').split('\n')
      .map((line, i) => ({ f, i, line }))
      .filter(({ line }) => OUTSIDE.test(line))
      .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim().slice(0, 120)}`))
    expect(hits).toEqual([])
  })

  it('every docs/<name>.md named in a file exists', () => {
    const named = new Set(FILES.flatMap((f) => [...readFileSync(join(REPO_ROOT, f), 'utf8').matchAll(/\bdocs\/([\w-]+\.md)/g)].map((m) => m[1]!)))
    expect(named.size).toBeGreaterThan(2)
    for (const name of named) expect(existsSync(join(REPO_ROOT, 'docs', name)), name).toBe(true)
  })
})
