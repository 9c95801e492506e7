import { useEffect } from 'react'
import { useDesignStore } from '../stores/design-store'
import { useViewStore } from '../stores/view-store'
import { cyclePaneFocus } from './pane-cycle'

/** One keyboard shortcut, for the help list and the README. */
export interface Shortcut {
  readonly keys: string
  readonly action: string
}

/** Every shortcut the builder answers to (Cmd instead of Ctrl on macOS). */
export const SHORTCUTS: ReadonlyArray<Shortcut> = [
  { keys: 'Ctrl+Z', action: 'Undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', action: 'Redo' },
  { keys: 'Ctrl+S', action: 'Save' },
  { keys: 'Alt+N', action: 'New design' },
  { keys: 'Alt+C', action: 'Cutaway on/off' },
  { keys: 'Alt+R', action: 'Reset camera' },
  { keys: 'Alt+1 / Alt+2 / Alt+3', action: 'Front / top / oblique view' },
  { keys: 'Alt+O', action: 'Orthographic / perspective' },
  { keys: 'Alt+P', action: 'Presentation mode' },
  { keys: 'F6 / Shift+F6', action: 'Next / previous pane (library, 3D view, estimates, properties)' },
  { keys: '← → ↑ ↓ (3D view focused)', action: 'Orbit the camera; + / − zoom' },
  { keys: '← / →', action: 'Previous / next view (presentation mode)' },
  { keys: 'Esc', action: 'Leave presentation mode' },
]

/** What a key press means, or null. Pure, so the mapping is unit tested. */
export type ShortcutAction =
  | 'undo' | 'redo' | 'save' | 'new' | 'cutaway' | 'reset-camera' | 'front' | 'top' | 'oblique'
  | 'projection' | 'presentation' | 'next-view' | 'previous-view' | 'exit-presentation'
  | 'next-pane' | 'previous-pane'

/** Map a keyboard event to an action (Alt-shortcuts use `code`, so layouts and macOS Option work). */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, presentation: boolean): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey
  const key = e.key.toLowerCase()
  if (e.key === 'F6' && !mod && !e.altKey && !presentation) return e.shiftKey ? 'previous-pane' : 'next-pane'
  if (mod && !e.altKey) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo'
    if (key === 'y') return 'redo'
    if (key === 's') return 'save'
    return null
  }
  if (e.altKey && !mod) {
    switch (e.code) {
      case 'KeyN': return 'new'
      case 'KeyC': return 'cutaway'
      case 'KeyR': return 'reset-camera'
      case 'Digit1': return 'front'
      case 'Digit2': return 'top'
      case 'Digit3': return 'oblique'
      case 'KeyO': return 'projection'
      case 'KeyP': return 'presentation'
      default: return null
    }
  }
  if (presentation && !mod && !e.altKey) {
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown' || e.key === 'PageDown') return 'next-view'
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp' || e.key === 'PageUp') return 'previous-view'
    if (e.key === 'Escape') return 'exit-presentation'
  }
  return null
}

/** Carry out an action against the stores. */
export function runShortcut(action: ShortcutAction, onSave: () => void): void {
  const d = useDesignStore.getState()
  const v = useViewStore.getState()
  switch (action) {
    case 'undo': d.undo(); break
    case 'redo': d.redo(); break
    case 'save': onSave(); break
    case 'new': d.newDesign(); break
    case 'cutaway': v.toggleCutaway(); break
    case 'reset-camera': v.resetCamera(); break
    case 'front': v.requestCamera('front'); break
    case 'top': v.requestCamera('top'); break
    case 'oblique': v.requestCamera('oblique'); break
    case 'projection': v.toggleProjection(); break
    case 'presentation': v.setPresentation(!v.presentation); break
    case 'next-view': v.stepCamera(1); break
    case 'previous-view': v.stepCamera(-1); break
    case 'exit-presentation': v.setPresentation(false); break
    case 'next-pane': cyclePaneFocus(document, false); break
    case 'previous-pane': cyclePaneFocus(document, true); break
  }
}

/**
 * Installs the builder's keyboard shortcuts on the window.
 *
 * Why: undo/redo replace the inputs' own text undo, so Ctrl+Z always undoes the last design
 * change, wherever focus is; view shortcuts use Alt so typing in a field never triggers
 * them. Arrow keys step views only in presentation mode (they move sliders otherwise).
 */
export function useShortcuts(onSave: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = shortcutFor(e, useViewStore.getState().presentation)
      if (!action) return
      e.preventDefault()
      runShortcut(action, onSave)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onSave])
}
