import {
  assumptionsOf, CHOLESTEROL_PROPERTIES, getCore, getDisease, getDrug, getLigand, getLipid, getLipidCoating, getMembrane,
  getPolymerCoating, PEG_PROPERTIES, type Assumption,
} from '../catalog/index'
import type { Design } from './types'

/**
 * Every unverified [U] catalog number a design's estimates rest on, so the UI can show the
 * "assumptions" badge and list (brief §0 and Part 4 note 7). Paths name the catalog entry,
 * e.g. `core plga-50-50.densityGPerCm3`, `ligand folate.footprintNm2`, `peg.floryConstantNm`.
 * Each catalog entry is listed once even if the design uses it twice.
 */
export function designAssumptions(design: Design): Assumption[] {
  const entries = new Map<string, unknown>()
  entries.set(`core ${design.core.material}`, getCore(design.core.material))
  if (design.core.bilayer !== undefined) {
    // The bilayer phase rests on the lipid's Tm and the cholesterol thresholds.
    entries.set(`bilayer lipid ${design.core.bilayer.lipid}`, getLipid(design.core.bilayer.lipid))
    entries.set('cholesterol', CHOLESTEROL_PROPERTIES)
  }
  for (const c of design.coatings) {
    if (c.kind === 'peg') entries.set('peg', PEG_PROPERTIES)
    else if (c.kind === 'membrane') entries.set(`membrane ${c.source}`, getMembrane(c.source))
    else if (c.kind === 'polymer') entries.set(`polymer ${c.material}`, getPolymerCoating(c.material))
    else entries.set(`lipid ${c.material}`, getLipidCoating(c.material))
  }
  for (const l of design.ligands) entries.set(`ligand ${l.ligand}`, getLigand(l.ligand))
  entries.set(`drug ${design.payload.drug}`, getDrug(design.payload.drug))
  entries.set(`disease ${design.context.disease}`, getDisease(design.context.disease))
  return [...entries].flatMap(([prefix, entry]) => assumptionsOf(entry, prefix))
}
