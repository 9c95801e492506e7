/**
 * The review report's 3D figure (issue #16: "the 3D figure with scale bar"): the design's
 * particle drawn off screen by the same scene components as the builder's 3D view
 * (ParticleModel with its cutaway rig, the view's lights and background), into a canvas of its
 * own with an orthographic camera, and read back as PNG.
 *
 * Why not the builder's canvas: the report describes the saved version, not the pose, cutaway
 * or selection the user left the view in, and not the window (a screenshot would carry the
 * window's size and overlays). Why orthographic: one pixel is the same number of nanometres at
 * every depth, so the report's scale bar is true for the whole particle, not only its centre.
 */
import { createRoot, advance, type RootState } from '@react-three/fiber'
import { useEffect } from 'react'
import { OrthographicCamera, Plane, Vector3 } from 'three'
import { deriveProperties } from '../../../shared/design/derived'
import type { Design } from '../../../shared/design/types'
import type { HexColor } from '../../../shared/report/document'
import type { ReportSceneRender } from '../../../shared/report/build'
import { ParticleModel } from '../../scene/particle-model'
import { catalogName, coreColour, ligandColour, shellColour } from '../../scene/scene-palette'
import { sceneModelFromDesign, type SceneModel } from '../../scene/scene-model'
import { pixelsPerNm } from '../../scene/view-rigs'

/** Side of the square render, px (about 250 dpi at the report's 8 cm). */
export const REPORT_FIGURE_PX = 800
/** Share of the image's half-width the particle with its ligands fills (room under it for the view's diameter bar and its label). */
const FILL = 0.8
/** The view's direction: a three-quarter view from above right (camera position ∝ this). */
const VIEW_DIRECTION = new Vector3(1, 0.75, 1.6).normalize()
const PAYLOAD_COLOUR: HexColor = '#ffd166'
/** Height of the diameter label in the render, px (the view's 3D labels; legible at print size). */
const LABEL_PX = 24
/**
 * The cut: the half of the particle on the camera's right (x > 0) is removed. The camera looks
 * from VIEW_DIRECTION, about 60° off the cut's normal, so the image shows the cut face (core,
 * shells, payload) at an angle beside the spherical outside with its corona and ligands (the
 * app's cutaway turns the cut to face the camera, which in a still image reads as a flat disc).
 */
const CUT_NORMAL = new Vector3(-1, 0, 0)

/** The scene's colour key in words, as the view's legend names each part. */
export function sceneLegend(model: SceneModel): Array<{ label: string; color: HexColor }> {
  const out: Array<{ label: string; color: HexColor }> = []
  if (model.core) out.push({ label: `Core: ${catalogName(model.core.material)}`, color: coreColour(model.core.material) as HexColor })
  for (const s of model.shells) {
    out.push({ label: `Shell: ${catalogName(s.material)} (${(s.outerRadiusNm - s.innerRadiusNm).toFixed(1)} nm)`, color: shellColour(s.kind, s.material) as HexColor })
  }
  for (const l of model.ligands) out.push({ label: `Ligand: ${catalogName(l.ligand)} × ${l.perParticle.toLocaleString('en-US')}`, color: ligandColour(l.ligand) as HexColor })
  if (model.payload) out.push({ label: `Payload: ${catalogName(model.payload.drug)} (dots in the cut face)`, color: PAYLOAD_COLOUR })
  return out
}

/** The scene as the builder's view draws it, minus the controls and DOM overlays; calls `onReady` once mounted. */
function ReportScene({ model, plane, onReady }: { readonly model: SceneModel; readonly plane: Plane; readonly onReady: () => void }): React.JSX.Element {
  useEffect(() => onReady(), [onReady])
  return (
    <>
      <color attach="background" args={['#0f1420']} />
      <hemisphereLight args={['#dfe8ff', '#2a2438', 0.9]} />
      <directionalLight position={[2, 3, 4]} intensity={2.2} />
      <directionalLight position={[-3, -1, -2]} intensity={0.5} />
      <ParticleModel model={model} cutaway clipPlane={plane} labelPx={LABEL_PX} />
    </>
  )
}

/**
 * Renders the design's particle for the report; rejects with a sentence when the browser gives
 * no WebGL context. About 0.1-0.3 s with software WebGL.
 */
export async function renderReportFigure(design: Design, sizePx = REPORT_FIGURE_PX): Promise<ReportSceneRender> {
  const derived = deriveProperties(design)
  const model = sceneModelFromDesign(design, derived)
  const extentNm = derived.outerRadiusNm + derived.maxLigandLengthNm
  const zoom = (FILL * sizePx) / 2 / Math.max(extentNm, 1e-3)
  const canvas = document.createElement('canvas')
  canvas.width = sizePx
  canvas.height = sizePx
  const root = createRoot(canvas)
  const plane = new Plane(CUT_NORMAL.clone(), 0)
  let gl: RootState['gl'] | null = null
  try {
    const distance = 20 * extentNm + 100
    await root.configure({
      gl: { preserveDrawingBuffer: true, antialias: true, alpha: false },
      size: { width: sizePx, height: sizePx, top: 0, left: 0 },
      dpr: 1,
      orthographic: true,
      frameloop: 'never',
      camera: { position: VIEW_DIRECTION.clone().multiplyScalar(distance).toArray(), zoom, near: 0.01, far: 4 * distance },
      onCreated: (s) => {
        s.gl.localClippingEnabled = true
      },
    })
    let store: ReturnType<typeof root.render> | null = null
    await new Promise<void>((resolve) => {
      store = root.render(<ReportScene model={model} plane={plane} onReady={resolve} />)
    })
    const state = (store as ReturnType<typeof root.render> | null)?.getState()
    if (state === undefined) throw new Error('the 3D scene did not mount')
    gl = state.gl
    const camera = state.camera
    if (!(camera instanceof OrthographicCamera)) throw new Error('the report camera is not orthographic')
    camera.lookAt(0, 0, 0)
    camera.updateProjectionMatrix()
    camera.updateMatrixWorld()
    // The cut faces (caps) lie in the cut plane; the diameter bar faces the camera (what the view's cutaway rig does each frame).
    const capFacing = CUT_NORMAL.clone().negate()
    state.scene.traverse((o) => {
      if (o.userData.cap === true) o.quaternion.setFromUnitVectors(new Vector3(0, 0, 1), capFacing)
      if (o.userData.billboard === true) o.quaternion.copy(camera.quaternion)
    })
    // Two frames: instanced parts filled in the first frame's effects are drawn in the second.
    advance(performance.now(), true, state)
    advance(performance.now(), true, state)
    const png = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the 3D render could not be read back'))), 'image/png'))
    const ppn = pixelsPerNm(camera, new Vector3(0, 0, 0), sizePx)
    if (!(ppn > 0) || !Number.isFinite(ppn)) throw new Error('the 3D render has no scale')
    return {
      png: new Uint8Array(await png.arrayBuffer()), widthPx: sizePx, heightPx: sizePx, nmPerPx: 1 / ppn,
      view: 'three-quarter view from above right, orthographic camera, the right half cut away to show the layers (cut faces, payload dots)',
      legend: sceneLegend(model),
    }
  } finally {
    root.unmount()
    // The context is released at once (a browser keeps only a few WebGL contexts).
    try {
      gl?.forceContextLoss()
    } catch {
      // already released by the unmount
    }
  }
}
