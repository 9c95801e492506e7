/**
 * Rodent free-drug PK and the Selectivity card's comparison for mouse and rat designs (issue #15):
 * each rodent half-life implied by the cited CL and V (ln2·V/CL) within 2-fold of a published
 * rodent half-life or clearance (the entries without one listed, with why, in UNCHECKED_RODENT_PK); the rat comparison's target-exposure ratio against a numerical integration of
 * the body + target ODEs (an independent implementation of the closed form); the refusals.
 */
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../../shared/design/schema'
import type { Design } from '../../../../../shared/design/types'
import type { DrugId } from '../../../../../shared/catalog/ids'
import { RODENT_FREE_DRUG_PK, UNCHECKED_RODENT_PK, type RodentSpecies } from '../../../../../shared/engine/free-drug/data'
import { rodentFreeDrugParameters } from '../../../../../shared/engine/free-drug/model'
import { compareWithFreeDrugInRodent } from '../../../../../shared/engine/free-drug/compare'
import { simulateDesign } from '../../../../../shared/engine/simulate'
import liposome from '../../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json' with { type: 'json' }
import { readDoc } from '../../../support/docs'

function design(context: Record<string, unknown>, payload: Record<string, unknown> = {}): Design {
  const d = liposome as unknown as { context: Record<string, unknown>; payload: Record<string, unknown> }
  const checked = validateDesign({ ...d, context: { ...d.context, ...context }, payload: { ...d.payload, ...payload } })
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors))
  return checked.design
}

const RAT_DRUGS = Object.keys(RODENT_FREE_DRUG_PK.rat) as DrugId[]
const ENTRIES: Array<[RodentSpecies, DrugId]> = (['mouse', 'rat'] as const).flatMap((sp) => (Object.keys(RODENT_FREE_DRUG_PK[sp]) as DrugId[]).map((d): [RodentSpecies, DrugId] => [sp, d]))
const REFERENCE_KG: Record<RodentSpecies, number> = { mouse: 0.025, rat: 0.25 }

describe('rodent free-drug PK against published rodent half-lives', () => {
  it('has rat PK for dexamethasone, prednisolone, methotrexate, cyclosporine and tacrolimus measured, rapamycin scaled; mouse PK measured for tacrolimus only, the rest scaled', () => {
    // amphotericin B (deoxycholate) added for the total plasma drug of AmBisome rows (h56)
    expect([...RAT_DRUGS].sort()).toEqual(['amphotericin-b', 'cyclosporine', 'dexamethasone', 'methotrexate', 'prednisolone', 'rapamycin', 'tacrolimus'])
    expect(Object.keys(RODENT_FREE_DRUG_PK.mouse).sort()).toEqual(['dexamethasone', 'methotrexate', 'prednisolone', 'rapamycin', 'tacrolimus'])
    // measured: no scaling flag (h59's scaled entries are tested in rodent-allometry.test.ts)
    expect(ENTRIES.filter(([sp, d]) => RODENT_FREE_DRUG_PK[sp][d]!.scaledFrom === undefined).map(([sp, d]) => `${sp} ${d}`).sort())
      .toEqual(['mouse tacrolimus', 'rat amphotericin-b', 'rat cyclosporine', 'rat dexamethasone', 'rat methotrexate', 'rat prednisolone', 'rat tacrolimus'])
  })

  // Published values (read in the cited abstracts), typed here rather than taken from data.ts:
  // rat dexamethasone 2.3 h (Samtani & Jusko 2005: the same study, no other found), prednisolone
  // 0.50 h (J Pharmacokinet Biopharm, doi:10.1007/BF01059655), methotrexate 90.6 min (Cancer
  // Chemother Pharmacol 1989, 23:156), cyclosporine 21-28 h (Biopharm Drug Dispos 1984, 5:141),
  // tacrolimus 2.36 h (Takada et al. 1991, plasma; another study than Lee et al. 1995's CL and V),
  // amphotericin B deoxycholate 5.85 h in Wistar rats (Abdollahizad 2023 Table 2; the same study).
  const PUBLISHED_T_HALF_H: Record<string, number> = { 'rat dexamethasone': 2.3, 'rat prednisolone': 0.5, 'rat methotrexate': 90.6 / 60, 'rat cyclosporine': 24.5, 'rat tacrolimus': 2.36, 'rat amphotericin-b': 5.85 }

  it('the entries without a published half-life or clearance are exactly those listed as unchecked, each with a reason', () => {
    const d = (sp: RodentSpecies, drug: DrugId) => RODENT_FREE_DRUG_PK[sp][drug]!
    const without = ENTRIES.filter(([sp, drug]) => d(sp, drug).publishedHalfLivesH.length === 0 && (d(sp, drug).publishedClearancesLPerHPerKg ?? []).length === 0).map(([sp, drug]) => `${sp} ${drug}`)
    expect(without.sort()).toEqual(UNCHECKED_RODENT_PK.map((u) => `${u.species} ${u.drug}`).sort())
    expect(without.sort()).toEqual(['mouse dexamethasone', 'mouse prednisolone', 'mouse rapamycin', 'mouse tacrolimus', 'rat rapamycin'])
    for (const u of UNCHECKED_RODENT_PK) expect(u.reason.length).toBeGreaterThan(20)
    // mouse methotrexate is checked by a clearance (rodent-allometry.test.ts), the rest by half-lives
    expect(Object.keys(PUBLISHED_T_HALF_H).sort()).toEqual(ENTRIES.map(([sp, drug]) => `${sp} ${drug}`).filter((k) => !without.includes(k) && k !== 'mouse methotrexate').sort())
  })

  it.each(ENTRIES.filter(([sp, d]) => PUBLISHED_T_HALF_H[`${sp} ${d}`] !== undefined))('%s %s: ln2·V/CL within 2-fold of the published half-life', (species, drug) => {
    const p = rodentFreeDrugParameters(drug, species, REFERENCE_KG[species])!
    const published = PUBLISHED_T_HALF_H[`${species} ${drug}`]!
    const ratio = p.halfLifeH / published
    expect(ratio, `${species} ${drug}: implied ${p.halfLifeH.toFixed(2)} h vs published ${published} h`).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
    // the data's own list of published half-lives holds the same checks
    for (const t of RODENT_FREE_DRUG_PK[species][drug]!.publishedHalfLivesH) {
      expect(p.halfLifeH / t.value, t.source).toBeGreaterThan(0.5)
      expect(p.halfLifeH / t.value, t.source).toBeLessThan(2)
    }
  })

  it('mouse tacrolimus: the cited blood CL (55.8 mL/min/kg) and Vss (4.6 L/kg) as read, an implied half-life under the rat\'s', () => {
    const p = rodentFreeDrugParameters('tacrolimus', 'mouse', 0.025)!
    expect(p.clearanceLPerH).toBeCloseTo(55.8 * 60 / 1000 * 0.025, 12)
    expect(p.volumeL).toBeCloseTo(4.6 * 0.025, 12)
    expect(p.matrix).toBe('blood')
    expect(p.halfLifeH).toBeCloseTo(Math.LN2 * 4.6 / (55.8 * 0.06), 9)
    expect(p.halfLifeH).toBeLessThan(rodentFreeDrugParameters('tacrolimus', 'rat', 0.25)!.halfLifeH)
  })

  it('every rodent number is cited with a literature source (no paths) and an evidence tag', () => {
    for (const [species, drug] of ENTRIES) {
      const d = RODENT_FREE_DRUG_PK[species][drug]!
      for (const c of [d.clearanceLPerHPerKg, d.volumeLPerKg, d.fractionUnbound, d.fractionExcretedUnchanged, ...d.publishedHalfLivesH]) {
        if (c === null) continue
        // a DOI, or the sentence that none was retrieved (the abstract read in an index); a value
        // a scaled entry takes over from its source species keeps that species' citation as it is
        const borrowed = d.scaledFrom !== undefined && (c === d.fractionUnbound || c === d.fractionExcretedUnchanged)
        if (!borrowed) expect(c.source).toMatch(/doi:10\.\d+\/|DOI not retrieved/)
        expect(c.source).not.toMatch(/resources\/|\.ts\b|docs\//)
        expect(['V', 'C', 'D', 'U']).toContain(c.evidence)
        if (c.evidence === 'D') expect(c.note, c.source).toBeTruthy()
      }
    }
  })

  it('clearance and volume scale with the body weight given; bad weight is refused with where', () => {
    const a = rodentFreeDrugParameters('dexamethasone', 'rat', 0.25)!
    expect(a.clearanceLPerH).toBeCloseTo(0.23 * 0.25, 12)
    expect(a.volumeL).toBeCloseTo(0.78 * 0.25, 12)
    expect(a.fractionUnbound).toBe(0.175)
    expect(rodentFreeDrugParameters('prednisolone', 'rat', 0.25)!.fractionUnbound).toBeNull()
    expect(() => rodentFreeDrugParameters('dexamethasone', 'rat', 0)).toThrow(/body weight must be > 0 kg, got 0 kg \(rat, dexamethasone\)/)
    expect(rodentFreeDrugParameters('docetaxel', 'rat', 0.25)).toBeNull()
    expect(rodentFreeDrugParameters('cyclosporine', 'mouse', 0.025)).toBeNull()
  })
})

/**
 * ∫C_T dt by RK4 of the closed two-compartment system (with the tissue feeding back into blood):
 *   dA_B/dt = −(CL/V)·A_B − Q·A_B/V + Q·A_T/(V_T·K_p),  dA_T/dt = Q·A_B/V − Q·A_T/(V_T·K_p),
 * A_B(0) = A_blood0, A_T(0) = A_local. Returns ∫A_T/V_T dt. V_T and K_p are arbitrary: the closed
 * form says the result does not depend on them.
 */
function targetAucByOde(clLPerH: number, vL: number, qLPerH: number, aBlood0: number, aLocal: number): number {
  const vT = 0.002
  const kp = 1.5
  const kOut = qLPerH / (vT * kp)
  const dt = 0.05 / Math.max(kOut, qLPerH / vL, clLPerH / vL)
  const horizon = 40 * Math.LN2 * vL / clLPerH
  const f = (b: number, t: number): [number, number] => [-(clLPerH / vL) * b - qLPerH * b / vL + kOut * t, qLPerH * b / vL - kOut * t]
  let b = aBlood0, t = aLocal, auc = 0
  for (let time = 0; time < horizon; time += dt) {
    const k1 = f(b, t), k2 = f(b + dt / 2 * k1[0], t + dt / 2 * k1[1]), k3 = f(b + dt / 2 * k2[0], t + dt / 2 * k2[1]), k4 = f(b + dt * k3[0], t + dt * k3[1])
    const nb = b + dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
    const nt = t + dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
    auc += dt / 2 * (t + nt) / vT
    b = nb; t = nt
  }
  return auc
}

describe('versus free drug for a rat design', () => {
  const rat = design({ species: 'rat' })
  const sim = simulateDesign(rat, { hours: 72 })
  const answer = compareWithFreeDrugInRodent(rat, sim)

  it('is computed, at the rat reference weight, with the rat PK', () => {
    expect(answer.ok).toBe(true)
    if (!answer.ok) return
    const r = answer.result
    expect(r.species).toBe('rat')
    expect(r.pk.bodyWeightKg).toBeGreaterThan(0.1)
    expect(r.pk.bodyWeightKg).toBeLessThan(0.6)
    expect(r.drugDoseMg).toBeCloseTo(2 * r.pk.bodyWeightKg, 12)
    expect(r.pk.clearanceLPerH).toBeCloseTo(0.23 * r.pk.bodyWeightKg, 12)
    const s = sim.selectivity
    // the particle releases at most the dose: its systemic exposure is that share of free drug's
    expect(r.systemicExposureRatio).toBeCloseTo((s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose) / 100, 12)
    expect(r.systemicExposureRatio).toBeLessThanOrEqual(1 + 1e-9)
    expect(r.targetExposureRatio).not.toBeNull()
    expect(r.targetExposureRatio!).toBeGreaterThan(r.systemicExposureRatio)
    expect(r.targetUnboundAucMgHPerL).not.toBeNull()
  })

  it('the README\'s example states these measured figures', () => {
    if (!answer.ok) throw new Error(answer.message)
    const r = answer.result
    const readme = readDoc('README.md').replace(/\s+/g, ' ')
    const phrase = `releases ${r.releasedPercentDose.toFixed(1)} % of its drug, ${r.releasedInTargetPercentDose.toFixed(1)} % in the inflamed joints: `
      + `systemic exposure ÷ free drug ${r.systemicExposureRatio.toFixed(2)}, target ÷ free drug ${r.targetExposureRatio!.toFixed(2)}`
    expect(readme.includes(phrase), `README states: ${phrase}`).toBe(true)
  })

  it('target exposure ratio equals the ODE integration of released drug in body and target', () => {
    if (!answer.ok) throw new Error(answer.message)
    const r = answer.result
    const dose = r.drugDoseMg
    const local = dose * r.releasedInTargetPercentDose / 100
    const released = dose * r.releasedPercentDose / 100
    const q = r.targetBloodFlowLPerH!
    const particle = targetAucByOde(r.pk.clearanceLPerH, r.pk.volumeL, q, released - local, local)
    const free = targetAucByOde(r.pk.clearanceLPerH, r.pk.volumeL, q, dose, 0)
    expect(r.targetExposureRatio! / (particle / free)).toBeCloseTo(1, 3)
    // unbound AUCs: f_u × (∫C_T / K_p)
    expect(r.targetUnboundAucMgHPerL!.freeDrug / (0.175 * free / 1.5)).toBeCloseTo(1, 3)
  })

  it('a drug without rat PK is told clearly, naming drug and species', () => {
    const doce = design({ species: 'rat' }, { drug: 'docetaxel' })
    const a = compareWithFreeDrugInRodent(doce, simulateDesign(doce, { hours: 24 }))
    expect(a).toMatchObject({ ok: false, reason: 'no-data' })
    if (a.ok) return
    expect(a.message).toMatch(/^No free-drug PK for docetaxel in the rat .*nor a species to scale them from/)
    expect(a.message).toMatch(/dexamethasone/)
  })

  it('a mouse cyclosporine design: no mouse PK, and the refused scaling is given as the reason', () => {
    const mouse = design({ species: 'mouse' }, { drug: 'cyclosporine' })
    const a = compareWithFreeDrugInRodent(mouse, simulateDesign(mouse, { hours: 24 }))
    expect(a).toMatchObject({ ok: false, reason: 'no-data' })
    if (a.ok) return
    expect(a.message).toMatch(/^No free-drug PK for cyclosporine a in the mouse .*scaled from the rat by allometry.*4\.1 h.*there is for tacrolimus/)
  })

  it('a mouse tacrolimus design is compared at the mouse reference weight with the mouse PK', () => {
    const mouse = design({ species: 'mouse' }, { drug: 'tacrolimus' })
    const sim = simulateDesign(mouse, { hours: 72 })
    const a = compareWithFreeDrugInRodent(mouse, sim)
    if (!a.ok) throw new Error(a.message)
    expect(a.result.species).toBe('mouse')
    expect(a.result.pk.bodyWeightKg).toBeGreaterThan(0.015)
    expect(a.result.pk.bodyWeightKg).toBeLessThan(0.04)
    expect(a.result.pk.clearanceLPerH).toBeCloseTo(3.348 * a.result.pk.bodyWeightKg, 9)
    expect(a.result.targetUnboundAucMgHPerL).toBeNull() // no mouse f_u found
    const q = a.result.targetBloodFlowLPerH!
    const dose = a.result.drugDoseMg
    const local = dose * a.result.releasedInTargetPercentDose / 100
    const released = dose * a.result.releasedPercentDose / 100
    const particle = targetAucByOde(a.result.pk.clearanceLPerH, a.result.pk.volumeL, q, released - local, local)
    const free = targetAucByOde(a.result.pk.clearanceLPerH, a.result.pk.volumeL, q, dose, 0)
    expect(a.result.targetExposureRatio! / (particle / free)).toBeCloseTo(1, 3)
  })

  it('a human design is not a rodent design', () => {
    const human = design({ species: 'human' })
    expect(compareWithFreeDrugInRodent(human, simulateDesign(human, { hours: 24 }))).toMatchObject({ ok: false, reason: 'not-rodent' })
  })
})
