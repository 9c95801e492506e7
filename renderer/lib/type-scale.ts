import { useEffect, useState } from 'react'

/** The root font size the app's type is designed at: 14 px up to a 1920-px window (renderer/styles/app.css). */
export const BASE_ROOT_PX = 14

/** How much larger than at 1920 px the app's type is now: the root font size over 14 px, never below 1. */
export function typeScale(rootPx: number): number {
  return Number.isFinite(rootPx) && rootPx > BASE_ROOT_PX ? rootPx / BASE_ROOT_PX : 1
}

/** The document's root font size in px (14 outside a browser). */
export function rootFontPx(): number {
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') return BASE_ROOT_PX
  return Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || BASE_ROOT_PX
}

/**
 * The root font size in px, followed as the window is resized.
 *
 * Why: the app's text grows with the window above 1920 px (app.css), but what is drawn in
 * pixels on a canvas (chart axes, 3D labels) does not follow CSS; those read this instead.
 */
export function useRootFontPx(): number {
  const [px, setPx] = useState(rootFontPx)
  useEffect(() => {
    const onResize = (): void => setPx(rootFontPx())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return px
}
