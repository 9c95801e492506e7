/**
 * The report as a document description (issue #16, "The report"): plain data that the layout
 * (build.ts) produces from a design, its estimate, flags and measurements, and that a renderer
 * (render-pdf.ts) draws. Why a description between the two: the layout decides what is said
 * and in which order (the sections EMA expects) and is tested without a PDF; the renderer
 * decides where it goes on the page (wrapping, page breaks, fonts) and can be swapped or run
 * in the app's renderer process with the same input.
 */

/** A colour as #rrggbb. */
export type HexColor = `#${string}`

/**
 * Okabe-Ito colours (Okabe M, Ito K 2008, "Color Universal Design", J*Fly; the palette the
 * app's charts and flags use): distinguishable with every common colour-vision deficiency.
 */
export const OKABE_ITO = {
  black: '#000000', orange: '#E69F00', skyBlue: '#56B4E9', green: '#009E73',
  yellow: '#F0E442', blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7',
} as const satisfies Readonly<Record<string, HexColor>>

/** One column of a table. */
export interface TableColumn {
  readonly header: string
  readonly align?: 'left' | 'right'
  /** Relative share of the spare width this column may take (default 1). */
  readonly weight?: number
}

/** A table; the renderer repeats the header row on every page the table runs onto. */
export interface TableBlock {
  readonly kind: 'table'
  readonly columns: ReadonlyArray<TableColumn>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  readonly caption?: string
  /** False for a key-value list drawn without a header row. */
  readonly header?: boolean
  /** Font size, pt (default the renderer's table size). Comparisons of 4 designs use less. */
  readonly fontSizePt?: number
  /**
   * Columns from this index on share their width equally (the design columns of a comparison,
   * so no design's column looks more important because one of its cells is long).
   */
  readonly equalFrom?: number
}

/** A point of a chart series, in data units. */
export type ChartPoint = readonly [x: number, y: number]

/** One line of a chart. */
export interface ChartSeries {
  readonly label: string
  readonly color: HexColor
  readonly points: ReadonlyArray<ChartPoint>
  readonly dash?: boolean
}

/** A shaded band (e.g. a 95 % Monte Carlo interval) between a lower and an upper curve. */
export interface ChartBand {
  readonly label: string
  readonly color: HexColor
  readonly xs: ReadonlyArray<number>
  readonly lower: ReadonlyArray<number>
  readonly upper: ReadonlyArray<number>
}

/** Measured points with optional ± error bars. */
export interface ChartMarkers {
  readonly label: string
  readonly color: HexColor
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number; readonly error?: number }>
}

/** A line chart with linear axes, drawn as vector paths. */
export interface ChartBlock {
  readonly kind: 'chart'
  readonly title: string
  /** Axis titles with their units ("Time (h)"). */
  readonly xLabel: string
  readonly yLabel: string
  readonly xRange: readonly [number, number]
  readonly yRange: readonly [number, number]
  readonly series: ReadonlyArray<ChartSeries>
  readonly bands?: ReadonlyArray<ChartBand>
  readonly markers?: ReadonlyArray<ChartMarkers>
  readonly caption: string
  /** Height of the plot, pt (default 200). */
  readonly heightPt?: number
}

/** One concentric layer of the particle cross-section, to scale. */
export interface FigureLayer {
  readonly label: string
  readonly innerRadiusNm: number
  readonly outerRadiusNm: number
  readonly color: HexColor
}

/** The 2D cross-section of a particle (core, shells to scale, ligands as ticks) with a scale bar. */
export interface ParticleFigureBlock {
  readonly kind: 'particle'
  readonly layers: ReadonlyArray<FigureLayer>
  /** Ticks drawn on the outer surface: how many, and their length to scale. */
  readonly ligandTicks: { readonly count: number; readonly lengthNm: number; readonly label: string } | null
  readonly outerRadiusNm: number
  /** Length of the scale bar, nm (a round number, about a third of the diameter). */
  readonly scaleBarNm: number
  /** Diameter the drawing spans, nm (default: the particle with its ligands). */
  readonly extentNm?: number
  readonly caption: string
}

/** Cross-sections of several particles side by side at one scale (a comparison). */
export interface ParticleRowBlock {
  readonly kind: 'particle-row'
  readonly figures: ReadonlyArray<ParticleFigureBlock>
  /** One title per figure ("D1: name"). */
  readonly titles: ReadonlyArray<string>
  /** One scale bar length for all, nm. */
  readonly scaleBarNm: number
  readonly caption: string
}

/**
 * A raster render of the particle's 3D scene (the app renders it from its scene components;
 * the command line has no GPU, so its reports never carry one), to scale: `nmPerPx` is the
 * size of one image pixel at the particle's centre (an orthographic camera: the same at every
 * depth), from which the renderer draws a vector scale bar of `scaleBarNm` under the image.
 */
export interface SceneImageBlock {
  readonly kind: 'scene-image'
  /** The PNG file's bytes. */
  readonly png: Uint8Array
  readonly widthPx: number
  readonly heightPx: number
  readonly nmPerPx: number
  readonly scaleBarNm: number
  /** Colour key of the image: what each colour is. */
  readonly legend: ReadonlyArray<{ readonly label: string; readonly color: HexColor }>
  readonly caption: string
}

/**
 * Several 3D renders side by side (a comparison made in the app), each titled with its own
 * figure number and design, with its own vector scale bar (each render has its own nm per pixel)
 * and colour key under it; a design the app could not render shows why in its place.
 */
export interface SceneRowBlock {
  readonly kind: 'scene-row'
  readonly cells: ReadonlyArray<{
    readonly title: string
    /** The render, or null when the app could not make one (then `note` says why). */
    readonly image: Omit<SceneImageBlock, 'kind' | 'caption'> | null
    readonly note?: string
  }>
  readonly caption: string
}

/** A numbered list (the references). */
export interface ListBlock {
  readonly kind: 'list'
  readonly items: ReadonlyArray<string>
  /** First number (default 1); items are printed "[n] text". */
  readonly start?: number
}

export interface HeadingBlock {
  readonly kind: 'heading'
  readonly level: 1 | 2
  readonly text: string
}

export interface ParagraphBlock {
  readonly kind: 'paragraph'
  readonly text: string
  /** `note`: smaller, grey; `strong`: bold. */
  readonly style?: 'normal' | 'note' | 'strong'
}

export interface PageBreakBlock {
  readonly kind: 'page-break'
}

/** Anything the body of a report holds, in reading order. */
export type ReportBlock = HeadingBlock | ParagraphBlock | TableBlock | ChartBlock | ParticleFigureBlock | ParticleRowBlock | SceneImageBlock | SceneRowBlock | ListBlock | PageBreakBlock

/** The whole report. */
export interface ReportDocument {
  readonly title: string
  /** The line under the title on the cover (design name, or the names compared). */
  readonly subtitle: string
  readonly orientation: 'portrait' | 'landscape'
  /** Cover facts: label and value (name, version, date, engine version, content hash…). */
  readonly cover: ReadonlyArray<readonly [label: string, value: string]>
  /** A short statement under the cover facts (what the report is and is not). */
  readonly coverNote: string
  /** Running footer text on every page (the page number is added by the renderer). */
  readonly footer: string
  readonly blocks: ReadonlyArray<ReportBlock>
  /** PDF metadata. */
  readonly keywords: ReadonlyArray<string>
  /** When the report was made, ISO 8601 (the PDF's creation date). */
  readonly generatedAt: string
}
