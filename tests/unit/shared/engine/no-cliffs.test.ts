/**
 * No cliffs (issue #10 item 5): over the whole design space, a 10 % step in any continuous
 * knob, a ±1-step in a whole-number knob's 10 %, or a 2-fold dose step never changes the blood
 * half-life or the selectivity index more than 2-fold — except across the one physical
 * threshold the README names, the renal cutoff (glomerular sieving of particles whose
 * diameter at the glomerulus lies between free filtration and the cutoff).
 *
 * Designs are drawn by fast-check from every core material, coating kind, ligand, drug,
 * disease, species and goal, with sizes, PEG, doses and loadings spread over decades (log
 * scale). The knob to step is any numeric field the design has (the analysis module's
 * numericKnobPaths: the same list the sensitivity analysis varies).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numericKnobPaths, getKnob, describeKnob, setKnob } from '../../../../shared/analysis/design-paths'
import {
  BILAYER_LIPID_IDS, CORE_MATERIAL_IDS, DISEASE_IDS, DRUG_IDS, GOAL_IDS, LIGAND_IDS, MEMBRANE_SOURCE_IDS,
  POLYMER_COATING_IDS, SPECIES_IDS, TRIGGER_IDS,
} from '../../../../shared/catalog/ids'
import { deriveProperties } from '../../../../shared/design/derived'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { biodistributionInputFromDesign, PBPK_DATA, renalFilteredFraction } from '../../../../shared/engine/pbpk'
import { renalDiameterNm } from '../../../../shared/engine/pbpk/modifiers/excretion'
import { evaluateDesignDetailed } from '../../../../shared/metrics/registry'

/** A positive number drawn uniformly in log between lo and hi. */
const logUniform = (lo: number, hi: number): fc.Arbitrary<number> =>
  fc.double({ min: Math.log(lo), max: Math.log(hi), noNaN: true }).map((x) => Number(Math.exp(x).toPrecision(6)))

const coating = fc.oneof(
  fc.record({ kind: fc.constant('peg'), molecularWeightDa: logUniform(750, 10_000), graftingDensityPerNm2: logUniform(0.005, 0.5) }),
  fc.record({ kind: fc.constant('polymer'), material: fc.constantFrom(...POLYMER_COATING_IDS), thicknessNm: logUniform(0.5, 40) }),
  fc.record({ kind: fc.constant('membrane'), source: fc.constantFrom(...MEMBRANE_SOURCE_IDS) }),
  fc.record({ kind: fc.constant('lipid'), material: fc.constant('lipid-bilayer') }),
)

const designDocument = fc.record({
  material: fc.constantFrom(...CORE_MATERIAL_IDS),
  diameterNm: logUniform(3, 800),
  lipid: fc.constantFrom(...BILAYER_LIPID_IDS),
  cholesterolMolPct: fc.integer({ min: 0, max: 50 }),
  coatings: fc.array(coating, { maxLength: 2 }),
  ligands: fc.array(fc.record({ ligand: fc.constantFrom(...LIGAND_IDS), perParticle: logUniform(1, 3000).map(Math.round) }), { maxLength: 1 }),
  drug: fc.constantFrom(...DRUG_IDS),
  loadingPctWw: logUniform(0.5, 30),
  trigger: fc.constantFrom(...TRIGGER_IDS),
  disease: fc.constantFrom(...DISEASE_IDS),
  species: fc.constantFrom(...SPECIES_IDS),
  goal: fc.constantFrom(...GOAL_IDS),
  mgPerKg: logUniform(0.05, 50),
  basis: fc.constantFrom('drug', 'particle'),
}).map((g) => ({
  format: 'nanoforge.design', version: 2, name: 'cliff probe',
  core: { material: g.material, diameterNm: g.diameterNm, ...(g.material === 'liposome' ? { bilayer: { lipid: g.lipid, cholesterolMolPct: g.cholesterolMolPct } } : {}) },
  coatings: g.coatings, ligands: g.ligands,
  payload: { drug: g.drug, loadingPctWw: g.loadingPctWw, trigger: g.trigger },
  context: { disease: g.disease, species: g.species, goal: g.goal, dose: { mgPerKg: g.mgPerKg, basis: g.basis } },
}))

/** The valid design of a drawn document, or null (the validator refuses some combinations). */
function valid(doc: unknown): Design | null {
  const v = validateDesign(doc)
  return v.valid ? v.design : null
}

/** Share of GFR that filters the design's particles (0 above the renal cutoff). */
function renalShare(design: Design): number {
  const input = biodistributionInputFromDesign(design, deriveProperties(design))
  return renalFilteredFraction(renalDiameterNm(input.hydrodynamicDiameterNm, input.proteinRepellentFraction ?? 0))
}

/** The stepped value of a knob: dose × or ÷ 2, any other number × or ÷ 1.1 (whole numbers rounded). */
function stepped(path: string, value: number, up: boolean, integer: boolean): number {
  const factor = path.startsWith('context.dose') ? 2 : 1.1
  const next = up ? value * factor : value / factor
  return integer ? Math.round(next) : next
}

const HOURS = 168
const metricsOf = (design: Design): { tHalfH: number; si: number } => {
  const e = evaluateDesignDetailed(design, { hours: HOURS })
  return { tHalfH: e.metrics.bloodHalfLifeH, si: e.metrics.selectivityIndex }
}
const within2Fold = (a: number, b: number): boolean => a <= 2 * b && b <= 2 * a

describe('no cliffs over the design space (issue #10 item 5)', () => {
  it('a 10 % knob step or a 2-fold dose step changes t½ and the selectivity index less than 2-fold, except across the renal cutoff', () => {
    let steps = 0
    let renal = 0
    fc.assert(fc.property(designDocument, fc.nat(), fc.boolean(), (doc, pick, up) => {
      const base = valid(doc)
      fc.pre(base !== null)
      const paths = numericKnobPaths(base!)
      const path = paths[pick % paths.length]!
      const value = getKnob(base!, path) as number
      fc.pre(value > 0)
      const next = stepped(path, value, up, describeKnob(base!, path).kind === 'integer')
      fc.pre(next !== value)
      const v = setKnob(base!, path, next)
      fc.pre(v.valid)
      const moved = v.valid ? v.design : base!
      // the named physical threshold: either design is filtered by the glomerulus
      if (renalShare(base!) > 0 || renalShare(moved) > 0) { renal++; return }
      const a = metricsOf(base!)
      const b = metricsOf(moved)
      steps++
      const where = `${path} ${value} → ${next} in ${JSON.stringify(base)}`
      expect(within2Fold(a.tHalfH, b.tHalfH), `t½ ${a.tHalfH} → ${b.tHalfH}: ${where}`).toBe(true)
      // the selectivity index is defined against a lesion; healthy has none (0 in both)
      if (a.si > 0 || b.si > 0) expect(within2Fold(a.si, b.si), `SI ${a.si} → ${b.si}: ${where}`).toBe(true)
    }), { numRuns: 1500, seed: 20261206 })
    // the property was exercised, not pre-filtered away
    expect(steps).toBeGreaterThan(500)
    expect(renal).toBeLessThan(steps)
  })

  it('the renal exemption is narrow: free filtration to the cutoff, as the catalog names it', () => {
    const r = PBPK_DATA.excretion.renalFiltration
    expect(r.freeFiltrationBelowNm.value).toBeGreaterThanOrEqual(2)
    expect(r.noFiltrationAboveNm.value).toBeLessThanOrEqual(12)
    expect(renalFilteredFraction(r.noFiltrationAboveNm.value)).toBe(0)
  })
})
