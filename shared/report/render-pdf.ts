/**
 * Draws a {@link ReportDocument} into a PDF with jsPDF (the kept PDF library: the same import
 * runs in Node and in a browser, TrueType fonts are embedded as subsets with a ToUnicode map,
 * so µ, ±, ², ≤, → and ×10ⁿ print and can be searched and copied).
 *
 * No Node module is imported: the fonts come in as bytes (the CLI reads them from disk, the
 * app from its bundle) and the PDF goes out as bytes; the caller writes the file.
 *
 * Layout: A4, text wrapped to the measured width of each word, a long word (a hash, a DOI)
 * broken between characters so nothing is clipped; tables repeat their header row on each
 * page they run onto; charts, figures and table rows are never split across pages; level-1
 * headings are kept with what follows. Page 1 is the cover with the contents (page numbers
 * filled in after the body is laid out); every page has a footer with "Page n of N".
 */
import { GState, jsPDF } from 'jspdf'
import { niceTicks, tickLabel } from './axis'
import type {
  ChartBlock, HexColor, ListBlock, ParagraphBlock, ParticleFigureBlock, ParticleRowBlock, ReportBlock, ReportDocument, SceneImageBlock, SceneRowBlock, TableBlock, TableColumn,
} from './document'

/** The two font faces of the report (DejaVu Sans regular and bold, shared/report/fonts). */
export interface ReportFonts {
  readonly regular: Uint8Array
  readonly bold: Uint8Array
}

const FONT = 'DejaVuSans'
/** The bold face as a family of its own (jsPDF's style lookup of a custom bold face is unreliable). */
const FONT_BOLD = 'DejaVuSans-Bold'
const MARGIN_PT = { top: 54, bottom: 54, left: 54, right: 54 }
const BODY_PT = 9.5
const TABLE_PT = 8.5
const CAPTION_PT = 8
const FOOTER_PT = 7.5
const LEADING = 1.3
const CELL_PAD_PT = 3
const GREY: HexColor = '#555555'
const RULE: HexColor = '#999999'
const HEADER_FILL: HexColor = '#E8E8E8'
const STRIPE_FILL: HexColor = '#F6F6F6'

/**
 * A coordinate rounded to 0.001 pt (far below what a printer or a screen resolves). Why: the
 * data behind a chart comes through exp, log, sin and cos, whose last bits differ between
 * JavaScript engines; rounded, the same report is the same file in Node and in a browser.
 */
const pt = (v: number): number => Math.round(v * 1000) / 1000

/** Bytes to the binary string jsPDF's virtual file system takes (chunked: a 700 kB font overflows a spread). */
function binaryString(bytes: Uint8Array): string {
  let out = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) out += String.fromCharCode(...bytes.subarray(i, i + chunk))
  return out
}

/**
 * The PDF's file identifier (32 hex digits), from the report's title, subtitle and date.
 * Why not random (jsPDF's default): the same report made twice is then the same file, byte
 * for byte, in Node and in a browser, so a reviewer can tell a copy from a changed report.
 * FNV-1a (Fowler, Noll, Vo), 32 bits, run with four offsets; an identifier, not a signature.
 */
export function reportFileId(doc: Pick<ReportDocument, 'title' | 'subtitle' | 'generatedAt' | 'keywords'>): string {
  const text = [doc.title, doc.subtitle, doc.generatedAt, ...doc.keywords].join('\u0000')
  let out = ''
  for (const offset of [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]) {
    let h = offset >>> 0
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    out += h.toString(16).padStart(8, '0')
  }
  return out.toUpperCase()
}

/** The cursor and the page geometry while laying out. */
class Writer {
  readonly pdf: jsPDF
  readonly pageWidth: number
  readonly pageHeight: number
  readonly contentWidth: number
  y = MARGIN_PT.top
  /** Level-1 headings with the page they start on (the contents). */
  readonly headings: Array<{ text: string; page: number }> = []

  constructor(pdf: jsPDF) {
    this.pdf = pdf
    this.pageWidth = pdf.internal.pageSize.getWidth()
    this.pageHeight = pdf.internal.pageSize.getHeight()
    this.contentWidth = this.pageWidth - MARGIN_PT.left - MARGIN_PT.right
  }

  get bottom(): number {
    return this.pageHeight - MARGIN_PT.bottom
  }

  get page(): number {
    return this.pdf.getNumberOfPages()
  }

  newPage(): void {
    this.pdf.addPage('a4', this.pageWidth > this.pageHeight ? 'landscape' : 'portrait')
    this.y = MARGIN_PT.top
  }

  /** Starts a new page unless `heightPt` still fits on this one (and something is on it already). */
  ensure(heightPt: number): void {
    if (this.y + heightPt > this.bottom && this.y > MARGIN_PT.top + 1) this.newPage()
  }

  font(sizePt: number, bold = false, color: HexColor = '#000000'): void {
    this.pdf.setFont(bold ? FONT_BOLD : FONT, 'normal')
    this.pdf.setFontSize(sizePt)
    this.pdf.setTextColor(color)
  }

  width(text: string): number {
    return this.pdf.getTextWidth(text)
  }

  /**
   * Lines of `text` no wider than `widthPt` in the current font: words are kept whole when they
   * fit a line, and a word wider than the line is broken between characters.
   */
  wrap(text: string, maxWidthPt: number): string[] {
    // The widths of a column are measured with the same font, but the sums differ in the last
    // bits (61.83251953125001 against 61.83251953125); 0.01 pt is far below a glyph's width.
    const widthPt = maxWidthPt + 0.01
    const lines: string[] = []
    for (const paragraph of text.split('\n')) {
      let line = ''
      for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
        const candidate = line === '' ? word : `${line} ${word}`
        if (this.width(candidate) <= widthPt) {
          line = candidate
          continue
        }
        if (line !== '') lines.push(line)
        if (this.width(word) <= widthPt) {
          line = word
          continue
        }
        // A word longer than the line: break it where it no longer fits.
        let piece = ''
        for (const ch of word) {
          if (piece !== '' && this.width(piece + ch) > widthPt) {
            lines.push(piece)
            piece = ''
          }
          piece += ch
        }
        line = piece
      }
      lines.push(line)
    }
    return lines
  }

  /** Draws lines of text from `top` (the top of the first line); returns the height used. */
  lines(lines: ReadonlyArray<string>, x: number, top: number, sizePt: number, align: 'left' | 'right' = 'left', boxWidth = 0): number {
    const step = sizePt * LEADING
    lines.forEach((line, i) => {
      const baseline = top + i * step + sizePt * 0.93
      if (align === 'right') this.pdf.text(line, x + boxWidth - this.width(line), baseline)
      else this.pdf.text(line, x, baseline)
    })
    return lines.length * step
  }
}

/** Column widths that fill `available`: natural widths when they fit, else shares of the spare width by weight above each column's longest word. */
function columnWidths(w: Writer, columns: ReadonlyArray<TableColumn>, rows: ReadonlyArray<ReadonlyArray<string>>, available: number, sizePt: number, header: boolean): number[] {
  const pad = 2 * CELL_PAD_PT
  const natural = columns.map(() => pad)
  const minimum = columns.map(() => pad)
  const measure = (text: string, i: number): void => {
    natural[i] = Math.max(natural[i]!, Math.min(w.width(text) + pad, available))
    const longestWord = Math.max(0, ...text.split(/\s+/).map((word) => w.width(word)))
    // A word longer than a third of the table (a hash, a DOI) may be broken instead.
    minimum[i] = Math.max(minimum[i]!, Math.min(longestWord + pad, available / 3))
  }
  w.font(sizePt, true)
  if (header) columns.forEach((c, i) => measure(c.header, i))
  w.font(sizePt)
  for (const row of rows) row.forEach((cell, i) => { if (i < columns.length) measure(cell, i) })
  const naturalSum = natural.reduce((s, x) => s + x, 0)
  if (naturalSum <= available) {
    // Spread the spare width in proportion to the natural widths, so the table spans the page.
    return natural.map((x) => (x * available) / naturalSum)
  }
  // Too wide: as a browser's automatic table layout, a column whose whole text fits its share
  // of the width keeps its natural width, and one whose longest word is wider than its share
  // gets that word's width; the others share what is left by weight.
  const weight = columns.map((c) => c.weight ?? 1)
  const fixedWidth: Array<number | null> = columns.map(() => null)
  for (let changed = true; changed;) {
    changed = false
    const left = available - fixedWidth.reduce<number>((s, x) => s + (x ?? 0), 0)
    const weights = weight.reduce((s, x, i) => s + (fixedWidth[i] === null ? x : 0), 0)
    for (let i = 0; i < columns.length; i++) {
      if (fixedWidth[i] !== null) continue
      const share = (left * weight[i]!) / weights
      if (natural[i]! <= share) fixedWidth[i] = natural[i]!
      else if (minimum[i]! >= share) fixedWidth[i] = minimum[i]!
      else continue
      changed = true
      break
    }
  }
  const left = available - fixedWidth.reduce<number>((s, x) => s + (x ?? 0), 0)
  const weights = weight.reduce((s, x, i) => s + (fixedWidth[i] === null ? x : 0), 0) || 1
  const widths = columns.map((_, i) => fixedWidth[i] ?? Math.max(0, (left * weight[i]!) / weights))
  const total = widths.reduce((s, x) => s + x, 0)
  // Only when even the longest words do not fit side by side are all columns narrowed (and
  // words broken between characters).
  return total > available ? widths.map((x) => (x * available) / total) : widths
}

function drawTable(w: Writer, block: TableBlock): void {
  const sizePt = block.fontSizePt ?? TABLE_PT
  const header = block.header !== false
  const widths = columnWidths(w, block.columns, block.rows, w.contentWidth, sizePt, header)
  if (block.equalFrom !== undefined && block.equalFrom < widths.length) {
    const shared = widths.slice(block.equalFrom)
    const each = shared.reduce((s, x) => s + x, 0) / shared.length
    for (let i = block.equalFrom; i < widths.length; i++) widths[i] = each
  }
  const xs = widths.map((_, i) => MARGIN_PT.left + widths.slice(0, i).reduce((s, x) => s + x, 0))
  const step = sizePt * LEADING
  const cellLines = (texts: ReadonlyArray<string>, bold: boolean): string[][] => {
    w.font(sizePt, bold)
    return block.columns.map((_, i) => w.wrap(texts[i] ?? '', widths[i]! - 2 * CELL_PAD_PT))
  }
  const rowHeight = (cells: string[][]): number => Math.max(...cells.map((c) => c.length)) * step + 2 * CELL_PAD_PT
  const headerCells = header ? cellLines(block.columns.map((c) => c.header), true) : []
  const headerHeight = header ? rowHeight(headerCells) : 0
  const drawRow = (cells: string[][], bold: boolean, fill: HexColor | null, height: number): void => {
    if (fill !== null) {
      w.pdf.setFillColor(fill)
      w.pdf.rect(MARGIN_PT.left, w.y, w.contentWidth, height, 'F')
    }
    w.font(sizePt, bold)
    cells.forEach((lines, i) => {
      const align = block.columns[i]!.align ?? 'left'
      w.lines(lines, xs[i]! + CELL_PAD_PT, w.y + CELL_PAD_PT, sizePt, align, widths[i]! - 2 * CELL_PAD_PT)
    })
    w.y += height
  }
  const drawHeader = (): void => {
    if (!header) return
    drawRow(headerCells, true, HEADER_FILL, headerHeight)
    w.pdf.setDrawColor(RULE)
    w.pdf.setLineWidth(0.6)
    w.pdf.line(MARGIN_PT.left, w.y, MARGIN_PT.left + w.contentWidth, w.y)
  }
  let captionLines: string[] = []
  if (block.caption !== undefined) {
    w.font(CAPTION_PT, false, GREY)
    captionLines = w.wrap(block.caption, w.contentWidth)
  }
  const firstRow = block.rows[0] !== undefined ? rowHeight(cellLines(block.rows[0], false)) : 0
  // The caption, the header and the first row stay together.
  w.ensure(captionLines.length * CAPTION_PT * LEADING + 4 + headerHeight + firstRow)
  if (captionLines.length > 0) {
    w.font(CAPTION_PT, false, GREY)
    w.y += w.lines(captionLines, MARGIN_PT.left, w.y, CAPTION_PT) + 3
  }
  drawHeader()
  block.rows.forEach((row, r) => {
    const cells = cellLines(row, false)
    const height = rowHeight(cells)
    if (w.y + height > w.bottom) {
      w.newPage()
      drawHeader()
    }
    drawRow(cells, false, r % 2 === 1 ? STRIPE_FILL : null, height)
  })
  w.pdf.setDrawColor(RULE)
  w.pdf.setLineWidth(0.6)
  w.pdf.line(MARGIN_PT.left, w.y, MARGIN_PT.left + w.contentWidth, w.y)
  w.y += 10
}

function drawParagraph(w: Writer, block: ParagraphBlock): void {
  const size = block.style === 'note' ? CAPTION_PT + 0.5 : BODY_PT
  w.font(size, block.style === 'strong', block.style === 'note' ? GREY : '#000000')
  const lines = w.wrap(block.text, w.contentWidth)
  // A paragraph may run across pages, but not leave one line alone at a page's foot.
  const step = size * LEADING
  w.ensure(Math.min(lines.length, 2) * step)
  for (const line of lines) {
    if (w.y + step > w.bottom) w.newPage()
    w.font(size, block.style === 'strong', block.style === 'note' ? GREY : '#000000')
    w.lines([line], MARGIN_PT.left, w.y, size)
    w.y += step
  }
  w.y += 5
}

function drawList(w: Writer, block: ListBlock): void {
  const start = block.start ?? 1
  w.font(CAPTION_PT + 0.5)
  const labelWidth = w.width(`[${start + block.items.length - 1}]`) + 6
  block.items.forEach((item, i) => {
    w.font(CAPTION_PT + 0.5)
    const lines = w.wrap(item, w.contentWidth - labelWidth)
    const height = lines.length * (CAPTION_PT + 0.5) * LEADING + 2
    w.ensure(height)
    w.pdf.text(`[${start + i}]`, MARGIN_PT.left, w.y + (CAPTION_PT + 0.5) * 0.93)
    w.lines(lines, MARGIN_PT.left + labelWidth, w.y, CAPTION_PT + 0.5)
    w.y += height
  })
  w.y += 6
}

/** Legend entries laid out in rows; returns the height and draws them when `draw`. */
/**
 * A colour key drawn down a column: a filled swatch and its (already wrapped) lines per entry,
 * from `top`; returns the y below the last entry. One drawing for every figure's key.
 */
function swatchKey(w: Writer, entries: ReadonlyArray<{ readonly color: HexColor | string; readonly lines: ReadonlyArray<string> }>, x: number, top: number): number {
  let y = top
  for (const e of entries) {
    w.font(CAPTION_PT + 0.5)
    w.pdf.setFillColor(e.color)
    w.pdf.setDrawColor('#666666')
    w.pdf.setLineWidth(0.4)
    w.pdf.rect(x, y + 1, 9, 9, 'FD')
    y += w.lines(e.lines, x + 14, y, CAPTION_PT + 0.5) + 4
  }
  return y
}

function legend(w: Writer, entries: ReadonlyArray<{ label: string; color: HexColor; kind: 'line' | 'band' | 'marker' }>, top: number, draw: boolean): number {
  const size = CAPTION_PT
  w.font(size)
  let x = MARGIN_PT.left
  let y = top
  const rowStep = size * LEADING + 2
  for (const e of entries) {
    const width = 18 + w.width(e.label) + 14
    if (x + width > MARGIN_PT.left + w.contentWidth && x > MARGIN_PT.left) {
      x = MARGIN_PT.left
      y += rowStep
    }
    if (draw) {
      const mid = y + size * 0.55
      if (e.kind === 'line') {
        w.pdf.setDrawColor(e.color)
        w.pdf.setLineWidth(1.6)
        w.pdf.line(x, mid, x + 14, mid)
      } else if (e.kind === 'band') {
        w.pdf.saveGraphicsState()
        w.pdf.setGState(new GState({ opacity: 0.25 }))
        w.pdf.setFillColor(e.color)
        w.pdf.rect(x, mid - 4, 14, 8, 'F')
        w.pdf.restoreGraphicsState()
      } else {
        w.pdf.setFillColor(e.color)
        w.pdf.circle(x + 7, mid, 2.2, 'F')
      }
      w.font(size)
      w.pdf.text(e.label, x + 18, y + size * 0.93)
    }
    x += width
  }
  return y - top + rowStep
}

function drawChart(w: Writer, block: ChartBlock): void {
  const plotHeight = block.heightPt ?? 190
  const left = MARGIN_PT.left + 46
  const plotWidth = Math.min(w.contentWidth, 620) - 56
  const entries = [
    ...block.series.map((s) => ({ label: s.label, color: s.color, kind: 'line' as const })),
    ...(block.bands ?? []).map((b) => ({ label: b.label, color: b.color, kind: 'band' as const })),
    ...(block.markers ?? []).filter((m) => m.points.length > 0).map((m) => ({ label: m.label, color: m.color, kind: 'marker' as const })),
  ]
  w.font(CAPTION_PT, false, GREY)
  const captionLines = w.wrap(block.caption, w.contentWidth)
  const legendHeight = legend(w, entries, 0, false)
  const total = 16 + plotHeight + 30 + legendHeight + captionLines.length * CAPTION_PT * LEADING + 12
  w.ensure(total)
  const top = w.y + 16
  const [x0, x1] = block.xRange
  const [y0, y1] = block.yRange
  const px = (x: number): number => pt(left + ((Math.min(Math.max(x, x0), x1) - x0) / (x1 - x0)) * plotWidth)
  const py = (y: number): number => pt(top + plotHeight - ((Math.min(Math.max(y, y0), y1) - y0) / (y1 - y0)) * plotHeight)

  w.font(BODY_PT, true)
  w.pdf.text(block.title, left, w.y + BODY_PT)
  // Grid and tick labels.
  w.font(CAPTION_PT, false, GREY)
  w.pdf.setLineWidth(0.3)
  w.pdf.setDrawColor('#DDDDDD')
  for (const t of niceTicks(y0, y1, 5)) {
    w.pdf.line(left, py(t), left + plotWidth, py(t))
    const label = tickLabel(t)
    w.pdf.text(label, left - 4 - w.width(label), py(t) + CAPTION_PT * 0.35)
  }
  for (const t of niceTicks(x0, x1, 6)) {
    w.pdf.line(px(t), top, px(t), top + plotHeight)
    const label = tickLabel(t)
    w.pdf.text(label, px(t) - w.width(label) / 2, top + plotHeight + CAPTION_PT + 3)
  }
  // Bands under the lines, translucent so overlapping bands stay readable.
  for (const b of block.bands ?? []) {
    const pts: Array<[number, number]> = []
    b.xs.forEach((x, i) => { if (x >= x0 && x <= x1) pts.push([px(x), py(b.upper[i]!)]) })
    for (let i = b.xs.length - 1; i >= 0; i--) if (b.xs[i]! >= x0 && b.xs[i]! <= x1) pts.push([px(b.xs[i]!), py(b.lower[i]!)])
    if (pts.length < 3) continue
    w.pdf.saveGraphicsState()
    w.pdf.setGState(new GState({ opacity: 0.22 }))
    w.pdf.setFillColor(b.color)
    const deltas = pts.slice(1).map((p, i) => [pt(p[0] - pts[i]![0]), pt(p[1] - pts[i]![1])])
    w.pdf.lines(deltas, pts[0]![0], pts[0]![1], [1, 1], 'F', true)
    w.pdf.restoreGraphicsState()
  }
  for (const s of block.series) {
    const pts = s.points.filter(([x]) => x >= x0 && x <= x1).map(([x, y]) => [px(x), py(y)] as const)
    if (pts.length < 2) continue
    w.pdf.setDrawColor(s.color)
    w.pdf.setLineWidth(1.4)
    if (s.dash === true) w.pdf.setLineDashPattern([4, 2], 0)
    const deltas = pts.slice(1).map((p, i) => [pt(p[0] - pts[i]![0]), pt(p[1] - pts[i]![1])])
    w.pdf.lines(deltas, pts[0]![0], pts[0]![1], [1, 1], 'S', false)
    if (s.dash === true) w.pdf.setLineDashPattern([], 0)
  }
  for (const m of block.markers ?? []) {
    w.pdf.setDrawColor(m.color)
    w.pdf.setFillColor(m.color)
    w.pdf.setLineWidth(0.7)
    for (const p of m.points) {
      if (p.x < x0 || p.x > x1) continue
      if (p.error !== undefined && p.error > 0) {
        w.pdf.line(px(p.x), py(p.y - p.error), px(p.x), py(p.y + p.error))
        w.pdf.line(px(p.x) - 2, py(p.y - p.error), px(p.x) + 2, py(p.y - p.error))
        w.pdf.line(px(p.x) - 2, py(p.y + p.error), px(p.x) + 2, py(p.y + p.error))
      }
      w.pdf.circle(px(p.x), py(p.y), 2.2, 'F')
    }
  }
  // Axes and their titles.
  w.pdf.setDrawColor('#000000')
  w.pdf.setLineWidth(0.7)
  w.pdf.line(left, top, left, top + plotHeight)
  w.pdf.line(left, top + plotHeight, left + plotWidth, top + plotHeight)
  w.font(CAPTION_PT + 0.5)
  w.pdf.text(block.xLabel, left + plotWidth / 2 - w.width(block.xLabel) / 2, top + plotHeight + 2 * CAPTION_PT + 10)
  w.pdf.text(block.yLabel, MARGIN_PT.left + 8, top + plotHeight / 2 + w.width(block.yLabel) / 2, { angle: 90 })
  w.y = top + plotHeight + 30
  w.y += legend(w, entries, w.y, true)
  w.font(CAPTION_PT, false, GREY)
  w.y += w.lines(captionLines, MARGIN_PT.left, w.y, CAPTION_PT) + 12
}

/**
 * Draws one cross-section in a box of `box` pt at (x, top) with `extentNm` across the box,
 * its scale bar under it and its legend at (legendX, legendTop) in `legendWidth`; returns the
 * lowest y used.
 */
function drawCrossSection(
  w: Writer, block: ParticleFigureBlock, x: number, top: number, box: number, extentNm: number, legendX: number, legendTop: number, legendWidth: number,
): number {
  const ptPerNm = box / extentNm
  const cx = x + box / 2
  const cy = top + box / 2
  // Outermost first: each inner disc covers the middle of the one before, leaving rings.
  for (const layer of [...block.layers].reverse()) {
    w.pdf.setFillColor(layer.color)
    w.pdf.setDrawColor('#666666')
    w.pdf.setLineWidth(0.4)
    w.pdf.circle(cx, cy, Math.max(0.5, layer.outerRadiusNm * ptPerNm), 'FD')
  }
  if (block.ligandTicks !== null && block.ligandTicks.count > 0) {
    const r0 = block.outerRadiusNm * ptPerNm
    const r1 = r0 + Math.max(2, block.ligandTicks.lengthNm * ptPerNm)
    w.pdf.setDrawColor('#222222')
    w.pdf.setLineWidth(0.8)
    for (let i = 0; i < block.ligandTicks.count; i++) {
      const a = (2 * Math.PI * i) / block.ligandTicks.count
      w.pdf.line(pt(cx + r0 * Math.cos(a)), pt(cy + r0 * Math.sin(a)), pt(cx + r1 * Math.cos(a)), pt(cy + r1 * Math.sin(a)))
    }
  }
  // Scale bar under the drawing.
  const barPt = block.scaleBarNm * ptPerNm
  const barY = top + box + 12
  w.pdf.setDrawColor('#000000')
  w.pdf.setLineWidth(1.2)
  w.pdf.line(cx - barPt / 2, barY, cx + barPt / 2, barY)
  w.pdf.line(cx - barPt / 2, barY - 3, cx - barPt / 2, barY + 3)
  w.pdf.line(cx + barPt / 2, barY - 3, cx + barPt / 2, barY + 3)
  w.font(CAPTION_PT + 0.5)
  const barLabel = `${tickLabel(block.scaleBarNm)} nm`
  w.pdf.text(barLabel, cx - w.width(barLabel) / 2, barY + 13)
  // Legend: each layer with its radii.
  let ly = legendTop
  const entries = block.layers.map((l) => ({ color: l.color, text: `${l.label}: radius ${tickLabel(Number(l.innerRadiusNm.toPrecision(4)))}–${tickLabel(Number(l.outerRadiusNm.toPrecision(4)))} nm` }))
  if (block.ligandTicks !== null) entries.push({ color: '#222222', text: `${block.ligandTicks.label} (ticks)` })
  ly = swatchKey(w, entries.map((e) => ({ color: e.color, lines: w.wrap(e.text, legendWidth - 14) })), legendX, ly)
  return Math.max(barY + 20, ly + 4)
}

/** The diameter a figure spans: the particle with its ligand ticks. */
const figureExtentNm = (b: ParticleFigureBlock): number => 2 * (b.outerRadiusNm + (b.ligandTicks?.lengthNm ?? 0))

function drawParticle(w: Writer, block: ParticleFigureBlock): void {
  const box = 170
  w.font(CAPTION_PT, false, GREY)
  const captionLines = w.wrap(block.caption, w.contentWidth)
  w.ensure(box + 34 + captionLines.length * CAPTION_PT * LEADING + 12)
  const legendX = MARGIN_PT.left + box + 30
  w.y = drawCrossSection(w, block, MARGIN_PT.left, w.y, box, block.extentNm ?? figureExtentNm(block), legendX, w.y + 6, w.contentWidth - box - 30)
  w.font(CAPTION_PT, false, GREY)
  w.y += w.lines(captionLines, MARGIN_PT.left, w.y, CAPTION_PT) + 12
}

/** Several cross-sections side by side at one scale, each titled, with their legends under them. */
function drawParticleRow(w: Writer, block: ParticleRowBlock): void {
  const n = block.figures.length
  const gap = 16
  const column = (w.contentWidth - gap * (n - 1)) / n
  const box = Math.min(150, column)
  const extentNm = Math.max(...block.figures.map(figureExtentNm))
  w.font(CAPTION_PT, false, GREY)
  const captionLines = w.wrap(block.caption, w.contentWidth)
  w.ensure(box + 140 + captionLines.length * CAPTION_PT * LEADING)
  const top = w.y
  let lowest = top
  w.font(CAPTION_PT + 1, true)
  const titles = block.figures.map((_, i) => w.wrap(block.titles[i] ?? '', column))
  // The drawings share one top line under the longest title.
  const figureTop = top + Math.max(...titles.map((t) => t.length)) * (CAPTION_PT + 1) * LEADING + 4
  block.figures.forEach((f, i) => {
    const x = MARGIN_PT.left + i * (column + gap)
    w.font(CAPTION_PT + 1, true)
    w.lines(titles[i]!, x, top, CAPTION_PT + 1)
    // Every particle at the same nm-to-pt scale, so their sizes compare by eye.
    lowest = Math.max(lowest, drawCrossSection(w, { ...f, scaleBarNm: block.scaleBarNm }, x + (column - box) / 2, figureTop, box, extentNm, x, figureTop + box + 34, column))
  })
  w.y = lowest + 4
  w.font(CAPTION_PT, false, GREY)
  w.y += w.lines(captionLines, MARGIN_PT.left, w.y, CAPTION_PT) + 12
}

/** Width of the 3D render on the page, pt (about 8 cm: the particle's layers and ligands read at print size). */
const SCENE_IMAGE_PT = 230

/**
 * The 3D render with a vector scale bar under it (its length from the image's nm per pixel,
 * so it is exact at any print size) and the colour key beside it.
 */
function drawSceneImage(w: Writer, block: SceneImageBlock): void {
  const widthPt = Math.min(SCENE_IMAGE_PT, w.contentWidth)
  const heightPt = (widthPt * block.heightPx) / block.widthPx
  w.font(CAPTION_PT, false, GREY)
  const captionLines = w.wrap(block.caption, w.contentWidth)
  w.ensure(heightPt + 34 + captionLines.length * CAPTION_PT * LEADING + 12)
  const top = w.y
  w.pdf.addImage(block.png, 'PNG', MARGIN_PT.left, top, widthPt, heightPt, undefined, 'NONE')
  // Scale bar: scaleBarNm at (widthPt / widthPx) pt per pixel and nmPerPx nm per pixel.
  const barPt = (block.scaleBarNm / block.nmPerPx) * (widthPt / block.widthPx)
  const cx = MARGIN_PT.left + widthPt / 2
  const barBottom = drawScaleBar(w, cx, top + heightPt + 12, barPt, block.scaleBarNm)
  const legendX = MARGIN_PT.left + widthPt + 20
  const legendWidth = w.contentWidth - widthPt - 20
  const ly = swatchKey(w, block.legend.map((e) => ({ color: e.color, lines: w.wrap(e.label, legendWidth - 14) })), legendX, top + 6)
  w.y = Math.max(barBottom, ly + 4)
  w.font(CAPTION_PT, false, GREY)
  w.y += w.lines(captionLines, MARGIN_PT.left, w.y, CAPTION_PT) + 12
}

/** A vector scale bar of `barPt` centred at `cx` with its label under it; returns the y under the label. */
function drawScaleBar(w: Writer, cx: number, barY: number, barPt: number, scaleBarNm: number): number {
  w.pdf.setDrawColor('#000000')
  w.pdf.setLineWidth(1.2)
  w.pdf.line(pt(cx - barPt / 2), barY, pt(cx + barPt / 2), barY)
  w.pdf.line(pt(cx - barPt / 2), barY - 3, pt(cx - barPt / 2), barY + 3)
  w.pdf.line(pt(cx + barPt / 2), barY - 3, pt(cx + barPt / 2), barY + 3)
  w.font(CAPTION_PT + 0.5)
  const barLabel = `${tickLabel(scaleBarNm)} nm`
  w.pdf.text(barLabel, cx - w.width(barLabel) / 2, barY + 13)
  return barY + 20
}

/**
 * 3D renders side by side (a comparison): one column per design, its title over it, the image
 * at the column's width (at most SCENE_IMAGE_PT), its own scale bar (from its own nm per pixel)
 * and its colour key under it; the caption across the row.
 */
function drawSceneRow(w: Writer, block: SceneRowBlock): void {
  const n = block.cells.length
  const gap = 16
  const column = (w.contentWidth - gap * (n - 1)) / n
  const side = Math.min(SCENE_IMAGE_PT, column)
  w.font(CAPTION_PT, false, GREY)
  const captionLines = w.wrap(block.caption, w.contentWidth)
  w.font(CAPTION_PT + 1, true)
  const titles = block.cells.map((c) => w.wrap(c.title, column))
  w.font(CAPTION_PT + 0.5)
  const legends = block.cells.map((c) => (c.image?.legend ?? []).map((e) => ({ color: e.color, lines: w.wrap(e.label, column - 14) })))
  const legendHeight = Math.max(...legends.map((l) => l.reduce((h, e) => h + e.lines.length * (CAPTION_PT + 0.5) * LEADING + 4, 0)))
  const titleHeight = Math.max(...titles.map((t) => t.length)) * (CAPTION_PT + 1) * LEADING + 4
  w.ensure(titleHeight + side + 30 + legendHeight + captionLines.length * CAPTION_PT * LEADING + 12)
  const top = w.y
  const imageTop = top + titleHeight
  let lowest = imageTop + side
  block.cells.forEach((c, i) => {
    const x = MARGIN_PT.left + i * (column + gap)
    w.font(CAPTION_PT + 1, true)
    w.lines(titles[i]!, x, top, CAPTION_PT + 1)
    const left = x + (column - side) / 2
    if (c.image === null) {
      // No render: the reason in a framed box the size of a render, so the row keeps its shape.
      w.pdf.setDrawColor('#999999')
      w.pdf.setLineWidth(0.5)
      w.pdf.rect(left, imageTop, side, side, 'S')
      w.font(CAPTION_PT, false, GREY)
      w.lines(w.wrap(c.note ?? '', side - 12), left + 6, imageTop + 8, CAPTION_PT)
      return
    }
    const img = c.image
    const heightPt = (side * img.heightPx) / img.widthPx
    w.pdf.addImage(img.png, 'PNG', left, imageTop, side, heightPt, undefined, 'NONE')
    const barPt = (img.scaleBarNm / img.nmPerPx) * (side / img.widthPx)
    const ly = swatchKey(w, legends[i]!, x, drawScaleBar(w, left + side / 2, imageTop + heightPt + 12, barPt, img.scaleBarNm))
    lowest = Math.max(lowest, ly)
  })
  w.y = lowest + 4
  w.font(CAPTION_PT, false, GREY)
  w.y += w.lines(captionLines, MARGIN_PT.left, w.y, CAPTION_PT) + 12
}

/** Height that must fit under a heading so it is not left alone at a page's foot. */
function keepWithNextPt(following: ReadonlyArray<ReportBlock>): number {
  const next = following[0]
  if (next === undefined) return 0
  if (next.kind === 'chart') return (next.heightPt ?? 190) + 90
  if (next.kind === 'particle') return 230
  if (next.kind === 'particle-row') return 260
  if (next.kind === 'scene-image' || next.kind === 'scene-row') return SCENE_IMAGE_PT + 80
  // A heading right under a heading: both move with what follows the second.
  if (next.kind === 'heading') return 30 + keepWithNextPt(following.slice(1))
  return 60
}

function drawBlock(w: Writer, block: ReportBlock, following: ReadonlyArray<ReportBlock>): void {
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 1 ? 14 : 11
      // A heading is never the last thing on a page: it moves with what follows it.
      w.ensure(size * 2 + keepWithNextPt(following))
      w.y += block.level === 1 ? 8 : 4
      if (block.level === 1) w.headings.push({ text: block.text, page: w.page })
      w.font(size, true)
      const lines = w.wrap(block.text, w.contentWidth)
      w.y += w.lines(lines, MARGIN_PT.left, w.y, size) + (block.level === 1 ? 6 : 4)
      return
    }
    case 'paragraph': return drawParagraph(w, block)
    case 'table': return drawTable(w, block)
    case 'chart': return drawChart(w, block)
    case 'particle': return drawParticle(w, block)
    case 'particle-row': return drawParticleRow(w, block)
    case 'scene-image': return drawSceneImage(w, block)
    case 'scene-row': return drawSceneRow(w, block)
    case 'list': return drawList(w, block)
    case 'page-break': return w.newPage()
  }
}

/**
 * The cover: title, facts, note and the contents; returns where each contents line goes (page
 * and y). Contents that would run into the footer (a landscape comparison of four long names
 * and their signatures leaves too little of page 1) start on a page of their own, whole.
 */
function drawCover(w: Writer, doc: ReportDocument): Array<{ page: number; y: number }> {
  w.y = MARGIN_PT.top + 40
  w.font(22, true)
  w.y += w.lines(w.wrap(doc.title, w.contentWidth), MARGIN_PT.left, w.y, 22) + 6
  w.font(15, false, '#333333')
  w.y += w.lines(w.wrap(doc.subtitle, w.contentWidth), MARGIN_PT.left, w.y, 15) + 18
  drawTable(w, {
    kind: 'table', header: false, fontSizePt: 9.5,
    columns: [{ header: '', weight: 1 }, { header: '', weight: 4 }],
    rows: doc.cover.map(([label, value]) => [label, value]),
  })
  drawParagraph(w, { kind: 'paragraph', style: 'note', text: doc.coverNote })
  w.y += 10
  const chapters = doc.blocks.filter((b) => b.kind === 'heading' && b.level === 1).length
  w.ensure(22 + chapters * BODY_PT * 1.7)
  w.font(12, true)
  w.pdf.text('Contents', MARGIN_PT.left, w.y + 12)
  w.y += 22
  const slots: Array<{ page: number; y: number }> = []
  for (let i = 0; i < chapters; i++) {
    slots.push({ page: w.page, y: w.y })
    w.y += BODY_PT * 1.7
  }
  return slots
}

/** Renders the report; returns the PDF file's bytes. */
export function renderReportPdf(doc: ReportDocument, fonts: ReportFonts): Uint8Array {
  const pdf = new jsPDF({ orientation: doc.orientation, unit: 'pt', format: 'a4', compress: true, putOnlyUsedFonts: true })
  pdf.addFileToVFS('DejaVuSans.ttf', binaryString(fonts.regular))
  pdf.addFont('DejaVuSans.ttf', FONT, 'normal', 'normal', 'Identity-H')
  pdf.addFileToVFS('DejaVuSans-Bold.ttf', binaryString(fonts.bold))
  pdf.addFont('DejaVuSans-Bold.ttf', FONT_BOLD, 'normal', 'normal', 'Identity-H')
  pdf.setProperties({
    title: `${doc.title}: ${doc.subtitle}`, subject: doc.title, keywords: doc.keywords.join(', '), creator: 'NanoForge',
  })
  pdf.setCreationDate(new Date(doc.generatedAt))
  pdf.setFileId(reportFileId(doc))
  pdf.setLineCap('butt')
  const w = new Writer(pdf)
  const slots = drawCover(w, doc)
  w.newPage()
  doc.blocks.forEach((block, i) => drawBlock(w, block, doc.blocks.slice(i + 1, i + 3)))

  // Contents page numbers, now that every heading has its page.
  w.headings.forEach((h, i) => {
    const slot = slots[i]
    if (slot === undefined) return
    pdf.setPage(slot.page)
    w.font(BODY_PT)
    const pageText = String(h.page)
    const right = MARGIN_PT.left + Math.min(w.contentWidth, 420)
    pdf.text(h.text, MARGIN_PT.left, slot.y + BODY_PT)
    pdf.text(pageText, right - w.width(pageText), slot.y + BODY_PT)
    pdf.setDrawColor('#BBBBBB')
    pdf.setLineWidth(0.4)
    pdf.setLineDashPattern([1, 2], 0)
    pdf.line(MARGIN_PT.left + w.width(h.text) + 4, slot.y + BODY_PT, right - w.width(pageText) - 4, slot.y + BODY_PT)
    pdf.setLineDashPattern([], 0)
  })
  const pages = pdf.getNumberOfPages()
  for (let p = 1; p <= pages; p++) {
    pdf.setPage(p)
    const y = w.pageHeight - MARGIN_PT.bottom + 22
    pdf.setDrawColor('#BBBBBB')
    pdf.setLineWidth(0.4)
    pdf.line(MARGIN_PT.left, y - 10, MARGIN_PT.left + w.contentWidth, y - 10)
    w.font(FOOTER_PT, false, GREY)
    const pageText = `Page ${p} of ${pages}`
    const footerLines = w.wrap(doc.footer, w.contentWidth - w.width(pageText) - 20)
    // A footer of one line: a long design name is shortened with an ellipsis, never overprinted.
    const footer = footerLines.length > 1 ? `${(footerLines[0] ?? '').replace(/.$/u, '')}…` : footerLines[0] ?? ''
    pdf.text(footer, MARGIN_PT.left, y)
    pdf.text(pageText, MARGIN_PT.left + w.contentWidth - w.width(pageText), y)
  }
  return new Uint8Array(pdf.output('arraybuffer'))
}
