import { useEffect, useId, useRef } from 'react'
import './compare.css'

/**
 * A full-screen modal overlay with a title and a Close button; Escape closes it, Tab cycles
 * within it, and focus moves into it on open and back to where it was on close.
 *
 * Why: the comparison and the history need the whole window, and opening them from the
 * library as overlays keeps the app shell untouched. A `role="dialog"` div is used instead
 * of `<dialog>.showModal()` so the same component works in jsdom tests.
 */
export function OverlayDialog({ title, onClose, children, className }: {
  readonly title: string
  readonly onClose: () => void
  readonly children: React.ReactNode
  readonly className?: string
}): React.JSX.Element {
  const id = useId()
  const closeRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    closeRef.current?.focus()
    return () => before?.focus()
  }, [])
  return (
    <div className="overlay-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        className={`overlay-dialog${className ? ` ${className}` : ''}`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation()
            onClose()
          } else if (e.key === 'Tab') trapTab(e)
        }}
      >
        <header className="overlay-header">
          <h2 id={`${id}-title`}>{title}</h2>
          <button type="button" ref={closeRef} onClick={onClose}>Close</button>
        </header>
        <div className="overlay-body">{children}</div>
      </div>
    </div>
  )
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

/** Keeps Tab and Shift+Tab inside the dialog (wraps at either end), as a modal must. */
function trapTab(e: React.KeyboardEvent<HTMLDivElement>): void {
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const first = items[0]
  const last = items[items.length - 1]
  if (!first || !last) return
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault()
    last.focus()
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault()
    first.focus()
  }
}
