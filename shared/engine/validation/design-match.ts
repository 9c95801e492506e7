/**
 * What makes two designs "the same particle" when published experiments are compared (issue
 * #10): the coat signature, the PEG chain mass and the hydrodynamic diameter. One definition for
 * the between-study pairs (between-study.ts) and the app's published experiments like a design
 * (published-like.ts).
 */
import { deriveProperties } from '../../design/derived'
import type { Design } from '../../design/types'

/** A coat's kind and, beyond PEG (matched by chain mass), its material: dextran and a zwitterionic polymer are different coats. */
function coatKind(c: Design['coatings'][number]): string {
  return c.kind === 'peg' ? 'peg' : c.kind === 'membrane' ? `membrane:${c.source}` : `${c.kind}:${c.material}`
}

/** The design's coats as a sorted list of kinds (and materials beyond PEG). */
export function coatSignature(design: Design): string {
  return JSON.stringify(design.coatings.map(coatKind).sort())
}

/** The design's ligand types, sorted (counts left out). */
export function ligandSignature(design: Design): string {
  return JSON.stringify(design.ligands.map((l) => l.ligand).sort())
}

/** The design's coats and its ligands together. */
export function surfaceSignature(design: Design): string {
  return JSON.stringify([coatSignature(design), ligandSignature(design)])
}

/** The molecular weight of the design's PEG (Da), 0 without PEG. */
export function pegMolecularWeightDa(design: Design): number {
  const peg = design.coatings.find((c) => c.kind === 'peg')
  return peg?.kind === 'peg' ? peg.molecularWeightDa : 0
}

/** The design's hydrodynamic diameter (nm), as the design panel derives it. */
export function hydrodynamicDiameterNm(design: Design): number {
  return deriveProperties(design).hydrodynamicDiameterNm
}

/** Whether x and y are within `fold` of each other (both > 0). */
export function withinFold(x: number, y: number, fold: number): boolean {
  return Math.abs(Math.log(x / y)) <= Math.log(fold) + 1e-12
}
