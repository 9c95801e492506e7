import type { SpeciesId } from '../../../shared/catalog/ids'
import type { MAPPED_TISSUES } from './body-map-model'

/** One drawn shape of an organ (SVG user units of the silhouette's viewBox). */
export type OrganShape =
  | { readonly kind: 'ellipse'; readonly cx: number; readonly cy: number; readonly rx: number; readonly ry: number }
  | { readonly kind: 'circle'; readonly cx: number; readonly cy: number; readonly r: number }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly width: number; readonly height: number }
  | { readonly kind: 'path'; readonly d: string }
  /** A tube drawn with a thick stroke (colon, tail). */
  | { readonly kind: 'tube'; readonly d: string; readonly width: number }

/** A silhouette: viewBox and the shapes of every mapped organ, drawn in this order. */
export interface Silhouette {
  readonly name: string
  readonly viewBox: string
  readonly organs: Readonly<Record<(typeof MAPPED_TISSUES)[number], ReadonlyArray<OrganShape>>>
}

/**
 * A simple front-view human. Organ placement is schematic (a reviewer's map, not anatomy):
 * skin is the whole silhouette, muscle the limbs, joints the large joints.
 */
const HUMAN: Silhouette = {
  name: 'human',
  viewBox: '0 0 200 420',
  organs: {
    skin: [
      { kind: 'circle', cx: 100, cy: 42, r: 26 },
      { kind: 'rect', x: 91, y: 64, width: 18, height: 16 },
      { kind: 'path', d: 'M60,80 Q100,70 140,80 L146,250 Q100,262 54,250 Z' },
      { kind: 'path', d: 'M60,84 L40,90 L26,200 L38,202 L54,112 Z' },
      { kind: 'path', d: 'M140,84 L160,90 L174,200 L162,202 L146,112 Z' },
      { kind: 'circle', cx: 31, cy: 212, r: 9 },
      { kind: 'circle', cx: 169, cy: 212, r: 9 },
      { kind: 'path', d: 'M56,244 L99,252 L95,400 L70,400 Z' },
      { kind: 'path', d: 'M144,244 L101,252 L105,400 L130,400 Z' },
      { kind: 'ellipse', cx: 80, cy: 406, rx: 15, ry: 6 },
      { kind: 'ellipse', cx: 120, cy: 406, rx: 15, ry: 6 },
    ],
    muscle: [
      { kind: 'ellipse', cx: 46, cy: 128, rx: 6, ry: 24 },
      { kind: 'ellipse', cx: 154, cy: 128, rx: 6, ry: 24 },
      { kind: 'ellipse', cx: 79, cy: 296, rx: 12, ry: 32 },
      { kind: 'ellipse', cx: 121, cy: 296, rx: 12, ry: 32 },
      { kind: 'ellipse', cx: 82, cy: 366, rx: 7, ry: 20 },
      { kind: 'ellipse', cx: 118, cy: 366, rx: 7, ry: 20 },
    ],
    brain: [{ kind: 'ellipse', cx: 100, cy: 36, rx: 18, ry: 14 }],
    lungs: [
      { kind: 'ellipse', cx: 83, cy: 118, rx: 14, ry: 26 },
      { kind: 'ellipse', cx: 117, cy: 118, rx: 14, ry: 26 },
    ],
    heart: [{ kind: 'ellipse', cx: 106, cy: 138, rx: 9, ry: 10 }],
    liver: [{ kind: 'path', d: 'M68,160 Q95,148 120,161 Q112,180 80,180 Q67,174 68,160 Z' }],
    spleen: [{ kind: 'ellipse', cx: 132, cy: 170, rx: 7, ry: 11 }],
    pancreas: [{ kind: 'ellipse', cx: 110, cy: 188, rx: 17, ry: 5 }],
    kidneys: [
      { kind: 'ellipse', cx: 82, cy: 203, rx: 7, ry: 11 },
      { kind: 'ellipse', cx: 118, cy: 203, rx: 7, ry: 11 },
    ],
    colon: [{ kind: 'tube', d: 'M80,248 L80,222 Q100,212 120,222 L120,248', width: 9 }],
    joints: [
      { kind: 'circle', cx: 58, cy: 88, r: 6 },
      { kind: 'circle', cx: 142, cy: 88, r: 6 },
      { kind: 'circle', cx: 42, cy: 154, r: 6 },
      { kind: 'circle', cx: 158, cy: 154, r: 6 },
      { kind: 'circle', cx: 32, cy: 200, r: 5 },
      { kind: 'circle', cx: 168, cy: 200, r: 5 },
      { kind: 'circle', cx: 80, cy: 336, r: 7 },
      { kind: 'circle', cx: 120, cy: 336, r: 7 },
      { kind: 'circle', cx: 83, cy: 394, r: 5 },
      { kind: 'circle', cx: 117, cy: 394, r: 5 },
    ],
  },
}

/** A simple side-view rodent (mouse and rat share it). */
const RODENT: Silhouette = {
  name: 'rodent',
  viewBox: '0 0 420 220',
  organs: {
    skin: [
      { kind: 'tube', d: 'M76,128 Q30,150 18,196', width: 6 },
      { kind: 'ellipse', cx: 200, cy: 120, rx: 130, ry: 62 },
      { kind: 'ellipse', cx: 330, cy: 100, rx: 52, ry: 40 },
      { kind: 'ellipse', cx: 378, cy: 108, rx: 14, ry: 10 },
      { kind: 'circle', cx: 312, cy: 62, r: 17 },
      { kind: 'circle', cx: 342, cy: 58, r: 14 },
      { kind: 'ellipse', cx: 122, cy: 182, rx: 18, ry: 14 },
      { kind: 'ellipse', cx: 270, cy: 180, rx: 14, ry: 12 },
      { kind: 'ellipse', cx: 110, cy: 198, rx: 16, ry: 5 },
      { kind: 'ellipse', cx: 264, cy: 196, rx: 12, ry: 5 },
    ],
    muscle: [
      { kind: 'ellipse', cx: 122, cy: 150, rx: 24, ry: 22 },
      { kind: 'ellipse', cx: 286, cy: 160, rx: 13, ry: 11 },
    ],
    brain: [{ kind: 'ellipse', cx: 340, cy: 92, rx: 19, ry: 13 }],
    lungs: [{ kind: 'ellipse', cx: 282, cy: 108, rx: 17, ry: 22 }],
    heart: [{ kind: 'ellipse', cx: 270, cy: 136, rx: 9, ry: 10 }],
    liver: [{ kind: 'ellipse', cx: 240, cy: 118, rx: 17, ry: 30 }],
    spleen: [{ kind: 'ellipse', cx: 212, cy: 152, rx: 11, ry: 6 }],
    pancreas: [{ kind: 'ellipse', cx: 204, cy: 134, rx: 14, ry: 5 }],
    kidneys: [
      { kind: 'ellipse', cx: 190, cy: 96, rx: 8, ry: 11 },
      { kind: 'ellipse', cx: 168, cy: 104, rx: 8, ry: 11 },
    ],
    colon: [{ kind: 'tube', d: 'M96,136 Q128,96 160,132 Q182,160 146,166', width: 8 }],
    joints: [
      { kind: 'circle', cx: 122, cy: 184, r: 5 },
      { kind: 'circle', cx: 270, cy: 182, r: 5 },
      { kind: 'circle', cx: 104, cy: 196, r: 4 },
      { kind: 'circle', cx: 258, cy: 195, r: 4 },
    ],
  },
}

/** The silhouette for a species: human front view, or the rodent side view for mouse and rat. */
export function silhouetteFor(species: SpeciesId | null): Silhouette {
  return species === 'human' ? HUMAN : RODENT
}
