import { describe, expect, it } from 'vitest'
import { Vector3 } from 'three'
import { nextPaneIndex } from '../../../../renderer/app/pane-cycle'
import { LAYOUT_STORAGE_PREFIX, layoutStorage } from '../../../../renderer/app/layout-storage'
import { shortcutFor } from '../../../../renderer/app/shortcuts'
import { STATUS_MESSAGE_MS, messageLifetimeMs } from '../../../../renderer/lib/use-expiring-message'
import { ORBIT_STEP_DEG, orbitOffset, orbitStepFor } from '../../../../renderer/scene/keyboard-orbit'

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ key: k, code: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods })

describe('F6 pane cycling', () => {
  it('walks the ring forwards and backwards and wraps at both ends', () => {
    expect([0, 1, 2, 3].map((i) => nextPaneIndex(i, 4, false))).toEqual([1, 2, 3, 0])
    expect([0, 1, 2, 3].map((i) => nextPaneIndex(i, 4, true))).toEqual([3, 0, 1, 2])
  })
  it('enters at the first pane (F6) or the last (Shift+F6) when focus is in no pane', () => {
    expect(nextPaneIndex(-1, 4, false)).toBe(0)
    expect(nextPaneIndex(-1, 4, true)).toBe(3)
    expect(nextPaneIndex(0, 0, false)).toBe(-1)
  })
  it('is F6 / Shift+F6 in the builder, and nothing in presentation mode or with modifiers', () => {
    expect(shortcutFor(key('F6'), false)).toBe('next-pane')
    expect(shortcutFor(key('F6', { shiftKey: true }), false)).toBe('previous-pane')
    expect(shortcutFor(key('F6'), true)).toBeNull()
    expect(shortcutFor(key('F6', { ctrlKey: true }), false)).toBeNull()
  })
})

describe('pane sizes in localStorage', () => {
  function memory(): Map<string, string> & Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
    const m = new Map<string, string>() as Map<string, string> & Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
    m.getItem = (k: string) => m.get(k) ?? null
    m.setItem = (k: string, v: string) => void m.set(k, v)
    m.removeItem = (k: string) => void m.delete(k)
    return m
  }
  it('round-trips a layout under the NanoForge prefix', () => {
    const store = memory()
    const s = layoutStorage(store)
    s.setItem('main', '{"a":20,"b":80}')
    expect(store.get(`${LAYOUT_STORAGE_PREFIX}main`)).toBe('{"a":20,"b":80}')
    expect(s.getItem('main')).toBe('{"a":20,"b":80}')
  })
  it('drops a corrupted value instead of handing it to the layout (which would throw)', () => {
    const store = memory()
    store.set(`${LAYOUT_STORAGE_PREFIX}main`, '{"a":2')
    expect(layoutStorage(store).getItem('main')).toBeNull()
    expect(store.has(`${LAYOUT_STORAGE_PREFIX}main`)).toBe(false)
  })
  it('survives a storage that refuses every call', () => {
    const refusing = { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('quota') }, removeItem: () => { throw new Error('denied') } }
    const s = layoutStorage(refusing)
    expect(() => s.setItem('main', '{}')).not.toThrow()
    expect(s.getItem('main')).toBeNull()
    expect(layoutStorage(null).getItem('main')).toBeNull()
  })
})

describe('status messages', () => {
  it('expire after the lifetime unless they are errors', () => {
    expect(messageLifetimeMs({ text: 'PNG exported', kind: 'info' })).toBe(STATUS_MESSAGE_MS)
    expect(STATUS_MESSAGE_MS).toBe(6000)
    expect(messageLifetimeMs({ text: 'Export failed: no canvas', kind: 'error' })).toBeNull()
    expect(messageLifetimeMs(null)).toBeNull()
    expect(messageLifetimeMs({ text: '', kind: 'info' })).toBeNull()
  })
})

describe('keyboard orbit of the 3D view', () => {
  it('maps arrows to turns of the step angle, Shift to fine steps, +/− to zoom', () => {
    const right = orbitStepFor('ArrowRight', false)
    expect(right).toEqual({ kind: 'rotate', azimuthRad: (ORBIT_STEP_DEG * Math.PI) / 180, polarRad: 0 })
    const fineUp = orbitStepFor('ArrowUp', true)
    expect(fineUp?.kind === 'rotate' && fineUp.polarRad).toBeCloseTo((-3 * Math.PI) / 180, 12)
    expect(orbitStepFor('+', false)).toEqual({ kind: 'zoom', factor: 1.2 })
    expect(orbitStepFor('-', false)).toEqual({ kind: 'zoom', factor: 1 / 1.2 })
    expect(orbitStepFor('a', false)).toBeNull()
  })
  it('turns around the vertical axis at constant distance (analytic: 90° from +z lands on +x)', () => {
    const out = orbitOffset(new Vector3(0, 0, 500), Math.PI / 2, 0)
    expect(out.x).toBeCloseTo(500, 9)
    expect(out.y).toBeCloseTo(0, 9)
    expect(out.z).toBeCloseTo(0, 9)
    const tilted = orbitOffset(new Vector3(3, 4, 12), 0.3, 0.2)
    expect(tilted.length()).toBeCloseTo(13, 9)
  })
  it('tilts toward the pole but never through it (the view would flip)', () => {
    const start = new Vector3(0, 0, 100)
    const over = orbitOffset(start, 0, -Math.PI) // ask for 180° up from the equator
    expect(over.y).toBeGreaterThan(99.99)
    expect(Math.hypot(over.x, over.z)).toBeGreaterThan(0)
    const under = orbitOffset(start, 0, Math.PI)
    expect(under.y).toBeLessThan(-99.99)
  })
})
