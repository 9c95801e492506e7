import {
  catalog, getCore, getLigand, getLipidCoating, getMembrane, getPolymerCoating, isOneOf,
} from '../../shared/catalog'
import {
  CORE_MATERIAL_IDS, LIGAND_IDS, LIPID_COATING_IDS, MEMBRANE_SOURCE_IDS, POLYMER_COATING_IDS,
} from '../../shared/catalog/ids'

/** Colour for ids a newer catalog or a damaged design might carry. */
export const UNKNOWN_COLOUR = '#cccccc'

/**
 * Colour of a core material, from the catalog.
 *
 * Why: colours live with the catalog entry (resources/catalog), so the scene, the legend and
 * later the palette and reports agree on what "gold" or "folate" looks like.
 */
export function coreColour(material: string): string {
  return isOneOf(CORE_MATERIAL_IDS, material) ? getCore(material).colour : UNKNOWN_COLOUR
}

/** Colour of a coating shell by kind and material (PEG has one entry for all chain lengths). */
export function shellColour(kind: string, material: string): string {
  if (kind === 'peg') return catalog.peg.colour
  if (kind === 'membrane' && isOneOf(MEMBRANE_SOURCE_IDS, material)) return getMembrane(material).colour
  if (kind === 'polymer' && isOneOf(POLYMER_COATING_IDS, material)) return getPolymerCoating(material).colour
  if (kind === 'lipid' && isOneOf(LIPID_COATING_IDS, material)) return getLipidCoating(material).colour
  return UNKNOWN_COLOUR
}

/** Colour of a ligand type. */
export function ligandColour(ligand: string): string {
  return isOneOf(LIGAND_IDS, ligand) ? getLigand(ligand).colour : UNKNOWN_COLOUR
}

/** How far a ligand protrudes from the surface, nm (catalog `lengthNm`); 2 nm if unknown. */
export function ligandLengthNm(ligand: string): number {
  return isOneOf(LIGAND_IDS, ligand) ? getLigand(ligand).lengthNm.value : 2
}

/** Human name of any catalog id (core, coating, ligand, drug, disease), or the id itself. */
export function catalogName(id: string): string {
  if (id === 'peg') return catalog.peg.name
  const all: ReadonlyArray<{ readonly id: string; readonly name: string }> = [
    ...catalog.cores, ...catalog.membranes, ...catalog.polymerCoatings, ...catalog.lipidCoatings,
    ...catalog.ligands, ...catalog.drugs, ...catalog.diseases,
  ]
  return all.find((e) => e.id === id)?.name ?? id
}
