import { describe, expect, it } from 'vitest'
import { createHttpApi } from '../../../renderer/bridge'
import { CHANNELS, contract } from '../../../shared/ipc/contract'

type Call = { url: string; body: unknown }

function fakeFetch(respond: (url: string) => Response | Promise<Response>, calls: Call[] = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    return respond(url)
  }) as typeof fetch
}

describe('HTTP bridge', () => {
  it('exposes one method per contract channel and POSTs JSON to /api/<channel>', async () => {
    const calls: Call[] = []
    const api = createHttpApi(fakeFetch(() => new Response(JSON.stringify({ ok: true, value: { items: [], total: 0 } })), calls))
    expect(Object.keys(api).sort()).toEqual(CHANNELS.map((c) => contract[c].method).sort())
    const res = await api.listDesigns({ query: 'x' })
    expect(res).toEqual({ ok: true, value: { items: [], total: 0 } })
    expect(calls).toEqual([{ url: '/api/design:list', body: { query: 'x' } }])
  })

  it('passes host failures through, with their issues, whatever the HTTP status', async () => {
    const api = createHttpApi(fakeFetch(() => new Response(JSON.stringify({
      ok: false, code: 'invalid-design', message: 'bad', issues: [{ path: 'core.diameterNm', message: 'too small' }],
    }), { status: 400 })))
    expect(await api.saveDesign({ design: {} })).toEqual({
      ok: false, code: 'invalid-design', message: 'bad', issues: [{ path: 'core.diameterNm', message: 'too small' }],
    })
  })

  it('turns network errors, non-JSON bodies and contract violations into internal errors, never throws', async () => {
    const down = createHttpApi(fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))))
    const r1 = await down.appInfo({})
    expect(r1.ok === false && r1.code === 'internal' && /Failed to fetch/.test(r1.message)).toBe(true)

    const html = createHttpApi(fakeFetch(() => new Response('<html>oops</html>', { status: 502 })))
    const r2 = await html.getDesign({ designId: 'd-1' })
    expect(r2.ok === false && r2.code === 'internal' && /502/.test(r2.message)).toBe(true)

    const wrong = createHttpApi(fakeFetch(() => new Response(JSON.stringify({ ok: true, value: { items: 'nope' } }))))
    const r3 = await wrong.listDesigns({})
    expect(r3.ok === false && r3.code === 'internal').toBe(true)

    const odd = createHttpApi(fakeFetch(() => new Response(JSON.stringify({ ok: false, code: 'weird', message: 'x' }))))
    const r4 = await odd.listDesigns({})
    expect(r4).toEqual({ ok: false, code: 'internal', message: 'x' })
  })
})
