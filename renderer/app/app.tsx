import { useCallback, useEffect, useMemo, useState } from 'react'
import { DesignForm } from '../features/design-form/design-form'
import { formatQuantity } from '../features/design-form/derived-panel'
import { LibraryPanel } from '../features/library/library-panel'
import { Palette, PALETTE_MIME, addPaletteItem } from '../features/palette/palette'
import { Presentation } from '../features/presentation/presentation'
import { ParticleView, type Measurement } from '../scene/particle-view'
import { buildSceneModel, sceneModelFromDesign, type SceneModel } from '../scene/scene-model'
import {
  clearDraft, readDraft, restoreDraft, setDiscardGuard, startAutosave, useDesignStore, type StoredDraft,
} from '../stores/design-store'
import { useLibraryStore } from '../stores/library-store'
import { useViewStore } from '../stores/view-store'
import { AppInfoLine } from './app-info'
import { EstimatesPanel } from '../features/estimates/estimates-panel'
import { useLiveEstimate } from '../engine/use-live-estimate'
import { DiscardDialog, DraftBanner } from './dialogs'
import { useShortcuts } from './shortcuts'
import { ViewToolbar } from './view-toolbar'

const EMPTY_MODEL: SceneModel = buildSceneModel([], 0, [])

/**
 * The builder's 3D view of the last valid design, with its live measurements.
 *
 * Why a component of its own: it is the only part of the shell that reads the design, so
 * a slider step re-renders the view (and the panels that read the design themselves), not
 * the whole shell with the library, toolbar, palette and estimate tabs.
 */
function BuilderView(): React.JSX.Element {
  const lastValid = useDesignStore((s) => s.lastValid)
  const currentValid = useDesignStore((s) => s.derived !== null)
  const model = useMemo(
    () => (lastValid ? sceneModelFromDesign(lastValid.design, lastValid.derived) : EMPTY_MODEL),
    [lastValid],
  )
  const measurements = useMemo<ReadonlyArray<Measurement>>(() => {
    if (!lastValid) return []
    const d = lastValid.derived
    return [
      { label: 'Core Ø', value: formatQuantity(d.coreRadiusNm * 2, 'nm') },
      { label: 'Shell thickness', value: formatQuantity(d.shellThicknessNm + d.pegLayerThicknessNm, 'nm') },
      { label: 'Hydrodynamic Ø', value: formatQuantity(d.hydrodynamicDiameterNm, 'nm') },
      { label: 'Ligand spacing', value: d.ligandSpacingNm === null ? 'no ligands' : formatQuantity(d.ligandSpacingNm, 'nm') },
    ]
  }, [lastValid])
  return <ParticleView model={model} stale={!currentValid && lastValid !== null} handleId="builder" measurements={measurements} pickable />
}

/**
 * The application shell: library on the left, the toolbar and 3D view in the middle with
 * the live estimates under it, the palette and property panel on the right, and a footer
 * saying where the library lives. Presentation mode replaces the view with a full-screen one.
 *
 * Why: the scene is fed from the last valid design, so the picture stays up (and honest)
 * while a field holds an invalid value; panels are landmarks so keyboard and screen-reader
 * users can jump between them. Autosave, the restore offer and the discard question live
 * here because they span the stores and the UI.
 */
export function App(): React.JSX.Element {
  const presentation = useViewStore((s) => s.presentation)
  const [draft, setDraft] = useState<StoredDraft | null>(() => readDraft())
  const [ask, setAsk] = useState<{ action: 'new' | 'open'; resolve: (ok: boolean) => void } | null>(null)
  const [dropMessage, setDropMessage] = useState('')

  useEffect(() => {
    void useLibraryStore.getState().refresh()
  }, [])
  // The offered draft is held in memory by the banner, so autosave can run from the start.
  useEffect(() => startAutosave(), [])
  useEffect(() => setDiscardGuard((action) => new Promise<boolean>((resolve) => setAsk({ action, resolve }))), [])
  useLiveEstimate()
  const onSave = useCallback(() => {
    void (async () => {
      if (await useDesignStore.getState().save()) await useLibraryStore.getState().refresh()
    })()
  }, [])
  useShortcuts(onSave)

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>NanoForge</h1>
        <p className="app-tagline">Drug-delivery nanoparticle designer</p>
        {draft && (
          <DraftBanner
            draft={draft}
            onRestore={() => {
              restoreDraft(draft)
              setDraft(null)
            }}
            onDiscard={() => {
              clearDraft()
              setDraft(null)
            }}
          />
        )}
      </header>
      <aside className="app-library">
        <LibraryPanel />
      </aside>
      <main className="app-scene">
        <ViewToolbar />
        <div
          className="scene-drop"
          onDragOver={(e) => {
            if (e.dataTransfer.types.includes(PALETTE_MIME)) {
              e.preventDefault()
              e.dataTransfer.dropEffect = 'copy'
            }
          }}
          onDrop={(e) => {
            const key = e.dataTransfer.getData(PALETTE_MIME)
            if (!key) return
            e.preventDefault()
            setDropMessage(addPaletteItem(key) ?? '')
          }}
        >
          {presentation
            ? <p className="scene-paused">Presentation mode is showing the view.</p>
            : <BuilderView />}
          {dropMessage && <p className="drop-message" role="status">{dropMessage}</p>}
        </div>
      </main>
      <div className="app-estimates">
        <EstimatesPanel />
      </div>
      <section className="app-form" aria-label="Design properties">
        <Palette />
        <DesignForm />
      </section>
      <footer className="app-footer">
        <AppInfoLine />
      </footer>
      {presentation && <Presentation />}
      {ask && (
        <DiscardDialog
          action={ask.action}
          onAnswer={(ok) => {
            ask.resolve(ok)
            setAsk(null)
          }}
        />
      )}
    </div>
  )
}
