import { Color, type Object3D, OrthographicCamera, PerspectiveCamera, Vector3 } from 'three'
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js'
import { getSceneHandle } from '../../scene/scene-handle'
import type { Measurement } from '../../scene/view-measurements'
import { pixelsPerNm } from '../../scene/view-rigs'
import { drawOverlay, overlayLayout } from './export-overlay'

/** What a PNG burns in: the view's measurements and a caption (the scale bar always). */
export interface PngOverlay {
  readonly measurements: ReadonlyArray<Measurement>
  readonly caption: ReadonlyArray<string>
}

/** PNG sizes offered: the view as on screen, twice that, and 4K UHD. */
export type PngSize = 'screen' | '2x' | '4k'

/** Pixel size of a PNG export for a view of `width × height` CSS pixels. */
export function pngPixelSize(size: PngSize, width: number, height: number): { readonly width: number; readonly height: number } {
  const w = Math.max(1, Math.round(width))
  const h = Math.max(1, Math.round(height))
  if (size === 'screen') return { width: w, height: h }
  if (size === '2x') return { width: w * 2, height: h * 2 }
  return { width: 3840, height: 2160 }
}

/** A safe file name stem from a design name ("My design!" → "my-design"). */
export function fileStem(name: string): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60)
  return stem || 'nanoforge-design'
}

/**
 * Vertical field of view (degrees) that keeps a view's horizontal extent when it is rendered
 * at a narrower aspect: tan(fov'/2) = tan(fov/2) · viewAspect / outAspect (the horizontal
 * half-angle is atan(aspect · tan(fov/2)) for a perspective camera).
 */
export function exportFovDeg(fovDeg: number, viewAspect: number, outAspect: number): number {
  if (!(outAspect < viewAspect)) return fovDeg
  const half = Math.atan(Math.tan((fovDeg * Math.PI) / 360) * (viewAspect / outAspect))
  return (360 * half) / Math.PI
}

/**
 * Render the view at an export size and return it as a PNG blob.
 *
 * Why: the drawing buffer is resized off screen (setPixelRatio 1 + setSize without touching
 * the CSS size), rendered once with the same camera framing (perspective keeps its angle,
 * orthographic scales its zoom), read with toBlob, then restored; with `transparent` the
 * background is removed and the clear alpha is 0, so slides can place the particle on any
 * colour. With an `overlay`, the image is composed on a 2D canvas with a scale bar measured
 * in the exported pixels, the measurements and a caption burnt in (export-overlay.ts), so the
 * figure carries its own scale and numbers.
 */
export async function renderPng(handleId: string, size: PngSize, transparent: boolean, overlay: PngOverlay | null = null): Promise<Blob> {
  const h = getSceneHandle(handleId)
  if (!h) throw new Error('The 3D view is not ready yet.')
  const { gl, scene, camera } = h
  const css = h.size
  const out = pngPixelSize(size, css.width, css.height)
  const prevRatio = gl.getPixelRatio()
  const prevBackground = scene.background
  const prevClear = gl.getClearColor(new Color())
  const prevAlpha = gl.getClearAlpha()
  const ortho = camera instanceof OrthographicCamera ? camera : null
  const persp = camera instanceof PerspectiveCamera ? camera : null
  const prev = ortho ? { left: ortho.left, right: ortho.right, top: ortho.top, bottom: ortho.bottom, zoom: ortho.zoom } : null
  const prevAspect = persp?.aspect ?? 1
  const prevFov = persp?.fov ?? 40
  try {
    gl.setPixelRatio(1)
    gl.setSize(out.width, out.height, false)
    // Everything the view shows stays in the image (labels to the side of the particle are not
    // cut when a wide view is exported at 16:9): the export frames the view's extent in both
    // directions, widening the other one.
    const viewAspect = css.width / Math.max(1, css.height)
    const outAspect = out.width / out.height
    if (persp) {
      persp.aspect = outAspect
      if (outAspect < viewAspect) persp.fov = exportFovDeg(prevFov, viewAspect, outAspect)
      persp.updateProjectionMatrix()
    }
    if (ortho && prev) {
      const k = Math.min(out.width / Math.max(1, css.width), out.height / Math.max(1, css.height))
      ortho.left = -out.width / 2
      ortho.right = out.width / 2
      ortho.top = out.height / 2
      ortho.bottom = -out.height / 2
      ortho.zoom = prev.zoom * k
      ortho.updateProjectionMatrix()
    }
    if (transparent) {
      scene.background = null
      gl.setClearColor(0x000000, 0)
    }
    gl.render(scene, camera)
    let source: HTMLCanvasElement = gl.domElement
    if (overlay) {
      const ppn = ortho || persp ? pixelsPerNm((ortho ?? persp)!, h.target ?? new Vector3(0, 0, 0), out.height) : 0
      const composed = document.createElement('canvas')
      composed.width = out.width
      composed.height = out.height
      const ctx = composed.getContext('2d')
      if (!ctx) throw new Error('The browser could not make a 2D canvas for the labels.')
      ctx.drawImage(gl.domElement, 0, 0)
      const measure = (text: string, px: number, bold: boolean): number => {
        ctx.font = `${bold ? '700 ' : ''}${px}px system-ui, "DejaVu Sans", sans-serif`
        return ctx.measureText(text).width
      }
      drawOverlay(ctx, overlayLayout(out.width, out.height, { pixelsPerNm: ppn, measurements: overlay.measurements, caption: overlay.caption }, measure), out.width)
      source = composed
    }
    const blob = await new Promise<Blob | null>((res) => source.toBlob(res, 'image/png'))
    if (!blob) throw new Error('The browser could not encode the PNG.')
    return blob
  } finally {
    scene.background = prevBackground
    gl.setClearColor(prevClear, prevAlpha)
    gl.setPixelRatio(prevRatio)
    gl.setSize(css.width, css.height, false)
    if (persp) {
      persp.aspect = prevAspect
      persp.fov = prevFov
      persp.updateProjectionMatrix()
    }
    if (ortho && prev) {
      Object.assign(ortho, prev)
      ortho.updateProjectionMatrix()
    }
    h.invalidate()
  }
}

/**
 * Export the particle (not lights, labels or helpers) as binary glTF (GLB).
 *
 * Why: GLB opens in Blender, PowerPoint and web viewers; instanced ligands and PEG chains
 * are written with EXT_mesh_gpu_instancing, so the file stays small at 20,000 ligands.
 */
export async function exportGlb(handleId: string): Promise<ArrayBuffer> {
  const h = getSceneHandle(handleId)
  if (!h) throw new Error('The 3D view is not ready yet.')
  const particle = h.scene.getObjectByName('particle')
  if (!particle) throw new Error('There is no particle to export.')
  // Sprites (labels) and line helpers are not part of the particle's geometry.
  const hidden: Object3D[] = []
  particle.traverse((o) => {
    if ((o as { isSprite?: boolean }).isSprite || (o as { isLineSegments?: boolean }).isLineSegments || o.name === 'diameter-measure') {
      if (o.visible) hidden.push(o)
    }
  })
  hidden.forEach((o) => {
    o.visible = false
  })
  try {
    const result = await new GLTFExporter().parseAsync(particle, { binary: true, onlyVisible: true })
    if (!(result instanceof ArrayBuffer)) throw new Error('The glTF exporter did not return binary data.')
    return result
  } finally {
    hidden.forEach((o) => {
      o.visible = true
    })
  }
}
