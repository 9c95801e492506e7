/**
 * Validation against the brief's Part 3 rows that apply to intravenous particles, with the
 * brief's tolerance: within 2-fold for %ID / PK values, direction and rank for qualitative
 * rows. Where the model misses a published value, the test states it and asserts only what
 * the model reproduces (reported in docs/science.md as a known gap, not hidden).
 */
import { describe, expect, it } from 'vitest'
import { deriveMetrics, PBPK_DATA, renalFilteredFraction, residualizingLabelPercentDose, runModel, resolveParameters, simulateBiodistribution, type BiodistributionInput } from '../../../../../shared/engine/pbpk'
import { at } from './fixtures'
import { readDoc } from '../../../support/docs'

const within2Fold = (model: number, published: number): boolean => model >= published / 2 && model <= published * 2

/**
 * Zwitterionic quantum dot (no PEG, neutral), mouse, low dose. Choi 2007's cysteine coat
 * adsorbs no serum protein: proteinRepellentFraction 1, so no corona reaches the glomerulus.
 */
const QD: BiodistributionInput = {
  species: 'mouse', disease: 'healthy', goal: 'image', hydrodynamicDiameterNm: 4.36, pegCoverageRatio: 0, zetaMv: 0, proteinRepellentFraction: 1,
  membraneCloak: null, ligands: [], core: { coreClass: 'inorganic-solid', imaging: true, degradable: false }, particleDoseMgPerKg: 1,
}
/** 100 nm liposome in a healthy mouse, 10 mg/kg lipid. */
const LIPOSOME: BiodistributionInput = {
  ...QD, goal: 'deliver', hydrodynamicDiameterNm: 100, zetaMv: -10,
  core: { coreClass: 'lipid-vesicle', imaging: false, degradable: true }, particleDoseMgPerKg: 10,
}

describe('Part 3 row 9: QDs 4.36 vs 8.65 nm (Choi 2007), %ID at ~4 h', () => {
  // The glomerular sieving curve (renalFilteredFraction) is calibrated on the two liver values
  // of this row (pbpk.json excretion.renalFiltration), so the liver tests below check the
  // calibration; excretion, lung, spleen and ranking are independent of it.
  const small = simulateBiodistribution(QD, { hours: 24, timesH: [4] })
  const large = simulateBiodistribution({ ...QD, hydrodynamicDiameterNm: 8.65 }, { hours: 24, timesH: [4] })
  const justBelow = simulateBiodistribution({ ...QD, hydrodynamicDiameterNm: PBPK_DATA.excretion.renalFiltration.choiThresholdNm.value - 0.1 }, { hours: 24, timesH: [4] })

  it('liver %ID within 2-fold of 26.5 % (8.65 nm) and of 4.5 % (4.36 nm) [both calibration targets of the sieving width]', () => {
    // The 4.36 nm dot was a known gap (1.8 vs 4.5 %) after the zwitterionic-shell modifier lowered
    // its liver uptake; the sieving width, refitted on these two values (0.65 nm, equal margin),
    // closes it, and agrees independently with Ficoll sieving (excretion.test.ts).
    expect(within2Fold(at(large, 'liver', 4), 26.5)).toBe(true)
    expect(within2Fold(at(small, 'liver', 4), 4.5)).toBe(true)
  })
  it('< 5.5 nm → rapid urinary excretion: most of a 4.36 nm dot and of one just below 5.5 nm is in urine by 4 h, the 8.65 nm dot much less', () => {
    expect(at(small, 'excreted', 4)).toBeGreaterThan(50)
    expect(at(justBelow, 'excreted', 4)).toBeGreaterThan(50)
    expect(at(large, 'excreted', 4)).toBeLessThan(at(small, 'excreted', 4) / 2)
  })
  it('4.36 nm: lung and spleen < 1 %ID (published < 1 / < 1)', () => {
    expect(at(small, 'lungs', 4)).toBeLessThan(1)
    expect(at(small, 'spleen', 4)).toBeLessThan(1)
  })
  it('rank order small < large for liver, lung and spleen', () => {
    for (const k of ['liver', 'lungs', 'spleen']) expect(at(large, k, 4)).toBeGreaterThan(at(small, k, 4))
  })
  it('the dot is filtered well below inulin: blood t½ several times ln2·V/GFR', () => {
    // Mouse intravascular volume ≈ 2.2 mL and GFR = 0.31 L/h/kg^0.75 · BW^0.75 ≈ 16.5 mL/h give
    // an inulin-like t½ ≈ 5.5 min; the brief's former rule (f = 1 below 5.5 nm) cleared the
    // 4.36 nm dot that fast and left 0.9 %ID in the liver. A sieving coefficient < 1 keeps it
    // in blood long enough for the liver to take its share.
    const gfrLPerH = mouse.gfrCoefficient.value * Math.pow(bw, 0.75)
    const inulinTHalf = (Math.LN2 * intravascularL) / gfrLPerH
    expect(renalFilteredFraction(4.36)).toBeLessThan(1)
    expect(small.bloodHalfLifeH).toBeGreaterThan(inulinTHalf * 1.5)
  })
  it('KNOWN GAP: 8.65 nm lung (9.1 %) and spleen (6.3 %) are below the 2-fold band', () => {
    // Why the published values do not apply to this model. We assert the values stay under
    // the published ones, so a future calibration that fixes them makes this test fail loudly.
    // - lung: no capture mechanism in the brief for a neutral zwitterionic dot (the only
    //   lung-capture rule is ζ > +15 mV, §2.4.3); see the ceiling test below.
    // - spleen: splenic phagocytes take from splenic tissue (structure [C]), which holds
    //   particles at P = 0.15 of the blood concentration: partition-limited, not permeability-
    //   limited, and the brief's size rule raises spleen K_max only above ~150 nm (red-pulp slits).
    expect(at(large, 'lungs', 4)).toBeLessThan(9.1 / 2)
    expect(at(large, 'spleen', 4)).toBeLessThan(6.3 / 2)
  })

  // Mouse intravascular volume and GFR from the catalog (independent of the engine code):
  // blood + every organ's capillary blood (rest of body by difference), brief §2.3.
  const mouse = PBPK_DATA.species.mouse
  const bw = mouse.bodyWeightKg.value
  const vf = mouse.volumeFractions as Record<string, { value: number }>
  const bvf = mouse.capillaryBloodFractions as Record<string, { value: number }>
  const restFraction = 1 - Object.values(vf).reduce((s, v) => s + v.value, 0)
  const volumeOf = (organ: string): number => (organ === 'rest' ? restFraction : vf[organ]!.value) * bw
  const capillaryL = Object.keys(bvf).reduce((s, o) => s + bvf[o]!.value * volumeOf(o), 0)
  const intravascularL = vf.blood!.value * bw + capillaryL

  it('diagnosis (8.65 nm lung): without phagocytic capture the lungs cannot hold 4.55 %ID even with the whole dose in blood', () => {
    // Lung phagocytes (mouse set B: K_max 0.01 /h, K_50 48 h, n 5) are inactive at 4 h:
    // (4/48)^5 ≈ 4e-6. What is left is capillary blood + tissue at P = 0.15, i.e. at most
    // (V_cap + P·V_t)/V_intravascular of the dose at the blood concentration of t = 0.
    const lungNp = PBPK_DATA.organNp.mouse.lungs
    const hill = Math.pow(4, lungNp.hillN.value) / (Math.pow(lungNp.k50H.value, lungNp.hillN.value) + Math.pow(4, lungNp.hillN.value))
    expect(lungNp.kMaxPerH.value * hill).toBeLessThan(1e-6)
    const vLung = volumeOf('lungs')
    const vCap = bvf.lungs!.value * vLung
    const ceiling = 100 * (vCap + lungNp.partitionCoefficient.value * (vLung - vCap)) / intravascularL
    expect(ceiling).toBeLessThan(9.1 / 2)
    expect(at(large, 'lungs', 4)).toBeLessThanOrEqual(ceiling)
  })
})

/**
 * Coverage ratio Γ/Γ* of a 5 mol % PEG2000-DSPE liposome, computed independently of the
 * engine from the brief's §2.4.2 formulas: R_F = 0.35 nm · N^(3/5), N = 2000/44,
 * Γ* = 4/(π R_F²); Γ ≈ 0.075 chains/nm² (5 mol % of lipids at ~0.65 nm² per lipid, half of
 * them in the outer leaflet: 0.05 / 0.65 ≈ 0.077).
 */
const PEG2000_5MOL_COVERAGE = 0.075 / (4 / (Math.PI * (0.35 * Math.pow(2000 / 44, 0.6)) ** 2))

describe('Part 3 rows 3 and 4: PEG-liposomes vs conventional liposomes (mouse)', () => {
  const conventional = simulateBiodistribution(LIPOSOME, { timesH: [24] })
  // A Doxil-like liposome: 5 mol % PEG2000 is a mushroom-regime coat (Γ/Γ* ≈ 0.72).
  const doxilLike = simulateBiodistribution({ ...LIPOSOME, pegCoverageRatio: PEG2000_5MOL_COVERAGE }, { timesH: [24] })
  // Dense PEG brush: coverage ratio 3 (the cap of the brief §2.4.2 mapping).
  const pegDense = simulateBiodistribution({ ...LIPOSOME, pegCoverageRatio: 3 }, { timesH: [24] })
  const pegBrush = simulateBiodistribution({ ...LIPOSOME, pegCoverageRatio: 2 }, { timesH: [24] })

  it('the 5 mol % PEG2000 liposome is in the mushroom regime by the brief\'s formulas (Γ/Γ* 0.6-0.8)', () => {
    expect(PEG2000_5MOL_COVERAGE).toBeGreaterThan(0.6)
    expect(PEG2000_5MOL_COVERAGE).toBeLessThan(0.8)
  })
  it('row 3: a 5 mol % PEG2000 liposome circulates with t½ within 2-fold of 15-24 h ([7.5, 48] h)', () => {
    expect(doxilLike.bloodHalfLifeH).toBeGreaterThanOrEqual(7.5)
    expect(doxilLike.bloodHalfLifeH).toBeLessThanOrEqual(48)
  })
  it('row 3: denser brushes stay within the band too ([7.5, 48] h)', () => {
    for (const r of [pegBrush, pegDense]) {
      expect(r.bloodHalfLifeH).toBeGreaterThanOrEqual(7.5)
      expect(r.bloodHalfLifeH).toBeLessThanOrEqual(48)
    }
  })
  it('row 4: > 5-fold prolongation of circulation by 5 mol % PEG2000 (Papahadjopoulos 1991), and by a dense brush', () => {
    expect(doxilLike.bloodHalfLifeH / conventional.bloodHalfLifeH).toBeGreaterThan(5)
    expect(pegDense.bloodHalfLifeH / conventional.bloodHalfLifeH).toBeGreaterThan(5)
  })
  it('row 4: lower liver/spleen uptake at 24 h (liver + spleen incl. carrier degraded there)', () => {
    const res = (r: typeof conventional): number => at(r, 'liver', 24) + at(r, 'spleen', 24) + at(r, 'degraded', 24)
    expect(res(doxilLike)).toBeLessThan(res(conventional))
    expect(res(pegDense)).toBeLessThan(res(conventional))
    expect(res(pegBrush)).toBeLessThan(res(conventional))
  })
})

describe('Part 3 row 5: non-PEG vs PEG PLGA particles (~120 nm, mouse IV): bare cleared in minutes, PEG keeps them in blood for hours', () => {
  const PLGA: BiodistributionInput = { ...QD, goal: 'deliver', hydrodynamicDiameterNm: 120, zetaMv: -25, core: { coreClass: 'polymer-matrix', imaging: false, degradable: true }, particleDoseMgPerKg: 10 }
  const bare = simulateBiodistribution(PLGA)
  const pegylated = [1, 3].map((s) => simulateBiodistribution({ ...PLGA, pegCoverageRatio: s }))
  it('PLGA-mPEG remains for hours (t½ > 1.5 h), stronger with more PEG; > 5× the bare particle', () => {
    // Hours, as published for PLGA-mPEG5000 of 113 nm in mice: 44.7 %ID in blood at 3 h and 5.5 %ID
    // at 24 h (Panagi 2001, doi:10.1016/S0378-5173(01)00676-7, a stealth-calibration.json row), so the
    // blood halves by 3·ln 2 / ln(100/44.7) = 2.6 h [D]. (The former > 4 h was the engine's own
    // value with the liposome-calibrated PEG residual, which the PEG-PLGA rows refute.)
    expect(pegylated[0]!.bloodHalfLifeH).toBeGreaterThan(1.5)
    expect(pegylated[1]!.bloodHalfLifeH).toBeGreaterThan(pegylated[0]!.bloodHalfLifeH)
    expect(pegylated[0]!.bloodHalfLifeH / bare.bloodHalfLifeH).toBeGreaterThan(5)
  })
  it('bare PLGA is cleared within minutes: blood t½ < 30 min', () => {
    // Liver uptake of ≥ 100 nm particles acts at once (Lin 2016, row 10; pbpk.json
    // modifiers.size.liverImmediateUptakeAboveNm), at K_max 20 /h on sinusoidal blood that
    // holds ~15 % of the intravascular volume: t½ ≈ ln2 / (20 × 0.15) ≈ 14 min.
    expect(bare.bloodHalfLifeH).toBeLessThan(0.5)
  })
  it('docs/science.md\'s Part 3 table states these half-lives', () => {
    const science = readDoc('docs/science.md')
    expect(science).toContain(`reproduced: t½ ${Math.round(60 * bare.bloodHalfLifeH)} min bare, ${pegylated[0]!.bloodHalfLifeH.toFixed(1)} h PEGylated`)
  })
})

describe('Brief §2.4.1 splenic filtration: particles > ~200 nm are retained by the red pulp (Moghimi 1995)', () => {
  // Threshold from the brief: the spleen is 0.5 % of body weight against the liver's 5.5 %
  // (§2.3). If the spleen is *the* filter for > 200 nm particles (§2.4.1; Getts 2012: 500 nm
  // particles act through splenic marginal-zone macrophages) its exposure per gram must exceed
  // the liver's; with the liver holding the majority (row 11, ≥ 50 %ID) that already needs
  // spleen ≥ 50 × 0.005/0.055 ≈ 4.5 %ID, hence the 5 %ID floor.
  const PLGA: BiodistributionInput = { ...QD, goal: 'deliver', hydrodynamicDiameterNm: 400, zetaMv: -25, core: { coreClass: 'polymer-matrix', imaging: false, degradable: true }, particleDoseMgPerKg: 10 }
  const large = simulateBiodistribution(PLGA, { timesH: [24] })
  const small = simulateBiodistribution({ ...PLGA, hydrodynamicDiameterNm: 100 }, { timesH: [24] })
  it('400 nm PLGA: spleen ≥ 5 %ID at 24 h and, per gram, above the liver', () => {
    // Red-pulp retention feeds the splenic macrophages through their saturable uptake, and
    // the splenic macrophages' uptake of large particles acts at once as the liver's does
    // (size modifier, Lin 2016), so per gram the spleen passes the liver for particles above
    // the slit size.
    expect(at(large, 'spleen', 24)).toBeGreaterThanOrEqual(5)
    const ratio = (at(large, 'spleen', 24) / 0.005) / (at(large, 'liver', 24) / 0.055)
    expect(ratio).toBeGreaterThan(1)
  })
  it('100 nm PLGA (below the slit size) loads the spleen far less than 400 nm', () => {
    expect(at(small, 'spleen', 24)).toBeLessThan(at(large, 'spleen', 24) / 3)
  })
  it('row 11 still holds for the large particle: liver + spleen is the majority (30-99 %ID)', () => {
    const ls = at(large, 'liver', 24) + at(large, 'spleen', 24)
    expect(ls).toBeGreaterThanOrEqual(30)
    expect(ls).toBeLessThanOrEqual(99)
  })
})

/**
 * Row 10 (Lin 2016, Nanotoxicology 10:162 [V]): PEG-gold 13 and 100 nm, 0.85 mg/kg, mouse IV.
 * 100 nm particles are endocytosed at once, mainly from blood; 13 nm particles cross the
 * capillary wall and are taken up after a ~10 h delay.
 */
describe('Part 3 row 10: immediate uptake of 100 nm vs delayed uptake of 13 nm PEG-gold (Lin 2016)', () => {
  const GOLD_PEG: BiodistributionInput = { ...QD, goal: 'deliver', pegCoverageRatio: 1, zetaMv: -5, particleDoseMgPerKg: 0.85 }
  const liverOf = (hd: number) => resolveParameters({ ...GOLD_PEG, hydrodynamicDiameterNm: hd }).params.compartments.find((c) => c.key === 'liver')!
  it('the liver takes 100 nm particles from sinusoidal blood without a delay, 13 nm ones only through the Hill activation', () => {
    const large = liverOf(100)
    const small = liverOf(13)
    expect(large.uptakeSource).toBe('capillary')
    expect(large.kMaxPerH).toBe(0)
    expect(large.undelayedUptakePerH).toBeGreaterThan(0)
    expect(small.undelayedUptakePerH).toBe(0)
    expect(small.kMaxPerH).toBeGreaterThan(0)
  })
  it('observable: in the first 4 h the liver gains > 5× more of the 100 nm than of the 13 nm dose', () => {
    // The first hours, before the 13 nm particles' ~10 h delay ends: a PEG brush on a solid core
    // leaves it 0.1 of its uptake (pbpk.json modifiers.peg.solidCoreResidualFraction), so by 1 h a
    // third of the 100 nm dose is already in the liver and a 1-10 h window would measure what is left.
    const gain = (hd: number): number => {
      const r = simulateBiodistribution({ ...GOLD_PEG, hydrodynamicDiameterNm: hd }, { hours: 24, timesH: [0, 4] })
      return at(r, 'liver', 4) - at(r, 'liver', 0)
    }
    expect(gain(100)).toBeGreaterThan(5 * gain(13))
  })
})

describe('Part 3 row 11: typical 100-200 nm NPs, liver + spleen majority at 24 h (30-99 %ID)', () => {
  for (const hd of [100, 150, 200]) {
    it(`${hd} nm non-PEG gold: liver + spleen at 24 h in [30, 99] %ID`, () => {
      const r = simulateBiodistribution({ ...QD, goal: 'deliver', hydrodynamicDiameterNm: hd, zetaMv: -20 }, { timesH: [24] })
      const ls = at(r, 'liver', 24) + at(r, 'spleen', 24)
      expect(ls).toBeGreaterThanOrEqual(30)
      // "~30-99 %": the upper end is approximate; 99.5 allows its rounding (200 nm: 99.2 %)
      expect(ls).toBeLessThanOrEqual(99.5)
    })
  }
})

describe('Part 3 row 14: delivery efficiency DE24 > DE168 (Cheng 2020)', () => {
  // Cheng's values are tumour %ID; the engine's target compartment follows the tumour template
  // (brief §2.5), so the ordering is tested on the inflamed-joint target. The magnitudes
  // (median 0.76 / 0.35 %) are tumour values and do not transfer to joints.
  it('degradable PEG-liposome: joint %ID at 24 h exceeds that at 168 h', () => {
    const r = simulateBiodistribution({ ...LIPOSOME, disease: 'rheumatoid-arthritis', pegCoverageRatio: 2 }, { hours: 168, timesH: [24, 168] })
    expect(at(r, 'joints', 24)).toBeGreaterThan(at(r, 'joints', 168))
  })
  it('population: over a factorial of typical designs, mean and median joint %ID at 24 h exceed those at 168 h', () => {
    // Cheng's row is a statistic over 376 datasets (24 h mean 2.24 / median 0.76 %ID; 168 h
    // mean 1.23 / median 0.35 %ID). The analogue here: the joint, the compartment built on
    // Cheng's tumour template, for a factorial of the particle types such datasets hold — four
    // core classes × HD 30-200 nm × bare / PEG mushroom / PEG brush, 5 mg/kg, intact particles
    // counted as %ID of particles (the DE definition). Counted through a residualizing label
    // instead, the joint keeps what its cells degraded and the mean rises (1.8 → 3.1 %ID on 2026-12-07):
    // Cheng's datasets mix counting methods, so the ordering is checked on particles.
    const cores: Array<BiodistributionInput['core']> = [
      { coreClass: 'inorganic-solid', imaging: true, degradable: false },
      { coreClass: 'lipid-vesicle', imaging: false, degradable: true },
      { coreClass: 'polymer-matrix', imaging: false, degradable: true },
      { coreClass: 'inorganic-porous', imaging: false, degradable: false },
    ]
    const de24: number[] = []
    const de168: number[] = []
    for (const core of cores) {
      for (const hd of [30, 60, 100, 150, 200]) {
        for (const peg of [0, 1, 2]) {
          const r = simulateBiodistribution({
            ...QD, goal: 'deliver', disease: 'rheumatoid-arthritis', core, hydrodynamicDiameterNm: hd,
            pegCoverageRatio: peg, zetaMv: peg > 0 ? -5 : -20, particleDoseMgPerKg: 5,
          }, { hours: 168, timesH: [24, 168] })
          de24.push(at(r, 'joints', 24))
          de168.push(at(r, 'joints', 168))
        }
      }
    }
    const mean = (x: number[]): number => x.reduce((sum, v) => sum + v, 0) / x.length
    const median = (x: number[]): number => {
      const y = [...x].sort((a, b) => a - b)
      return (y[(y.length - 1) >> 1]! + y[y.length >> 1]!) / 2
    }
    // KNOWN GAP since capacity is counted in particles: the median still falls from 24 to 168 h,
    // but the mean rises (1.33 → 1.55 %ID on 2026-12-07), carried by the small inorganic particles whose
    // particle numbers (5 mg/kg of 30 nm cores ~1e13) saturate the liver, so they circulate and
    // keep reaching the joint. Pinned so a fix (membrane-area capacity) shows.
    expect(median(de24)).toBeGreaterThan(median(de168))
    expect(mean(de24)).toBeLessThan(mean(de168))
  })
  it('KNOWN GAP: a persistent (gold) particle keeps accumulating in the joint phagocytes after 24 h', () => {
    // Checked against the brief's parameters (none reproduces the ordering without breaking
    // another test, so none is applied):
    // - the inflamed joint's phagocytes are active from injection (ELVIS, see row 15)
    //   with K_rel 0.005 /h (t½ ~140 h); what they release is taken up again before it can
    //   leave through the capillary wall (P = 0.15), so for a particle that is neither degraded
    //   nor cleared from blood the joint is a trap; G2's fitted K_rel 0.0071 /h changes the
    //   168 h value by < 10 %;
    // - the return path feeds the joint: liver and spleen phagocytes release intact particles
    //   (mouse set B K_rel 0.02 and 0.09 /h) and keep ~4.5 %ID of this particle in blood at
    //   168 h. Set A's gold-family K_rel (0.0015 / 0.001 /h) drops that to ~1.3 %ID, yet the joint
    //   still gains ~20 % from 24 to 168 h (a bare gold particle then holds level: 0.17 %ID);
    // - only the G1 capacity (1 µg/g [C], vs the 15 µg/g [U] used for macrophage-rich synovium)
    //   gives DE24 > DE168, by saturating the joint at ~1 %ID per mg/kg of dose, which breaks
    //   the ligand-gain bounds.
    // Cheng's ordering is a population statement over tumour datasets in which degradable
    // carriers and label loss dominate; for this PEG-brush particle (t½ ~16 h, plus the release
    // from liver phagocytes) more than half of the blood exposure over 168 h comes after 24 h.
    const r = simulateBiodistribution({ ...QD, goal: 'deliver', disease: 'rheumatoid-arthritis', hydrodynamicDiameterNm: 100, pegCoverageRatio: 2 }, { hours: 168, timesH: [24, 168] })
    expect(at(r, 'joints', 168)).toBeGreaterThan(at(r, 'joints', 24))
  })
})

/**
 * Row 22 (Lu et al. 2024, Environ Sci: Nano 11:406): across 19 NP types, the HD-based model
 * gives the highest blood clearance rate constant at HD ≈ 20 nm (penetration + phagocytosis).
 * Compared here on otherwise equal particles: neutral, non-PEG, non-degradable, mouse, 1 mg/kg;
 * rate constant k = ln 2 / t½ of the blood.
 */
describe('Part 3 row 22: blood clearance vs hydrodynamic diameter (Lu 2024)', () => {
  const GOLD: BiodistributionInput = { ...QD, goal: 'deliver', zetaMv: 0 }
  const k = (hd: number): number => Math.LN2 / simulateBiodistribution({ ...GOLD, hydrodynamicDiameterNm: hd }, { hours: 24, timesH: [24] }).bloodHalfLifeH
  const k5 = k(5)
  const k10 = k(10)
  const k20 = k(20)
  const k100 = k(100)

  it('the brief\'s size heuristics, if they acted in series on one path, would peak near 20 nm', () => {
    // penetration PAC ∝ exp(−HD/L) times phagocytosis K_max ∝ (HD/100)^e (§2.4.1 [U]) is
    // largest at HD = e·L = 0.5 × 50 = 25 nm, within 2-fold of Lu's ~20 nm.
    const sz = PBPK_DATA.modifiers.size
    const product = (hd: number): number => Math.exp(-hd / sz.permeabilityLengthNm.value) * Math.pow(hd / sz.liverReferenceNm.value, sz.liverExponent.value)
    let best = 1
    for (let hd = 1; hd <= 500; hd += 0.5) if (product(hd) > product(best)) best = hd
    expect(best).toBeGreaterThanOrEqual(10)
    expect(best).toBeLessThanOrEqual(40)
  })
  it('above the renal cutoff, a 20 nm particle clears faster than a 10 nm one (rising branch reproduced)', () => {
    expect(k20).toBeGreaterThan(k10)
  })
  it('below ~6 nm renal filtration (brief rule f_filt = 1 below 5.5 nm) makes clearance fastest of all', () => {
    // Lu's rate constants describe penetration and phagocytosis; the brief's renal rule is a
    // separate, faster route for < 5.5 nm, so 20 nm does not beat 5 nm in this model.
    expect(k5).toBeGreaterThan(k20)
  })
  it('KNOWN GAP: above 20 nm clearance keeps rising with size (100 nm clears faster than 20 nm)', () => {
    // In the model the early blood clearance is Kupffer uptake from sinusoidal blood (structure
    // [C]; Lin 2016, row 10: 100 nm particles are taken up from blood at once, reproduced
    // above), with K_max × (HD/100)^0.5 rising with size, no penetration step, and no Hill
    // delay at ≥ 100 nm: rows 5 and 10 pull the other way from row 22. The penetration-limited routes
    // (uptake from tissue: spleen, kidney, lung, muscle, rest) are partition-limited or Hill-
    // delayed (K_50 48 h, n 5): at 20 nm they hold ~15 % of what has left the blood by 2 h, and
    // making every organ "leaky" for the size PAC heuristic moves k by < 7 % between 10 and
    // 100 nm and keeps it monotonic.
    // The peak needs the two heuristics in series on the liver route (test above), i.e. Kupffer
    // cells behind the endothelium, which contradicts the [C] structure and Tsoi 2016 (row 12).
    // Lu's model is a collision/diffusion model outside the brief. Asserted so that a future
    // calibration that reproduces the peak makes this test fail loudly.
    expect(k100).toBeGreaterThan(k20)
  })
})

/**
 * Acceptance rows 1-2 (brief Part 3 "minimum acceptance suite"; §2.2.4: validate the human set
 * on human PEG-liposome PK). Anchor: Doxil in cancer patients, Gabizon et al. 1994, Cancer Res
 * 54:987: biexponential plasma decay with half-lives of 2 and 45 h (medians; 45.2 h, range
 * 20.8-59.1, at 25 mg/m²; 45.9 h, range 29.3-74.0, at 50 mg/m²), most of the dose cleared under
 * the longer one; nearly all plasma drug liposome-encapsulated, so it is the carrier's PK.
 * Doxil: ~85 nm, 5 mol % mPEG2000-DSPE (Γ/Γ* ≈ 0.72 above), lipid ≈ 8 × drug by mass, so
 * 50 mg/m² doxorubicin (≈ 1.35 mg/kg) is ≈ 12 mg/kg of particles.
 */
describe('Acceptance rows 1-2: human PEG-liposome pharmacokinetics (Gabizon 1994)', () => {
  const DOXIL_HUMAN: BiodistributionInput = {
    ...LIPOSOME, species: 'human', hydrodynamicDiameterNm: 85, zetaMv: -5, pegCoverageRatio: PEG2000_5MOL_COVERAGE, particleDoseMgPerKg: 12,
  }
  const doxil = simulateBiodistribution(DOXIL_HUMAN, { hours: 336, timesH: [0, 24, 48] })
  const conventional = simulateBiodistribution({ ...DOXIL_HUMAN, pegCoverageRatio: 0 }, { hours: 336, timesH: [24] })
  const mouse = simulateBiodistribution({ ...DOXIL_HUMAN, species: 'mouse' }, { hours: 336, timesH: [24] })

  it('blood t½ within 2-fold of the 45 h median ([22.5, 90] h) [calibration target of the human clearance exponent]', () => {
    expect(doxil.bloodHalfLifeH).toBeGreaterThanOrEqual(22.5)
    expect(doxil.bloodHalfLifeH).toBeLessThanOrEqual(90)
  })
  it('most of the dose is cleared under the long half-life: blood concentration at 24 h > 40 % of its initial value', () => {
    // A 2 h phase carrying most of the dose would leave < 1/2^12 of it by 24 h; with half or
    // more on the 45 h phase, > 0.5 × 2^(−24/45) = 35 % is left. Blood %ID at t = 0 is the
    // central share of the intravascular volume (capillaries hold the rest).
    expect(at(doxil, 'blood', 24) / at(doxil, 'blood', 0)).toBeGreaterThan(0.4)
  })
  it('the human circulates the same liposome longer than the mouse, but less than 7.7× longer', () => {
    // Published: ~45 h in man against 15-24 h in mice (row 3), a ratio of ~2-3. Pure rate
    // scaling would give (70/0.02)^0.25 = 7.7; the brief's K_max × BW^−0.25 rule gave ~18
    // (t½ ~210 h in man) because the human liver's sinusoidal blood is a 6× smaller share of
    // body weight than the mouse's. The clearance exponent 0.85 is calibrated on this anchor
    // (pbpk.json organNp.humanScaling.kMaxClearanceExponent), so the t½ test above checks the
    // calibration; this ratio (~4.3) follows from it.
    const ratio = doxil.bloodHalfLifeH / mouse.bloodHalfLifeH
    expect(ratio).toBeGreaterThan(1.5)
    expect(ratio).toBeLessThan(7.7)
  })
  it('the human run lists its scaling as assumptions, with the exponents the engine used', () => {
    const clearance = doxil.assumptions.find((a) => a.id === 'organNp.humanClearanceScaling')!
    expect(clearance.value).toBe(PBPK_DATA.organNp.humanScaling.kMaxClearanceExponent.value)
    expect(clearance.description).toContain(`^${clearance.value}`)
    expect(doxil.assumptions.some((a) => a.id === 'organNp.humanScaling')).toBe(true)
  })
  it('PEG prolongs human circulation > 5-fold over the conventional liposome (row 4 in man)', () => {
    expect(doxil.bloodHalfLifeH / conventional.bloodHalfLifeH).toBeGreaterThan(5)
  })
})

/**
 * Acceptance row 15 (brief Part 3 "minimum acceptance suite": inflamed-joint ratio ~7; §2.5:
 * inflamed vs contralateral normal joint, PATC × 5-10, PC K_max × 3, volume +50-200 %). Anchor:
 * Gawne et al. 2020, Theranostics 10:3867 [V], ⁸⁹Zr-oxine-labelled PEG-liposomes
 * (methylprednisolone) in K/BxN serum-transfer arthritis, PET: 3.6 ± 1.5 %ID in inflamed joints
 * vs 0.5 ± 0.1 %ID in non-inflamed joints (17.4 vs 2.7 %ID/mL), a ratio of ~7. ⁸⁹Zr stays in
 * the cells that degrade the liposomes, so the model quantity is the residualizing-label view
 * (intact particles + carrier degraded in the joint's phagocytes). The PET time point was not
 * retrieved: checked at 24, 48 and 72 h. The disease multipliers are the brief's defaults; the
 * arthritic joint's activation at injection (pbpk.json diseases.rheumatoid-arthritis.
 * phagocyteK50H, ELVIS) was introduced with this row in view.
 */
describe('Acceptance row 15: inflamed vs healthy joints (PEG-liposome, mouse; Gawne 2020)', () => {
  const T = [24, 48, 72]
  const DOXIL_MOUSE: BiodistributionInput = { ...LIPOSOME, pegCoverageRatio: PEG2000_5MOL_COVERAGE, zetaMv: -5 }
  const labelled = (disease: BiodistributionInput['disease']) => {
    const r = simulateBiodistribution({ ...DOXIL_MOUSE, disease }, { hours: 72, timesH: T })
    const label = residualizingLabelPercentDose(r.percentDose, r.degradedInTissuePercentDose)
    return (t: number): number => label.joints[r.timesH.indexOf(t)]!
  }
  const ra = labelled('rheumatoid-arthritis')
  const healthy = labelled('healthy')

  it('inflamed / healthy joint label ratio within 2-fold of ~7 ([3.5, 14]) at 24, 48 and 72 h', () => {
    for (const t of T) {
      expect(ra(t) / healthy(t)).toBeGreaterThanOrEqual(3.5)
      expect(ra(t) / healthy(t)).toBeLessThanOrEqual(14)
    }
  })
  it('inflamed joints within 2-fold of 3.6 %ID and non-inflamed joints within 2-fold of 0.5 %ID at 24-72 h', () => {
    for (const t of T) {
      expect(ra(t)).toBeGreaterThanOrEqual(1.8)
      expect(ra(t)).toBeLessThanOrEqual(7.2)
      expect(healthy(t)).toBeGreaterThanOrEqual(0.25)
      expect(healthy(t)).toBeLessThanOrEqual(1)
    }
  })
  it('with Hill-delayed phagocytes in the arthritic joint the ratio would fall below the band (why the ELVIS rule is in the model)', () => {
    // Same parameters with the lesion's activation set back to the joint's tumour-template
    // K_50: sequestration starts only around 24 h.
    const input = { ...DOXIL_MOUSE, disease: 'rheumatoid-arthritis' as const }
    const { params } = resolveParameters(input)
    const healthyK50 = resolveParameters(DOXIL_MOUSE).params.compartments.find((c) => c.key === 'joints')!.k50H
    expect(params.compartments.find((c) => c.inflamed)!.k50H).toBe(0)
    const delayed = { ...params, compartments: params.compartments.map((c) => (c.inflamed ? { ...c, k50H: healthyK50 } : c)) }
    const times = [0, 24]
    const m = deriveMetrics(runModel(delayed, input, times), input)
    const label = residualizingLabelPercentDose(m.percentDose, m.degradedInTissuePercentDose)
    expect(label.joints[1]! / healthy(24)).toBeLessThan(3.5)
  })
})
