import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { differsFrom, useDesignStore } from '../../../../renderer/stores/design-store'
import { createFakeNanoApi, type FakeNanoApi } from '../support/fake-nano-api'

let api: FakeNanoApi
const store = (): ReturnType<typeof useDesignStore.getState> => useDesignStore.getState()

beforeEach(() => {
  api = createFakeNanoApi()
  ;(globalThis as { window?: unknown }).window = { nanoApi: api }
  useDesignStore.getState().replace(newDesign(), null, null)
})
afterEach(() => {
  delete (globalThis as { window?: unknown }).window
})

describe('unsaved changes compare with the saved version (issue 12)', () => {
  it('setting a value back to the saved one clears "unsaved changes"', async () => {
    expect(await store().save()).toBe(true)
    expect(store().dirty).toBe(false)
    store().setCoreDiameterNm(150)
    expect(store().dirty).toBe(true)
    store().setCoreDiameterNm(120)
    expect(store().design.core.diameterNm).toBe(120)
    expect(store().dirty).toBe(false)
    // Undo back to the saved state is clean too; redo makes it dirty again.
    store().setLoadingPctWw(9)
    store().undo()
    expect(store().dirty).toBe(false)
    store().redo()
    expect(store().dirty).toBe(true)
  })

  it('a new, never-saved design compares with how it started', () => {
    store().setDrug('methotrexate')
    expect(store().dirty).toBe(true)
    store().setDrug('dexamethasone')
    expect(store().dirty).toBe(false)
  })

  it('compares content, not key order or object identity', () => {
    const a = newDesign()
    // The same content with every object's keys in reverse order.
    const reverse = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse().map(([k, x]) => [k, reverse(x)]))
      : Array.isArray(v) ? v.map(reverse) : v)
    const reordered = reverse(a) as typeof a
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(a))
    expect(differsFrom(reordered, a)).toBe(false)
    expect(differsFrom({ ...a, core: { ...a.core, diameterNm: 121 } }, a)).toBe(true)
    expect(differsFrom(a, null)).toBe(true)
  })
})

describe('Save as new design (issue 12)', () => {
  it('saves the renamed form as a design of its own, leaving the open design at its versions', async () => {
    expect(await store().save()).toBe(true)
    const first = store().designId!
    store().setName('Variant with 200 nm core')
    store().setCoreDiameterNm(200)
    expect(await store().saveAsNew()).toBe(true)
    const second = store().designId!
    expect(second).not.toBe(first)
    expect(store().version).toBe(1)
    expect(store().dirty).toBe(false)
    expect(store().status).toEqual({ kind: 'saved', message: 'Saved as a new design (version 1)' })
    // The original still has exactly one version, with its original name and size.
    const original = api.stored.get(first)!
    expect(original.versions).toHaveLength(1)
    expect(original.versions[0]!.design.name).not.toBe('Variant with 200 nm core')
    expect(original.versions[0]!.design.core.diameterNm).toBe(120)
    expect(api.stored.get(second)!.versions[0]!.design.core.diameterNm).toBe(200)
  })

  it('keeps the form and says why when the save is refused', async () => {
    expect(await store().save()).toBe(true)
    store().setCoreDiameterNm(90)
    api.failNextSave = { code: 'read-only', message: 'The library is read-only.' }
    expect(await store().saveAsNew()).toBe(false)
    expect(store().status).toEqual({ kind: 'error', message: 'Not saved: The library is read-only.' })
    expect(store().design.core.diameterNm).toBe(90)
    expect(store().dirty).toBe(true)
  })
})
