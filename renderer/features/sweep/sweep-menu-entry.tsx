import { lazy, Suspense, useEffect, useRef, useState } from 'react'
import { createPortal } from 'react-dom'

/** The viewer and its Parquet reader load when first opened, not with the app. */
const SweepDialog = lazy(() => import('./sweep-dialog').then((m) => ({ default: m.SweepDialog })))

/**
 * "Open sweep…" in the Export menu: opens the sweep viewer as a dialog over the app.
 *
 * Why a portal: the menu is a <details> that closes (and hides its content) on a click
 * outside it; the dialog lives on the body, the menu is closed when it opens, and focus
 * returns to the menu's button when it closes.
 */
export function SweepMenuEntry(): React.JSX.Element {
  const [open, setOpen] = useState(false)
  const returnTo = useRef<HTMLElement | null>(null)
  useEffect(() => {
    if (open || !returnTo.current) return
    returnTo.current.focus()
    returnTo.current = null
  }, [open])
  return (
    <>
      <button type="button" onClick={(e) => {
        const menu = e.currentTarget.closest('details')
        returnTo.current = menu?.querySelector('summary') ?? null
        if (menu) menu.open = false
        setOpen(true)
      }}
      >
        Open sweep…
      </button>
      {open && createPortal(
        <Suspense fallback={<p className="sweep-loading" role="status">Loading the sweep viewer…</p>}>
          <SweepDialog onClose={() => setOpen(false)} />
        </Suspense>,
        document.body,
      )}
    </>
  )
}
