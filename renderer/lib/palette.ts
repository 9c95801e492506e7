import type { BiodistributionKey } from '../../shared/engine/pbpk/types'

/**
 * Colour-blind-safe qualitative colours for charts: one module, one colour per tissue.
 *
 * Sources (hex values as published):
 * - Okabe M, Ito K (2008). "Color Universal Design (CUD): how to make figures and
 *   presentations that are friendly to colorblind people." J*Fly, https://jfly.uni-koeln.de/color/
 *   (the eight-colour set; also Wong B (2011) Nat Methods 8:441, doi:10.1038/nmeth.1618).
 * - Tol P (2021). "Colour schemes and templates." SRON technical note SRON/EPS/TN/09-002,
 *   issue 3.2, https://personal.sron.nl/~pault/ — the "muted", "light" and "vibrant" sets.
 *
 * Black (Okabe–Ito) and the dark muted colours (indigo, wine) are left out: the panels are dark
 * (#131a26) and a line must keep at least 3:1 contrast against them (WCAG 2.1 SC 1.4.11).
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const

/** Paul Tol's "muted" set (Tol 2021, fig. 4), the colours used here. */
export const TOL_MUTED = { purple: '#AA4499', paleGrey: '#DDDDDD' } as const
/** Paul Tol's "light" set (Tol 2021, fig. 5), the colours used here. */
export const TOL_LIGHT = { orange: '#EE8866', pink: '#FFAABB', lightCyan: '#99DDFF', pear: '#BBCC33' } as const
/** Paul Tol's "bright" and "vibrant" sets (Tol 2021, figs. 1 and 3), the colours used here. */
export const TOL_BRIGHT = { blue: '#4477AA', grey: '#BBBBBB' } as const
export const TOL_VIBRANT = { magenta: '#EE3377' } as const

/**
 * One colour per reported tissue key, used by every chart, checkbox swatch and measured point.
 *
 * Why these: the four tissues drawn by default (blood, liver, spleen, and a target such as the
 * joints or kidneys) take Okabe–Ito colours, the set most robust to the common colour-vision
 * deficiencies; the remaining organs take Tol's light and muted colours. No two tissues share
 * a colour, and every pair differs by ΔE*ab ≥ 15 (tests/unit/renderer/palette.test.ts); the
 * target is also drawn thicker, and measured points are squares, so colour is never the only cue.
 */
export const TISSUE_COLOURS: Readonly<Record<BiodistributionKey, string>> = {
  blood: OKABE_ITO.vermillion,
  liver: OKABE_ITO.orange,
  spleen: OKABE_ITO.reddishPurple,
  kidneys: OKABE_ITO.skyBlue,
  lungs: OKABE_ITO.bluishGreen,
  heart: OKABE_ITO.yellow,
  brain: TOL_MUTED.purple,
  muscle: TOL_LIGHT.orange,
  skin: TOL_LIGHT.pink,
  joints: TOL_LIGHT.lightCyan,
  pancreas: TOL_BRIGHT.blue,
  colon: TOL_LIGHT.pear,
  rest: TOL_MUTED.paleGrey,
  excreted: '#999999',
  degraded: TOL_VIBRANT.magenta,
}

/**
 * Colours of the three release environments (plasma, inflamed tissue, endolysosome): three
 * Okabe–Ito colours that stay apart under deuteranopia and protanopia.
 */
export const RELEASE_ENVIRONMENT_COLOURS = {
  plasma: OKABE_ITO.skyBlue,
  inflamed: OKABE_ITO.orange,
  endolysosome: OKABE_ITO.reddishPurple,
} as const

/**
 * Colours of the designs compared side by side (the compare dialog's columns, in order):
 * four Okabe–Ito colours, each also drawn with its own dash pattern, so a column is told
 * apart without colour.
 *
 * Why from this module: one palette for every chart (issue 12), so a design's colour obeys
 * the same contrast and colour-blindness rules as a tissue's.
 */
export const DESIGN_SERIES_COLOURS: ReadonlyArray<string> = [OKABE_ITO.skyBlue, OKABE_ITO.orange, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple]

/** Measured data drawn over predictions: white squares, whatever the series colour. */
export const MEASURED_COLOUR = '#FFFFFF'

/** Chart chrome on the dark panels: axis text and grid lines. */
export const CHART_AXIS_COLOUR = '#9aa7ba'
export const CHART_GRID_COLOUR = 'rgba(154, 167, 186, 0.18)'
