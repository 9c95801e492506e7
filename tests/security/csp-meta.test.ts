import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, contentTypeForPath } from '../../shared/security/http-policy'

/**
 * Checklist item 7: the header is authoritative, the `<meta>` tag in renderer/index.html is
 * the fallback; both must state the same policy, or a page opened without the header (a
 * saved file, a misconfigured host) would run under a weaker one.
 */
describe('Content-Security-Policy fallback', () => {
  it('renderer/index.html carries exactly the policy the hosts send', () => {
    const html = readFileSync('renderer/index.html', 'utf8')
    const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(match).not.toBeNull()
    const normalise = (policy: string): string[] => policy.split(';').map((d) => d.trim().replace(/\s+/g, ' ')).filter(Boolean).sort()
    // frame-ancestors is ignored in <meta> (CSP3 §6.4.2), so the fallback may omit it.
    expect(normalise(match![1]!).filter((d) => !d.startsWith('frame-ancestors')))
      .toEqual(normalise(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')))
  })

  it('serves unknown file types as opaque bytes', () => {
    expect(contentTypeForPath('/app/assets/index-abc.js')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeForPath('C:\\app\\INDEX.HTML')).toBe('text/html; charset=utf-8')
    expect(contentTypeForPath('/app/assets.d/readme')).toBe('application/octet-stream')
    expect(contentTypeForPath('/app/model.glb')).toBe('model/gltf-binary')
  })
})
