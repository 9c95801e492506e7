import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../../../electron/cli/commands/index'
import { EXAMPLE_FILES, REPO_ROOT, fixturePath, makeTempDir } from '../helpers'
import { ENGINE_VERSION } from '../../../../shared/engine/version'
import { type InProcessRun, runInProcess } from './support/in-process'

let dir: string
let cleanup: () => void
beforeAll(() => ({ dir, cleanup } = makeTempDir('nanoforge-cli-')))
afterAll(() => cleanup())


/** Runs the real `nanoforge` entry (bin/nanoforge.js through tsx) with no NANOFORGE_DB and a temp config home. */
function cli(...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: join(dir, 'config'), HOME: dir }
  delete env.NANOFORGE_DB
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'nanoforge.js'), ...args], { cwd: REPO_ROOT, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** Runs `main` in-process (cheap), capturing its output. */
type Run = InProcessRun
const inProcess = runInProcess

describe('nanoforge (spawned)', () => {
  it('--help lists every command and exits 0', async () => {
    const run = await cli('--help')
    expect(run.code).toBe(0)
    for (const name of COMMANDS.keys()) expect(run.stdout).toContain(`nanoforge ${name}`)
    expect([...COMMANDS.keys()]).toEqual(expect.arrayContaining(['validate', 'db save', 'db list', 'db show', 'db history']))
  })

  it('validate --json prints one JSON document for a valid example', async () => {
    const run = await cli('validate', fixturePath(EXAMPLE_FILES[1]), '--json')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, warnings: expect.any(Array) })
  })

  it('validate exits 2 with every error on stderr and in the JSON', async () => {
    const run = await cli('validate', fixturePath('invalid/three-problems.nanoforge.json'), '--json')
    expect(run.code).toBe(2)
    const doc = JSON.parse(run.stdout) as { valid: boolean; errors: Array<{ path: string; message: string }> }
    expect(doc.valid).toBe(false)
    const paths = doc.errors.map((e) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['core.diameterNm', 'payload.drug']))
    expect(doc.errors.length).toBeGreaterThanOrEqual(3)
    for (const error of doc.errors) expect(run.stderr).toContain(error.message)
    expect(run.stderr).toContain('dexamethasone') // nearest known id is suggested
  })

  it('db save -> list -> show round trip on --db, stdout pure JSON', async () => {
    const db = join(dir, 'round-trip', 'lib.db')
    const saved = await cli('db', 'save', fixturePath(EXAMPLE_FILES[0]), '--note', 'from the CLI', '--db', db, '--json')
    expect(saved.code).toBe(0)
    const { designId, version } = JSON.parse(saved.stdout) as { designId: string; version: number }
    expect(version).toBe(1)

    const second = await inProcess('db', 'save', fixturePath(EXAMPLE_FILES[0]), '--design', designId.slice(0, 8), '--db', db)
    expect(second.code).toBe(0)
    expect(second.stdout).toBe(`Saved design ${designId} version 2\n`)

    const list = await cli('db', 'list', '--db', db, '--json')
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout)).toMatchObject({ total: 1, items: [{ designId, latestVersion: 2 }] })

    const show = await cli('db', 'show', designId.slice(0, 8), '--version', '1', '--db', db, '--json')
    expect(show.code).toBe(0)
    const shown = JSON.parse(show.stdout) as { designId: string; version: number; note: string; design: { name: string }; versions: unknown[] }
    expect(shown).toMatchObject({ designId, version: 1, note: 'from the CLI' })
    expect(shown.versions).toHaveLength(2)
    expect(shown.design.name).toBe('RBC-cloaked silica tacrolimus (lupus nephritis)')
  })
})

describe('nanoforge (in-process)', () => {
  it('validates all three spec examples', async () => {
    for (const name of EXAMPLE_FILES) {
      const run = await inProcess('validate', fixturePath(name), '--json')
      expect(run.code, `${name}: ${run.stderr}`).toBe(0)
      expect(JSON.parse(run.stdout)).toMatchObject({ valid: true })
    }
  })

  it('reports a missing file, broken JSON with line and column, and unknown options as bad input', async () => {
    const missing = await inProcess('validate', join(dir, 'nope.nanoforge.json'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('no such file')

    const broken = join(dir, 'broken.nanoforge.json')
    writeFileSync(broken, '{\n  "format": "nanoforge.design",\n  "version": 1,,\n}\n')
    const bad = await inProcess('validate', broken, '--json')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/not valid JSON at line 3, column 16/) // the second comma
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, errors: [{ path: '' }] })

    expect((await inProcess('validate', broken, '--jsn')).code).toBe(2)
    expect((await inProcess('frobnicate')).code).toBe(2)
    expect((await inProcess('db', 'list', '--limit', 'lots', '--db', join(dir, 'x.db'))).code).toBe(2)
  })

  it('db history and show human output; unknown ids exit 2 with JSON errors', async () => {
    const db = join(dir, 'history', 'lib.db')
    const saved = await inProcess('db', 'save', fixturePath(EXAMPLE_FILES[2]), '--db', db, '--json')
    const { designId } = JSON.parse(saved.stdout) as { designId: string }
    const history = await inProcess('db', 'history', designId, '--db', db, '--json')
    expect(JSON.parse(history.stdout)).toMatchObject({ designId, versions: [{ version: 1, engineVersion: ENGINE_VERSION }] })

    const show = await inProcess('db', 'show', designId, '--db', db)
    expect(JSON.parse(show.stdout)).toMatchObject({ format: 'nanoforge.design', name: 'Insulin B9-23 PLGA for tolerance (T1D)' })

    const unknown = await inProcess('db', 'show', 'ffffffff', '--db', db, '--json')
    expect(unknown.code).toBe(2)
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'bad-input', reason: 'not-found' } })
    expect(unknown.stderr).toContain('ffffffff')

    const invalid = await inProcess('db', 'save', fixturePath('invalid/three-problems.nanoforge.json'), '--db', db, '--json')
    expect(invalid.code).toBe(2)
    expect(JSON.parse(invalid.stdout)).toMatchObject({ error: { code: 'bad-input', reason: 'invalid-design' } })
    expect(JSON.parse((await inProcess('db', 'list', '--db', db, '--json')).stdout)).toMatchObject({ total: 1 })
  })
})
