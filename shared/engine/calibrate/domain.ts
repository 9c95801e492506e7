/**
 * How far a design is from the designs a calibration profile was learned on (issue #14: "a
 * warning when the design is far from the designs the profile was learned on").
 *
 * The distance is a set of plain checks, not a single number, because each names a reason the
 * learned multipliers may not carry over, in words a user can act on:
 * - hydrodynamic diameter outside the training range widened by ×/÷ {@link DIAMETER_TOLERANCE}
 *   (phagocytic uptake in the engine depends on size, so a multiplier learned at 100–150 nm is
 *   an extrapolation at 40 nm). The tolerance is a choice made here [D], not a published
 *   threshold: 1.25 is about the spread of Z-averages between batches of one formulation, so
 *   a re-made batch of a training design is never flagged;
 * - a core material none of the training designs had (the degradation multiplier scales a
 *   per-class rate; liver and spleen uptake differ by material);
 * - an outer surface (the outermost coating: PEG, a cell membrane, a polymer, a lipid, or a
 *   bare core) none of them had: the surface sets opsonisation and so the MPS uptake the
 *   liver and spleen multipliers correct;
 * - a species no study was done in;
 * - a disease none of them was in (targetPermeability multiplies that disease's excess
 *   permeability).
 */
import type { Design } from '../../design/types'
import { deriveProperties } from '../../design/derived'

/** Factor by which a design's diameter may lie beyond the training range before it is flagged [D]. */
export const DIAMETER_TOLERANCE = 1.25

/** The training designs of a profile, as the distance checks need them. */
export interface DesignDomain {
  /** Smallest and largest hydrodynamic diameter of the training designs, nm. */
  readonly hydrodynamicDiameterNm: readonly [number, number]
  readonly coreMaterials: ReadonlyArray<string>
  readonly surfaces: ReadonlyArray<string>
  /** Species of the in-vivo studies (and of the designs' context for release-only data). */
  readonly species: ReadonlyArray<string>
  readonly diseases: ReadonlyArray<string>
}

/** The outermost coating in words: `peg`, `membrane:rbc`, `polymer:chitosan`, `lipid:dspc`, or `bare`. */
export function surfaceOf(design: Design): string {
  const outer = design.coatings[design.coatings.length - 1]
  if (outer === undefined) return 'bare'
  switch (outer.kind) {
    case 'peg': return 'peg'
    case 'membrane': return `membrane:${outer.source}`
    case 'polymer': return `polymer:${outer.material}`
    case 'lipid': return `lipid:${outer.material}`
  }
}

const sortedUnique = (values: Iterable<string>): string[] => [...new Set(values)].sort()

/** The domain of training designs, each with the species it was studied in. */
export function designDomain(training: ReadonlyArray<{ readonly design: Design; readonly species: string }>): DesignDomain {
  if (training.length === 0) throw new Error('a profile domain needs at least one training design')
  const diameters = training.map((t) => deriveProperties(t.design).hydrodynamicDiameterNm)
  return {
    hydrodynamicDiameterNm: [Math.min(...diameters), Math.max(...diameters)],
    coreMaterials: sortedUnique(training.map((t) => t.design.core.material)),
    surfaces: sortedUnique(training.map((t) => surfaceOf(t.design))),
    species: sortedUnique(training.map((t) => t.species)),
    diseases: sortedUnique(training.map((t) => t.design.context.disease)),
  }
}

/** One sentence per way the design lies outside the domain; empty when it is inside. */
export function domainWarnings(design: Design, domain: DesignDomain): string[] {
  const out: string[] = []
  const d = deriveProperties(design).hydrodynamicDiameterNm
  const [lo, hi] = domain.hydrodynamicDiameterNm
  const round = (v: number): string => Number(v.toPrecision(3)).toString()
  if (d < lo / DIAMETER_TOLERANCE || d > hi * DIAMETER_TOLERANCE) {
    out.push(`hydrodynamic diameter ${round(d)} nm is outside the profile's designs (${round(lo)}–${round(hi)} nm, ×/÷ ${DIAMETER_TOLERANCE} allowed)`)
  }
  const outside = (what: string, value: string, known: ReadonlyArray<string>): void => {
    if (!known.includes(value)) out.push(`${what} '${value}' is not among the profile's designs (${known.join(', ')})`)
  }
  outside('core material', design.core.material, domain.coreMaterials)
  outside('outer surface', surfaceOf(design), domain.surfaces)
  outside('species', design.context.species, domain.species)
  outside('disease', design.context.disease, domain.diseases)
  return out
}
