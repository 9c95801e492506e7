import { useEffect, useRef } from 'react'

/** Props of {@link ToolMenu}. */
export interface ToolMenuProps {
  /** Text of the button that opens the menu. */
  readonly label: string
  /** Accessible name of the menu's group of controls. */
  readonly groupLabel: string
  readonly className?: string
  /** Close the menu after a button inside it was pressed (commands), not for forms (export). */
  readonly closeOnAction?: boolean
  readonly children: React.ReactNode
}

/**
 * A toolbar drop-down built on <details>: the summary is the button, the controls drop over
 * the view and the menu closes on Escape, on a click outside and, for command menus, after a
 * command.
 *
 * Why <details>: native open/close, keyboard (Enter/Space on the summary) and screen-reader
 * state for free; it lets the toolbar fit one row at 1280 px by folding the camera presets
 * and the export form into two buttons.
 */
export function ToolMenu({ label, groupLabel, className, closeOnAction = false, children }: ToolMenuProps): React.JSX.Element {
  const ref = useRef<HTMLDetailsElement>(null)
  useEffect(() => {
    const onPointer = (e: PointerEvent): void => {
      const el = ref.current
      if (el?.open && e.target instanceof Node && !el.contains(e.target)) el.open = false
    }
    document.addEventListener('pointerdown', onPointer)
    return () => document.removeEventListener('pointerdown', onPointer)
  }, [])
  return (
    <details
      ref={ref}
      className={`tool-menu${className ? ` ${className}` : ''}`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !ref.current?.open) return
        e.stopPropagation()
        ref.current.open = false
        ref.current.querySelector('summary')?.focus()
      }}
      onClick={(e) => {
        if (closeOnAction && ref.current && e.target instanceof HTMLElement && e.target.closest('button')) ref.current.open = false
      }}
    >
      <summary>{label}</summary>
      <div className="tool-menu-body" role="group" aria-label={groupLabel}>
        {children}
      </div>
    </details>
  )
}
