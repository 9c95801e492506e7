/**
 * The HTTP policy both hosts of the renderer apply: the Electron `app://` protocol
 * (electron/main/protocol.ts) and the loopback web host (electron/web/server.ts). One
 * definition, so the browser tests exercise exactly the policy the desktop app enforces.
 */

/**
 * Content-Security-Policy of every response, verbatim from
 * docs/security.md §3.3 (checklist item 7).
 *
 * No `'unsafe-inline'` for styles: React's `style={...}` props and three/R3F/uPlot write
 * styles through the CSSOM (`element.style.x = ...`), which CSP does not govern, and Vite's
 * production build emits CSS as files served from 'self'. Only a literal `<style>` element or
 * `style="..."` markup would need it, and the renderer uses neither. No `'wasm-unsafe-eval'`:
 * no WASM solver is shipped. renderer/index.html carries the same policy as a `<meta>`
 * fallback (a test keeps them equal).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Content types of the files the renderer bundle contains, by lower-case extension. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
}

/**
 * Content type for a file path; unknown extensions are served as opaque bytes so a browser
 * never sniffs them into something executable (with `X-Content-Type-Options: nosniff`).
 */
export function contentTypeForPath(filePath: string): string {
  const slash = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'))
  const dot = filePath.lastIndexOf('.')
  const extension = dot > slash ? filePath.slice(dot).toLowerCase() : ''
  return CONTENT_TYPES[extension] ?? 'application/octet-stream'
}
