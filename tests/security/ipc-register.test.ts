import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, type Handlers } from '../../shared/ipc/contract'
import { ok, type Result } from '../../shared/ipc/result'
import type { FrameLike, InvocationEventLike } from '../../electron/ipc/register'

// Electron is the platform: ipcMain is a recorder (register.ts imports it).
const electronIpc = vi.hoisted(() => ({ handled: [] as string[] }))
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string) => electronIpc.handled.push(channel),
    removeHandler: () => undefined,
  },
}))

const { formatIssuePath, handleInvocation, registerHandlers, registerIpcHandlers, senderRejection } = await import(
  '../../electron/ipc/register'
)
const { createTrustedSenders } = await import('../../electron/ipc/trusted-senders')

// Checklist item 17 and §4 of docs/security.md.

const TRUSTED_ID = 1

function frame(url: string, parent: FrameLike | null = null, frameToken = 'top'): FrameLike {
  return { url, parent, frameToken, detached: false }
}

/** A fake IpcMainInvokeEvent from our window's top frame unless overridden. */
function event(overrides: { senderId?: number; senderFrame?: FrameLike | null; mainFrame?: FrameLike } = {}): InvocationEventLike {
  const mainFrame = overrides.mainFrame ?? frame('app://bundle/index.html')
  return {
    sender: { id: overrides.senderId ?? TRUSTED_ID, mainFrame },
    senderFrame: overrides.senderFrame === undefined ? mainFrame : overrides.senderFrame,
  }
}

const isTrusted = (id: number) => id === TRUSTED_ID

const appInfo = {
  appVersion: '0.1.0',
  engineVersion: '1',
  databasePath: '/tmp/nanoforge.db',
  readOnly: false,
  host: 'electron' as const,
}

/** Handlers that record calls; individual tests replace one. */
function handlers(overrides: Partial<Record<keyof Handlers, (req: never) => unknown>> = {}): Handlers & { calls: string[] } {
  const calls: string[] = []
  const base = {
    'design:save': () => {
      calls.push('design:save')
      return ok({ designId: 'd-1', version: 1, warnings: [] })
    },
    'design:list': () => {
      calls.push('design:list')
      return ok({ items: [], total: 0 })
    },
    'design:get': () => {
      calls.push('design:get')
      return ok({ designId: 'd-1', version: 1, createdAt: '2026-01-01T00:00:00Z', design: {}, versions: [] })
    },
    'app:info': async () => {
      calls.push('app:info')
      return ok(appInfo)
    },
  }
  return Object.assign({ ...base, ...overrides } as unknown as Handlers, { calls })
}

describe('item 17: sender validation', () => {
  it('accepts our top frame on app://bundle and runs the handler', async () => {
    const h = handlers()
    const result = await handleInvocation('app:info', event(), {}, h, isTrusted)
    expect(result).toEqual({ ok: true, value: appInfo })
    expect(h.calls).toEqual(['app:info'])
  })

  it('refuses an unknown webContents id with forbidden, without running the handler', async () => {
    const h = handlers()
    const result = await handleInvocation('design:list', event({ senderId: 99 }), {}, h, isTrusted)
    expect(result).toMatchObject({ ok: false, code: 'forbidden' })
    expect(h.calls).toEqual([])
  })

  it('refuses a subframe, even one on app://bundle', async () => {
    const main = frame('app://bundle/index.html')
    const sub = frame('app://bundle/frame.html', main, 'sub')
    const h = handlers()
    const result = await handleInvocation('design:list', event({ mainFrame: main, senderFrame: sub }), {}, h, isTrusted)
    expect(result).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('top frame') })
    expect(h.calls).toEqual([])
  })

  it('refuses a parentless frame that is not the main frame', () => {
    const other = frame('app://bundle/index.html', null, 'other-token')
    expect(senderRejection(event({ senderFrame: other }), isTrusted)).toMatch(/top frame/)
  })

  it('accepts the main frame matched by frame token when the wrapper object differs', () => {
    const main = frame('app://bundle/index.html', null, 'tok')
    const sameFrame = frame('app://bundle/index.html', null, 'tok')
    expect(senderRejection(event({ mainFrame: main, senderFrame: sameFrame }), isTrusted)).toBeUndefined()
  })

  it.each([
    'https://example.org/',
    'app://bundle.evil/index.html',
    'app://bundle@evil/index.html',
    'file:///app/out/renderer/index.html',
    'about:blank',
    '',
  ])('refuses a top frame on %s', async (url) => {
    const h = handlers()
    const result = await handleInvocation('design:list', event({ mainFrame: frame(url) }), {}, h, isTrusted)
    expect(result).toMatchObject({ ok: false, code: 'forbidden' })
    expect(h.calls).toEqual([])
  })

  it('refuses a destroyed or detached sending frame', async () => {
    const detached = { ...frame('app://bundle/index.html'), detached: true }
    expect(await handleInvocation('design:list', event({ senderFrame: null }), {}, handlers(), isTrusted)).toMatchObject({ code: 'forbidden' })
    expect(await handleInvocation('design:list', event({ mainFrame: detached }), {}, handlers(), isTrusted)).toMatchObject({ code: 'forbidden' })
  })
})

describe('item 17 / §4: payload validation', () => {
  it.each([
    ['unknown key', { limit: 10, sql: 'DROP TABLE designs' }],
    ['wrong type', { limit: '10' }],
    ['out of range', { limit: 100000 }],
    ['non-finite', { limit: Number.POSITIVE_INFINITY }],
    ['not an object', 'SELECT * FROM designs'],
    ['missing', undefined],
  ])('malformed design:list payload (%s) -> bad-request', async (_label, payload) => {
    const h = handlers()
    const result = await handleInvocation('design:list', event(), payload, h, isTrusted)
    expect(result).toMatchObject({ ok: false, code: 'bad-request' })
    expect(h.calls).toEqual([])
  })

  it('bad-request carries zod paths', async () => {
    const result = await handleInvocation('design:get', event(), { designId: '../../etc/passwd', version: 0 }, handlers(), isTrusted)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.code).toBe('bad-request')
    expect(result.issues?.map((i) => i.path).sort()).toEqual(['designId', 'version'])
  })

  it('formats nested paths as JSON paths', () => {
    expect(formatIssuePath([])).toBe('(root)')
    expect(formatIssuePath(['design', 'coatings', 0, 'kind'])).toBe('design.coatings[0].kind')
  })

  it('unknown channels are refused', async () => {
    expect(await handleInvocation('shell:exec', event(), {}, handlers(), isTrusted)).toMatchObject({ ok: false, code: 'bad-request' })
  })

  it('the handler receives the parsed request', async () => {
    const seen: unknown[] = []
    const h = handlers({
      'design:list': (req) => {
        seen.push(req)
        return ok({ items: [], total: 0 })
      },
    })
    await handleInvocation('design:list', event(), { query: 'liposome', limit: 5 }, h, isTrusted)
    expect(seen).toEqual([{ query: 'liposome', limit: 5 }])
  })
})

describe('item 17 / §4: handler failures are typed, never thrown', () => {
  it('a throwing handler -> internal with the message', async () => {
    const h = handlers({
      'design:save': () => {
        throw new Error('disk full')
      },
    })
    const result = await handleInvocation('design:save', event(), { design: {} }, h, isTrusted)
    expect(result).toEqual({ ok: false, code: 'internal', message: 'disk full' })
  })

  it('a rejecting async handler -> internal', async () => {
    const h = handlers({ 'app:info': () => Promise.reject(new Error('locked')) })
    expect(await handleInvocation('app:info', event(), {}, h, isTrusted)).toEqual({ ok: false, code: 'internal', message: 'locked' })
  })

  it('a handler returning a non-Result -> internal', async () => {
    const h = handlers({ 'app:info': () => appInfo })
    expect(await handleInvocation('app:info', event(), {}, h, isTrusted)).toMatchObject({ ok: false, code: 'internal' })
  })

  it('typed errors from the handler pass through unchanged', async () => {
    const notFound: Result<never> = { ok: false, code: 'not-found', message: 'no design d-9' }
    const h = handlers({ 'design:get': () => notFound })
    expect(await handleInvocation('design:get', event(), { designId: 'd-9' }, h, isTrusted)).toEqual(notFound)
  })

  it('a response that breaks the contract -> internal when validating, passed through when not', async () => {
    const h = handlers({ 'design:list': () => ok({ items: [], total: -1, leaked: '/home/user' }) })
    const validated = await handleInvocation('design:list', event(), {}, h, isTrusted, { validateResponse: true })
    expect(validated).toMatchObject({ ok: false, code: 'internal' })
    const unvalidated = await handleInvocation('design:list', event(), {}, h, isTrusted, { validateResponse: false })
    expect(unvalidated.ok).toBe(true)
  })

  it('never rejects even when the trust check itself throws', async () => {
    const throwing = () => {
      throw new Error('boom')
    }
    await expect(handleInvocation('app:info', event(), {}, handlers(), throwing)).resolves.toMatchObject({ code: 'internal' })
  })
})

describe('registerHandlers: every contract channel goes through the checks', () => {
  it('registers exactly the contract channels, each wrapped', async () => {
    const registered = new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>()
    const ipc = {
      handle: (channel: string, listener: (event: unknown, arg: unknown) => Promise<unknown>) => {
        registered.set(channel, listener)
      },
      removeHandler: (channel: string) => {
        registered.delete(channel)
      },
    }
    const h = handlers()
    const unregister = registerHandlers(h, ipc as never, isTrusted, { validateResponse: true })
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort())

    // Through the registered listener: untrusted sender refused, trusted accepted.
    const listener = registered.get('app:info')
    expect(await listener?.(event({ senderId: 42 }), {})).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await listener?.(event(), {})).toEqual({ ok: true, value: appInfo })
    expect(await registered.get('design:list')?.(event(), { limit: -1 })).toMatchObject({ code: 'bad-request' })

    unregister()
    expect(registered.size).toBe(0)
  })

  it('registerIpcHandlers registers every channel on Electron ipcMain', () => {
    electronIpc.handled.length = 0
    registerIpcHandlers(handlers(), isTrusted, { validateResponse: false })
    expect([...electronIpc.handled].sort()).toEqual([...CHANNELS].sort())
  })
})

describe('trusted senders (item 17, GitHub Desktop pattern)', () => {
  function contents(id: number) {
    const emitter = new EventEmitter()
    return { id, once: (name: 'destroyed', listener: () => void) => emitter.once(name, listener), emitter }
  }

  it('trusts added webContents until they are destroyed', () => {
    const registry = createTrustedSenders()
    const a = contents(5)
    const b = contents(6)
    expect(registry.isTrusted(5)).toBe(false)
    registry.add(a)
    registry.add(b)
    expect(registry.isTrusted(5)).toBe(true)
    expect(registry.size).toBe(2)
    a.emitter.emit('destroyed')
    expect(registry.isTrusted(5)).toBe(false)
    expect(registry.isTrusted(6)).toBe(true)
    expect(registry.size).toBe(1)
  })

  it('an IPC call from a destroyed window id is refused', async () => {
    const registry = createTrustedSenders()
    const window = contents(TRUSTED_ID)
    registry.add(window)
    const trusted = (id: number) => registry.isTrusted(id)
    expect((await handleInvocation('app:info', event(), {}, handlers(), trusted)).ok).toBe(true)
    window.emitter.emit('destroyed')
    expect(await handleInvocation('app:info', event(), {}, handlers(), trusted)).toMatchObject({ code: 'forbidden' })
  })
})
