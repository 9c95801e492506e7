/**
 * The engine against published in-vivo rows it was and was not calibrated on
 * (resources/validation/pbpk-published.json; split by paper, stated before any comparison).
 * The held-out score is measured here and must equal the one the README states; every held-out
 * miss is listed below with its diagnosis, so a new miss or a fixed one fails this test.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import prospectiveFile from '../../../resources/validation/pbpk-prospective.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

/** Held-out misses and why (mechanism, evidence); none is tuned away. */
const DIAGNOSED_VALIDATION_MISSES: Record<string, string> = {
  'walsh1998-ambisome-human-2p5mgkg-auc': 'non-monotone published AUC (125.6 at 2.5 mg/kg below 141.6 at 1 mg/kg); the engine rises smoothly with dose',
  // Four AUC rows of drugs carried by vesicles that the engine scored within 2-fold only while
  // its central blood pool (45-65 % of intravascular blood) stood in for what a plasma sample
  // times the plasma volume reads: read as a sample reads, they are 2.0-2.3x high while their
  // half-lives hold, i.e. the published curve starts lower than the particles' (an early loss of
  // drug: amphotericin B leaves the bilayer for lipoproteins, daunorubicin leaks), which a run
  // whose stand-in drug stays inside cannot show
  'gill1995-daunoxome-human-10mgm2-auc': 'AUC 2.3x high, half-life within 2-fold: an early loss of drug from the vesicles (leakage) that the row\'s retained stand-in drug cannot show; scored within 2-fold before the blood-sample reading only because the central pool is 65 % of human intravascular blood',
  'walsh1998-ambisome-human-1p0mgkg-auc': 'AUC 2.0x high: amphotericin B transfers from the bilayer to plasma lipoproteins and tissues; the row counts intact particles (see gill1995 10 mg/m2)',
  'walsh1998-ambisome-human-5p0mgkg-auc': 'AUC 2.1x high: as walsh1998 1 mg/kg',
  'marqibo-label-human-2p25mgm2-auc': 'rigid sphingomyelin/cholesterol bilayer without PEG is modelled as a bare fluid liposome: no bilayer-rigidity stealth term yet (a term calibrated on a mouse SUV row over-predicted human rigid liposomes 3-7 fold and was not shipped)',
  'hwang1980-smchol-suv-mouse-thalf': 'rigid sphingomyelin/cholesterol small vesicles: no bilayer-rigidity stealth term (see marqibo)',
}

/**
 * Held-out rows that missed, were diagnosed, and now hold after a change of mechanism (no
 * parameter fitted to them). They are no longer blind tests; the README says so, and the
 * prospective set (pbpk-prospective.json) is the blind one.
 */
const FIXED_BY_MECHANISM: Record<string, string> = {
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

  it('the held-out score stated in the README is the measured one', () => {
    const v = scoreOf(scored, 'validation')
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const m = /Held-out score: (\d+) of (\d+) rows within 2-fold/.exec(readme)
    expect(m, 'README states "Held-out score: N of M rows within 2-fold"').not.toBeNull()
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
  'zhou2011-gsau2nm-mouse-liver-24h': 'a 3 nm glutathione-gold is filtered like inulin (sieving 1 below 3 nm), so almost none is left for the liver; the paper\'s ~50 % in urine by 24 h says its renal clearance is far slower than free filtration',
  'majumdar1990-ami25-rat-thalf': 'dextran-coated iron oxide of ~115 nm: the dextran shell hides little at that size (w(HD) 0.03, the calibrated SPIO/USPIO step at 50 nm), so the engine clears it in 0.38 h; the paper\'s value is the slow phase (92 min) of a two-phase curve whose fast phase (~10 min) is the engine\'s first halving',
  'feridex-label-human-0p56mgfe-thalf': 'dextran-coated iron oxide of ~115 nm: little hidden at that size (as Majumdar 1990); the label\'s elimination half-life of serum iron after a 30-min infusion (given as a bolus in the engine) is a terminal phase, and the calibration row of the sister SPIO (Resovist alpha phase, 0.26 h) is over-predicted 7x: the two clinical SPIOs disagree 10-fold',
  'onivyde-human-70mgm2-thalf': 'rigid DSPC/cholesterol bilayer with a trace of PEG, low lipid dose: no bilayer-rigidity term, so it clears like a fluid liposome (as Marqibo, Hwang 1980)',
  'feldman2012-cpx351-human-thalf': 'rigid DSPC/DSPG/cholesterol bilayer without PEG: no bilayer-rigidity term (as Onivyde)',
  'hempel2003-daunoxome-children-60mgm2-auc': 't½ holds (1.3x) but AUC is 3x high (read as a plasma sample reads): plasma daunorubicin also falls by leakage from the vesicles, which a particle-only run does not count; the row also converts with adult plasma volume for children',
  'yeo1999-daunoxome-hcc-human-auc': 't½ holds (1.3x) but AUC is 4x high (read as a plasma sample reads): leakage of daunorubicin from the vesicles is not counted in a particle-only run (as Hempel 2003)',
  'mross2004-myocet-human-75mgm2-encapsulated-auc': 'fluid egg-PC/cholesterol vesicle: encapsulated doxorubicin falls by leakage as well as by clearance, and the engine counts intact particles',
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

  it('every prospective miss is diagnosed, and the README states the measured blind score', () => {
    const misses = prospective.filter((s) => !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_PROSPECTIVE_MISSES).sort())
    const v = scoreOf(prospective, 'validation')
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const m = /Prospective \(blind\) score: (\d+) of (\d+) rows within 2-fold/.exec(readme)
    expect(m, 'README states "Prospective (blind) score: N of M rows within 2-fold"').not.toBeNull()
    expect([Number(m![1]), Number(m![2])]).toEqual([v.within2Fold, v.scored])
  })
})
