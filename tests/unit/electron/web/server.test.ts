import { request } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, HTTP_STATUS_OF_CODE, MAX_BODY_BYTES, isLoopbackHost, startWebHost, type WebHost } from '../../../../electron/web/server'
import { CONTENT_SECURITY_POLICY as ELECTRON_CSP } from '../../../../electron/main/security'
import { loadExample, makeTempDir } from '../helpers'

let cleanup: () => void
let dir: string
let host: WebHost

beforeAll(async () => {
  ({ dir, cleanup } = makeTempDir('nanoforge-web-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>NanoForge</title><script type="module" src="/assets/app.js"></script>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("hi")')
  writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET')
  host = await startWebHost({ port: 0, dbPath: join(dir, 'db', 'lib.db'), rendererDir: renderer, appVersion: '1.2.3' })
})
afterAll(async () => {
  await host?.close()
  cleanup()
})

/** A raw HTTP request (node:http does not rewrite the path or forbid a Host header). */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

interface ApiAnswer { ok: boolean; code?: string; value?: { designId?: string } & Record<string, unknown> }

/** POSTs a request; the HTTP status must say what the Result says (200 only for success). */
async function api(channel: string, payload: unknown): Promise<ApiAnswer> {
  const res = await fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(payload),
  })
  const answer = (await res.json()) as ApiAnswer
  expect(res.status).toBe(answer.ok ? 200 : HTTP_STATUS_OF_CODE[answer.code as keyof typeof HTTP_STATUS_OF_CODE])
  return answer
}

describe('binding', () => {
  it('refuses every non-loopback address before listening', async () => {
    for (const bad of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.5', 'example.org', '128.0.0.1']) {
      await expect(startWebHost({ port: 0, host: bad, dbPath: join(dir, 'never.db'), rendererDir: dir })).rejects.toThrow(/loopback/)
    }
    expect(['127.0.0.1', '127.5.6.7', '::1', '[::1]', 'localhost', 'LOCALHOST'].every(isLoopbackHost)).toBe(true)
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`)
  })
})

describe('static renderer', () => {
  it('serves index.html and assets with the CSP and correct content types', async () => {
    const index = await fetch(`${host.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toBe(ELECTRON_CSP) // same policy as the desktop app
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'")
    expect(index.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await index.text()).toContain('<title>NanoForge</title>')
    const script = await fetch(`${host.url}/assets/app.js`)
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetch(`${host.url}/assets/missing.js`)).status).toBe(404)
  })

  it('refuses path traversal out of the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt', '/%2e%2e%5csecret.txt']) {
      const res = await raw(path)
      expect(res.body).not.toContain('TOP-SECRET')
      expect(res.status, path).toBe(400)
    }
  })
})

describe('API over HTTP', () => {
  it('saves then lists a design through POST /api/<channel>', async () => {
    const design = loadExample('lupus-rbc-silica.nanoforge.json')
    const saved = await api('design:save', { design, note: 'over http' })
    expect(saved).toMatchObject({ ok: true, value: { version: 1 } })
    const list = await api('design:list', {})
    expect(list).toMatchObject({ ok: true, value: { total: 1, items: [{ designId: saved.value?.designId, name: design.name }] } })
    expect(await api('app:info', {})).toMatchObject({ ok: true, value: { host: 'web', appVersion: '1.2.3', readOnly: false } })
    expect(await api('design:nope', {})).toMatchObject({ ok: false, code: 'bad-request' })
    expect(await api('design:list', { limit: -1 })).toMatchObject({ ok: false, code: 'bad-request' })
  })

  it('rejects a foreign Host header (DNS rebinding), non-POST, non-JSON, cross-origin and oversized requests', async () => {
    const json = { 'Content-Type': 'application/json' }
    const rebound = await raw('/api/design:list', { method: 'POST', headers: { ...json, Host: `evil.example:${host.port}` }, body: '{}' })
    expect(rebound.status).toBe(421)
    expect((await raw('/', { headers: { Host: `evil.example:${host.port}` } })).status).toBe(421)
    expect((await raw('/api/design:list', { method: 'POST', headers: { ...json, Host: '127.0.0.1:1' }, body: '{}' })).status).toBe(421)
    expect((await raw('/api/design:list', { method: 'GET' })).status).toBe(405)
    expect((await raw('/api/design:list', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415)
    expect((await raw('/api/design:list', { method: 'POST', headers: { ...json, Origin: 'http://evil.example' }, body: '{}' })).status).toBe(403)
    const broken = await raw('/api/design:list', { method: 'POST', headers: json, body: '{"limit": ' })
    expect(broken.status).toBe(400)
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, code: 'bad-request' })
    const huge = await raw('/api/design:save', { method: 'POST', headers: json, body: JSON.stringify({ design: 'x'.repeat(MAX_BODY_BYTES) }) })
    expect(huge.status).toBe(413)
    expect((await raw('/api/design:list', { method: 'POST', headers: { ...json, Host: `localhost:${host.port}` }, body: '{}' })).status).toBe(200)
  })
})
