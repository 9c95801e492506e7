/**
 * Catalog ids every build must know (docs/design-format.md, "Catalog ids").
 *
 * These lists are the contract; the data files in resources/catalog hold the properties
 * and citations for each id. A test checks that every id here has a data entry.
 */
export const CORE_MATERIAL_IDS = [
  'plga-50-50', 'plga-75-25', 'pla', 'pcl', 'liposome', 'solid-lipid', 'mesoporous-silica',
  'gold', 'iron-oxide', 'albumin', 'chitosan', 'pamam-g5',
] as const
export const MEMBRANE_SOURCE_IDS = ['red-blood-cell', 'macrophage', 'neutrophil', 'platelet'] as const
export const POLYMER_COATING_IDS = [
  'hyaluronic-acid', 'chitosan', 'polysorbate-80', 'zwitterionic',
  // polysaccharide coats of clinical iron oxides (issue #10 item 3: stealth beyond PEG)
  'dextran', 'carboxymethyl-dextran',
] as const
export const LIPID_COATING_IDS = ['lipid-bilayer'] as const
/** Bilayer lipids of a liposome core (design format version 2, `core.bilayer.lipid`). */
export const BILAYER_LIPID_IDS = ['egg-pc', 'dopc', 'popc', 'dmpc', 'dppc', 'dspc', 'hspc', 'egg-sm'] as const
export const LIGAND_IDS = [
  'folate', 'rgd', 'anti-icam-1', 'anti-vcam-1', 'e-selectin-peptide', 'hyaluronic-acid',
  'mannose', 'transferrin', 'anti-cd4',
] as const
export const DRUG_IDS = [
  'dexamethasone', 'methotrexate', 'prednisolone', 'tacrolimus', 'rapamycin', 'sirna',
  'mog-35-55', 'insulin-b9-23', 'collagen-ii-peptide',
  // added with the per-drug release relation (issue #10 item 4): drugs of published nanoparticle release data
  'cyclosporine', 'docetaxel', 'curcumin', 'capecitabine',
  // clinical liposome payloads, so that published liposomal-drug PK can be scored on the drug
  // the paper measured (issue #10: drug leakage from circulating liposomes)
  'doxorubicin', 'daunorubicin', 'vincristine', 'irinotecan', 'amphotericin-b', 'lurtotecan',
] as const
export const DISEASE_IDS = [
  'healthy', 'rheumatoid-arthritis', 'lupus-nephritis', 'multiple-sclerosis', 'type-1-diabetes',
  'inflammatory-bowel-disease', 'psoriasis',
] as const
export const TRIGGER_IDS = ['none', 'ph', 'ros', 'mmp'] as const
export const SPECIES_IDS = ['mouse', 'rat', 'human'] as const
export const GOAL_IDS = ['deliver', 'tolerize', 'image'] as const
export const DOSE_BASIS_IDS = ['drug', 'particle'] as const
export const COATING_KINDS = ['peg', 'membrane', 'polymer', 'lipid'] as const

export type CoreMaterialId = (typeof CORE_MATERIAL_IDS)[number]
export type MembraneSourceId = (typeof MEMBRANE_SOURCE_IDS)[number]
export type PolymerCoatingId = (typeof POLYMER_COATING_IDS)[number]
export type LipidCoatingId = (typeof LIPID_COATING_IDS)[number]
export type BilayerLipidId = (typeof BILAYER_LIPID_IDS)[number]
export type LigandId = (typeof LIGAND_IDS)[number]
export type DrugId = (typeof DRUG_IDS)[number]
export type DiseaseId = (typeof DISEASE_IDS)[number]
export type TriggerId = (typeof TRIGGER_IDS)[number]
export type SpeciesId = (typeof SPECIES_IDS)[number]
export type GoalId = (typeof GOAL_IDS)[number]
export type DoseBasisId = (typeof DOSE_BASIS_IDS)[number]
export type CoatingKind = (typeof COATING_KINDS)[number]
