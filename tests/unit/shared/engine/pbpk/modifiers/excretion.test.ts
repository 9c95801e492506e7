import { describe, expect, it } from 'vitest'
import { PBPK_DATA, renalFilteredFraction } from '../../../../../../shared/engine/pbpk'
import { excretionModifier, renalDiameterNm, steepFiltrationAcrossBatch } from '../../../../../../shared/engine/pbpk/modifiers/excretion'
import type { SpeciesId } from '../../../../../../shared/catalog/ids'
import { BARE, ctxFor, expectCited } from './helpers'

const rf = PBPK_DATA.excretion.renalFiltration
/** Logistic sieving renormalised to 1 at the free-filtration size, written out from the catalog values. */
function sieving(hd: number): number {
  if (hd <= rf.freeFiltrationBelowNm.value) return 1
  if (hd >= rf.noFiltrationAboveNm.value) return 0
  const g = (x: number): number => 1 / (1 + Math.exp((x - rf.logisticMidpointNm.value) / rf.logisticWidthNm.value))
  return g(hd) / g(rf.freeFiltrationBelowNm.value)
}

describe('renal filtration (brief §2.4.1, calibrated on Choi 2007)', () => {
  it('is the catalog logistic, 1 up to 3 nm and 0 from 10 nm, and near the sieving of rigid Ficoll in the rat glomerulus', () => {
    for (const hd of [3, 4.36, 5.5, 8, 10]) expect(renalFilteredFraction(hd)).toBeCloseTo(sieving(hd), 14)
    expect(renalFilteredFraction(3)).toBe(1)
    expect(renalFilteredFraction(10)).toBe(0)
    // Ficoll sieving coefficients at Stokes diameters 4, 5 and 6 nm, about 0.3, 0.08 and 0.02
    // (Ohlson, Sorensson & Haraldsson 2000, Am J Physiol Renal Physiol 279:F84; recalled [U]):
    // an independent check of the width fitted on Choi 2007's two liver values, within 1.6-fold
    for (const [hd, ficoll] of [[4, 0.3], [5, 0.08], [6, 0.02]] as const) {
      const f = renalFilteredFraction(hd)
      expect(Math.max(f / ficoll, ficoll / f), `${hd} nm: ${f.toFixed(3)} against Ficoll ${ficoll}`).toBeLessThan(1.6)
    }
  })

  it('falls monotonically and is continuous at the free-filtration size', () => {
    let prev = 1
    for (let hd = 2; hd < 12; hd += 0.1) {
      const f = renalFilteredFraction(hd)
      expect(f).toBeLessThanOrEqual(prev)
      prev = f
    }
    expect(renalFilteredFraction(rf.freeFiltrationBelowNm.value + 1e-9)).toBeCloseTo(1, 6)
  })
})

describe('excretion modifier (brief §2.1.2)', () => {
  for (const species of ['mouse', 'rat', 'human'] as SpeciesId[]) {
    it(`${species}: K_urine = f·GFR + K_urineC·BW^0.75, K_bile = K_bileC·BW^0.75`, () => {
      const input = { ...BARE, species, hydrodynamicDiameterNm: 5, proteinRepellentFraction: 1 }
      const ctx = ctxFor(input)
      const bw075 = Math.pow(ctx.bodyWeightKg, 0.75)
      const ex = PBPK_DATA.excretion[species]
      const gfr = PBPK_DATA.species[species].gfrCoefficient.value * bw075
      const r = excretionModifier(input, ctx)
      expect(r.scalars.renalFilteredFraction).toBeCloseTo(sieving(5), 14)
      expect(r.scalars.urineClearanceLPerH).toBeCloseTo(sieving(5) * gfr + ex.urinaryCoefficient.value * bw075, 12)
      expect(r.scalars.bileClearanceLPerH).toBeCloseTo(ex.biliaryCoefficient.value * bw075, 12)
      expectCited(r)
      expect(r.assumptions.map((a) => a.id)).toEqual(['modifier.size.renalFiltration', `species.${species}.gfrCoefficient`])
    })
  }

  it('a body-weight override scales the clearances; large particles are not filtered and add no assumption', () => {
    const input = { ...BARE, bodyWeightKg: 0.04 }
    const r = excretionModifier(input, ctxFor(input))
    expect(r.scalars.renalFilteredFraction).toBe(0)
    expect(r.scalars.urineClearanceLPerH).toBeCloseTo(PBPK_DATA.excretion.mouse.urinaryCoefficient.value * Math.pow(0.04, 0.75), 14)
    expect(r.assumptions).toEqual([])
  })
})

describe('protein corona at the glomerulus (brief §2.4.1, Choi 2007)', () => {
  const dCorona = rf.coronaDiameterIncreaseNm.value
  it('Choi 2007: serum proteins add more than 15 nm to a charged dot; a zwitterionic coat none', () => {
    expect(dCorona).toBeGreaterThanOrEqual(15)
    expect(renalDiameterNm(4.36, 1)).toBe(4.36)
    expect(renalDiameterNm(4.36, 0)).toBeCloseTo(4.36 + dCorona, 12)
    // a 4.36 nm dot with an adsorbing surface is past the glomerular cutoff
    expect(renalFilteredFraction(renalDiameterNm(4.36, 0))).toBe(0)
  })

  it('linear in the protected share and clamped to 0-1 (no cliff)', () => {
    expect(renalDiameterNm(5, 0.5)).toBeCloseTo(5 + dCorona / 2, 12)
    expect(renalDiameterNm(5, 1.7)).toBe(5)
    expect(renalDiameterNm(5, -1)).toBeCloseTo(5 + dCorona, 12)
    let previous = renalDiameterNm(5, 0)
    for (let i = 1; i <= 20; i++) {
      const hd = renalDiameterNm(5, i * 0.05)
      expect(hd).toBeLessThan(previous)
      expect(previous - hd).toBeLessThanOrEqual(dCorona * 0.05 + 1e-9)
      previous = hd
    }
  })

  it('the modifier filters an unprotected 5 nm particle not at all and says why, with the citation', () => {
    const input = { ...BARE, hydrodynamicDiameterNm: 5 }
    const r = excretionModifier(input, ctxFor(input))
    expect(r.scalars.renalFilteredFraction).toBe(0)
    expectCited(r)
    const corona = r.assumptions.find((a) => a.id === 'modifier.size.renalCorona')!
    expect(corona.description).toContain(`${(5 + dCorona).toFixed(1)} nm`)
    expect(corona.source).toContain('Choi')
  })
})

describe('filtration across an ordinary batch (a warning; no estimate depends on it)', () => {
  const sigma = rf.batchSizeSpreadLn.value
  it('reads the sieving at the batch ends d·e^(∓√3σ): 4.7 nm with σ 0.15 → 3.625 and 6.094 nm', () => {
    // √3 × 0.15 = 0.25981, e^0.25981 = 1.29668: 4.7 / 1.29668 = 3.6247, 4.7 × 1.29668 = 6.0944
    expect(sigma).toBe(0.15)
    const s = steepFiltrationAcrossBatch(4.7)!
    expect(s.smallNm).toBeCloseTo(3.6247, 3)
    expect(s.largeNm).toBeCloseTo(6.0944, 3)
    expect(s.smallSieving).toBeCloseTo(sieving(3.6247), 4)
    expect(s.largeSieving).toBeCloseTo(sieving(6.0944), 4)
  })

  it('warns only where filtration falls steeply across the batch and its large end is slow', () => {
    // 2 nm: the whole batch (1.5-2.6 nm) is filtered freely; 3.5 nm: its large end (4.5 nm) still
    // passes 0.20 of GFR; 9.5 and 20 nm: even the small end is filtered at under 1 %
    for (const hd of [2, 3.5, 9.5, 20]) expect(steepFiltrationAcrossBatch(hd), `${hd} nm`).toBeNull()
    for (const hd of [4.36, 4.7, 5.5, 7, 8]) expect(steepFiltrationAcrossBatch(hd), `${hd} nm`).not.toBeNull()
  })

  it('the modifier says it for a protein-repellent 4.7 nm particle, with the sieving at its size and at the batch ends', () => {
    const input = { ...BARE, hydrodynamicDiameterNm: 4.7, proteinRepellentFraction: 1 }
    const r = excretionModifier(input, ctxFor(input))
    // f(4.7) = L(4.7)/L(3), L(x) = 1/(1 + e^((x − 3.25)/0.65)): 0.09702 / 0.59499 = 0.1631
    expect(r.warnings).toHaveLength(1)
    expect(r.warnings[0]).toContain('Renal filtration is steep at 4.7 nm: the glomerulus passes 0.16 of GFR for this size, ')
    expect(r.warnings[0]).toContain(`${Number(sieving(3.6247).toPrecision(2))} at 3.6 nm and ${Number(sieving(6.0944).toPrecision(2))} at 6.1 nm`)
    expect(r.warnings[0]).toContain('σ of ln d 0.15')
    // the same particle with serum proteins on its surface is past the cutoff: no warning
    const charged = { ...input, proteinRepellentFraction: 0 }
    expect(excretionModifier(charged, ctxFor(charged)).warnings).toEqual([])
  })
})
