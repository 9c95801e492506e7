import { memo, useMemo, useRef } from 'react'
import { Canvas } from '@react-three/fiber'
import { OrbitControls, OrthographicCamera, PerspectiveCamera } from '@react-three/drei'
import { Plane, Vector3 } from 'three'
import { useViewStore, type Selection } from '../stores/view-store'
import { CameraRig } from './camera-rig'
import type { CameraLink } from './camera-link'
import { CameraLinkRig } from './camera-link-rig'
import { KeyboardOrbitRig } from './keyboard-orbit'
import { LayerLabels, layerLabelPx } from './layer-labels'
import { useRootFontPx } from '../lib/type-scale'
import { ParticleModel } from './particle-model'
import { SceneProbe } from './scene-probe'
import { catalogName, coreColour, ligandColour, shellColour } from './scene-palette'
import { describePeg, describeScene, type SceneModel } from './scene-model'
import { sceneGlOptions } from './render-quality'
import { CutawayRig, ScaleBarRig, SceneHandleRig } from './view-rigs'

import type { Measurement } from './view-measurements'

export type { Measurement } from './view-measurements'

/** Props of {@link ParticleView}. */
export interface ParticleViewProps {
  readonly model: SceneModel
  /** True when the model is the last valid design rather than the form's current (invalid) one. */
  readonly stale?: boolean
  /** Human names for catalog ids in the legend (default: the catalog's names). */
  readonly nameOf?: (id: string) => string
  /** Id under which export finds this canvas ("builder" for the main view). */
  readonly handleId?: string
  /** Live measurements drawn over the view. */
  readonly measurements?: ReadonlyArray<Measurement>
  /** Picking selects in the property panel (builder only). */
  readonly pickable?: boolean
  /** Show the caption (status line and legend) under the canvas. */
  readonly caption?: boolean
  /** Accessible name of the figure. */
  readonly title?: string
  /** Publish `window.__nanoforgeScene` from this view (the builder's; one per page). */
  readonly probe?: boolean
  /** Share the camera with other views (side-by-side presentation); `id` names this view in the link. */
  readonly cameraLink?: { readonly link: CameraLink; readonly id: string }
  /**
   * Radius the camera frames, nm (default: this particle's outer radius). Linked views pass
   * the largest of their particles, so all start from one pose and sizes compare to scale.
   */
  readonly frameRadiusNm?: number
  /** Height of the layer labels on screen, px (presentation mode passes a larger one). */
  readonly labelPx?: number
}

/**
 * The 3D view of one particle: an on-demand R3F canvas (perspective or orthographic), orbit
 * controls, the to-scale model with cutaway, a scale bar and live measurements over it, a
 * status line saying what is drawn, and a colour legend.
 *
 * Why: driven by a plain {@link SceneModel} and the shared view store, so the builder and
 * the side-by-side presentation mode show the same camera preset and cutaway.
 * `frameloop="demand"` means no GPU work while nothing changes; `preserveDrawingBuffer` lets
 * tests and PNG export read the pixels back.
 */
export const ParticleView = memo(ParticleViewImpl)

/**
 * Why memoised: a re-render of the canvas's children re-applies their props (positions,
 * colours) and R3F draws a frame for it; on software WebGL that frame blocks the page for
 * ~80-100 ms (compositor read-back), so a parent re-render with the same props must not
 * reach the canvas.
 */
function ParticleViewImpl({
  model, stale = false, nameOf = catalogName, handleId, measurements = [], pickable = false, caption = true,
  title = '3D view of the particle', probe = true, cameraLink, frameRadiusNm, labelPx,
}: ParticleViewProps): React.JSX.Element {
  const cutaway = useViewStore((s) => s.cutaway)
  const labels = useViewStore((s) => s.labels)
  const projection = useViewStore((s) => s.projection)
  const request = useViewStore((s) => s.cameraRequest)
  const selection = useViewStore((s) => s.selection)
  const select = useViewStore((s) => s.select)
  const plane = useMemo(() => new Plane(new Vector3(0, 0, -1), 0), [])
  const barRef = useRef<HTMLSpanElement>(null)
  const barLabelRef = useRef<HTMLSpanElement>(null)
  const onPick = pickable ? (s: Selection): void => select(s, 'scene') : undefined
  const peg = describePeg(model)
  const glOptions = useMemo(() => sceneGlOptions(), [])
  // 3D labels keep a fixed size on screen, that of the app's type (larger above 1920 px).
  const rootPx = useRootFontPx()
  const shownLabelPx = labelPx ?? layerLabelPx(rootPx)
  return (
    <figure className="particle-view" aria-label={title}>
      <div className="canvas-host">
        <Canvas
          frameloop="demand"
          dpr={[1, 2]}
          gl={glOptions}
          onCreated={({ gl }) => {
            gl.localClippingEnabled = true
          }}
        >
          {projection === 'perspective'
            ? <PerspectiveCamera makeDefault fov={40} near={0.1} far={100_000} position={[0, 0, 500]} />
            : <OrthographicCamera makeDefault near={0.01} far={100_000} position={[0, 0, 500]} zoom={1} />}
          <color attach="background" args={['#0f1420']} />
          <hemisphereLight args={['#dfe8ff', '#2a2438', 0.9]} />
          <directionalLight position={[2, 3, 4]} intensity={2.2} />
          <directionalLight position={[-3, -1, -2]} intensity={0.5} />
          <ParticleModel model={model} cutaway={cutaway} clipPlane={plane} selection={pickable ? selection : null} onPick={onPick} labelPx={shownLabelPx} />
          {labels && <LayerLabels model={model} nameOf={nameOf} labelPx={shownLabelPx} />}
          <OrbitControls makeDefault enablePan={false} />
          <CameraRig radiusNm={frameRadiusNm ?? model.outerRadiusNm} request={request} />
          {cameraLink && <CameraLinkRig link={cameraLink.link} id={cameraLink.id} />}
          <CutawayRig getPlane={() => plane} />
          <ScaleBarRig barRef={barRef} labelRef={barLabelRef} />
          {handleId && <SceneHandleRig id={handleId} />}
          {probe && <SceneProbe />}
          <KeyboardOrbitRig label={title} />
        </Canvas>
        <div className="scale-bar" aria-label="Scale bar">
          <span ref={barRef} className="scale-bar-line" />
          <span ref={barLabelRef} className="scale-bar-label" />
        </div>
        {measurements.length > 0 && (
          <dl className="scene-measures" aria-label="Measurements">
            {measurements.map((m) => (
              <div key={m.label}><dt>{m.label}</dt><dd>{m.value}</dd></div>
            ))}
          </dl>
        )}
        {cutaway && <p className="scene-badge">Cutaway</p>}
      </div>
      {caption && (
        <figcaption className="scene-caption">
          <p role="status" aria-live="polite" className="scene-status">{describeScene(model)}</p>
          {peg && <p className="scene-peg">{peg}</p>}
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
            {model.payload && cutaway && <li><Swatch colour="#ffd166" />Payload: {nameOf(model.payload.drug)}</li>}
          </ul>
          {model.ligandCount > 0 && (
            <p className="scene-note">Ligands at their true count and spacing; marker size ≈ ligand length. Click a component to select it.</p>
          )}
        </figcaption>
      )}
    </figure>
  )
}

function Swatch({ colour }: { readonly colour: string }): React.JSX.Element {
  return <span className="swatch" aria-hidden="true" style={{ backgroundColor: colour }} />
}
