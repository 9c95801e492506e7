/**
 * Issue 11 (fuzz of every IPC channel, over the web host's transport): raw request bodies sent
 * to the real web host, as a browser page or a script on the workstation could send them.
 * The channel fuzz (tests/unit/electron/services/ipc-fuzz.test.ts) drives the pipeline with
 * values; this drives the HTTP layer in front of it with bytes: random bytes, broken JSON,
 * JSON of any shape, bodies nested far deeper than any request. Every answer must be a
 * `Result` document whose HTTP status matches its code, never a 500 (`internal`), and a refused
 * request must leave the library as it was.
 */
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHost } from '../../../../electron/web/server'
import { CHANNELS } from '../../../../shared/ipc/contract'
import { loadExample, makeTempDir } from '../helpers'

const CASES = 1000
const DESIGN_TEXT = JSON.stringify({ ...loadExample('lupus-rbc-silica.nanoforge.json'), notes: 'X' })

let temp: ReturnType<typeof makeTempDir>
let host: WebHost
let dbPath: string

beforeAll(async () => {
  temp = makeTempDir('nanoforge-http-fuzz-')
  const renderer = join(temp.dir, 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NanoForge</title>')
  dbPath = join(temp.dir, 'web.db')
  host = await startWebHost({ port: 0, dbPath, rendererDir: renderer, appVersion: '1.0.0' })
  const saved = await post('design:save', Buffer.from(JSON.stringify({ design: loadExample('lupus-rbc-silica.nanoforge.json') })))
  expect(saved.status).toBe(200)
})
afterAll(async () => {
  await host?.close()
  temp.cleanup()
})

async function post(channel: string, body: Buffer): Promise<{ status: number; body: { ok?: unknown; code?: unknown; message?: unknown } }> {
  const res = await fetch(`${host.url}/api/${encodeURIComponent(channel)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: new Uint8Array(body) })
  return { status: res.status, body: (await res.json()) as { ok?: unknown; code?: unknown; message?: unknown } }
}

/** Every row of every table, read through a second, read-only connection. */
function fingerprint(): string {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const hash = createHash('sha256')
    for (const table of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]) {
      hash.update(table)
      for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)))
    }
    return hash.digest('hex')
  } finally {
    db.close()
  }
}

const STATUS_OF_CODE: Record<string, number> = { 'bad-request': 400, forbidden: 403, 'not-found': 404, 'read-only': 409, 'invalid-design': 422, busy: 503, io: 507 }

describe('fuzz: raw bodies to every channel of the web host', () => {
  it(`${CASES.toLocaleString('en')} bodies: a Result with its status every time, never 500, a refusal changes nothing`, async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
      fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
      fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify({ design: v, designId: 'x', query: v, bundle: JSON.stringify(v) }))),
      fc.string({ maxLength: 60 }).map((s) => Buffer.from(`{"query": ${s}`)),
      fc.integer({ min: 60, max: 2000 }).map((n) => Buffer.from(`{"design": ${DESIGN_TEXT.replace('"X"', `${'['.repeat(n)}${']'.repeat(n)}`)}}`)),
      fc.constantFrom(Buffer.alloc(0), Buffer.from('null'), Buffer.from('\ufeff{}'), Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00])),
    )
    let current = fingerprint()
    await fc.assert(fc.asyncProperty(fc.constantFrom(...CHANNELS), body, async (channel, bytes) => {
      const answer = await post(channel, bytes)
      expect(typeof answer.body.ok, `${channel}: ${JSON.stringify(answer.body).slice(0, 200)}`).toBe('boolean')
      if (answer.body.ok === true) {
        expect(answer.status).toBe(200)
        current = fingerprint()
        return
      }
      expect(answer.body.code, `${channel}: ${String(answer.body.message).slice(0, 300)}`).not.toBe('internal')
      expect(answer.status).toBe(STATUS_OF_CODE[String(answer.body.code)])
      expect(fingerprint(), `${channel} refused but the library changed`).toBe(current)
    }), { numRuns: CASES })
  }, 300_000)

  it('a design nested 100,000 levels deep is 400 bad-request naming the depth (it overflowed the validator\'s stack: 500 internal)', async () => {
    const before = fingerprint()
    const answer = await post('design:save', Buffer.from(`{"design": ${DESIGN_TEXT.replace('"X"', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)}}`))
    expect(answer.status).toBe(400)
    expect(answer.body).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringMatching(/design\.notes(\[0\])+: is nested deeper than 64 levels/) })
    expect(fingerprint()).toBe(before)
  })
})
