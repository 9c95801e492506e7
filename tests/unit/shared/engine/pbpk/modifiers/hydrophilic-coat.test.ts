import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PBPK_DATA, resolveParameters, type BiodistributionInput } from '../../../../../../shared/engine/pbpk'
import { MODIFIERS } from '../../../../../../shared/engine/pbpk/parameters'
import {
  coatSizeShare, hydrophilicCoatFactor, hydrophilicCoatModifier,
} from '../../../../../../shared/engine/pbpk/modifiers/hydrophilic-coat'
import { hydrophilicCoatOf } from '../../../../../../shared/engine/pbpk/from-design'
import { scoreRows, type PublishedRow, type PublishedRowsFile } from '../../../../../../shared/engine/validation/published-rows'
import type { Design } from '../../../../../../shared/design/types'
import type { PolymerCoatingId } from '../../../../../../shared/catalog/ids'
import { BARE, ctxFor, expectCited } from './helpers'

const hc = PBPK_DATA.modifiers.hydrophilicCoat
const withCoat = (material: PolymerCoatingId, thicknessNm: number, hd = 30): BiodistributionInput =>
  ({ ...BARE, hydrodynamicDiameterNm: hd, hydrophilicCoat: { material, thicknessNm } })
const run = (input: BiodistributionInput) => hydrophilicCoatModifier(input, ctxFor(input))
/** 1 − S_max·h/(h + h_50)·1/(1 + (HD/HD_50)^(1/σ)), written out from the catalog values. */
const expected = (cls: 'zwitterionic' | 'polysaccharide', h: number, hd: number, organ: 'liver' | 'spleen' = 'liver'): number => {
  const c = hc.classes[cls]!
  const w = 1 / (1 + Math.pow(hd / hc.sizeMidpointNm.value, 1 / hc.sizeLogWidth.value))
  const sMax = organ === 'spleen' && c.spleenMaxSuppression ? c.spleenMaxSuppression.value : c.maxSuppression.value
  return 1 - sMax * (h / (h + c.halfEffectThicknessNm.value)) * w
}

describe('hydrophilic-coat modifier (zwitterionic and polysaccharide shells, issue #10 item 3)', () => {
  it('liver and spleen K_max × 1 − S_max·h/(h + h_50)·w(HD), from the catalog values, and nothing else', () => {
    for (const [material, cls] of [['dextran', 'polysaccharide'], ['carboxymethyl-dextran', 'polysaccharide'], ['zwitterionic', 'zwitterionic']] as const) {
      for (const [h, hd] of [[0.5, 10], [5, 30], [12.5, 30], [27.5, 60], [55, 115]] as const) {
        const r = run(withCoat(material, h, hd))
        expect(r.organs.liver!.kMax, `${material} ${h} nm on ${hd} nm`).toBeCloseTo(expected(cls, h, hd), 14)
        expect(r.organs.spleen!.kMax).toBeCloseTo(expected(cls, h, hd, 'spleen'), 14)
        expect(Object.keys(r.organs).sort()).toEqual(['liver', 'spleen'])
        expect(r.scalars).toEqual({})
        expectCited(r)
      }
    }
  })

  it('a dextran shell hides the particle from the liver, not from the splenic marginal zone (SIGN-R1); a zwitterionic one from both', () => {
    const dex = run(withCoat('dextran', 12.5, 30))
    expect(hc.classes.polysaccharide!.spleenMaxSuppression!.value).toBeLessThan(hc.classes.polysaccharide!.maxSuppression.value)
    expect(dex.organs.spleen!.kMax!).toBeGreaterThan(dex.organs.liver!.kMax!)
    expect(dex.assumptions.map((a) => a.id)).toContain('modifier.hydrophilicCoat.polysaccharide.spleenMaxSuppression')
    const zw = run(withCoat('zwitterionic', 10, 30))
    expect(zw.organs.spleen!.kMax).toBe(zw.organs.liver!.kMax)
  })

  it('no effect without a polymer coat, or with a polymer that binds receptors or proteins of its own', () => {
    expect(run(BARE)).toEqual({ organs: {}, lesion: {}, scalars: {}, assumptions: [], warnings: [] })
    for (const m of ['hyaluronic-acid', 'chitosan', 'polysorbate-80'] as const) {
      expect(run(withCoat(m, 10)).organs, m).toEqual({})
    }
  })

  it('limits: a vanishing coat does nothing; a thick coat on a small particle leaves 1 − S_max; a large particle keeps little effect', () => {
    const cls = hc.classes.polysaccharide!
    expect(hydrophilicCoatFactor(0, 20, cls, hc)).toBe(1)
    expect(hydrophilicCoatFactor(1e6, 0.1, cls, hc)).toBeCloseTo(1 - cls.maxSuppression.value, 5)
    expect(hydrophilicCoatFactor(1e6, 1000, cls, hc)).toBeGreaterThan(0.99)
    // half of the size share at the midpoint, by definition of the logistic
    expect(coatSizeShare(hc.sizeMidpointNm.value, hc)).toBeCloseTo(0.5, 14)
  })

  it('monotone and smooth: thicker coats and smaller particles hide more; a 10 % knob step moves the factor < 1.5-fold', () => {
    const cls = hc.classes.polysaccharide!
    for (let hd = 5; hd <= 500; hd *= 1.1) {
      for (let h = 0.1; h <= 100; h *= 1.1) {
        const f = hydrophilicCoatFactor(h, hd, cls, hc)
        const thicker = hydrophilicCoatFactor(h * 1.1, hd, cls, hc)
        const larger = hydrophilicCoatFactor(h, hd * 1.1, cls, hc)
        expect(thicker).toBeLessThanOrEqual(f)
        expect(larger).toBeGreaterThanOrEqual(f)
        expect(Math.max(f / thicker, f / larger, larger / f)).toBeLessThan(1.5)
      }
    }
  })

  it('is one of the named modifiers and reaches the liver K_max of resolveParameters', () => {
    expect(MODIFIERS.map((m) => m.name)).toContain('hydrophilicCoat')
    const liverKMax = (input: BiodistributionInput): number => {
      const c = resolveParameters(input).params.compartments.find((x) => x.key === 'liver')!
      return c.kMaxPerH + c.undelayedUptakePerH
    }
    const coated = withCoat('dextran', 12.5, 30)
    const ratio = liverKMax(coated) / liverKMax(withCoat('hyaluronic-acid', 12.5, 30))
    expect(ratio).toBeCloseTo(expected('polysaccharide', 12.5, 30), 12)
    expect(resolveParameters(coated).assumptions.some((a) => a.id === 'modifier.hydrophilicCoat.polysaccharide.maxSuppression')).toBe(true)
  })

  it('from-design reads the outermost coat only when it is a polymer shell', () => {
    const coats = (c: Design['coatings']): Design => ({ coatings: c } as unknown as Design)
    expect(hydrophilicCoatOf(coats([{ kind: 'polymer', material: 'dextran', thicknessNm: 12 }])))
      .toEqual({ hydrophilicCoat: { material: 'dextran', thicknessNm: 12 } })
    expect(hydrophilicCoatOf(coats([{ kind: 'polymer', material: 'dextran', thicknessNm: 12 }, { kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }]))).toEqual({})
    expect(hydrophilicCoatOf(coats([]))).toEqual({})
  })
})

describe('calibration of the polysaccharide class on the dextran-type calibration rows (pbpk-published.json)', () => {
  const file = JSON.parse(readFileSync(join(__dirname, '../../../../../../resources/validation/pbpk-published.json'), 'utf8')) as PublishedRowsFile
  const rows = file.rows.filter((r) => r.set === 'calibration' && /^(chouly1996|ferumoxtran10)/.test(r.id))
  const asHyaluronic = (r: PublishedRow): PublishedRow => {
    const d = r.design as Design
    return { ...r, design: { ...d, coatings: d.coatings.map((c) => c.kind === 'polymer' ? { ...c, material: 'hyaluronic-acid' } : c) } }
  }

  it('the rows describe their shells with the dextran materials (no hyaluronic-acid stand-in left)', () => {
    expect(rows.map((r) => r.id).sort()).toEqual([
      'chouly1996-magnetite-dextran-33nm-mouse-liver-20min', 'chouly1996-magnetite-dextran-90p6nm-mouse-liver-20min', 'ferumoxtran10-human-thalf',
    ])
    for (const r of rows) expect((r.design as Design).coatings.map((c) => c.kind === 'polymer' ? c.material : c.kind)).toEqual(['dextran'])
  })

  it('magnetite-dextran in mouse liver (Chouly 1996: 22 and 42 %ID at 20 min) and ferumoxtran-10 in people (25-30 h) land within 2-fold', () => {
    for (const s of scoreRows(rows)) expect(s.within2Fold, `${s.row.id}: ${s.predicted} vs ${s.row.value}`).toBe(true)
  })

  it('the dextran coat brings the 30 nm rows nearer the published values than the bare-reading stand-in did', () => {
    const small = rows.filter((r) => !r.id.includes('90p6nm'))
    const now = scoreRows(small)
    const before = scoreRows(small.map(asHyaluronic))
    now.forEach((s, i) => expect(Math.abs(Math.log(s.ratio)), s.row.id).toBeLessThan(Math.abs(Math.log(before[i]!.ratio))))
  })
})
