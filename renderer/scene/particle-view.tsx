import { Canvas } from '@react-three/fiber'
import { OrbitControls } from '@react-three/drei'
import { CameraRig } from './camera-rig'
import { ParticleModel } from './particle-model'
import { SceneProbe } from './scene-probe'
import { catalogName, coreColour, ligandColour, shellColour } from './scene-palette'
import { describeScene, type SceneModel } from './scene-model'

/** Props of {@link ParticleView}. */
export interface ParticleViewProps {
  readonly model: SceneModel
  /** True when the model is the last valid design rather than the form's current (invalid) one. */
  readonly stale?: boolean
  /** Human names for catalog ids in the legend (default: the catalog's names). */
  readonly nameOf?: (id: string) => string
}

/**
 * The 3D view of one particle: an on-demand R3F canvas, orbit controls, the to-scale model,
 * a status line saying what is drawn, and a colour legend.
 *
 * Why: driven by a plain {@link SceneModel}, so the builder, the side-by-side presentation
 * mode and tests can all mount it. `frameloop="demand"` means no GPU work while nothing
 * changes; `preserveDrawingBuffer` lets tests and PNG export read the pixels back.
 */
export function ParticleView({ model, stale = false, nameOf = catalogName }: ParticleViewProps): React.JSX.Element {
  return (
    <figure className="particle-view" aria-label="3D view of the particle">
      <div className="canvas-host">
        <Canvas
          frameloop="demand"
          dpr={[1, 2]}
          gl={{ preserveDrawingBuffer: true, antialias: true }}
          camera={{ fov: 40, near: 0.1, far: 100_000, position: [0, 0, 500] }}
          aria-label="Particle 3D view"
        >
          <color attach="background" args={['#0f1420']} />
          <hemisphereLight args={['#dfe8ff', '#2a2438', 0.9]} />
          <directionalLight position={[2, 3, 4]} intensity={2.2} />
          <directionalLight position={[-3, -1, -2]} intensity={0.5} />
          <ParticleModel model={model} />
          <OrbitControls makeDefault enablePan={false} />
          <CameraRig radiusNm={model.outerRadiusNm} />
          <SceneProbe />
        </Canvas>
      </div>
      <figcaption className="scene-caption">
        <p role="status" aria-live="polite" className="scene-status">{describeScene(model)}</p>
        {stale && <p className="scene-stale">Showing the last valid design; fix the marked fields to update the view.</p>}
        <ul className="scene-legend" aria-label="Legend">
          {model.core && (
            <li><Swatch colour={coreColour(model.core.material)} />Core: {nameOf(model.core.material)}</li>
          )}
          {model.shells.map((s, i) => (
            <li key={`${s.kind}-${i}`}>
              <Swatch colour={shellColour(s.kind, s.material)} />
              Shell: {nameOf(s.material)} ({(s.outerRadiusNm - s.innerRadiusNm).toFixed(1)} nm)
            </li>
          ))}
          {model.ligands.map((l) => (
            <li key={l.ligand}>
              <Swatch colour={ligandColour(l.ligand)} />
              Ligand: {nameOf(l.ligand)} × {l.perParticle.toLocaleString('en-US')}
            </li>
          ))}
        </ul>
        {model.ligandCount > 0 && (
          <p className="scene-note">Ligands at their true count and spacing; marker size ≈ ligand length.</p>
        )}
      </figcaption>
    </figure>
  )
}

function Swatch({ colour }: { readonly colour: string }): React.JSX.Element {
  return <span className="swatch" aria-hidden="true" style={{ backgroundColor: colour }} />
}
