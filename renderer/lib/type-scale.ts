import { useEffect, useState, type RefObject } from 'react'

/** The root font size the app's type is designed at: 14 px up to a 1920-px window (renderer/styles/app.css). */
export const BASE_ROOT_PX = 14

/** How much larger than at 1920 px the app's type is now: the root font size over 14 px, never below 1. */
export function typeScale(rootPx: number): number {
  return Number.isFinite(rootPx) && rootPx > BASE_ROOT_PX ? rootPx / BASE_ROOT_PX : 1
}

/**
 * The computed font size in px of an element, or of the document's root when none is given
 * (14 outside a browser or when the size cannot be read).
 */
export function fontPxOf(element?: Element | null): number {
  if (typeof document === 'undefined' || typeof getComputedStyle === 'undefined') return BASE_ROOT_PX
  const px = Number.parseFloat(getComputedStyle(element ?? document.documentElement).fontSize)
  return Number.isFinite(px) && px > 0 ? px : BASE_ROOT_PX
}

/** The document's root font size in px (14 outside a browser). */
export function rootFontPx(): number {
  return fontPxOf()
}

/**
 * The font size in px of the referenced element (the document's root without one), followed
 * as the window is resized; the root's size until the element is mounted.
 *
 * Why: the app's text grows with the window above 1920 px (app.css), and presentation mode's
 * with the viewport width (presentation.css), but what is drawn in pixels on a canvas (chart
 * axes, 3D labels) does not follow CSS; those read this instead.
 */
export function useFontPx(element?: RefObject<Element | null>): number {
  const [px, setPx] = useState(() => fontPxOf(element?.current))
  useEffect(() => {
    const read = (): void => setPx(fontPxOf(element?.current))
    read()
    window.addEventListener('resize', read)
    return () => window.removeEventListener('resize', read)
  }, [element])
  return px
}

/** The root font size in px, followed as the window is resized ({@link useFontPx} of the root). */
export function useRootFontPx(): number {
  return useFontPx()
}
