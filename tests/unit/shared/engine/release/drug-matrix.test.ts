/**
 * The per-drug release relation (shared/engine/release/drug-matrix.ts) against its closed
 * forms, and property tests over the design space: no cliff in plasma t50 for a 10 % step in
 * core diameter or loading, or for a switch between drugs of similar size and logP, in every
 * matrix core — including across the dissolved/dispersed switch (issue #10 item 5).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { CoreMaterialId, DrugId } from '../../../../../shared/catalog/ids'
import { DRUG_IDS } from '../../../../../shared/catalog/ids'
import { getDrug } from '../../../../../shared/catalog/index'
import { DESIGN_VERSION, type Design } from '../../../../../shared/design/types'
import {
  dispersedWeight, drugMatrixDiffusivityCm2PerS, hydrophilicBurstMultiplier, sizeScaledBurstFraction,
} from '../../../../../shared/engine/release/drug-matrix'
import { RELEASE_CATALOG, predictRelease } from '../../../../../shared/engine/release/index'

const MATRIX_CORES: CoreMaterialId[] = ['plga-50-50', 'plga-75-25', 'pla', 'pcl', 'solid-lipid', 'chitosan']
const SMALL_MOLECULES = DRUG_IDS.filter((id) => getDrug(id).logP !== undefined)

function design(material: CoreMaterialId, diameterNm: number, drug: DrugId, loadingPctWw: number): Design {
  return {
    format: 'nanoforge.design', version: DESIGN_VERSION, name: 'property',
    core: { material, diameterNm }, coatings: [], ligands: [],
    payload: { drug, loadingPctWw, trigger: 'none' },
    context: { disease: 'healthy', species: 'mouse', goal: 'deliver', dose: { mgPerKg: 1, basis: 'drug' } },
  }
}

/** Plasma t50 in hours over a 10-year horizon; Infinity if never reached. */
function t50H(d: Design): number {
  return predictRelease(d, { hours: 24 * 3650 }).environments.plasma.t50H ?? Infinity
}

function fold(a: number, b: number): number {
  if (a === Infinity && b === Infinity) return 1
  return Math.max(a / b, b / a)
}

describe('drugMatrixDiffusivityCm2PerS', () => {
  it('is the reference value at the reference size and falls as the Stokes-Einstein radius grows', () => {
    expect(drugMatrixDiffusivityCm2PerS(7.1e-16, 392.47, 392.47, 1 / 3)).toBe(7.1e-16)
    // dexamethasone -> cyclosporine: (392.47 / 1202.63)^(1/3) = 0.326343^(1/3) = 0.688480
    expect(drugMatrixDiffusivityCm2PerS(7.1e-16, 1202.63, 392.47, 1 / 3) / 7.1e-16).toBeCloseTo(0.68848, 4)
    // the hydrodynamic radius of a globular solute r = (3·MW·v̄ / (4π·N_A))^(1/3) with v̄ = 0.73
    // mL/g: a Stokes-Einstein D = kT/(6πηr) gives the same ratio for any two sizes
    const radiusNm = (mw: number): number => 1e7 * Math.cbrt((3 * mw * 0.73) / (4 * Math.PI * 6.02214076e23))
    const stokesEinstein = (mw: number): number => (1.380649e-23 * 310.15) / (6 * Math.PI * 6.9e-4 * radiusNm(mw) * 1e-9)
    expect(drugMatrixDiffusivityCm2PerS(1, 804.03, 392.47, 1 / 3)).toBeCloseTo(stokesEinstein(804.03) / stokesEinstein(392.47), 10)
    expect(drugMatrixDiffusivityCm2PerS(7.1e-16, 300, 392.47, 1 / 3)).toBeGreaterThan(7.1e-16)
  })

  it('refuses a non-positive molecular weight with a message', () => {
    expect(() => drugMatrixDiffusivityCm2PerS(7.1e-16, 0, 392.47, 1 / 3)).toThrow(/molecular weight must be > 0/)
  })
})

describe('sizeScaledBurstFraction', () => {
  it('is the core value at the reference radius and follows surface-to-volume (1/R) for a small burst', () => {
    expect(sizeScaledBurstFraction(0.2, 100, 100)).toBeCloseTo(0.2, 14)
    // 1 - 0.8^2 = 0.36 at half the radius; 1 - 0.8^0.5 = 0.105573 at twice the radius
    expect(sizeScaledBurstFraction(0.2, 100, 50)).toBeCloseTo(0.36, 14)
    expect(sizeScaledBurstFraction(0.2, 100, 200)).toBeCloseTo(1 - Math.sqrt(0.8), 14)
    // a thin shell δ of a sphere holds 1 - (1 - δ/R)^3 ≈ 3δ/R of its volume: halving R doubles a small burst
    const small = (r: number): number => sizeScaledBurstFraction(1e-6, 100, r)
    expect(small(50) / small(100)).toBeCloseTo(2, 3)
    expect(small(25) / small(100)).toBeCloseTo(4, 3)
  })

  it('stays below 1, falls with radius and refuses a non-positive radius or a reference burst outside [0, 1)', () => {
    let prev = 1
    for (let r = 5; r <= 2000; r *= 1.1) {
      const f = sizeScaledBurstFraction(0.3, 100, r)
      expect(f).toBeLessThan(1)
      expect(f).toBeLessThan(prev)
      prev = f
    }
    expect(sizeScaledBurstFraction(0, 100, 30)).toBe(0)
    expect(() => sizeScaledBurstFraction(0.2, 100, 0)).toThrow(/radius must be > 0/)
    expect(() => sizeScaledBurstFraction(1, 100, 50)).toThrow(/reference burst fraction/)
  })
})

describe('hydrophilicBurstMultiplier', () => {
  it('is 1 for lipophilic drugs, m_max for hydrophilic ones and (1 + m_max)/2 at the midpoint', () => {
    expect(hydrophilicBurstMultiplier(0, 1.5, 0, 1)).toBeCloseTo(1.25, 14)
    expect(hydrophilicBurstMultiplier(8, 1.5, 0, 1)).toBeCloseTo(1, 7)
    expect(hydrophilicBurstMultiplier(-8, 1.5, 0, 1)).toBeCloseTo(1.5, 7)
    // methotrexate, logP -1.85: 1 + 0.5/(1 + 10^-1.85) = 1.4930
    expect(hydrophilicBurstMultiplier(-1.85, 1.5, 0, 1)).toBeCloseTo(1 + 0.5 / (1 + Math.pow(10, -1.85)), 14)
  })
})

describe('dispersedWeight', () => {
  it('is 0 up to C0/Cs = start, 1 from end, 1/2 at the geometric midpoint', () => {
    expect(dispersedWeight(1, 3, 1, 3)).toBe(0)
    expect(dispersedWeight(3, 3, 1, 3)).toBe(0)
    expect(dispersedWeight(9, 3, 1, 3)).toBe(1)
    expect(dispersedWeight(20, 3, 1, 3)).toBe(1)
    expect(dispersedWeight(3 * Math.sqrt(3), 3, 1, 3)).toBeCloseTo(0.5, 14)
    expect(dispersedWeight(0, 3, 1, 3)).toBe(0)
  })

  it('is monotone and C¹ (zero slope at both ends of the band)', () => {
    const h = 1e-6
    const w = (x: number): number => dispersedWeight(x, 1, 1, 3)
    expect((w(1 + h) - w(1)) / h).toBeLessThan(1e-4)
    expect((w(3) - w(3 - h)) / h).toBeLessThan(1e-4)
    let prev = 0
    for (let x = 1; x <= 3.0001; x += 0.01) {
      expect(w(x)).toBeGreaterThanOrEqual(prev - 1e-15)
      prev = w(x)
    }
  })
})

describe('release kernel across the dissolved/dispersed band', () => {
  it('the released fraction is continuous at C0/Cs = 1 and 3 (no jump between forms)', () => {
    const cs = RELEASE_CATALOG.drugClasses['lipophilic-small']!.matrixSolubilityPctWw.value
    for (const edge of [1, 3]) {
      const below = predictRelease(design('plga-50-50', 150, 'tacrolimus', cs * edge * (1 - 1e-9)), { timesH: [6, 48, 240] })
      const above = predictRelease(design('plga-50-50', 150, 'tacrolimus', cs * edge * (1 + 1e-9)), { timesH: [6, 48, 240] })
      below.environments.plasma.fractionReleased.forEach((f, i) => {
        expect(Math.abs(f - above.environments.plasma.fractionReleased[i]!)).toBeLessThan(1e-6)
      })
    }
  })

  it('the hazard form stays finite and non-negative inside the band', () => {
    // A blended survival keeps a positive Crank share after Baker-Lonsdale has emptied
    const p = predictRelease(design('solid-lipid', 100, 'dexamethasone', 6), { hours: 24 * 30 })
    expect(p.dispersedWeight).toBeGreaterThan(0)
    expect(p.dispersedWeight).toBeLessThan(1)
    for (const f of p.environments.plasma.fractionReleased) expect(f).toBeGreaterThanOrEqual(0)
  })
})

describe('no cliffs in plasma t50 (fast-check over the matrix cores)', () => {
  const core = fc.constantFrom(...MATRIX_CORES)
  const drug = fc.constantFrom(...SMALL_MOLECULES)
  const diameter = fc.double({ min: 40, max: 400, noNaN: true })
  const loading = fc.double({ min: 0.2, max: 30, noNaN: true })

  it('a 10 % step in core diameter changes t50 by less than 2-fold', () => {
    fc.assert(fc.property(core, drug, diameter, loading, (c, d, dia, load) => {
      expect(fold(t50H(design(c, dia, d, load)), t50H(design(c, dia * 1.1, d, load))), `${c} ${d} ${dia} nm ${load} %`).toBeLessThan(2)
    }), { numRuns: 120, seed: 20260510 })
  })

  it('a 10 % step in loading changes t50 by less than 2-fold, across the solubility limit too', () => {
    fc.assert(fc.property(core, drug, diameter, loading, (c, d, dia, load) => {
      expect(fold(t50H(design(c, dia, d, load)), t50H(design(c, dia, d, load * 1.1))), `${c} ${d} ${dia} nm ${load} %`).toBeLessThan(2)
    }), { numRuns: 120, seed: 20260511 })
    // and specifically inside the 1-3 band of C0/Cs, where the old hard switch jumped ~1.9-fold
    const cs = RELEASE_CATALOG.drugClasses['lipophilic-small']!.matrixSolubilityPctWw.value
    fc.assert(fc.property(core, diameter, fc.double({ min: 0.8, max: 3.2, noNaN: true }), (c, dia, ratio) => {
      expect(fold(t50H(design(c, dia, 'tacrolimus', cs * ratio)), t50H(design(c, dia, 'tacrolimus', cs * ratio * 1.1))), `${c} ${dia} nm C0/Cs ${ratio}`).toBeLessThan(1.5)
    }), { numRuns: 120, seed: 20260512 })
  })

  it('switching between drugs of similar size and logP changes t50 by less than 2-fold', () => {
    // "similar": molecular weight within 40 Da and logP within 1, same matrix solubility class value
    const pairs: Array<[DrugId, DrugId]> = []
    for (const a of SMALL_MOLECULES) {
      for (const b of SMALL_MOLECULES) {
        if (a >= b) continue
        const da = getDrug(a)
        const db = getDrug(b)
        const csA = RELEASE_CATALOG.drugClasses[RELEASE_CATALOG.drugs[a]!.class]!.matrixSolubilityPctWw.value
        const csB = RELEASE_CATALOG.drugClasses[RELEASE_CATALOG.drugs[b]!.class]!.matrixSolubilityPctWw.value
        if (Math.abs(da.molecularWeightDa.value - db.molecularWeightDa.value) <= 40
          && Math.abs(da.logP!.value - db.logP!.value) <= 1 && csA === csB) pairs.push([a, b])
      }
    }
    expect(pairs.length).toBeGreaterThanOrEqual(2) // tacrolimus-docetaxel, dexamethasone-capecitabine
    fc.assert(fc.property(core, fc.constantFrom(...pairs), diameter, loading, (c, [a, b], dia, load) => {
      expect(fold(t50H(design(c, dia, a, load)), t50H(design(c, dia, b, load))), `${c} ${a}/${b} ${dia} nm ${load} %`).toBeLessThan(2)
    }), { numRuns: 120, seed: 20260513 })
  })
})
