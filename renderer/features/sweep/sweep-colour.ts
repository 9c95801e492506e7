/**
 * Colours of the sweep viewer that stay readable to colour-blind readers.
 *
 * A metric is coloured with viridis (van der Walt & Smith 2015, the matplotlib default
 * colour map, released CC0; designed so that lightness rises monotonically from end to end
 * and stays ordered under the common colour-vision deficiencies). It is given here by nine
 * stops, the map sampled at 0, 1/8, …, 1 (matplotlib `viridis(np.linspace(0, 1, 9))`), and
 * interpolated linearly in sRGB between them; the tests check that lightness L* still rises
 * monotonically, also after simulating protanopia and deuteranopia (Machado, Oliveira &
 * Fernandes 2009, IEEE TVCG 15:1291-1298). A choice knob is coloured with the Okabe-Ito
 * palette (Okabe & Ito 2008, "Color Universal Design"), as the analysis charts are.
 */

/** Viridis at t = 0, 1/8, …, 1, as sRGB bytes. */
export const VIRIDIS_STOPS: ReadonlyArray<readonly [number, number, number]> = [
  [0x44, 0x01, 0x54], [0x47, 0x2d, 0x7b], [0x3b, 0x52, 0x8b], [0x2c, 0x72, 0x8e], [0x21, 0x91, 0x8c],
  [0x28, 0xae, 0x80], [0x5e, 0xc9, 0x62], [0xad, 0xdc, 0x30], [0xfd, 0xe7, 0x25],
]

/** Okabe-Ito colours without black (kept for text): orange, sky blue, bluish green, yellow, blue, vermilion, reddish purple. */
export const OKABE_ITO: ReadonlyArray<string> = ['#e69f00', '#56b4e9', '#009e73', '#f0e442', '#0072b2', '#d55e00', '#cc79a7']

/** Colour of a row without a value on the colour axis (a failed sample): mid grey, outside the map. */
export const NO_VALUE_COLOUR = '#9a9a9a'

/** Viridis at t ∈ [0, 1] (clamped), as sRGB bytes. */
export function viridisAt(t: number): [number, number, number] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS_STOPS.length - 1)
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(x))
  const f = x - i
  const a = VIRIDIS_STOPS[i]!
  const b = VIRIDIS_STOPS[i + 1]!
  return [0, 1, 2].map((k) => Math.round(a[k]! + f * (b[k]! - a[k]!))) as [number, number, number]
}

/** `#rrggbb` of sRGB bytes. */
export function hex(rgb: readonly [number, number, number]): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`
}

/** Number of colour bins a canvas draws with (one path per bin): finer than the eye separates on viridis. */
export const COLOUR_BINS = 64

/** The bin of t ∈ [0, 1], or -1 for no value. */
export function colourBin(t: number): number {
  if (!Number.isFinite(t)) return -1
  return Math.min(COLOUR_BINS - 1, Math.max(0, Math.floor(t * COLOUR_BINS)))
}

/** The colour of each bin (its middle). */
export const BIN_COLOURS: ReadonlyArray<string> = Array.from({ length: COLOUR_BINS }, (_, i) => hex(viridisAt((i + 0.5) / COLOUR_BINS)))
