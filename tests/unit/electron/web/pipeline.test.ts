/**
 * Brief H9 item 5 (issue 11 items 10-11), over HTTP against the real web host: one IPC
 * pipeline and one error mapper on the host side. The web host and Electron's IPC
 * registration answer every request the same way (unknown channels, schema errors, typed
 * failures); the HTTP status says what the Result says (a schema error is 400, not 200);
 * absolute-form targets for other hosts are refused; and at most two large bodies are read
 * at once, a third answered 503 before it is read.
 */
import { request, type ClientRequest } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { handleInvocation, type InvocationEventLike } from '../../../../electron/ipc/register'
import { openDesignLibrary } from '../../../../electron/db/library'
import { createHandlers } from '../../../../electron/services/handlers'
import { LARGE_BODY_BYTES, MAX_CONCURRENT_LARGE_BODIES, startWebHost, type WebHost } from '../../../../electron/web/server'
import { loadExample, makeTempDir } from '../helpers'

// Electron's registration module imports ipcMain; the platform itself is not needed here.
vi.mock('electron', () => ({ ipcMain: { handle: () => undefined, removeHandler: () => undefined } }))

let temp: ReturnType<typeof makeTempDir>
let host: WebHost
beforeAll(async () => {
  temp = makeTempDir('nanoforge-pipeline-')
  const renderer = join(temp.dir, 'renderer')
  mkdirSync(renderer)
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NanoForge</title>')
  host = await startWebHost({ port: 0, dbPath: join(temp.dir, 'web.db'), rendererDir: renderer, appVersion: '1.0.0' })
})
afterAll(async () => {
  await host?.close()
  temp.cleanup()
})

interface Answer { status: number; body: { ok: boolean; code?: string; message?: string; issues?: Array<{ path: string; message: string }>; value?: Record<string, unknown> } }

async function post(channel: string, payload: unknown): Promise<Answer> {
  const res = await fetch(`${host.url}/api/${encodeURIComponent(channel)}`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload),
  })
  return { status: res.status, body: (await res.json()) as Answer['body'] }
}

/** A raw request whose body is sent by the caller (node:http sends the given Content-Length as is). */
function open(path: string, headers: Record<string, string>): { req: ClientRequest; answer: Promise<{ status: number; headers: Record<string, unknown>; body: string }> } {
  let req!: ClientRequest
  const answer = new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
  })
  return { req, answer }
}

describe('one pipeline: the web host answers as Electron IPC does', () => {
  // The same handlers over another library, through Electron's registration path with a trusted sender.
  const ipcLibrary = (): ReturnType<typeof openDesignLibrary> => openDesignLibrary({ path: join(temp.dir, 'ipc.db'), deferredMetrics: false, dailyBackup: false })
  const trustedEvent: InvocationEventLike = {
    sender: { id: 1, mainFrame: { url: 'app://bundle/index.html', parent: null, frameToken: 't' } },
    senderFrame: { url: 'app://bundle/index.html', parent: null, frameToken: 't' },
  }

  it.each([
    ['an unknown channel', 'shell:exec', {}],
    ['a prototype key as channel', '__proto__', {}],
    ['a payload with an unknown key', 'design:list', { limit: 10, sql: 'DROP TABLE designs' }],
    ['a payload of the wrong type', 'design:get', { designId: '../../etc/passwd', version: 0 }],
    ['no payload', 'design:get', undefined],
    ['a note with a control character', 'library:setNote', { designId: 'abc', note: 'a\u001bb' }],
    ['a design that does not exist', 'design:get', { designId: 'abcdef12' }],
    ['an invalid design', 'design:save', { design: { format: 'nanoforge.design', version: 2 } }],
  ])('%s: the same Result both ways, with the matching HTTP status', async (_what, channel, payload) => {
    const library = ipcLibrary()
    try {
      const handlers = createHandlers(library, { host: 'electron', appVersion: '1.0.0' })
      const viaIpc = await handleInvocation(channel, trustedEvent, payload, handlers, (id) => id === 1)
      const viaHttp = await post(channel, payload)
      expect(viaHttp.body).toEqual(viaIpc)
      expect(viaIpc.ok).toBe(false)
      const expected = { 'bad-request': 400, 'not-found': 404, 'invalid-design': 422 }[(viaIpc as { code: string }).code]
      expect(viaHttp.status).toBe(expected)
    } finally {
      library.close()
    }
  })

  it('schema errors are 400 with every issue at its JSON path; success is 200', async () => {
    const bad = await post('design:save', { design: {}, note: 5, extra: true })
    expect(bad.status).toBe(400)
    expect(bad.body.code).toBe('bad-request')
    expect(bad.body.issues?.map((i) => i.path).sort()).toEqual(['(root)', 'note'])
    const saved = await post('design:save', { design: loadExample('lupus-rbc-silica.nanoforge.json') })
    expect(saved.status).toBe(200)
    expect(saved.body.ok).toBe(true)
  })

  it('refuses an absolute-form target naming another host (and the path it carries)', async () => {
    for (const target of ['http://evil.example/', 'http://evil.example/api/design:list', `http://127.0.0.1:${host.port}/`]) {
      const { req, answer } = open(target, { 'Content-Type': 'application/json' })
      req.end('{}')
      const res = await answer
      expect(res.status, target).toBe(400)
      expect(res.body).not.toContain('<title>NanoForge</title>')
    }
  })
})

describe('a cap on concurrent large bodies', () => {
  it(`reads at most ${MAX_CONCURRENT_LARGE_BODIES} large bodies at once; the next is 503 busy with Retry-After, small requests still pass`, async () => {
    const declared = 4 * LARGE_BODY_BYTES
    const held = Array.from({ length: MAX_CONCURRENT_LARGE_BODIES }, () => {
      const call = open('/api/library:import', { 'Content-Type': 'application/json', 'Content-Length': String(declared) })
      call.req.write('{"bundle": "')
      return call
    })
    // Give the host time to start reading both held bodies.
    await new Promise((r) => setTimeout(r, 200))

    const third = open('/api/library:import', { 'Content-Type': 'application/json', 'Content-Length': String(declared) })
    third.req.write('{"bundle": "')
    const refused = await third.answer
    third.req.destroy()
    expect(refused.status).toBe(503)
    expect(refused.headers['retry-after']).toBe('2')
    expect(JSON.parse(refused.body)).toMatchObject({ ok: false, code: 'busy' })

    // A large body without Content-Length (chunked) is refused once it grows past the limit.
    const chunked = open('/api/library:import', { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' })
    chunked.req.write(`{"bundle": "${'x'.repeat(LARGE_BODY_BYTES + 10)}`)
    const chunkedRefused = await chunked.answer
    chunked.req.destroy()
    expect(chunkedRefused.status).toBe(503)

    // Small requests are not held up.
    expect((await post('design:list', {})).status).toBe(200)

    // The held uploads finish: they are answered (a bundle of x's is not a bundle: 400)...
    for (const h of held) h.req.end(`${'x'.repeat(declared - '{"bundle": "'.length - 2)}"}`)
    for (const h of held) expect((await h.answer).status).toBe(400)
    // ...and their slots are free again: another large body is read.
    const after = open('/api/library:import', { 'Content-Type': 'application/json', 'Content-Length': String(declared) })
    after.req.end(`{"bundle": "${'x'.repeat(declared - '{"bundle": "'.length - 2)}"}`)
    expect((await after.answer).status).toBe(400)
  })

  it('a client that goes away half-way gives its slot back', async () => {
    const declared = 4 * LARGE_BODY_BYTES
    for (let round = 0; round < 3; round++) {
      const calls = Array.from({ length: MAX_CONCURRENT_LARGE_BODIES }, () => {
        const call = open('/api/library:import', { 'Content-Type': 'application/json', 'Content-Length': String(declared) })
        call.answer.catch(() => undefined)
        call.req.write('{"bundle": "')
        return call
      })
      await new Promise((r) => setTimeout(r, 100))
      for (const c of calls) c.req.destroy()
      await new Promise((r) => setTimeout(r, 100))
    }
    const next = open('/api/library:import', { 'Content-Type': 'application/json', 'Content-Length': String(declared) })
    next.req.end(`{"bundle": "${'x'.repeat(declared - '{"bundle": "'.length - 2)}"}`)
    expect((await next.answer).status).toBe(400)
  })
})
