import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  deriveGeometry, deriveProperties, pegBrushThicknessNm, pegFloryRadiusNm, pegLayerModel, pegOverlapDensityPerNm2,
} from '../../../../shared/design/derived'
import { validateDesign } from '../../../../shared/design/schema'
import { newDesign } from '../../../../shared/design/defaults'
import { getCore, getDrug, getLigand, getMembrane } from '../../../../shared/catalog/index'
import type { Design } from '../../../../shared/design/types'

const NA = 6.022e23
/** fg of one molecule: MW / N_A g × 1e15 fg/g. */
const molFg = (mw: number): number => (mw / NA) * 1e15
/** fg of a volume in nm³ at density g/cm³: nm³ × 1e-21 cm³ × ρ g/cm³ × 1e15 fg/g. */
const volFg = (nm3: number, rho: number): number => nm3 * 1e-21 * rho * 1e15
const sphere = (r: number): number => (4 / 3) * Math.PI * r ** 3
const area = (r: number): number => 4 * Math.PI * r * r

function loadExample(name: string): Design {
  const raw: unknown = JSON.parse(readFileSync(fileURLToPath(new URL(`../../../../resources/examples/${name}`, import.meta.url)), 'utf8'))
  const v = validateDesign(raw)
  if (!v.valid) throw new Error(JSON.stringify(v.errors))
  return v.design
}

describe('PEG layer model (brief §2.4.2)', () => {
  it('reproduces the brief table of Flory radii', () => {
    // Brief table: 1 kDa 2.3, 2 kDa 3.5, 3.4 kDa 4.8, 5 kDa 6.0, 10 kDa 9.1 nm (rounded to 0.1 nm).
    const table: Array<[number, number]> = [[1000, 2.3], [2000, 3.5], [3400, 4.8], [5000, 6.0], [10000, 9.1]]
    for (const [mw, rf] of table) expect(Math.abs(pegFloryRadiusNm(mw) - rf)).toBeLessThanOrEqual(0.06)
  })

  it('gives Γ* ≈ 0.035 nm⁻² for 5 kDa', () => {
    expect(Math.abs(pegOverlapDensityPerNm2(5000) - 0.035)).toBeLessThan(0.001)
  })

  it('switches from mushroom to brush when Γ crosses Γ*', () => {
    const star = pegOverlapDensityPerNm2(5000)
    const below = pegLayerModel(5000, 0.9 * star)
    const above = pegLayerModel(5000, 1.1 * star)
    expect(below.regime).toBe('mushroom')
    expect(above.regime).toBe('brush')
    expect(below.coverageRatio).toBeCloseTo(0.9, 10)
    // Mushroom thickness is R_F; brush is N·a^(5/3)/D^(2/3) with D = Γ^-1/2.
    const rf = 0.35 * (5000 / 44) ** 0.6
    expect(below.layerThicknessNm).toBeCloseTo(rf, 10)
    const d = (1.1 * star) ** -0.5
    expect(above.layerThicknessNm).toBeCloseTo(((5000 / 44) * 0.35 ** (5 / 3)) / d ** (2 / 3), 10)
    expect(above.layerThicknessNm).toBeGreaterThan(rf)
  })

  it('brush height grows as Γ^(1/3) and equals R_F where D = R_F', () => {
    expect(pegBrushThicknessNm(2000, 0.8) / pegBrushThicknessNm(2000, 0.1)).toBeCloseTo(8 ** (1 / 3), 10)
    const rf = pegFloryRadiusNm(2000)
    expect(pegBrushThicknessNm(2000, 1 / rf ** 2)).toBeCloseTo(rf, 10)
  })
})

describe('geometry', () => {
  it('surface area is 4πr² of the outer radius; no coatings means the core surface', () => {
    const g = deriveGeometry({ material: 'gold', diameterNm: 100 }, [], [])
    expect(g.surfaceAreaNm2).toBeCloseTo(4 * Math.PI * 50 ** 2, 6)
    expect(g.coreSurfaceAreaNm2).toBeCloseTo(g.surfaceAreaNm2, 6)
    expect(g.ligandSpacingNm).toBeNull()
    expect(g.hydrodynamicDiameterNm).toBe(100)
  })

  it('stacks layers inner to outer, to scale', () => {
    const g = deriveGeometry({ material: 'plga-50-50', diameterNm: 100 }, [
      { kind: 'lipid', material: 'lipid-bilayer' },
      { kind: 'polymer', material: 'hyaluronic-acid', thicknessNm: 7 },
      { kind: 'peg', molecularWeightDa: 5000, graftingDensityPerNm2: 0.02 },
    ], [])
    expect(g.layers.map((l) => l.kind)).toEqual(['core', 'lipid', 'polymer', 'peg'])
    for (let i = 1; i < g.layers.length; i++) expect(g.layers[i]!.innerRadiusNm).toBe(g.layers[i - 1]!.outerRadiusNm)
    const rf = 0.35 * (5000 / 44) ** 0.6
    // 0.02 < Γ*(5 kDa) ≈ 0.035, so the PEG is a mushroom of thickness R_F.
    expect(g.outerRadiusNm).toBeCloseTo(50 + 5 + 7 + rf, 10)
    expect(g.shellThicknessNm).toBeCloseTo(12, 10)
    expect(g.pegLayers[0]!.graftRadiusNm).toBeCloseTo(62, 10)
    expect(g.pegLayers[0]!.chainsPerParticle).toBeCloseTo(0.02 * area(62), 6)
  })
})

describe('the three spec examples, derived by hand', () => {
  it('RBC-cloaked silica (lupus nephritis)', () => {
    const d = deriveProperties(loadExample('lupus-rbc-silica.nanoforge.json'))
    const t = getMembrane('red-blood-cell').thicknessNm.value
    const r = 30 + t
    const ab = getLigand('anti-vcam-1')
    expect(d.pegRegime).toBe('none')
    expect(d.shellThicknessNm).toBe(t)
    expect(d.outerRadiusNm).toBe(r)
    expect(d.surfaceAreaNm2).toBeCloseTo(area(r), 6)
    expect(d.ligandsPerParticle).toBe(20)
    expect(d.ligandSpacingNm!).toBeCloseTo(Math.sqrt(area(r) / 20), 8)
    expect(d.hydrodynamicDiameterNm).toBeCloseTo(2 * (r + ab.lengthNm.value), 8)
    const mass = volFg(sphere(30), getCore('mesoporous-silica').densityGPerCm3.value)
      + volFg(sphere(r) - sphere(30), getMembrane('red-blood-cell').densityGPerCm3.value)
      + 20 * molFg(ab.molecularWeightDa.value)
    expect(d.particleMassFg / mass).toBeCloseTo(1, 3)
    expect(d.particlesPerMg / (1e12 / mass)).toBeCloseTo(1, 3)
    expect(d.drugMassPerParticleFg / (0.04 * mass)).toBeCloseTo(1, 3)
  })

  it('folate PEG-liposome (RA): mushroom PEG, vesicle wall mass', () => {
    const d = deriveProperties(loadExample('ra-folate-peg-liposome.nanoforge.json'))
    const rf = 0.35 * (2000 / 44) ** 0.6
    expect(d.pegFloryRadiusNm!).toBeCloseTo(rf, 10)
    expect(d.pegCoverageRatio!).toBeCloseTo(0.08 / (4 / (Math.PI * rf * rf)), 10)
    expect(d.pegRegime).toBe('mushroom')
    expect(d.pegGraftDistanceNm!).toBeCloseTo(1 / Math.sqrt(0.08), 10)
    const r = 47.5 + rf
    expect(d.outerRadiusNm).toBeCloseTo(r, 10)
    expect(d.hydrodynamicDiameterNm).toBeCloseTo(2 * (r + getLigand('folate').lengthNm.value), 8)
    const wall = getCore('liposome').wallThicknessNm!.value
    const chains = 0.08 * area(47.5)
    const carrier = volFg(sphere(47.5) - sphere(47.5 - wall), getCore('liposome').densityGPerCm3.value)
      + chains * molFg(2000) + 150 * molFg(getLigand('folate').molecularWeightDa.value)
    const particle = carrier / (1 - 0.06)
    expect(d.particleMassFg / particle).toBeCloseTo(1, 3)
    expect(d.drugMassPerParticleFg / (0.06 * particle)).toBeCloseTo(1, 3)
    expect(d.drugMoleculesPerParticle / ((0.06 * particle) / molFg(getDrug('dexamethasone').molecularWeightDa.value))).toBeCloseTo(1, 3)
    expect(d.layers.map((l) => l.kind)).toEqual(['core', 'peg'])
    expect(d.coreLumenRadiusNm).toBe(47.5 - wall)
  })

  it('insulin B9-23 PLGA (T1D): bare 400 nm sphere', () => {
    const d = deriveProperties(loadExample('t1d-tolerogenic-plga.nanoforge.json'))
    const rho = getCore('plga-75-25').densityGPerCm3.value
    const mass = volFg(sphere(200), rho)
    expect(d.hydrodynamicDiameterNm).toBe(400)
    expect(d.shellThicknessNm).toBe(0)
    expect(d.surfaceAreaNm2).toBeCloseTo(area(200), 4)
    expect(d.ligandSpacingNm).toBeNull()
    expect(d.particlesPerMg / (1e12 / mass)).toBeCloseTo(1, 6)
    // Order of magnitude check independent of the code: a 400 nm sphere at ~1.3 g/cm3 weighs ~44 fg,
    // so ~2e10 particles per mg.
    expect(d.particlesPerMg).toBeGreaterThan(1.5e10)
    expect(d.particlesPerMg).toBeLessThan(3e10)
    expect(d.drugMoleculesPerParticle / ((0.015 * mass) / molFg(getDrug('insulin-b9-23').molecularWeightDa.value))).toBeCloseTo(1, 4)
  })

  it('the default design is a PEG brush with folate spaced by sqrt(area/n)', () => {
    const d = deriveProperties(newDesign())
    expect(d.pegRegime).toBe('brush')
    const n = 2000 / 44
    const L = (n * 0.35 ** (5 / 3)) / (0.5 ** -0.5) ** (2 / 3)
    expect(d.pegLayerThicknessNm).toBeCloseTo(L, 10)
    expect(d.ligandSpacingNm!).toBeCloseTo(Math.sqrt(area(60 + L) / 250), 8)
    expect(d.pegChainsPerParticle).toBeCloseTo(0.5 * area(60), 6)
  })
})
