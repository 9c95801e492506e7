import { vi } from 'vitest'

/**
 * The files the page offers for download, in order: name and text, caught where the blob
 * becomes an object URL and the link is clicked (jsdom has neither). Restore with
 * vi.restoreAllMocks().
 */
export function catchDownloads(): Array<{ name: string; text: Promise<string> }> {
  const offered: Array<{ name: string; text: Promise<string> }> = []
  let last: Blob | null = null
  URL.createObjectURL = (b: Blob | MediaSource) => { last = b as Blob; return 'blob:caught' }
  URL.revokeObjectURL = () => undefined
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    offered.push({ name: this.download, text: last!.text() })
  })
  return offered
}

/** RFC 4180 rows (CRLF): fields split at commas outside double quotes, "" inside quotes is one quote. */
export function csvRows(text: string): string[][] {
  return text.split('\r\n').filter(Boolean).map((line) => {
    const fields: string[] = []
    let cur = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cur += '"'; i++ } else if (c === '"') quoted = false
        else cur += c
      } else if (c === '"') quoted = true
      else if (c === ',') { fields.push(cur); cur = '' } else cur += c
    }
    fields.push(cur)
    return fields
  })
}
