import { useMemo, useRef, useState } from 'react'
import { useExpiringMessage } from '../../lib/use-expiring-message'
import { useDesignStore } from '../../stores/design-store'
import { paletteBlocker, paletteItems, type PaletteGroup, type PaletteItem } from './palette-items'
import './palette.css'

/** Drag-and-drop MIME type of a palette item (payload: the item key). */
export const PALETTE_MIME = 'application/x-nanoforge-component'

const GROUPS: ReadonlyArray<PaletteGroup> = ['Cores', 'Coatings', 'Ligands', 'Payloads']

/**
 * Add the palette item with this key to the working design; returns a message when it
 * cannot be added. Used by clicks and by drops onto the 3D view.
 */
export function addPaletteItem(key: string): string | null {
  const item = paletteItems().find((i) => i.key === key)
  if (!item) return 'Unknown component'
  const { design, applyEdit } = useDesignStore.getState()
  const blocked = paletteBlocker(item, design)
  if (blocked) return `${item.name}: ${blocked}`
  applyEdit(item.edit)
  return null
}

/**
 * Where a roving focus goes from `from` among `count` places for a key, or null for any other
 * key: ←/→ (and ↑/↓ in a one-dimensional list) by one, ↑/↓ by `columns` in a grid, Home/End
 * to the ends; places for which `usable` is false (disabled cards) are skipped.
 */
export function rovingTarget(key: string, from: number, count: number, columns: number, usable: (i: number) => boolean = () => true): number | null {
  const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : key === 'ArrowDown' ? columns : key === 'ArrowUp' ? -columns : 0
  if (key === 'Home' || key === 'End') {
    const order = [...Array(count).keys()]
    const found = (key === 'Home' ? order : order.reverse()).find(usable)
    return found ?? null
  }
  if (step === 0) return null
  for (let i = from + step; i >= 0 && i < count; i += step) if (usable(i)) return i
  // Past the edge (or only disabled places that way): a one-step move wraps to the far usable end.
  if (Math.abs(step) !== 1) return null
  const order = [...Array(count).keys()]
  const wrapped = (step > 0 ? order : order.reverse()).find(usable)
  return wrapped === from ? null : wrapped ?? null
}

/** Columns of a CSS grid as laid out now (1 outside a browser). */
function gridColumns(el: HTMLElement | null): number {
  if (!el || typeof getComputedStyle === 'undefined') return 1
  const columns = getComputedStyle(el).gridTemplateColumns.split(' ').filter((c) => c && c !== 'none').length
  return Math.max(1, columns)
}

/**
 * The component palette: cores, coatings, ligands and payloads from the catalog, each with
 * its key property, a tooltip with values, evidence tags and sources, added by click (or by
 * dragging onto the particle).
 *
 * Why: building by picking parts is faster than filling a form, and every part arrives with
 * its numbers and their provenance. Buttons are native, so the palette is keyboard usable.
 */
export function Palette(): React.JSX.Element {
  const items = useMemo(() => paletteItems(), [])
  const design = useDesignStore((s) => s.design)
  const [group, setGroup] = useState<PaletteGroup>('Cores')
  // "Added …" expires like every other confirmation; a refusal stays until the next action.
  const status = useExpiringMessage()
  const shown = items.filter((i) => i.group === group)
  const blockers = shown.map((i) => paletteBlocker(i, design))
  // One Tab stop for the group tabs and one for the cards (roving focus, arrow keys inside):
  // the palette's 4 tabs and up to 13 cards were 17 Tab stops between the 3D view and the
  // design form's first field.
  const [cursor, setCursor] = useState(0)
  const list = useRef<HTMLUListElement>(null)
  const firstUsable = blockers.findIndex((b) => b === null)
  const current = cursor < shown.length && blockers[cursor] === null ? cursor : firstUsable
  const onTabKey = (event: React.KeyboardEvent): void => {
    const next = rovingTarget(event.key === 'ArrowDown' || event.key === 'ArrowUp' ? '' : event.key, GROUPS.indexOf(group), GROUPS.length, 1)
    if (next === null) return
    event.preventDefault()
    setGroup(GROUPS[next]!)
    setCursor(0)
    list.current?.closest('.palette')?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus()
  }
  const onCardKey = (event: React.KeyboardEvent): void => {
    const next = rovingTarget(event.key, current, shown.length, gridColumns(list.current), (i) => blockers[i] === null)
    if (next === null) return
    event.preventDefault()
    setCursor(next)
    list.current?.querySelectorAll<HTMLButtonElement>('.palette-item')[next]?.focus()
  }
  return (
    <section className="palette" aria-label="Component palette">
      <h2>Components</h2>
      <div className="palette-tabs" role="tablist" aria-label="Component groups" onKeyDown={onTabKey}>
        {GROUPS.map((g) => (
          <button key={g} type="button" role="tab" aria-selected={g === group} tabIndex={g === group ? 0 : -1} onClick={() => { setGroup(g); setCursor(0) }}>{g}</button>
        ))}
      </div>
      <div role="tabpanel" aria-label={group}>
        <ul ref={list} className="palette-list" onKeyDown={onCardKey}>
          {shown.map((item, i) => (
            <PaletteEntry key={item.key} item={item} blocked={blockers[i] ?? null} tabbable={i === current} onFocus={() => setCursor(i)} onAdd={() => {
              const refused = addPaletteItem(item.key)
              status.show(refused ?? `Added ${item.name}`, refused ? 'error' : 'info')
            }} />
          ))}
        </ul>
      </div>
      <p className="palette-status" role="status">{status.message?.text ?? ''}</p>
    </section>
  )
}

function PaletteEntry({ item, blocked, tabbable, onFocus, onAdd }: {
  readonly item: PaletteItem
  readonly blocked: string | null
  /** The card the Tab key lands on (the others are reached with the arrow keys). */
  readonly tabbable: boolean
  readonly onFocus: () => void
  readonly onAdd: () => void
}): React.JSX.Element {
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        aria-label={`Add ${item.name}: ${blocked ?? item.summary}`}
        title={item.details}
        tabIndex={tabbable ? 0 : -1}
        onFocus={onFocus}
        disabled={blocked !== null}
        draggable={blocked === null}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, item.key)
          e.dataTransfer.effectAllowed = 'copy'
        }}
        onClick={onAdd}
      >
        {item.colour && <span className="swatch" aria-hidden="true" style={{ backgroundColor: item.colour }} />}
        <span className="palette-name">{item.name}</span>{' '}
        {/* Part of the accessible name too, so the name contains the visible label (WCAG 2.5.3). */}
        <span className="palette-summary">{blocked ?? item.summary}</span>
      </button>
    </li>
  )
}
