import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseWebHostArgs } from '../../../../electron/web/main'
import { REPO_ROOT, makeTempDir } from '../helpers'

let dir: string
let cleanup: () => void
beforeAll(() => ({ dir, cleanup } = makeTempDir('nanoforge-webmain-')))
afterAll(() => cleanup())

describe('npm run web entry', () => {
  it('parses its options and rejects bad ports', () => {
    expect(parseWebHostArgs(['--port', '0', '--db', 'a.db', '--renderer', 'r'], '/repo')).toMatchObject({ port: 0, host: '127.0.0.1' })
    expect(parseWebHostArgs(['--db', 'x.db'], '/repo')).toMatchObject({ port: 5180, rendererDir: '/repo/out/renderer' })
    expect(() => parseWebHostArgs(['--port', '70000'])).toThrow(/--port/)
    expect(() => parseWebHostArgs(['--bogus'])).toThrow()
  })

  it('prints one "listening" line with the URL, serves the API, and closes cleanly on SIGTERM', async () => {
    const renderer = join(dir, 'renderer')
    mkdirSync(renderer, { recursive: true })
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>t</title>')
    const db = join(dir, 'lib.db')
    const env: NodeJS.ProcessEnv = { ...process.env }
    delete env.NANOFORGE_DB
    const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'web.mjs'), '--port', '0', '--db', db, '--renderer', renderer], { cwd: REPO_ROOT, env })
    let stdout = ''
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line; stdout: ${stdout}`)), 20_000)
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8')
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)
        if (match !== null) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      })
      child.on('close', () => reject(new Error(`exited early; stdout: ${stdout}`)))
    })
    const info = await fetch(`${url}/api/app:info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    expect(await info.json()).toMatchObject({ ok: true, value: { host: 'web', databasePath: db, readOnly: false } })
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(stdout.trim().split('\n')).toHaveLength(1)
    expect(!existsSync(`${db}-wal`) || statSync(`${db}-wal`).size === 0).toBe(true)
  })
})
