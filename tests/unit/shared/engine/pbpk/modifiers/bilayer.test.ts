/**
 * Bilayer modifier (issue #10 item 3): which bilayers count as ordered (lipid T_m and
 * cholesterol), how the factor combines with a PEG coat, smoothness, and the engine's direction
 * (a bare rigid DSPC/cholesterol liposome outlives a bare fluid egg-PC one of the same size).
 */
import { describe, expect, it } from 'vitest'
import { bilayerKMaxFactor, bilayerModifier, orderedBilayerShare } from '../../../../../../shared/engine/pbpk/modifiers/bilayer'
import { PBPK_DATA } from '../../../../../../shared/engine/pbpk/data'
import { getLipid } from '../../../../../../shared/catalog/index'
import { simulateBiodistribution, type BiodistributionInput } from '../../../../../../shared/engine/pbpk'

const bl = PBPK_DATA.modifiers.bilayer
const tm = (id: Parameters<typeof getLipid>[0]): number => getLipid(id).mainTransitionTemperatureC.value
const ctx = { data: PBPK_DATA, bodyWeightKg: 0.025 }

describe('ordered share of a bilayer', () => {
  it('counts DSPC, HSPC and sphingomyelin with 40-45 mol % cholesterol as ordered, egg PC and DOPC as fluid', () => {
    // Gabizon & Papahadjopoulos 1988: rigid SM or HSPC + cholesterol bases circulate, egg-PC ones do not
    for (const id of ['dspc', 'hspc', 'egg-sm'] as const) expect(orderedBilayerShare(tm(id), 45, bl)).toBeGreaterThan(0.9)
    for (const id of ['egg-pc', 'dopc', 'popc'] as const) expect(orderedBilayerShare(tm(id), 45, bl)).toBeLessThan(0.01)
  })

  it('reads a lipid melting above body temperature as gel-phase, ordered without cholesterol (DSPC 55 °C, HSPC 53 °C; CPX-351 DSPC/DSPG with 10 mol %)', () => {
    // r_gel = logistic((T_m − 37 °C)/w): DSPC 18 °C above body temperature, six widths of 3 °C
    expect(bl.bodyTemperatureC.value).toBe(37)
    for (const id of ['dspc', 'hspc'] as const) {
      expect(orderedBilayerShare(tm(id), 0, bl)).toBeGreaterThan(0.98)
      expect(orderedBilayerShare(tm(id), 10, bl)).toBeGreaterThan(0.98)
    }
    // DPPC melts at ~42 °C (Drummond 1999 Table 2), just above 37 °C: gel, but not fully ordered
    const dppc = orderedBilayerShare(tm('dppc'), 0, bl)
    expect(dppc).toBeGreaterThan(0.6)
    expect(dppc).toBeLessThan(0.95)
    expect(orderedBilayerShare(tm('dppc'), 40, bl)).toBeGreaterThan(0.99)
  })

  it('needs cholesterol for a saturated lipid that is fluid at 37 °C, and cholesterol never orders an unsaturated one', () => {
    // DMPC (T_m 24 °C) and egg sphingomyelin (38 °C, at the transition): cholesterol adds order
    for (const id of ['dmpc', 'egg-sm'] as const) expect(orderedBilayerShare(tm(id), 45, bl)).toBeGreaterThan(orderedBilayerShare(tm(id), 0, bl) + 0.2)
    expect(orderedBilayerShare(tm('dmpc'), 0, bl)).toBeLessThan(0.05)
    for (const id of ['egg-pc', 'dopc', 'popc'] as const) {
      for (const chol of [0, 20, 40, 55]) expect(orderedBilayerShare(tm(id), chol, bl)).toBeLessThan(0.01)
    }
  })

  it('combines the two routes as independent shares, r = 1 − (1 − r_gel)(1 − r_chol), monotone in T_m and cholesterol', () => {
    const w = bl.gelTransitionWidthC.value
    const logistic = (x: number): number => 1 / (1 + Math.exp(-x / w))
    // egg sphingomyelin, 20 mol %: smoothstep((20 − 10)/(30 − 10)) = 0.5
    const t = tm('egg-sm')
    const rGel = logistic(t - bl.bodyTemperatureC.value)
    const rChol = logistic(t - bl.orderingMidpointC.value) * 0.5
    expect(orderedBilayerShare(t, 20, bl)).toBeCloseTo(1 - (1 - rGel) * (1 - rChol), 12)
    for (let tC = -20; tC <= 60; tC += 2) {
      for (let chol = 0; chol <= 55; chol += 5) {
        expect(orderedBilayerShare(tC + 1, chol, bl)).toBeGreaterThanOrEqual(orderedBilayerShare(tC, chol, bl))
        expect(orderedBilayerShare(tC, chol + 1, bl)).toBeGreaterThanOrEqual(orderedBilayerShare(tC, chol, bl))
      }
    }
  })

  it('is smooth: a 10 % step in cholesterol or T_m moves the K_max factor by far less than 2-fold', () => {
    const f0 = bl.kMaxFactorOrdered.value
    for (let chol = 5; chol <= 55; chol += 1) {
      for (let t = -20; t <= 60; t += 1) {
        const a = bilayerKMaxFactor(orderedBilayerShare(t, chol, bl), 0, f0)
        const b = bilayerKMaxFactor(orderedBilayerShare(t, chol * 1.1, bl), 0, f0)
        const c = bilayerKMaxFactor(orderedBilayerShare(t + 0.1 * Math.max(Math.abs(t), 1), chol, bl), 0, f0)
        expect(Math.max(a / b, b / a)).toBeLessThan(2)
        expect(Math.max(a / c, c / a)).toBeLessThan(2)
      }
    }
  })

  it('refuses non-finite inputs with the values named', () => {
    expect(() => orderedBilayerShare(Number.NaN, 40, bl)).toThrow(/NaN/)
  })
})

describe('bilayer K_max factor and PEG', () => {
  it('is f_o for a bare fully ordered bilayer, 1 under a fully shielding coat, and in between otherwise', () => {
    const f0 = bl.kMaxFactorOrdered.value
    expect(bilayerKMaxFactor(1, 0, f0)).toBeCloseTo(f0, 12)
    expect(bilayerKMaxFactor(1, 1, f0)).toBe(1)
    const half = bilayerKMaxFactor(1, 0.5, f0)
    expect(half).toBeCloseTo(Math.sqrt(f0), 12)
  })

  it('acts on liver and spleen only, and not at all without a bilayer', () => {
    const base: BiodistributionInput = {
      species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 0, zetaMv: -5,
      membraneCloak: null, ligands: [], core: { coreClass: 'lipid-vesicle', imaging: false, degradable: true },
      particleDoseMgPerKg: 10, particlesPerMg: 1e12,
    }
    expect(bilayerModifier(base, ctx).organs).toEqual({})
    const r = bilayerModifier({ ...base, orderedBilayerShare: 1 }, ctx)
    expect(Object.keys(r.organs).sort()).toEqual(['liver', 'spleen'])
    expect(r.organs.liver?.kMax).toBeCloseTo(bl.kMaxFactorOrdered.value, 12)
    expect(r.assumptions.map((a) => a.id)).toContain('modifier.bilayer.liverSpleenKMax')
  })

  it('makes a bare rigid bilayer outlive a bare fluid one in the engine (same size and dose)', () => {
    const input = (share: number): BiodistributionInput => ({
      species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 0, zetaMv: -5,
      membraneCloak: null, ligands: [], core: { coreClass: 'lipid-vesicle', imaging: false, degradable: true },
      particleDoseMgPerKg: 10, particlesPerMg: 1e12, orderedBilayerShare: share,
    })
    const fluid = simulateBiodistribution(input(orderedBilayerShare(tm('egg-pc'), 45, bl)), { hours: 72 })
    const rigid = simulateBiodistribution(input(orderedBilayerShare(tm('dspc'), 45, bl)), { hours: 72 })
    expect(rigid.bloodHalfLifeH).toBeGreaterThan(2 * fluid.bloodHalfLifeH)
  })
})
