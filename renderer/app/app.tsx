import { useEffect, useMemo } from 'react'
import { DesignForm } from '../features/design-form/design-form'
import { LibraryPanel } from '../features/library/library-panel'
import { ParticleView } from '../scene/particle-view'
import { buildSceneModel, type SceneModel } from '../scene/scene-model'
import { useDesignStore } from '../stores/design-store'
import { useLibraryStore } from '../stores/library-store'
import { AppInfoLine } from './app-info'
import { EstimatesPanel } from '../features/estimates/estimates-panel'
import { useLiveEstimate } from '../engine/use-live-estimate'

const EMPTY_MODEL: SceneModel = buildSceneModel([], 0, [])

/**
 * The application shell: library on the left, the 3D view in the middle, the design form
 * and derived properties on the right, and a footer saying where the library lives.
 *
 * Why: the scene is fed from the last valid design, so the picture stays up (and honest)
 * while a field holds an invalid value; panels are landmarks so keyboard and screen-reader
 * users can jump between them. Issue 6 adds the palette and engine panels to this grid.
 */
export function App(): React.JSX.Element {
  const lastValid = useDesignStore((s) => s.lastValid)
  const currentValid = useDesignStore((s) => s.derived !== null)
  const model = useMemo(
    () => (lastValid
      ? buildSceneModel(lastValid.derived.layers, lastValid.derived.outerRadiusNm, lastValid.design.ligands)
      : EMPTY_MODEL),
    [lastValid],
  )

  useEffect(() => {
    void useLibraryStore.getState().refresh()
  }, [])
  useLiveEstimate()

  return (
    <div className="app-shell">
      <header className="app-header">
        <h1>NanoForge</h1>
        <p className="app-tagline">Drug-delivery nanoparticle designer</p>
      </header>
      <aside className="app-library">
        <LibraryPanel />
      </aside>
      <main className="app-scene">
        <ParticleView model={model} stale={!currentValid && lastValid !== null} />
      </main>
      <div className="app-estimates">
        <EstimatesPanel />
      </div>
      <section className="app-form" aria-label="Design properties">
        <DesignForm />
      </section>
      <footer className="app-footer">
        <AppInfoLine />
      </footer>
    </div>
  )
}
