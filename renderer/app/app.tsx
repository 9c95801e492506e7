import { useCallback, useEffect, useMemo, useState } from 'react'
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels'
import { DesignForm } from '../features/design-form/design-form'
import { viewMeasurements } from '../scene/view-measurements'
import { LibraryPanel } from '../features/library/library-panel'
import { Palette, PALETTE_MIME, addPaletteItem } from '../features/palette/palette'
import { Presentation } from '../features/presentation/presentation'
import { ParticleView, type Measurement } from '../scene/particle-view'
import { buildSceneModel, sceneModelFromDesign, type SceneModel } from '../scene/scene-model'
import {
  clearDraft, readDraft, restoreDraft, setDiscardGuard, startAutosave, useDesignStore, type StoredDraft,
} from '../stores/design-store'
import { useLibraryStore } from '../stores/library-store'
import { useAppInfoStore } from '../stores/app-info-store'
import { readOnlyReasonOf } from '../stores/library-read-only'
import { useViewStore } from '../stores/view-store'
import { useSceneAfterEstimate } from '../scene/scene-schedule'
import { AppInfoLine } from './app-info'
import { EstimatesPanel } from '../features/estimates/estimates-panel'
import { useLiveEstimate } from '../engine/use-live-estimate'
import { DiscardDialog, DraftBanner } from './dialogs'
import { useShortcuts } from './shortcuts'
import { ViewToolbar } from './view-toolbar'
import { layoutStorage } from './layout-storage'
import { useExpiringMessage } from '../lib/use-expiring-message'

const EMPTY_MODEL: SceneModel = buildSceneModel([], 0, [])
/** Pane sizes persist in localStorage (one storage object, so the layout hook sees a stable one). */
const LAYOUT_STORAGE = layoutStorage()
/** Panes clip; each pane's own content scrolls (so one scroll bar per pane, never two). */
const PANE_STYLE = { overflow: 'hidden' } as const

/**
 * The builder's 3D view of the last valid design, with its live measurements.
 *
 * Why a component of its own: it is the only part of the shell that reads the design, so
 * a slider step re-renders the view (and the panels that read the design themselves), not
 * the whole shell with the library, toolbar, palette and estimate tabs.
 */
function BuilderView(): React.JSX.Element {
  const latest = useDesignStore((s) => s.lastValid)
  const lastValid = useSceneAfterEstimate(latest)
  const currentValid = useDesignStore((s) => s.derived !== null)
  const model = useMemo(
    () => (lastValid ? sceneModelFromDesign(lastValid.design, lastValid.derived) : EMPTY_MODEL),
    [lastValid],
  )
  // The numbers over the view change with the particle (re-rendering the view before that would draw a 3D frame).
  const measurements = useMemo<ReadonlyArray<Measurement>>(() => (lastValid ? viewMeasurements(lastValid.derived) : []), [lastValid])
  return <ParticleView model={model} stale={!currentValid && lastValid !== null} handleId="builder" measurements={measurements} pickable />
}

/**
 * The application shell: library on the left, the toolbar and 3D view in the middle with
 * the live estimates under it, the palette and property panel on the right, and a footer
 * saying where the library lives. Presentation mode replaces the view with a full-screen one.
 *
 * Why: the scene is fed from the last valid design, so the picture stays up (and honest)
 * while a field holds an invalid value; panels are landmarks so keyboard and screen-reader
 * users can jump between them (F6). The panes are resizable (react-resizable-panels, sizes
 * kept in localStorage) with minimum sizes in pixels, so from a 1280×720 laptop to a 4K
 * screen the 3D view and the estimates both keep real space; the library collapses to give
 * the builder the width. Autosave, the restore offer and the discard question live here
 * because they span the stores and the UI.
 */
export function App(): React.JSX.Element {
  const presentation = useViewStore((s) => s.presentation)
  const [draft, setDraft] = useState<StoredDraft | null>(() => readDraft())
  const [ask, setAsk] = useState<{ action: 'new' | 'open'; resolve: (ok: boolean) => void } | null>(null)
  const dropMessage = useExpiringMessage()
  const libraryRef = usePanelRef()
  const [libraryCollapsed, setLibraryCollapsed] = useState(false)
  const mainLayout = useDefaultLayout({ id: 'nanoforge-main', storage: LAYOUT_STORAGE })
  const builderLayout = useDefaultLayout({ id: 'nanoforge-builder', storage: LAYOUT_STORAGE })
  const toggleLibrary = useCallback(() => {
    const panel = libraryRef.current
    if (!panel) return
    if (panel.isCollapsed()) panel.expand()
    else panel.collapse()
  }, [libraryRef])

  useEffect(() => {
    void useLibraryStore.getState().refresh()
  }, [])
  // The offered draft is held in memory by the banner, so autosave can run from the start.
  useEffect(() => startAutosave(), [])
  useEffect(() => setDiscardGuard((action) => new Promise<boolean>((resolve) => setAsk({ action, resolve }))), [])
  useLiveEstimate()
  // Ctrl+S does what the form's Save button does: in a read-only library the button is
  // disabled, so the shortcut sends no save the host would refuse. The status line says so in
  // one line; the host's whole reason is in the form's read-only notice just above it (six
  // lines at 1280 x 720 when the status line repeated it).
  const onSave = useCallback(() => {
    if (readOnlyReasonOf(useAppInfoStore.getState().info) !== null) {
      useDesignStore.setState({ status: { kind: 'error', message: 'Not saved: the library is read-only (the notice above says why).' } })
      return
    }
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
        <button
          type="button"
          className="library-toggle"
          aria-expanded={!libraryCollapsed}
          aria-controls="pane-library"
          onClick={toggleLibrary}
          title="Show or hide the library pane"
        >
          {libraryCollapsed ? 'Show library' : 'Hide library'}
        </button>
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
      <Group id="nanoforge-main" orientation="horizontal" className="app-panes" defaultLayout={mainLayout.defaultLayout} onLayoutChanged={mainLayout.onLayoutChanged}>
        <Panel
          id="library-pane"
          panelRef={libraryRef}
          collapsible
          collapsedSize={0}
          defaultSize="19%"
          minSize="200px"
          maxSize="35%"
          onResize={(size) => setLibraryCollapsed(size.inPixels < 1)}
          style={PANE_STYLE}
        >
          <aside id="pane-library" className="app-library" data-pane="library" aria-label="Library" hidden={libraryCollapsed} inert={libraryCollapsed}>
            <LibraryPanel />
          </aside>
        </Panel>
        <Separator className="pane-separator" aria-label="Resize library" />
        <Panel id="builder-pane" minSize="420px" style={PANE_STYLE}>
          <Group id="nanoforge-builder" orientation="vertical" className="app-panes" defaultLayout={builderLayout.defaultLayout} onLayoutChanged={builderLayout.onLayoutChanged}>
            <Panel id="scene-pane" defaultSize="50%" minSize="220px" style={PANE_STYLE}>
              <main className="app-scene" data-pane="view" aria-label="3D view">
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
                    // A refused drop says why and stays until dismissed; a successful one clears it.
                    dropMessage.show(addPaletteItem(key) ?? '', 'error')
                  }}
                >
                  {presentation
                    ? <p className="scene-paused">Presentation mode is showing the view.</p>
                    : <BuilderView />}
                  {dropMessage.message && (
                    <p className="drop-message" role="alert">
                      {dropMessage.message.text}{' '}
                      <button type="button" className="message-dismiss" onClick={dropMessage.dismiss}>Dismiss</button>
                    </p>
                  )}
                </div>
              </main>
            </Panel>
            <Separator className="pane-separator" aria-label="Resize 3D view and estimates" />
            <Panel id="estimates-pane" defaultSize="50%" minSize="240px" style={PANE_STYLE}>
              <div className="app-estimates" data-pane="estimates">
                <EstimatesPanel />
              </div>
            </Panel>
          </Group>
        </Panel>
        <Separator className="pane-separator" aria-label="Resize property panel" />
        <Panel id="properties-pane" defaultSize="27%" minSize="300px" maxSize="45%" style={PANE_STYLE}>
          <section className="app-form" aria-label="Design properties" data-pane="properties">
            <Palette />
            <DesignForm />
          </section>
        </Panel>
      </Group>
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
