/**
 * Offers a blob as a download through an object URL on a temporary link.
 *
 * Why: the renderer has no file-system access (sandboxed, offline); a download is the one
 * path that works the same in Electron and in the browser against the web host. The URL is
 * revoked a little later so a slow save dialog still finds it.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Offers text (CSV, a bundle's JSON) as a download of the given type. */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  downloadBlob(new Blob([text], { type: mimeType }), fileName)
}
