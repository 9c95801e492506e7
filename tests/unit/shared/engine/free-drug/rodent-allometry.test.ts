/**
 * Rodent free-drug PK scaled by allometry where no study of the species was found (issue #15,
 * "per species"; h59): each scaled clearance recomputed here from the source species' published
 * value and the exponent, with the numbers typed from the sources rather than read from data.ts;
 * the flag and the [D] evidence; the check against a published clearance of the species; the
 * scaling refused for mouse cyclosporine because a published mouse half-life contradicts it; the
 * comparison of a mouse dexamethasone design, which is now made and says it is scaled.
 */
import { describe, expect, it } from 'vitest'
import type { DrugId } from '../../../../../shared/catalog/ids'
import type { Design } from '../../../../../shared/design/types'
import { validateDesign } from '../../../../../shared/design/schema'
import {
  INTERSPECIES_CLEARANCE_EXPONENT, RODENT_FREE_DRUG_PK, RODENT_SCALING_REFUSED, UNCHECKED_RODENT_PK, allometricPerKg, type RodentSpecies,
} from '../../../../../shared/engine/free-drug/data'
import { rodentFreeDrugParameters } from '../../../../../shared/engine/free-drug/model'
import { compareWithFreeDrugInRodent } from '../../../../../shared/engine/free-drug/compare'
import { simulateDesign } from '../../../../../shared/engine/simulate'
import liposome from '../../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }

// Reference body weights (kg) of the app's mouse and rat, and the nominal adult of the human rows.
const W = { mouse: 0.02, rat: 0.25, human: 70 } as const
const B = 0.75 // Hu & Hayton 2001: b of 460 normalised clearances 0.74 (99 % CI 0.71-0.76), underlying 0.75

// Source values as published (units converted here), not read from data.ts:
const SOURCE = {
  // rat dexamethasone: Samtani & Jusko 2005, CL 0.23 L/h/kg, V 0.78 L/kg, f_u 0.175 (DMD 2020)
  dexamethasone: { from: 'rat', clPerKg: 0.23, vPerKg: 0.78, fu: 0.175 },
  // rat prednisolone: Pharm Res 1995, 12:902, CL 155 mL/min/kg, Vss 4.1 L/kg
  prednisolone: { from: 'rat', clPerKg: 155 * 60 / 1000, vPerKg: 4.1, fu: null },
  // rat methotrexate: Int J Mol Sci 2018 Table 3, CL 9.56 mL/min/kg, t½ 59.1 min (V = CL·t½/ln2)
  methotrexate: { from: 'rat', clPerKg: 9.56 * 60 / 1000, vPerKg: 9.56 * 60 / 1000 * (59.1 / 60) / Math.LN2, fu: null },
  // human sirolimus: Brattström 2000 CL/F 278 mL/h/kg, Vss/F 23 L/kg, × F 0.14
  rapamycin: { from: 'human', clPerKg: 0.278 * 0.14, vPerKg: 23 * 0.14, fu: 0.03 * 0.08 },
} as const

const SCALED: Array<[RodentSpecies, keyof typeof SOURCE]> = [
  ['mouse', 'dexamethasone'], ['mouse', 'prednisolone'], ['mouse', 'methotrexate'], ['mouse', 'rapamycin'], ['rat', 'rapamycin'],
]

function design(context: Record<string, unknown>, payload: Record<string, unknown> = {}): Design {
  const d = liposome as unknown as { context: Record<string, unknown>; payload: Record<string, unknown> }
  const checked = validateDesign({ ...d, context: { ...d.context, ...context }, payload: { ...d.payload, ...payload } })
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors))
  return checked.design
}

describe('allometric scaling, the arithmetic', () => {
  it('the exponent is the cited 0.75, inside Hu & Hayton\'s 99 % interval of the fitted exponent (0.71-0.76)', () => {
    expect(INTERSPECIES_CLEARANCE_EXPONENT.value).toBe(B)
    expect(INTERSPECIES_CLEARANCE_EXPONENT.evidence).toBe('V')
    expect(INTERSPECIES_CLEARANCE_EXPONENT.source).toMatch(/Hu TM, Hayton WL 2001.*doi:10\.1208\/ps030429/)
  })

  it('allometricPerKg: X/W ∝ W^(b−1); b = 1 keeps the value per kg; bad input is refused with the numbers', () => {
    // 12.5-fold lighter: (1/12.5)^(−0.25) = 12.5^0.25 = 1.8803 (fourth root: √√12.5)
    expect(allometricPerKg(1, 0.25, 0.02, 0.75)).toBeCloseTo(Math.sqrt(Math.sqrt(12.5)), 12)
    expect(allometricPerKg(2.5, 0.25, 0.02, 1)).toBe(2.5)
    // total clearance goes as W^0.75: per kg × W gives the 0.75 power law between any two weights
    const total = (w: number) => allometricPerKg(0.3, 70, w, 0.75) * w
    expect(total(0.02) / total(0.25)).toBeCloseTo(Math.pow(0.02 / 0.25, 0.75), 12)
    expect(() => allometricPerKg(1, 0, 0.02, 0.75)).toThrow(/body weights > 0 kg, got 1 per kg from 0 kg to 0.02 kg/)
    expect(() => allometricPerKg(-1, 0.25, 0.02, 0.75)).toThrow(/value ≥ 0/)
  })

  it.each(SCALED)('%s %s: CL/kg = source CL/kg × (W/W_source)^(0.75 − 1), V/kg kept, recomputed from the published source values', (species, drug) => {
    const src = SOURCE[drug]
    const e = RODENT_FREE_DRUG_PK[species][drug as DrugId]!
    const factor = Math.pow(W[species] / W[src.from], B - 1)
    expect(e.clearanceLPerHPerKg.value).toBeCloseTo(src.clPerKg * factor, 9)
    expect(e.volumeLPerKg.value).toBeCloseTo(src.vPerKg, 9)
    // the flag, with the weights and exponents it used
    expect(e.scaledFrom).toBeDefined()
    expect(e.scaledFrom!.species).toBe(src.from)
    expect(e.scaledFrom!.sourceBodyWeightKg.value).toBe(W[src.from])
    expect(e.scaledFrom!.targetBodyWeightKg.value).toBe(W[species])
    expect(e.scaledFrom!.clearanceExponent.value).toBe(B)
    expect(e.scaledFrom!.volumeExponent.value).toBe(1)
    // never presented as measured: derived, with the arithmetic in the note
    expect(e.clearanceLPerHPerKg.evidence).toBe('D')
    expect(e.volumeLPerKg.evidence).toBe('D')
    expect(e.clearanceLPerHPerKg.note).toContain(`× (${W[species]}/${W[src.from]})^(0.75−1) = ${Number((src.clPerKg * factor).toPrecision(3))} L/h/kg`)
    expect(e.clearanceLPerHPerKg.source).toMatch(new RegExp(`scaled from the ${src.from} by simple allometry, not measured in the ${species}`))
    // f_u from the source species, marked derived (or unverified where the source's is [U])
    if (src.fu === null) expect(e.fractionUnbound).toBeNull()
    else {
      expect(e.fractionUnbound!.value).toBeCloseTo(src.fu, 12)
      expect(['D', 'U']).toContain(e.fractionUnbound!.evidence)
      expect(e.fractionUnbound!.note).toMatch(new RegExp(`not measured in the ${species}`))
    }
  })

  it('the implied mouse half-lives follow: dexamethasone ln2·0.78/(0.23·12.5^0.25) = 1.25 h, shorter than the rat\'s 2.35 h by 12.5^0.25', () => {
    const mouse = rodentFreeDrugParameters('dexamethasone', 'mouse', W.mouse)!
    const rat = rodentFreeDrugParameters('dexamethasone', 'rat', W.rat)!
    expect(mouse.halfLifeH).toBeCloseTo(Math.LN2 * 0.78 / (0.23 * Math.pow(12.5, 0.25)), 9)
    expect(rat.halfLifeH / mouse.halfLifeH).toBeCloseTo(Math.pow(12.5, 0.25), 9)
    expect(mouse.fractionUnbound).toBe(0.175)
  })

  it('the urinary share of mouse methotrexate is the rat\'s CLurine/CLtotal = 3.69/9.56, marked derived', () => {
    const fe = RODENT_FREE_DRUG_PK.mouse.methotrexate!.fractionExcretedUnchanged!
    expect(fe.value).toBeCloseTo(3.69 / 9.56, 12)
    expect(fe.evidence).toBe('D')
  })
})

describe('scaled values against published values of the species itself', () => {
  it('mouse methotrexate: scaled CL within 2-fold of the measured wild-type mouse clearance 25.5 mL/min/kg (IV infusion, JPET 2008 Table 1)', () => {
    const measured = 25.5 * 60 / 1000 // 1.53 L/h/kg
    const scaled = rodentFreeDrugParameters('methotrexate', 'mouse', W.mouse)!.clearanceLPerH / W.mouse
    const ratio = scaled / measured
    expect(ratio).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
    expect(ratio).toBeCloseTo(9.56 * 0.06 * Math.pow(12.5, 0.25) / 1.53, 6) // 0.705
    // the data carries the same check
    for (const c of RODENT_FREE_DRUG_PK.mouse.methotrexate!.publishedClearancesLPerHPerKg!) {
      expect(scaled / c.value, c.source).toBeGreaterThan(0.5)
      expect(scaled / c.value, c.source).toBeLessThan(2)
    }
  })

  it('mouse cyclosporine: the rat value scaled gives 9.2 h against a published mouse 4.1 h (Diehl et al. 2017, Table 5): > 2-fold, so refused, not shipped', () => {
    // rat cyclosporine (Int J Pharm 2000, 194:221): CL 0.102 L/h/kg, Vss 2.56 L/kg, whole blood
    const scaledHalfLifeH = Math.LN2 * 2.56 / (0.102 * Math.pow(W.mouse / W.rat, B - 1))
    expect(scaledHalfLifeH).toBeCloseTo(9.25, 1)
    expect(scaledHalfLifeH / 4.1).toBeGreaterThan(2)
    expect(RODENT_FREE_DRUG_PK.mouse.cyclosporine).toBeUndefined()
    const refused = RODENT_SCALING_REFUSED.find((r) => r.species === 'mouse' && r.drug === 'cyclosporine')!
    expect(refused.publishedHalfLifeH.value).toBe(4.1)
    expect(refused.publishedHalfLifeH.source).toMatch(/doi:10\.1038\/cmi\.2016\.39/)
    expect(refused.reason).toMatch(/9\.2 h/)
  })

  it('every scaled entry without a published value of its species is listed as unchecked with the reason "scaled"', () => {
    const unchecked = SCALED.filter(([sp, d]) => {
      const e = RODENT_FREE_DRUG_PK[sp][d as DrugId]!
      return e.publishedHalfLivesH.length === 0 && (e.publishedClearancesLPerHPerKg ?? []).length === 0
    })
    expect(unchecked.map(([sp, d]) => `${sp} ${d}`).sort()).toEqual(['mouse dexamethasone', 'mouse prednisolone', 'mouse rapamycin', 'rat rapamycin'])
    for (const [sp, d] of unchecked) {
      const u = UNCHECKED_RODENT_PK.find((x) => x.species === sp && x.drug === d)
      expect(u, `${sp} ${d}`).toBeDefined()
      expect(u!.reason).toMatch(/^Scaled from the (rat|human)/)
    }
  })
})

describe('the scaling rule on the catalog\'s pairs measured in both species (how far to trust it)', () => {
  // Measured clearances per kg, typed from the cited studies (data.ts holds the same citations):
  const RAT = { dexamethasone: 0.23, prednisolone: 155 * 0.06, methotrexate: 9.56 * 0.06, cyclosporine: 0.102, tacrolimus: 3.41 / 2.83 }
  const HUMAN = { dexamethasone: 245 * 0.06 / 70, prednisolone: 0.104, methotrexate: 115.1 * 0.06 / 71.1, cyclosporine: 4.2 * 0.06, tacrolimus: 0.040 }
  const MOUSE_TACROLIMUS = 55.8 * 0.06 // Yokogawa et al. 1999, normal mice

  it('rat → mouse (12.5-fold in weight): tacrolimus, measured in both, within 2-fold (0.68x), as is methotrexate against its mouse clearance (0.70x)', () => {
    const scaled = allometricPerKg(RAT.tacrolimus, W.rat, W.mouse, B)
    expect(scaled / MOUSE_TACROLIMUS).toBeCloseTo(0.677, 2)
    expect(scaled / MOUSE_TACROLIMUS).toBeGreaterThan(0.5)
    // and the data's mouse tacrolimus is the measured one, not a scaled one
    expect(RODENT_FREE_DRUG_PK.mouse.tacrolimus!.scaledFrom).toBeUndefined()
  })

  it('rat → human (280-fold): within 2-fold for methotrexate only, 0.1-22x for the others — why rapamycin scaled from humans is flagged uncertain', () => {
    const ratio = Object.fromEntries((Object.keys(RAT) as Array<keyof typeof RAT>).map((d) => [d, allometricPerKg(RAT[d], W.rat, W.human, B) / HUMAN[d]]))
    const within = Object.entries(ratio).filter(([, r]) => r > 0.5 && r < 2).map(([d]) => d)
    expect(within).toEqual(['methotrexate'])
    expect(Math.min(...Object.values(ratio))).toBeGreaterThan(0.09)
    expect(Math.max(...Object.values(ratio))).toBeLessThan(23)
    for (const species of ['mouse', 'rat'] as const) {
      expect(RODENT_FREE_DRUG_PK[species].rapamycin!.clearanceLPerHPerKg.note).toMatch(/Uncertain by an order of magnitude.*methotrexate only/)
    }
  })
})

describe('versus free drug for a mouse dexamethasone design (scaled PK)', () => {
  const mouse = design({ species: 'mouse' })
  const sim = simulateDesign(mouse, { hours: 72 })
  const answer = compareWithFreeDrugInRodent(mouse, sim)

  it('is made (not "no free-drug PK"), with the scaled mouse PK, and says it was scaled from the rat', () => {
    if (!answer.ok) throw new Error(answer.message)
    const r = answer.result
    expect(r.species).toBe('mouse')
    expect(r.scaledFrom?.species).toBe('rat')
    const w = r.pk.bodyWeightKg
    expect(w).toBe(W.mouse)
    expect(r.pk.clearanceLPerH).toBeCloseTo(0.23 * Math.pow(W.mouse / W.rat, B - 1) * w, 12)
    expect(r.pk.volumeL).toBeCloseTo(0.78 * w, 12)
    expect(r.systemicExposureRatio).toBeLessThanOrEqual(1 + 1e-9)
    expect(r.targetExposureRatio).not.toBeNull()
    // closed form of compare.ts: f_rel + f_T · CL / Q_T
    const s = sim.selectivity
    const fRel = (s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose) / 100
    expect(r.targetExposureRatio!).toBeCloseTo(fRel + s.drugReleasedInTargetPercentDose / 100 * r.pk.clearanceLPerH / r.targetBloodFlowLPerH!, 12)
    // f_u (the rat's) gives the unbound target AUCs
    expect(r.targetUnboundAucMgHPerL!.freeDrug).toBeCloseTo(0.175 * r.drugDoseMg / r.pk.clearanceLPerH, 12)
  })

  it('a measured entry carries no scaling (mouse tacrolimus)', () => {
    const tac = design({ species: 'mouse' }, { drug: 'tacrolimus' })
    const a = compareWithFreeDrugInRodent(tac, simulateDesign(tac, { hours: 24 }))
    if (!a.ok) throw new Error(a.message)
    expect(a.result.scaledFrom).toBeNull()
  })
})
