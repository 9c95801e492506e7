import { describe, expect, it } from 'vitest'
import { bindingProbability, PBPK_DATA, resolveParameters, type BiodistributionInput } from '../../../../../../shared/engine/pbpk'
import { ligandsModifier } from '../../../../../../shared/engine/pbpk/modifiers/ligands'
import { BARE, ctxFor, expectCited } from './helpers'

const L = PBPK_DATA.ligands
const NA = PBPK_DATA.avidity.avogadro.value
const DELTA_NM = PBPK_DATA.avidity.contactRangeNm.value

/**
 * Independent form of the avidity model (Martinez-Veracoechea & Frenkel 2011, simplified):
 * receptor concentration in the contact shell in mol/L, x = [R]/K_D, p = 1 − (1 + x)^(−n_L),
 * n_L = ligands within δ of the contact point = N·min(1, δ/HD).
 */
function expectedP(sigmaPerUm2: number, kdNm: number, n: number, hdNm: number): number {
  const molPerL = (sigmaPerUm2 * 1e12) / (NA * DELTA_NM * 1e-9) / 1000
  const x = molPerL / (kdNm * 1e-9)
  return 1 - Math.pow(1 + x, -n * Math.min(1, DELTA_NM / hdNm))
}

const RA: BiodistributionInput = { ...BARE, disease: 'rheumatoid-arthritis' }
const run = (input: BiodistributionInput) => ligandsModifier(input, ctxFor(input))

describe('binding probability (brief §2.6.2)', () => {
  it('matches the avidity formula in molar units over receptor density, affinity, valency and size', () => {
    for (const [s, kd, n, hd] of [[1, 1, 1, 100], [10, 100, 5, 50], [0.1, 1000, 50, 200], [1000, 1, 2, 5]] as const) {
      const p = bindingProbability(s, kd, n, hd)
      const e = expectedP(s, kd, n, hd)
      expect(Math.abs(p - e)).toBeLessThanOrEqual(1e-12 + 1e-9 * e)
    }
  })

  it('limits: 0 without receptors, ligands or affinity; → 1 for a strong multivalent binder; n_L·x for weak binding', () => {
    expect(bindingProbability(0, 1, 100, 100)).toBe(0)
    expect(bindingProbability(100, 1, 0, 100)).toBe(0)
    expect(bindingProbability(100, 0, 100, 100)).toBe(0)
    expect(bindingProbability(1000, 1, 100, 100)).toBeCloseTo(1, 12)
    // weak binding (x ≪ 1): p ≈ n_L·x
    const x = (1e12 / (NA * DELTA_NM * 1e-9) / 1000) / 1e-3 // σ = 1/µm², K_D = 1 mM
    const nL = 10 * DELTA_NM / 100
    expect(bindingProbability(1, 1e6, 10, 100) / (nL * x)).toBeCloseTo(1, 3)
  })

  it('all ligands count once the particle is smaller than the contact range', () => {
    expect(bindingProbability(1, 1e6, 10, DELTA_NM / 2)).toBe(bindingProbability(1, 1e6, 10, DELTA_NM))
  })
})

describe('ligands modifier (brief §2.6)', () => {
  it('no ligands: no effect on organs or the lesion', () => {
    const r = run(RA)
    expect(r.organs).toEqual({})
    expect(r.lesion).toEqual({ receptorUptakeOfKMax: 0, capacity: 1, endothelialUptakeOfKMax: 0 })
  })

  it('cell-site ligand on the inflamed target: gain = 1 + (G_max − 1)·p acts as undelayed uptake and capacity', () => {
    const n = 150
    const r = run({ ...RA, ligands: [{ ligand: 'folate', perParticle: n }] })
    const p = expectedP(L.folate.inflamedReceptorDensityPerUm2.value, L.folate.monovalentKdNm.value, n, RA.hydrodynamicDiameterNm)
    const gain = 1 + (L.folate.maxGain.value - 1) * p
    expect(r.lesion.receptorUptakeOfKMax).toBeCloseTo(gain - 1, 12)
    expect(r.lesion.capacity).toBeCloseTo(gain, 12)
    expectCited(r)
    expect(r.assumptions.find((a) => a.id === 'ligand.folate.targetGain')!.value).toBeCloseTo(gain, 12)
  })

  it('endothelial ligand: gain − 1 of K_max captured from capillary blood, capacity not raised; off-target lung capture = rate × p', () => {
    const n = 80
    const r = run({ ...RA, ligands: [{ ligand: 'anti-icam-1', perParticle: n }] })
    const ld = L['anti-icam-1']
    const p = expectedP(ld.inflamedReceptorDensityPerUm2.value, ld.monovalentKdNm.value, n, RA.hydrodynamicDiameterNm)
    expect(r.lesion.endothelialUptakeOfKMax).toBeCloseTo((ld.maxGain.value - 1) * p, 12)
    expect(r.lesion.receptorUptakeOfKMax).toBe(0)
    expect(r.lesion.capacity).toBe(1)
    const ot = ld.offTarget[0]!
    const pOff = expectedP(ot.receptorDensityPerUm2.value, ld.monovalentKdNm.value, n, RA.hydrodynamicDiameterNm)
    expect(r.organs[ot.organ]!.endothelialCapturePerH).toBeCloseTo(ot.value.value * pOff, 12)
  })

  it('off-target effects apply only in their diseases; a healthy animal has no target gain', () => {
    const folate = [{ ligand: 'folate' as const, perParticle: 150 }]
    const healthy = run({ ...BARE, ligands: folate })
    expect(healthy.organs).toEqual({})
    expect(healthy.assumptions).toEqual([])
    // mannose's off-target Kupffer/splenic effect applies in every context
    const mannose = run({ ...BARE, ligands: [{ ligand: 'mannose', perParticle: 150 }] })
    for (const ot of L.mannose.offTarget) {
      const p = expectedP(ot.receptorDensityPerUm2.value, L.mannose.monovalentKdNm.value, 150, BARE.hydrodynamicDiameterNm)
      expect(mannose.organs[ot.organ]!.kMax).toBeCloseTo(1 + (ot.value.value - 1) * p, 12)
    }
  })

  it('two ligands on one organ multiply; a K_D override is used', () => {
    const r = run({ ...RA, ligands: [{ ligand: 'folate', perParticle: 100 }, { ligand: 'mannose', perParticle: 100, monovalentKdNm: 50 }] })
    const hd = RA.hydrodynamicDiameterNm
    const liverF = L.folate.offTarget.find((o) => o.organ === 'liver')!
    const liverM = L.mannose.offTarget.find((o) => o.organ === 'liver')!
    const mF = 1 + (liverF.value.value - 1) * expectedP(liverF.receptorDensityPerUm2.value, L.folate.monovalentKdNm.value, 100, hd)
    const mM = 1 + (liverM.value.value - 1) * expectedP(liverM.receptorDensityPerUm2.value, 50, 100, hd)
    expect(r.organs.liver!.kMax).toBeCloseTo(mF * mM, 12)
  })

  it('composed: cell-site ligands add (gain − 1)·K_max of undelayed uptake, endothelial ones (gain − 1)·K_max of capture from blood', () => {
    const cell = resolveParameters({ ...RA, ligands: [{ ligand: 'folate', perParticle: 150 }] }).params
    const lesion = cell.compartments[cell.targetIndex]!
    const gain = run({ ...RA, ligands: [{ ligand: 'folate', perParticle: 150 }] }).lesion.capacity!
    expect(lesion.undelayedUptakePerH).toBeCloseTo((gain - 1) * lesion.kMaxPerH, 12)
    const endo = resolveParameters({ ...RA, ligands: [{ ligand: 'anti-icam-1', perParticle: 500 }] }).params
    const l2 = endo.compartments[endo.targetIndex]!
    const g2 = 1 + run({ ...RA, ligands: [{ ligand: 'anti-icam-1', perParticle: 500 }] }).lesion.endothelialUptakeOfKMax!
    // K_max of the lesion in full (the immediate share split off kMaxPerH is part of it)
    const kMaxFull = l2.kMaxPerH + l2.undelayedUptakePerH
    expect(l2.endothelialCapturePerH).toBeCloseTo((g2 - 1) * kMaxFull, 10)
  })
})
