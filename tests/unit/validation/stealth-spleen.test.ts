/**
 * The engine against a blind held-out set: spleen and liver of sub-200 nm stealth particles in
 * healthy mice (resources/validation/stealth-spleen.json; every row held out, the rule written
 * before any value was read; issue #10 item 3). The score must equal docs/science.md's, and every
 * miss is listed with its diagnosis (a hypothesis, not a fix: nothing was tuned on these rows).
 */
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/stealth-spleen.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

// Measured once after the solid-core PEG residual (pbpk.json modifiers.peg.solidCoreResidualFraction,
// 0.10, fitted on stealth-calibration.json's PEG rows): 15 of 38 within 2-fold, spleen per gram 4 of
// 9 (19 and 6 before). The fit moved the PEG-gold of this set the wrong way: its livers were within
// 2-fold and are now 2-7x high, its spleens 0.1-0.4x. The calibration PEG-gold (Arnida 2011, Zhao
// 2016, Black 2014, Wang 2012) is liver-dominant and leaves the blood in hours, and its livers are
// reproduced with the fit; the blind PEG-gold (Choi 2011, Li 2018, Liu 2014) keeps more in the spleen
// and less in the liver. One PEG residual for liver and spleen cannot serve both sets: the fit with
// a separate spleen residual asked for a spleen *more* PEG-sensitive than the liver (pbpk.json
// note), so no calibration-supported mechanism moves these rows back.
const SMALL_PEG_GOLD_LIVER = 'PEG-gold of about 5-6 nm: the engine adds a 15 nm protein corona to the share of the surface PEG does not cover (the curvature leaves little of a 5 nm core covered), keeps it above the renal cutoff and lets the liver take it; the measured liver is 5-7x lower. The calibration 5 nm PEG-gold (Zhao 2016: 58.5 %ID/g liver at 24 h, reproduced 1.1x) goes to the liver as the engine says, so no calibration row supports more renal clearance of small PEG-gold'
const PEG_GOLD_LIVER = 'PEG-gold 16-60 nm: liver 2-5x high since the solid-core PEG residual (0.10) makes it leave the blood in hours, as the calibration PEG-gold (Arnida 2011, Zhao 2016 livers within 1.3x) and PEG-PLGA (Panagi 2001 blood) do; with the liposome residual (0.008) these livers held within 2-fold and the calibration PEG-PLGA blood at 24 h was 7x high. The blind groups split the dose differently (their spleen, next, is above the engine\'s) and kept far more in the blood: the NTUA database (study 7) gives Choi 2011 blood at 24 h of 41, 43, 23, 27, 20, 11 and 6 %ID for the 5.3-98 nm cores, against 0.64 and 0.11 %ID/g for Zhao 2016\'s 5 and 18 nm (study 29) and 0.06 %ID/g for Arnida 2011\'s 50 nm PEG-gold (study 17 instance 1) [D, digitised by the database]: the blind particles circulated for a day, the calibration ones for hours, at the same PEG mass and an assumed density; a conflict between the two PEG-gold sets that one residual cannot resolve'
const PEG_GOLD_SPLEEN = 'PEG-gold 16-76 nm: spleen 0.1-0.4x while the liver of the same group is high: the published spleen:liver ratio of these groups (Li 2018 per gram 1.2-2.1) is far above the calibration PEG-gold\'s (per gram 0.05-0.26, Arnida 2011, Black 2014, Zhao 2016, Wang 2012), and the calibration asks for a spleen more, not less, PEG-sensitive than the liver; the splenic marginal-zone uptake of small stealth particles is not sized'
const ZWITTERION = 'a 0.55 nm small-molecule zwitterion: the hydrophilic-coat modifier gives it little stealth (h/(h + 3 nm)), as its calibration row asks (Choi 2007 cysteine quantum dots, 0.5 nm, 26.5 %ID liver at 4 h, reproduced without stealth); Liu 2014 measures 13x less liver for a similar coat on gold, a conflict the calibration data cannot resolve'
const DIAGNOSED_MISSES: Record<string, string> = {
  'li2018-pegau6p2nm-mouse-liver-pergram-24h': SMALL_PEG_GOLD_LIVER,
  'choi2011-pegau5p3nm-mouse-liver-24h': SMALL_PEG_GOLD_LIVER,
  'li2018-pegau24p3nm-mouse-liver-pergram-24h': `${PEG_GOLD_LIVER}: 5.1x`,
  'choi2011-pegau21p6nm-mouse-liver-24h': `${PEG_GOLD_LIVER}: 4.0x`,
  'choi2011-pegau41p2nm-mouse-liver-24h': `${PEG_GOLD_LIVER}: 2.2x`,
  'choi2011-pegau51p4nm-mouse-liver-24h': `${PEG_GOLD_LIVER}: 2.7x`,
  'choi2011-pegau58p1nm-mouse-liver-24h': `${PEG_GOLD_LIVER}: 2.4x`,
  'liu2014-peg2kau16nm-mouse-liver-24h': `${PEG_GOLD_LIVER}: 2.3x`,
  'li2018-pegau42p5nm-mouse-spleen-pergram-24h': `${PEG_GOLD_SPLEEN}: 0.37x`,
  'li2018-pegau61p2nm-mouse-spleen-pergram-24h': `${PEG_GOLD_SPLEEN}: 0.36x`,
  'choi2011-pegau21p6nm-mouse-spleen-24h': `${PEG_GOLD_SPLEEN}: 0.21x`,
  'choi2011-pegau41p2nm-mouse-spleen-24h': `${PEG_GOLD_SPLEEN}: 0.08x`,
  'choi2011-pegau51p4nm-mouse-spleen-24h': `${PEG_GOLD_SPLEEN}: 0.16x`,
  'choi2011-pegau58p1nm-mouse-spleen-24h': `${PEG_GOLD_SPLEEN}: 0.20x`,
  'choi2011-pegau76p5nm-mouse-spleen-24h': `${PEG_GOLD_SPLEEN}: 0.37x`,
  'liu2014-peg2kau16nm-mouse-spleen-24h': `${PEG_GOLD_SPLEEN}: 0.24x`,
  'liu2014-zwitau16nm-mouse-liver-24h': `${ZWITTERION}: liver 13x high`,
  'liu2014-zwitau16nm-mouse-spleen-24h': `${ZWITTERION}: spleen 3x high`,
  'wei2017-fe59-zwit-spion3nm-mouse-spleen-24h': 'a 3 nm zwitterionic iron oxide is filtered like a free solute in the engine (sieving ~1 below 3 nm), leaving almost nothing for the spleen; the measured renal clearance is slower (as the 3 nm glutathione-gold of the blind set)',
  'wei2017-fe59-zwit-spion3nm-mouse-liver-24h': 'as the spleen of the same particle',
  'woodard2016-cu64-comb-mouse-spleen-pergram-24h': 'a PEG comb polymer particle represented by PLA (stand-in material; the catalog has no comb polymer): spleen 0.46x (the liver now within 2-fold)',
  'zhao2014-cu64au-peg-mouse-spleen-pergram-24h': 'the published spleen value (203 %ID/g) is flagged in its row as a possible misreading across a broken plot axis',
  'psimadas2014-tc99m-pegpblg-micelle-mouse-spleen-pergram-1h': 'a PEG-PBLG micelle represented by PLA (stand-in) at 1 h: spleen 2.2x',
}

describe('spleen and liver of sub-200 nm stealth particles (blind, issue #10 item 3)', () => {
  it('every row is held out and predicted as a finite positive number', () => {
    for (const s of scored) {
      expect(s.row.set).toBe('validation')
      expect(Number.isFinite(s.predicted) && s.predicted > 0, s.row.id).toBe(true)
    }
    expect(scored.length).toBeGreaterThanOrEqual(30)
  })

  it('every miss is diagnosed, and every diagnosed one still misses', () => {
    const misses = scored.filter((s) => !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_MISSES).sort())
  })

  it('docs/science.md states the measured score, and the per-gram spleen score', () => {
    const v = scoreOf(scored, 'validation')
    const spleenPerGram = scored.filter((s) => s.row.tissue === 'spleen' && s.row.observable === 'percentDosePerG')
    const science = readDoc('docs/science.md')
    const m = /Stealth-particle held-out score: (\d+) of (\d+) rows within 2-fold\*\* \(spleen per gram: (\d+) of (\d+)\)/.exec(science)
    expect(m, 'docs/science.md states the stealth-particle score').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([v.within2Fold, v.scored, spleenPerGram.filter((s) => s.within2Fold).length, spleenPerGram.length])
  })
})
