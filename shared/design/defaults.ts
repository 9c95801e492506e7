import { DESIGN_FORMAT, DESIGN_VERSION, type BilayerSpec, type Design } from './types'

/**
 * The bilayer a new liposome core starts with: HSPC with 38 mol % cholesterol, the matrix of
 * Doxil/Caelyx. Its US label gives per mL 9.58 mg HSPC, 3.19 mg cholesterol and 3.19 mg
 * mPEG2000-DSPE (recalled from the DOXIL prescribing information, section 11; not re-read);
 * in moles, with HSPC 780.06 Da and cholesterol 386.66 Da (lipids.json) and mPEG2000-DSPE
 * about 2805 Da: 12.28 : 8.25 : 1.14 µmol = 56.7 : 38.1 : 5.2 mol % [D], the 56:38:5 ratio
 * usually quoted. The PEG-lipid is the design's PEG coating, so the bilayer keeps HSPC and 38 %
 * cholesterol. A rigid, liquid-ordered bilayer (Barenholz 2012, J Control Release 160:117) is
 * what a long-circulating liposome is made of today; a new object each call.
 */
export function newLiposomeBilayer(): BilayerSpec {
  return { lipid: 'hspc', cholesterolMolPct: 38 }
}

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
