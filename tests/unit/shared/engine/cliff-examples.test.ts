/**
 * The cliffs issue #10 filed, run again as a scientist would meet them (the property test
 * no-cliffs.test.ts covers the design space; these are the issue's own designs and steps):
 * - dose: a bare 150 nm PLGA particle, dexamethasone 5 % w/w, healthy mouse, 0.5-4 mg/kg drug
 *   (filed: blood t½ 0.48 h at 1 mg/kg and 13 h at 2 mg/kg);
 * - dose: a PEG-liposome's inflamed ÷ healthy joint ratio, residualizing label, 24 h, over
 *   0.5-10 mg/kg prednisolone (filed: ~6 falling to 2.4); the app's PEG-liposome example;
 * - size: the default folate-PEG-PLGA in an arthritic mouse over cores of 110-200 nm
 *   (filed: t½ 7.1 h at HD 156 nm and 2.3 h at 171 nm; selectivity 1.56 → 0.42 from 150 to
 *   180 nm; at 200 nm the spleen held 82 %ID at 4 h and the liver 6 %ID at 72 h).
 * The criterion is the issue's: a 2-fold dose step or a 10 % size step changes the blood
 * half-life and the selectivity index less than 2-fold. docs/science.md states the measured
 * end points, and this test keeps them measured.
 */
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { residualizingLabelPercentDose } from '../../../../shared/engine/pbpk'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { EXAMPLE_DESIGNS } from '../../../../renderer/features/welcome/examples'
import { readDoc } from '../../support/docs'

const science = readDoc('docs/science.md').replace(/\s+/g, ' ')
const two = (x: number): string => x.toPrecision(2)
/** Largest fold change between neighbours of a series. */
const largestStep = (xs: ReadonlyArray<number>): number =>
  Math.max(...xs.slice(1).map((x, i) => Math.max(x / xs[i]!, xs[i]! / x)))

const withDose = (d: Design, mgPerKg: number): Design => ({ ...d, context: { ...d.context, dose: { mgPerKg, basis: 'drug' } } })

describe('the cliff examples filed in issue #10', () => {
  it('bare 150 nm PLGA in a healthy mouse: 2-fold dose steps change the blood half-life less than 2-fold', () => {
    const d0 = newDesign()
    const bare: Design = {
      ...d0,
      core: { material: 'plga-50-50', diameterNm: 150 },
      coatings: [],
      ligands: [],
      payload: { ...d0.payload, drug: 'dexamethasone', loadingPctWw: 5 },
      context: { ...d0.context, disease: 'healthy', species: 'mouse' },
    }
    const doses = [0.5, 1, 2, 4]
    const halfLivesH = doses.map((dose) => simulateDesign(withDose(bare, dose), { hours: 72 }).biodistribution.bloodHalfLifeH)
    expect(largestStep(halfLivesH)).toBeLessThan(2)
    expect(science).toContain(`bare 150 nm PLGA t½ ${two(halfLivesH[0]!)}–${two(halfLivesH.at(-1)!)} h from 0.5 to 4 mg/kg`)
  })

  it('the PEG-liposome example: its inflamed ÷ healthy joint ratio moves less than 2-fold over 0.5-10 mg/kg prednisolone', () => {
    const example = EXAMPLE_DESIGNS.find((e) => e.id === 'peg-liposome-arthritis')!.design()
    expect(example.payload.drug).toBe('prednisolone')
    const jointLabelAt24h = (d: Design): number => {
      const b = simulateDesign(d, { hours: 72 }).biodistribution
      const label = residualizingLabelPercentDose(b.percentDose, b.degradedInTissuePercentDose)
      const i = b.timesH.findIndex((t) => Math.abs(t - 24) < 1e-9)
      expect(i).toBeGreaterThan(0)
      return label.joints[i]!
    }
    const doses = [0.5, 1, 2, 5, 10]
    const ratios = doses.map((dose) => {
      const d = withDose(example, dose)
      return jointLabelAt24h(d) / jointLabelAt24h({ ...d, context: { ...d.context, disease: 'healthy' } })
    })
    // each step is 2-2.5-fold in dose; across the whole 20-fold range the ratio moves < 2-fold too
    expect(largestStep(ratios)).toBeLessThan(2)
    expect(Math.max(...ratios) / Math.min(...ratios)).toBeLessThan(2)
    // an inflamed joint still gathers the PEG-liposome (Metselaar 2003; Gawne 2020: ~7 in mice)
    for (const r of ratios) expect(r).toBeGreaterThan(2)
    expect(science).toContain(`falls from ${two(ratios[0]!)} to ${two(ratios.at(-1)!)} over 0.5–10 mg/kg prednisolone`)
  })

  it('the default folate-PEG-PLGA in an arthritic mouse: 10 nm core steps change t½ and the selectivity index less than 2-fold, and the liver stays the sink at 200 nm', () => {
    const d0 = newDesign()
    const cores = Array.from({ length: 10 }, (_, i) => 110 + 10 * i)
    const runs = cores.map((c) => simulateDesign({ ...d0, core: { ...d0.core, diameterNm: c } }, { hours: 72 }))
    const hdNm = runs.map((r) => r.derived.hydrodynamicDiameterNm)
    const halfLivesH = runs.map((r) => r.biodistribution.bloodHalfLifeH)
    const si = runs.map((r) => r.selectivity.selectivityIndex)
    // a 10 nm step is at most 8 % of the hydrodynamic diameter here, inside the 10 %
    for (let i = 1; i < hdNm.length; i++) expect(hdNm[i]! / hdNm[i - 1]!).toBeLessThan(1.1)
    expect(largestStep(halfLivesH)).toBeLessThan(2)
    expect(largestStep(si)).toBeLessThan(2)
    // at a 200 nm core the liver, not the spleen, ends with the most particles (filed: spleen
    // 82 %ID at 4 h, liver 6 %ID at 72 h); 100-200 nm particles end mostly in liver and spleen
    const last = runs.at(-1)!.biodistribution
    const at = (t: number): number => last.timesH.findIndex((x) => Math.abs(x - t) < 1e-9)
    expect(last.percentDose.spleen[at(4)]!).toBeLessThan(50)
    expect(last.percentDose.liver[at(72)]!).toBeGreaterThan(last.percentDose.spleen[at(72)]!)
    expect(science).toContain(
      `the default folate-PEG-PLGA t½ falls smoothly from ${two(halfLivesH[0]!)} h to ${two(halfLivesH.at(-1)!)} h over HD ${Math.round(hdNm[0]!)}–${Math.round(hdNm.at(-1)!)} nm`
      + ` (was 22 → 0.7 h with a 3× step) and its selectivity index from ${two(si[0]!)} to ${two(si.at(-1)!)}, at most ${largestStep(si).toFixed(2)}× per 10 nm`,
    )
    expect(science).toContain(`at a 200 nm core the spleen holds ${Math.round(last.percentDose.spleen[at(4)]!)} %ID at 4 h and the liver ${Math.round(last.percentDose.liver[at(72)]!)} %ID at 72 h`)
  })
})
