import { DESIGN_FORMAT, DESIGN_VERSION, type Design } from '../../../shared/design/types'
import { newDesign } from '../../../shared/design/defaults'

/** One example a newcomer can open: the design and, in words, what it is modelled on. */
export interface ExampleDesign {
  readonly id: string
  /** Short title for the button. */
  readonly title: string
  /** One sentence: what the example shows and the publication it is modelled on. */
  readonly about: string
  readonly design: () => Design
}

/**
 * Example designs for the guided start (issue 12: "a newcomer gets no example designs").
 *
 * Each is modelled on a published particle so the numbers a newcomer sees mean something;
 * where the paper does not state a design field (drug loading, PEG grafting density) the
 * value is an illustration and the note says so. Sources, recalled from the papers and not
 * re-read here, so they are [U] in the sense of the science rules:
 * - Metselaar JM, Wauben MHM, Wagenaar-Hilbers JPA, Boerman OC, Storm G (2003) Complete
 *   remission of experimental arthritis by joint targeting of glucocorticoids with
 *   long-circulating liposomes. Arthritis Rheum 48:2059–2066, doi:10.1002/art.11140
 *   (PEG-liposomes of DPPC : cholesterol : PEG2000-DSPE 1.85 : 1 : 0.15 mol, ~100 nm, carrying
 *   prednisolone phosphate, 10 mg/kg i.v. in rat adjuvant arthritis).
 * - Getts DR, Martin AJ, McCarthy DP, et al. (2012) Microparticles bearing encephalitogenic
 *   peptides induce T-cell tolerance and ameliorate experimental autoimmune encephalomyelitis.
 *   Nat Biotechnol 30:1217–1224, doi:10.1038/nbt.2434 (500 nm PLG particles carrying MOG35-55,
 *   i.v. in mice with EAE).
 * - Hu C-MJ, Zhang L, Aryal S, Cheung C, Fang RH, Zhang L (2011) Erythrocyte
 *   membrane-camouflaged polymeric nanoparticles as a biomimetic delivery platform. PNAS
 *   108:10980–10985, doi:10.1073/pnas.1106634108 (PLGA cores of ~70 nm in red-blood-cell
 *   membrane, ~80 nm overall, circulating longer than PEGylated ones in mice).
 */
export const EXAMPLE_DESIGNS: ReadonlyArray<ExampleDesign> = [
  {
    id: 'peg-liposome-arthritis',
    title: 'PEG-liposome, prednisolone, arthritis (rat)',
    about: 'Long-circulating liposome that reaches inflamed joints; after Metselaar et al. 2003, Arthritis Rheum 48:2059.',
    design: () => ({
      format: DESIGN_FORMAT,
      version: DESIGN_VERSION,
      name: 'Example: PEG-liposome prednisolone (after Metselaar 2003)',
      notes: 'DPPC with 35 mol % cholesterol (1.85 : 1 : 0.15 DPPC : cholesterol : PEG-DSPE gives 1/2.85 = 35 %) and PEG 2 kDa. '
        + 'Grafting density 0.08 chains/nm²: 0.15/3 = 5 mol % PEG-lipid at about 0.6 nm² per lipid (0.05/0.6 = 0.083) [D]. '
        + 'Drug loading 5 % w/w is an illustration, not from the paper.',
      core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dppc', cholesterolMolPct: 35 } },
      coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.08 }],
      ligands: [],
      payload: { drug: 'prednisolone', loadingPctWw: 5, trigger: 'none' },
      context: { disease: 'rheumatoid-arthritis', species: 'rat', goal: 'deliver', dose: { mgPerKg: 10, basis: 'drug' } },
    }),
  },
  {
    id: 'plga-mog-tolerance',
    title: 'PLGA with MOG35-55, tolerance in EAE (mouse)',
    about: 'Antigen-carrying particle taken up by spleen and liver phagocytes to induce tolerance; after Getts et al. 2012, Nat Biotechnol 30:1217.',
    design: () => ({
      format: DESIGN_FORMAT,
      version: DESIGN_VERSION,
      name: 'Example: PLGA MOG35-55 tolerance (after Getts 2012)',
      notes: '500 nm PLGA particles without PEG, so spleen and liver phagocytes take them up. '
        + 'Peptide loading 1 % w/w and the particle dose of 60 mg/kg (about 1.25 mg per 20 g mouse) are illustrations.',
      core: { material: 'plga-50-50', diameterNm: 500 },
      coatings: [],
      ligands: [],
      payload: { drug: 'mog-35-55', loadingPctWw: 1, trigger: 'none' },
      context: { disease: 'multiple-sclerosis', species: 'mouse', goal: 'tolerize', dose: { mgPerKg: 60, basis: 'particle' } },
    }),
  },
  {
    id: 'rbc-cloaked-plga',
    title: 'Red-cell-membrane-cloaked PLGA (mouse)',
    about: 'Cell-membrane cloak instead of PEG, for long circulation; after Hu et al. 2011, PNAS 108:10980.',
    design: () => ({
      format: DESIGN_FORMAT,
      version: DESIGN_VERSION,
      name: 'Example: RBC-membrane PLGA (after Hu 2011)',
      notes: '70 nm PLGA core in a red-blood-cell membrane. The paper tracked a dye; dexamethasone at 2 % w/w is an illustration.',
      core: { material: 'plga-50-50', diameterNm: 70 },
      coatings: [{ kind: 'membrane', source: 'red-blood-cell' }],
      ligands: [],
      payload: { drug: 'dexamethasone', loadingPctWw: 2, trigger: 'none' },
      context: { disease: 'rheumatoid-arthritis', species: 'mouse', goal: 'deliver', dose: { mgPerKg: 2, basis: 'drug' } },
    }),
  },
  {
    id: 'default',
    title: 'Folate-PEG-PLGA, dexamethasone, arthritis (mouse)',
    about: 'The design every new document starts from: macrophage-targeted glucocorticoid with a PEG brush and folate.',
    design: newDesign,
  },
]
