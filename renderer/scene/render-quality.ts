/** Renderer strings of software WebGL implementations (no GPU). */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i

let cached: boolean | null = null

/**
 * True when WebGL runs on the CPU (SwiftShader, llvmpipe): asked once through a throwaway
 * context, which is released at once.
 *
 * Why: on software GL, 4× multisampling roughly doubles the cost of every frame (measured:
 * 144 → 74 ms per frame of the default particle on SwiftShader), and that frame blocks the
 * page's main thread, so the estimate chart waits behind it during a slider drag. On a real
 * GPU multisampling is nearly free and stays on.
 */
export function isSoftwareRenderer(): boolean {
  if (cached !== null) return cached
  cached = false
  try {
    const canvas = document.createElement('canvas')
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl')
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info')
      const name: unknown = gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)
      cached = typeof name === 'string' && SOFTWARE_GL.test(name)
      gl.getExtension('WEBGL_lose_context')?.loseContext()
    }
  } catch {
    // No WebGL at all (jsdom): nothing to tune.
  }
  return cached
}

/**
 * WebGL context options of every particle view: the drawing buffer is kept (PNG export and
 * pixel tests read it back) and multisampling is used unless WebGL is software-rendered.
 */
export function sceneGlOptions(): { readonly preserveDrawingBuffer: true; readonly antialias: boolean; readonly alpha: true } {
  return { preserveDrawingBuffer: true, antialias: !isSoftwareRenderer(), alpha: true }
}
