import { describe, expect, it } from 'vitest'
import { runShortcut, shortcutFor } from '../../../../renderer/app/shortcuts'
import { useViewStore } from '../../../../renderer/stores/view-store'

const key = (k: string, code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) =>
  ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods })

describe('keyboard shortcuts', () => {
  it('maps undo, redo and save with Ctrl or Cmd', () => {
    expect(shortcutFor(key('z', 'KeyZ', { ctrlKey: true }), false)).toBe('undo')
    expect(shortcutFor(key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe('redo')
    expect(shortcutFor(key('y', 'KeyY', { ctrlKey: true }), false)).toBe('redo')
    expect(shortcutFor(key('z', 'KeyZ', { metaKey: true }), false)).toBe('undo')
    expect(shortcutFor(key('s', 'KeyS', { ctrlKey: true }), false)).toBe('save')
  })

  it('maps view actions to Alt+key by physical key, and ignores plain typing', () => {
    expect(shortcutFor(key('ç', 'KeyC', { altKey: true }), false)).toBe('cutaway')
    expect(shortcutFor(key('1', 'Digit1', { altKey: true }), false)).toBe('front')
    expect(shortcutFor(key('p', 'KeyP', { altKey: true }), false)).toBe('presentation')
    expect(shortcutFor(key('c', 'KeyC'), false)).toBeNull()
    expect(shortcutFor(key('ArrowRight', 'ArrowRight'), false)).toBeNull()
  })

  it('steps views with arrow keys and exits with Esc only in presentation mode', () => {
    expect(shortcutFor(key('ArrowRight', 'ArrowRight'), true)).toBe('next-view')
    expect(shortcutFor(key('ArrowLeft', 'ArrowLeft'), true)).toBe('previous-view')
    expect(shortcutFor(key('Escape', 'Escape'), true)).toBe('exit-presentation')
    useViewStore.setState({ presentation: true, cameraRequest: { preset: 'oblique', seq: 0 } })
    runShortcut('next-view', () => undefined)
    expect(useViewStore.getState().cameraRequest).toEqual({ preset: 'front', seq: 1 })
    runShortcut('previous-view', () => undefined)
    runShortcut('previous-view', () => undefined)
    expect(useViewStore.getState().cameraRequest.preset).toBe('top')
    runShortcut('exit-presentation', () => undefined)
    expect(useViewStore.getState().presentation).toBe(false)
  })
})
