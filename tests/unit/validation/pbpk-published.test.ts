/**
 * The engine against published in-vivo rows it was and was not calibrated on
 * (resources/validation/pbpk-published.json; split by paper, stated before any comparison).
 * The held-out score is measured here and must equal the one docs/science.md states; every held-out
 * miss is listed below with its diagnosis, so a new miss or a fixed one fails this test.
 */
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import prospectiveFile from '../../../resources/validation/pbpk-prospective.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

/** Held-out misses and why (mechanism, evidence); none is tuned away. */
const DIAGNOSED_VALIDATION_MISSES: Record<string, string> = {
  // Liposome rows measured once after the gel-phase route to bilayer order, the curvature term of
  // small vesicles and the sphingomyelin leakage factor (h58): the DaunoXome AUCs (Gill 1995
  // 6.2x -> 1.9x and 2.1x -> 0.53x, Bellott 2001 3.0x -> 0.71x) now hold, their half-lives miss.
  // AmBisome and DaunoXome share one diagnosis: the published total-drug curve falls fast first
  // (apparent initial plasma share ~25 % for DaunoXome, 10-36 % for AmBisome: AUC x ln 2 / t1/2
  // against the dose in plasma) and then slowly with the published (terminal) half-life; the
  // engine's curve has one phase, and its half-life was the first halving, so one rate met
  // either the AUC or the half-life, never both. Since h60 a half-life is read as its paper
  // measured it (the file's halfLifeConvention): Gill 1995's abstract calls its value the 'alpha
  // half-life', so it stays the engine's first halving (unmoved, 0.44x)
  'gill1995-daunoxome-human-10mgm2-thalf': 'half-life 0.44x while the AUC holds (1.9x): the 45 nm vesicle now leaks x3.8 the 100 nm rate (curvature term, calibrated on 50 vs 100 nm rat rows), which meets the AUC; the abstract calls the 7.8 h the \'alpha half-life\' (read as the first halving, h60), yet it is as long as the terminal half-lives of the other DaunoXome papers (Yeo 1999 7.4 h), and Drummond 1999 Table 4 gives 2.8 h for the same dose: the reading of the paper is in doubt, not only the engine',
  'gill1995-daunoxome-human-60mgm2-thalf': 'half-life 0.44x, AUC 0.53x: as 10 mg/m2 (0.47x after the bilayer refit)',
  // Measured once after the ordered-bilayer factor was refitted on the liposome calibration rows
  // (0.1 -> 0.03, 2026-12-07): the carrier of a bare ordered bilayer now clears ~3x more slowly.
  // The half-lives of the same papers move towards the published values (Gill 0.44x -> 0.47-0.49x)
  // while these AUCs cross 2x: one clearance rate cannot meet a two-phase curve (diagnosis above)
  'gill1995-daunoxome-human-10mgm2-auc': 'AUC 1.9x -> 2.05x with the half-life still 0.49x: the one-phase carrier (diagnosis above); its AUC is a quarter of what a single exponential with the published 7.8 h half-life gives (100 x 7.8 / ln 2 = 1125 %ID*h against 277), so the published curve loses most of its drug in an early phase the engine lacks',
  'marqibo-label-human-2p25mgm2-auc': 'AUC 1.11x -> 2.26x: the sphingomyelin/cholesterol carrier now clears more slowly (bilayer refit on calibration rows); the label gives CL 345 mL/h with a two-phase decline in ALL patients, the engine one phase; the same bilayer\'s total-drug half-lives in people (Embree 1998) are still short, 0.48x, so the carrier rate cannot be moved to meet both',
}

/**
 * Held-out rows that missed, were diagnosed, and now hold after a change of mechanism (no
 * parameter fitted to them). They are no longer blind tests; docs/science.md says so, and the
 * prospective set (pbpk-prospective.json) is the blind one.
 */
const FIXED_BY_MECHANISM: Record<string, string> = {
  // AmBisome: amphotericin B moves from the bilayer to lipoproteins and tissues within hours while the
  // carrier circulates (calibration: the 14C-cholesterol carrier of Bekersky 2001 has ~25x the drug's
  // AUC). Once half-lives were read as their papers measured them (h60), the calibration rows alone
  // chose a transfer of 0.6-1.0 1/h (0.8; log10 sum 9.91 against 11.67 at the earlier 0.003), and the
  // held-out AUCs, 5-12x high before, hold
  'walsh1998-ambisome-human-1p0mgkg-auc': 'amphotericin B transfer out of the bilayer refitted on calibration rows only under the terminal-slope reading (0.003 -> 0.8 1/h): 9.4x high before',
  'walsh1998-ambisome-human-2p5mgkg-auc': 'as 1 mg/kg: 11.6x high before',
  'walsh1998-ambisome-human-5p0mgkg-auc': 'as 1 mg/kg: 6.0x high before',
  'walsh1998-ambisome-human-7p5mgkg-auc': 'as 1 mg/kg: 5.2x high before',
  'bekersky2002-ambisome-human-2mgkg-auc': 'as Walsh 1998 1 mg/kg: 5.3x high before',
  'hwang1980-smchol-suv-mouse-thalf': 'the same ordered-bilayer mechanism (0.36x -> 1.27x, h56; 1.29x, h58)',
  'hirn2011-rat-au5nm-liver-pergram-24h': 'protein corona at the glomerulus (Choi 2007, > 15 nm on a surface that adsorbs proteins): the 5 nm TPPMS-gold was filtered as a free 5 nm particle, 85 % in urine by 4 h',
  'hirn2011-rat-au1p4nm-liver-24h': 'the same corona mechanism: 1.4 nm gold with an anionic ligand is not filtered once proteins adsorb',
  'pai2010-ferumoxytol-human-510mg-thalf': 'polysaccharide shells hide a particle from the liver (hydrophilic-coat modifier, fitted on dextran calibration rows only: Chouly 1996, ferumoxtran-10, hydrophilic-coat-calibration.json); the row now carries its carboxymethyl-dextran shell instead of the hyaluronic-acid stand-in (0.38x -> 0.98x)',
  'hirn2011-rat-au80nm-spleen-pergram-24h': 'the size-dependent immediate uptake (Lin 2016) applied to the splenic macrophages as to the Kupffer cells; before, the liver emptied the blood of 80 nm gold before the spleen\'s Hill delay ended',
}

describe('published in-vivo rows (issue #10 item 6)', () => {
  it('the rows fixed by a mechanism change after their diagnosis hold now', () => {
    for (const id of Object.keys(FIXED_BY_MECHANISM)) {
      const s = scored.find((r) => r.row.id === id)
      expect(s, id).toBeDefined()
      expect(s!.row.set).toBe('validation')
      expect(s!.within2Fold, id).toBe(true)
    }
  })

  it('no paper is in both sets, and every scored row is predicted as a finite positive number', () => {
    for (const s of scored) expect(Number.isFinite(s.predicted) && s.predicted > 0, s.row.id).toBe(true)
    expect(scored.length).toBeGreaterThanOrEqual(30)
  })

  it('every held-out miss is one of the diagnosed ones, and every diagnosed one still misses', () => {
    const misses = scored.filter((s) => s.row.set === 'validation' && !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_VALIDATION_MISSES).sort())
  })

  it('the held-out score stated in docs/science.md is the measured one', () => {
    const v = scoreOf(scored, 'validation')
    const science = readDoc('docs/science.md')
    const m = /Held-out score: (\d+) of (\d+) rows within 2-fold/.exec(science)
    expect(m, 'docs/science.md states "Held-out score: N of M rows within 2-fold"').not.toBeNull()
    expect([Number(m![1]), Number(m![2])]).toEqual([v.within2Fold, v.scored])
  })
})

/**
 * The prospective set: rows collected on 2026-12-06 by someone who never ran them through the
 * engine, after the first held-out set had been looked at. This is the blind score; it is
 * reported apart and never tuned on. Each miss is diagnosed (a hypothesis, not a fix).
 */
const prospective = scoreRows((prospectiveFile as unknown as PublishedRowsFile).rows)
const DIAGNOSED_PROSPECTIVE_MISSES: Record<string, string> = {
  // liposome rows re-diagnosed after the measurement of h58 (gel-phase order, curvature term,
  // sphingomyelin factor): the DaunoXome AUCs of Hempel 2003 (5.3x -> 1.3x) and Yeo 1999
  // (6.7x -> 1.6x) and Hempel's half-life (2.1x -> 0.52x) now hold; Yeo's and Majumdar's
  // half-lives hold once read as the terminal phases their papers report (h60, below)
  'onivyde-human-70mgm2-thalf': 'irinotecan held by a sucrose-octasulfate trap leaks far more slowly than the weak-base class rate (Webb 1995 vincristine, 0.0416 1/h), and the design format has no loading method (0.26x -> 0.23x then; 0.37x today)',
  'feldman2012-cpx351-human-thalf': 'DSPC/DSPG with 10 mol % cholesterol is now ordered (gel phase; 0.02x -> 0.27x), and copper-gluconate loading, which holds drug for days, is not represented (engine 10.1 h; when first diagnosed the 14C-cholesterol carrier of AmBisome, a calibration row, read 0.32x, suggesting a bare ordered carrier clears too fast in people; it reads 0.74x today) (the calibration lower bound of Lin 2019, > 30 h, is missed too: 6.5 h)',
  'mross2004-myocet-human-75mgm2-encapsulated-auc': 'encapsulated AUC 3.2x high (1.00x before): the fluid multiplier, refitted 300 -> 70 once the curvature term explained part of the 50 nm egg-PC calibration row, and the curvature term itself slow the leakage of a 190 nm vesicle (x0.59, beyond the 50-100 nm calibration rows); citrate-loaded Myocet also gets the Doxil (ammonium-sulfate) doxorubicin rate, having no loading-method field',
  'zhou2011-gsau2nm-mouse-liver-24h': 'a 3 nm glutathione-gold is filtered like inulin (sieving 1 below 3 nm), so almost none is left for the liver; the paper\'s ~50 % in urine by 24 h says its renal clearance is far slower than free filtration',
  'feridex-label-human-0p56mgfe-thalf': 'dextran-coated iron oxide of ~115 nm: little hidden at that size (as Majumdar 1990); the label\'s \'elimination half-life\' of serum iron is now read as the terminal slope (h60: 0.36x -> 0.44x), still short; the 30-min infusion is given as a bolus, and the calibration row of the sister SPIO (Resovist alpha phase, 0.26 h) is over-predicted 7x: the two clinical SPIOs disagree 10-fold',
}

/**
 * Prospective rows that missed and now hold because the half-life is read as the paper measured
 * it (the file's halfLifeConvention, h60: the rule written before any row was re-scored), with
 * the paper's deciding words; no engine number changed. They were diagnosed as phase mismatches
 * before the rule existed.
 */
const FIXED_BY_MEASUREMENT_CONVENTION: Record<string, string> = {
  'majumdar1990-ami25-rat-thalf': '\'a slower component with a half-life of 92 minutes\' (the second of two components): terminal slope over [1.53, 4.6] h, 0.25x (first halving) -> 0.58x; the engine\'s first halving (0.38 h) was the fast phase',
  'yeo1999-daunoxome-hcc-human-thalf': '\'mean initial and terminal half-lives of 1.8 and 7.4 h\': terminal slope over [7.4, 22.2] h, 0.500x (first halving, just outside) -> 0.55x',
}

describe('prospective held-out rows (blind, never tuned on)', () => {
  it('every row is held out and every scored row is predicted as a finite positive number', () => {
    for (const s of prospective) {
      expect(s.row.set).toBe('validation')
      expect(Number.isFinite(s.predicted) && s.predicted > 0, s.row.id).toBe(true)
    }
    expect(prospective.length).toBeGreaterThanOrEqual(10)
  })

  it('no paper of the prospective set is in the first file', () => {
    const doi = (source: string): string | undefined => /doi:\s*(\S+?)[,;]?(\s|$)/i.exec(source)?.[1]?.toLowerCase()
    const first = new Set(file.rows.map((r) => doi(r.source)).filter((d) => d !== undefined))
    for (const r of (prospectiveFile as unknown as PublishedRowsFile).rows) {
      const d = doi(r.source)
      if (d) expect(first.has(d), r.id).toBe(false)
    }
  })

  it('the rows fixed by the half-life measurement convention are read as terminal and hold', () => {
    for (const id of Object.keys(FIXED_BY_MEASUREMENT_CONVENTION)) {
      const s = prospective.find((r) => r.row.id === id)
      expect(s?.row.halfLifePhase, id).toBe('terminal')
      expect(s?.within2Fold, id).toBe(true)
    }
  })

  it('every prospective miss is diagnosed, and docs/science.md states the measured blind score', () => {
    const misses = prospective.filter((s) => !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_PROSPECTIVE_MISSES).sort())
    const v = scoreOf(prospective, 'validation')
    const science = readDoc('docs/science.md')
    const m = /Prospective \(blind\) score: (\d+) of (\d+) rows within 2-fold/.exec(science)
    expect(m, 'docs/science.md states "Prospective (blind) score: N of M rows within 2-fold"').not.toBeNull()
    expect([Number(m![1]), Number(m![2])]).toEqual([v.within2Fold, v.scored])
  })
})
