import type { LayoutStorage } from 'react-resizable-panels'

/** Prefix of the localStorage keys that keep pane sizes (react-resizable-panels adds the group id). */
export const LAYOUT_STORAGE_PREFIX = 'nanoforge.layout.'

/**
 * Where pane sizes are kept: localStorage under a NanoForge prefix, or nowhere when storage is
 * unavailable (private mode, quota); a bad stored value is dropped rather than breaking the app.
 *
 * Why a wrapper: the library reads `getItem` during render; a throwing storage or a corrupted
 * value must cost only the remembered sizes, never the window.
 */
export function layoutStorage(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage()): LayoutStorage {
  return {
    getItem(key: string): string | null {
      try {
        const value = storage?.getItem(LAYOUT_STORAGE_PREFIX + key) ?? null
        if (value === null) return null
        JSON.parse(value)
        return value
      } catch {
        try {
          storage?.removeItem(LAYOUT_STORAGE_PREFIX + key)
        } catch {
          // Storage refused even removal: the default layout is used.
        }
        return null
      }
    },
    setItem(key: string, value: string): void {
      try {
        storage?.setItem(LAYOUT_STORAGE_PREFIX + key, value)
      } catch {
        // Quota or private mode: sizes are simply not remembered.
      }
    },
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}
