import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appResponseHeaders, contentTypeFor, createAppProtocolHandler, resolveAppRequest } from '../../electron/main/protocol'
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security'

// Checklist item 18 (custom protocol with a traversal check) and item 7 (CSP header),
// docs/security.md §1.

const ROOT = join(tmpdir(), 'nanoforge-renderer-root')

describe('item 18: resolveAppRequest', () => {
  it('maps app://bundle paths into the root', () => {
    expect(resolveAppRequest('app://bundle/index.html', ROOT)).toEqual({ status: 200, filePath: join(ROOT, 'index.html') })
    expect(resolveAppRequest('app://bundle/assets/index-a1.js?v=2#x', ROOT)).toEqual({
      status: 200,
      filePath: join(ROOT, 'assets', 'index-a1.js'),
    })
    expect(resolveAppRequest('app://bundle/', ROOT)).toEqual({ status: 200, filePath: join(ROOT, 'index.html') })
    expect(resolveAppRequest('app://bundle', ROOT)).toEqual({ status: 200, filePath: join(ROOT, 'index.html') })
    expect(resolveAppRequest('app://bundle/fonts/Inter%20Var.woff2', ROOT)).toEqual({
      status: 200,
      filePath: join(ROOT, 'fonts', 'Inter Var.woff2'),
    })
  })

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/assets/../../../etc/passwd',
    'app://bundle/%2e%2e/%2e%2e/etc/passwd',
    'app://bundle/%2E%2E/%2E%2E/etc/passwd',
    'app://bundle/.%2e/etc/passwd',
    'app://bundle/%2e./etc/passwd',
    'app://bundle/..%2f..%2fetc%2fpasswd',
    'app://bundle/..%5c..%5cwindows%5cwin.ini',
    'app://bundle/assets%2f..%2f..%2fsecret',
    'app://bundle/..\\..\\etc\\passwd',
    'app://bundle/index.html%00.png',
    'app://bundle/C:%5cWindows%5cwin.ini',
    'app://bundle/index.html:secret',
    'app://bundle/%E0%A4%A',
  ])('rejects %s with 400', (url) => {
    expect(resolveAppRequest(url, ROOT)).toEqual({ status: 400 })
  })

  it.each([
    'app://evil/index.html',
    'app://bundle.evil/index.html',
    'app://bundle:8080/index.html',
    'app://user@bundle/index.html',
    'app://bundle@evil/index.html',
  ])('unknown host %s is 404', (url) => {
    expect(resolveAppRequest(url, ROOT)).toEqual({ status: 404 })
  })

  it('other schemes and unparsable URLs are 400', () => {
    expect(resolveAppRequest('file:///etc/passwd', ROOT)).toEqual({ status: 400 })
    expect(resolveAppRequest('https://bundle/index.html', ROOT)).toEqual({ status: 400 })
    expect(resolveAppRequest('not a url', ROOT)).toEqual({ status: 400 })
  })
})

describe('item 18 / item 7: the app:// handler', () => {
  let root: string
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'nanoforge-protocol-'))
    root = join(base, 'renderer')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>NanoForge</title>')
    writeFileSync(join(root, 'assets', 'index-a1.js'), 'console.log(1)')
    writeFileSync(join(base, 'secret.txt'), 'outside the bundle')
  })
  afterAll(() => {
    rmSync(join(root, '..'), { recursive: true, force: true })
  })

  it('serves index.html with the CSP header, its content type and nosniff', async () => {
    const response = await createAppProtocolHandler(root)(new Request('app://bundle/index.html'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toContain('<title>NanoForge</title>')
  })

  it('serves scripts as JavaScript', async () => {
    const response = await createAppProtocolHandler(root)(new Request('app://bundle/assets/index-a1.js'))
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await response.text()).toBe('console.log(1)')
  })

  it('a traversal attempt never reads the file outside the root', async () => {
    const handler = createAppProtocolHandler(root)
    for (const url of ['app://bundle/../secret.txt', 'app://bundle/%2e%2e/secret.txt']) {
      const response = await handler(new Request(url))
      expect(response.status, url).not.toBe(200)
      expect(await response.text(), url).not.toContain('outside the bundle')
    }
  })

  it('missing files and directories are 404, unknown hosts are 404, both with the CSP', async () => {
    const handler = createAppProtocolHandler(root)
    for (const url of ['app://bundle/missing.js', 'app://bundle/assets', 'app://other/index.html']) {
      const response = await handler(new Request(url))
      expect(response.status, url).toBe(404)
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY)
    }
  })

  it('only GET and HEAD are served', async () => {
    const handler = createAppProtocolHandler(root)
    const post = await handler(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }))
    expect(post.status).toBe(405)
    const head = await handler(new Request('app://bundle/index.html', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('content types and headers', () => {
    expect(contentTypeFor('a/b.CSS')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('model.glb')).toBe('model/gltf-binary')
    expect(contentTypeFor('blob.unknown')).toBe('application/octet-stream')
    expect(appResponseHeaders('text/plain')).toMatchObject({ 'Cache-Control': 'no-store' })
  })
})
