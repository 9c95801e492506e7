import { useMemo, useState } from 'react'
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
  return (
    <section className="palette" aria-label="Component palette">
      <h2>Components</h2>
      <div className="palette-tabs" role="tablist" aria-label="Component groups">
        {GROUPS.map((g) => (
          <button key={g} type="button" role="tab" aria-selected={g === group} onClick={() => setGroup(g)}>{g}</button>
        ))}
      </div>
      <div role="tabpanel" aria-label={group}>
        <ul className="palette-list">
          {shown.map((item) => (
            <PaletteEntry key={item.key} item={item} blocked={paletteBlocker(item, design)} onAdd={() => {
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

function PaletteEntry({ item, blocked, onAdd }: { readonly item: PaletteItem; readonly blocked: string | null; readonly onAdd: () => void }): React.JSX.Element {
  return (
    <li>
      <button
        type="button"
        className="palette-item"
        aria-label={`Add ${item.name}: ${blocked ?? item.summary}`}
        title={item.details}
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
