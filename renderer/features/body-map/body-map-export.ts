import type { Band } from '../../../shared/engine/pbpk/monte-carlo'
import { csvField } from '../../../shared/design/metrics-csv'

/** One organ of the body map as exported: its name, the value the map colours it by, its band. */
export interface BodyMapRow {
  readonly tissue: string
  readonly value: number
  readonly band: Band | null
  readonly target: boolean
}

/**
 * The body map's numbers as CSV (RFC 4180, CRLF): one row per organ in the order given, the
 * coloured quantity with its unit in the header, the 95 % band when a Monte Carlo band of this
 * design was computed, and whether the organ is the target.
 *
 * Why: the map is a picture of numbers; a reviewer who re-plots or checks it needs those
 * numbers, not the colours.
 */
export function bodyMapCsv(rows: ReadonlyArray<BodyMapRow>, valueTitle: string): string {
  const header = ['tissue', valueTitle, '95 % band lower', '95 % band upper', 'target']
  const lines = rows.map((r) => [csvField(r.tissue), csvField(r.value), csvField(r.band?.lower ?? null), csvField(r.band?.upper ?? null), r.target ? 'yes' : 'no'].join(','))
  return `${[header.map(csvField).join(','), ...lines].join('\r\n')}\r\n`
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c)
}

/**
 * The body map as a standalone SVG figure: the drawn silhouette (its organs' shapes, fills,
 * target outline and per-organ titles, serialised as on screen) under a title, with the
 * colour scale and the ranked values written beside it as text.
 *
 * Why serialise the drawn map: it is already vectors with its colours as attributes, so the
 * figure is exactly what the reviewer saw; only the text around it is added.
 */
export function bodyMapSvg(map: SVGSVGElement, title: string, lines: ReadonlyArray<string>): string {
  const [, , vbW = 100, vbH = 100] = (map.getAttribute('viewBox') ?? '0 0 100 100').split(/[\s,]+/).map(Number)
  const font = 14
  const mapH = 420
  const mapW = Math.round((mapH * vbW) / vbH)
  const textX = 24 + mapW + 24
  const textW = Math.max(...lines.map((l) => l.length), title.length / 1.4) * font * 0.6
  const width = Math.round(textX + textW + 24)
  const height = Math.max(mapH + 64, 64 + lines.length * (font + 8))
  const inner = Array.from(map.childNodes).map((n) => new XMLSerializer().serializeToString(n)).join('')
  const text = lines.map((l, i) => `<text x="${textX}" y="${64 + i * (font + 8)}" font-size="${font}" fill="#e6ebf2">${escapeXml(l)}</text>`).join('')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#0f1420"/>`,
    `<text x="24" y="32" font-size="${font + 4}" font-weight="700" fill="#ffffff">${escapeXml(title)}</text>`,
    `<svg x="24" y="48" width="${mapW}" height="${mapH}" viewBox="${map.getAttribute('viewBox') ?? `0 0 ${vbW} ${vbH}`}">${inner}</svg>`,
    text,
    '</svg>',
  ].join('')
}
