import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, contract } from '../../shared/ipc/contract'

// Electron is the platform: contextBridge and ipcRenderer are recorders. Importing the preload
// runs it, exactly as Electron would in the sandboxed renderer.
const bridge = vi.hoisted(() => {
  const invoke = async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })
  const ipcRenderer = {
    invoke,
    send: () => undefined,
    sendSync: () => undefined,
    on: () => undefined,
    once: () => undefined,
    removeListener: () => undefined,
    removeAllListeners: () => undefined,
    postMessage: () => undefined,
  }
  return { exposed: [] as Array<{ name: string; api: Record<string, unknown> }>, ipcRenderer }
})
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: Record<string, unknown>) => bridge.exposed.push({ name, api }),
  },
  ipcRenderer: bridge.ipcRenderer,
}))

const { API_GLOBAL_NAME, PRELOAD_METHODS, buildApi } = await import('../../electron/preload/index')

// Checklist item 20 of docs/security.md §1.

const contractMethods = CHANNELS.map((channel) => contract[channel].method).sort()

describe('item 20: the preload exposes exactly the contract, nothing raw', () => {
  it('exposes one object, window.nanoApi, once', () => {
    expect(bridge.exposed.map((e) => e.name)).toEqual(['nanoApi'])
    expect(API_GLOBAL_NAME).toBe('nanoApi')
  })

  it('Object.keys(api) equals the contract method list', () => {
    const api = bridge.exposed[0]?.api ?? {}
    expect(Object.keys(api).sort()).toEqual(contractMethods)
  })

  it('no exposed value is ipcRenderer or one of its methods; all are plain functions', () => {
    const api = bridge.exposed[0]?.api ?? {}
    const raw = new Set<unknown>([bridge.ipcRenderer, ...Object.values(bridge.ipcRenderer)])
    for (const [name, value] of Object.entries(api)) {
      expect(raw.has(value), name).toBe(false)
      expect(typeof value, name).toBe('function')
    }
  })

  it('the API object is frozen', () => {
    expect(Object.isFrozen(bridge.exposed[0]?.api)).toBe(true)
  })

  it('each method invokes its own channel with exactly the one request argument', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }))
    const api = buildApi(invoke) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
    for (const channel of CHANNELS) {
      invoke.mockClear()
      const request = { marker: channel }
      await api[contract[channel].method]?.(request, 'extra-arg-ignored')
      expect(invoke).toHaveBeenCalledExactlyOnceWith(channel, request)
    }
  })

  it('a rejected invoke resolves to a typed internal error instead of throwing', async () => {
    const api = buildApi(() => Promise.reject(new Error("No handler registered for 'design:list'")))
    await expect(api.listDesigns({})).resolves.toEqual({
      ok: false,
      code: 'internal',
      message: "No handler registered for 'design:list'",
    })
  })
})

describe('contract completeness (§4)', () => {
  it('PRELOAD_METHODS mirrors the contract: every channel, the same method names, nothing extra', () => {
    expect(Object.keys(PRELOAD_METHODS).sort()).toEqual([...CHANNELS].sort())
    for (const channel of CHANNELS) {
      expect(PRELOAD_METHODS[channel], channel).toBe(contract[channel].method)
    }
  })

  it('the preload has no runtime import of the contract (zod cannot load in the sandbox, item 4)', () => {
    const source = readFileSync(new URL('../../electron/preload/index.ts', import.meta.url), 'utf8')
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\b)[^'"]*from\s+'([^']+)'/gm)].map((m) => m[1])
    expect(runtimeImports.sort()).toEqual(['../../shared/ipc/result', 'electron'])
    expect(readFileSync(new URL('../../shared/ipc/result.ts', import.meta.url), 'utf8')).not.toMatch(/^import\s+(?!type\b)/m)
  })
})
