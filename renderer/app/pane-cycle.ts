/** Attribute naming a pane the F6 key cycles through (value: its name, e.g. "library"). */
export const PANE_ATTRIBUTE = 'data-pane'

/**
 * The pane after (or before) `current` in a ring of `count` panes; from "no pane"
 * (`current` = -1) F6 goes to the first pane and Shift+F6 to the last.
 *
 * Why pure: the ring arithmetic is what can be wrong (off by one at either end), so it is
 * unit tested apart from the DOM.
 */
export function nextPaneIndex(current: number, count: number, backwards: boolean): number {
  if (count <= 0) return -1
  if (current < 0 || current >= count) return backwards ? count - 1 : 0
  return backwards ? (current - 1 + count) % count : (current + 1) % count
}

/** Elements a keyboard user can land on inside a pane, in document order. */
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"], summary, a[href]'

/**
 * Moves focus to the next visible pane (F6) or the previous one (Shift+F6), like desktop
 * applications and browsers do.
 *
 * Why: with four panes and dozens of controls, Tab alone takes many stops to reach the form;
 * F6 jumps between landmarks. Inside a pane, focus lands on its preferred control
 * (`[data-pane-focus]`: the 3D view, the selected estimate tab), else its first control, else
 * the pane itself. Collapsed panes (hidden or inert) are skipped.
 */
export function cyclePaneFocus(root: ParentNode, backwards: boolean): string | null {
  const panes = [...root.querySelectorAll<HTMLElement>(`[${PANE_ATTRIBUTE}]`)].filter((p) => !p.hidden && !p.inert && p.getClientRects().length > 0)
  const active = document.activeElement
  const current = panes.findIndex((p) => active !== null && p.contains(active))
  const next = panes[nextPaneIndex(current, panes.length, backwards)]
  if (!next) return null
  const target = next.querySelector<HTMLElement>('[data-pane-focus]') ?? next.querySelector<HTMLElement>(FOCUSABLE) ?? next
  if (target === next && !next.hasAttribute('tabindex')) next.tabIndex = -1
  target.focus()
  return next.getAttribute(PANE_ATTRIBUTE)
}
