import { DESIGN_FORMAT, DESIGN_VERSION, type Design } from './types'

/**
 * The design a new document starts from: a folate-targeted, PEGylated PLGA 50:50 particle
 * carrying dexamethasone for a mouse rheumatoid-arthritis model — the textbook
 * macrophage-directed glucocorticoid design (brief §2.5, §2.6.1), so every panel shows
 * meaningful numbers at once. PEG 2 kDa at 0.5 chains/nm² is a brush (Γ/Γ* ≈ 4.7, brief
 * §2.4.2); 250 folates occupy < 1 % of the surface. 2 mg/kg dexamethasone at 5 % loading is
 * 40 mg/kg of particles, inside the range where phagocyte capacity is not swamped (brief
 * §2.4.6: capacity limits make high doses saturate liver and spleen). A new object each call,
 * safe to edit.
 */
export function newDesign(): Design {
  return {
    format: DESIGN_FORMAT,
    version: DESIGN_VERSION,
    name: 'New design: folate-PEG-PLGA dexamethasone',
    core: { material: 'plga-50-50', diameterNm: 120 },
    coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }],
    ligands: [{ ligand: 'folate', perParticle: 250 }],
    payload: { drug: 'dexamethasone', loadingPctWw: 5, trigger: 'none' },
    context: {
      disease: 'rheumatoid-arthritis',
      species: 'mouse',
      goal: 'deliver',
      dose: { mgPerKg: 2, basis: 'drug' },
    },
  }
}
