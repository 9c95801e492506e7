import { describe, expect, it } from 'vitest'
import { BIODISTRIBUTION_KEYS, ORGAN_KEYS, residualizingLabelPercentDose, simulateBiodistribution, type BiodistributionInput } from '../../../../../shared/engine/pbpk'
import { GOLD_100, PEG_LIPOSOME, totalAt } from './fixtures'

const hazard = (env: string): number => (env === 'plasma' ? 0.02 : env === 'inflamed' ? 0.1 : 0.4)

const CASES: Array<[string, BiodistributionInput]> = [
  ['PEG liposome, mouse', PEG_LIPOSOME],
  ['gold 100 nm, mouse', GOLD_100],
  ['4 nm renal-clearable dot', { ...GOLD_100, hydrodynamicDiameterNm: 4 }],
  ['RA + folate + release', { ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis', ligands: [{ ligand: 'folate', perParticle: 150 }], releaseHazard: hazard }],
  ['psoriasis lesion split + anti-ICAM', { ...PEG_LIPOSOME, disease: 'psoriasis', ligands: [{ ligand: 'anti-icam-1', perParticle: 50 }] }],
  ['rat, lupus, RBC cloak', { ...PEG_LIPOSOME, species: 'rat', disease: 'lupus-nephritis', membraneCloak: 'red-blood-cell' }],
  ['human, MS, release', { ...PEG_LIPOSOME, species: 'human', disease: 'multiple-sclerosis', releaseHazard: hazard }],
  ['tolerize 500 nm PLGA, saturating dose', { ...PEG_LIPOSOME, goal: 'tolerize', disease: 'type-1-diabetes', hydrodynamicDiameterNm: 500, pegCoverageRatio: 0, core: { coreClass: 'polymer-matrix', imaging: false, degradable: true }, particleDoseMgPerKg: 80 }],
]

describe('PBPK mass balance (brief Part 4 note 4)', () => {
  for (const [name, input] of CASES) {
    it(`${name}: all keys present and Σ = 100 % of dose within 1e-6 of the dose at every output time`, () => {
      const r = simulateBiodistribution(input, { hours: 72 })
      for (const k of BIODISTRIBUTION_KEYS) expect(r.percentDose[k]).toHaveLength(r.timesH.length)
      for (let i = 0; i < r.timesH.length; i++) {
        // 1e-6 of the dose = 1e-4 percentage points
        expect(Math.abs(totalAt(r.percentDose, i) - 100)).toBeLessThan(1e-4)
      }
      for (const k of BIODISTRIBUTION_KEYS) {
        expect(Number.isFinite(r.aucPercentDoseH[k])).toBe(true)
        for (const v of r.percentDose[k]) expect(v).toBeGreaterThanOrEqual(-1e-6)
      }
    })
  }

  it('drug balance: released + still in particles + excreted in particles = 100 % of the loaded drug', () => {
    const r = simulateBiodistribution({ ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis', releaseHazard: hazard })
    const s = r.selectivity
    const total = s.drugReleasedInTargetPercentDose + s.drugReleasedInBloodPercentDose + s.drugReleasedOffTargetPercentDose
      + s.drugRemainingInParticlesPercentDose + s.drugExcretedInParticlesPercentDose
    expect(s.drugReleaseCoupled).toBe(true)
    expect(Math.abs(total - 100)).toBeLessThan(1e-4)
  })

  it('AUC of the reported keys sums to 100 %ID × horizon (mass conserved in the integral too)', () => {
    const r = simulateBiodistribution(GOLD_100, { hours: 48 })
    const sum = BIODISTRIBUTION_KEYS.reduce((s, k) => s + r.aucPercentDoseH[k], 0)
    // the 0.005 h infusion contributes < 100 × 0.005 / 2 of missing area
    expect(sum).toBeGreaterThan(100 * 48 - 0.26)
    expect(sum).toBeLessThan(100 * 48 + 1e-3)
  })

  it('carrier degraded per tissue sums to the degraded key, and the residualizing-label view still sums to 100', () => {
    for (const input of [PEG_LIPOSOME, { ...PEG_LIPOSOME, disease: 'rheumatoid-arthritis' as const }, GOLD_100]) {
      const r = simulateBiodistribution(input, { hours: 72 })
      const label = residualizingLabelPercentDose(r.percentDose, r.degradedInTissuePercentDose)
      for (let i = 0; i < r.timesH.length; i++) {
        const perTissue = ORGAN_KEYS.reduce((sum, k) => sum + r.degradedInTissuePercentDose[k][i]!, 0)
        expect(Math.abs(perTissue - r.percentDose.degraded[i]!)).toBeLessThan(1e-9)
        expect(Math.abs(totalAt(label, i) - 100)).toBeLessThan(1e-4)
        expect(label.degraded[i]).toBe(0)
      }
      for (const k of ORGAN_KEYS) {
        const d = r.degradedInTissuePercentDose[k]
        for (let i = 1; i < d.length; i++) expect(d[i]!).toBeGreaterThanOrEqual(d[i - 1]! - 1e-9) // cumulative
      }
    }
    // a degradable liposome is degraded mostly where it is taken up: the liver; gold not at all
    const lipo = simulateBiodistribution(PEG_LIPOSOME, { hours: 72 })
    const last = lipo.timesH.length - 1
    expect(lipo.degradedInTissuePercentDose.liver[last]!).toBeGreaterThan(0.5 * lipo.percentDose.degraded[last]!)
    const gold = simulateBiodistribution(GOLD_100, { hours: 72 })
    for (const k of ORGAN_KEYS) expect(Math.max(...gold.degradedInTissuePercentDose[k])).toBe(0)
  })
})
