import { useEffect, useRef } from 'react'
import type { StoredDraft } from '../stores/design-store'

/**
 * "Discard unsaved changes?" asked before New or Open replaces a dirty design.
 *
 * Why: an in-page alert dialog (not window.confirm) so it is styled, testable and never
 * blocks the renderer; focus starts on the safe choice.
 */
export function DiscardDialog({ action, onAnswer }: { readonly action: 'new' | 'open'; readonly onAnswer: (discard: boolean) => void }): React.JSX.Element {
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="discard-title" aria-describedby="discard-text"
        onKeyDown={(e) => {
          if (e.key === 'Escape') onAnswer(false)
        }}
      >
        <h2 id="discard-title">Discard unsaved changes?</h2>
        <p id="discard-text">
          The working design has changes that are not saved. {action === 'new' ? 'Starting a new design' : 'Opening another design'} will discard them.
        </p>
        <div className="modal-actions">
          <button type="button" ref={cancel} onClick={() => onAnswer(false)}>Keep editing</button>
          <button type="button" className="danger" onClick={() => onAnswer(true)}>Discard changes</button>
        </div>
      </div>
    </div>
  )
}

/** The offer to bring back an autosaved draft found on start. */
export function DraftBanner({ draft, onRestore, onDiscard }: {
  readonly draft: StoredDraft
  readonly onRestore: () => void
  readonly onDiscard: () => void
}): React.JSX.Element {
  const when = draft.savedAt ? new Date(draft.savedAt).toLocaleString() : 'earlier'
  return (
    <div className="draft-banner" role="region" aria-label="Unsaved draft">
      <p>An unsaved draft “{draft.design.name}” from {when} was found.</p>
      <button type="button" onClick={onRestore}>Restore unsaved draft</button>
      <button type="button" onClick={onDiscard}>Discard draft</button>
    </div>
  )
}
