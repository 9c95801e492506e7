/**
 * The engine against a blind held-out set: spleen and liver of sub-200 nm stealth particles in
 * healthy mice (resources/validation/stealth-spleen.json; every row held out, the rule written
 * before any value was read; issue #10 item 3). The score must equal the README's, and every
 * miss is listed with its diagnosis (a hypothesis, not a fix: nothing was tuned on these rows).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/stealth-spleen.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

const SMALL_PEG_GOLD_LIVER = 'PEG-gold of about 5-6 nm: the engine adds a 15 nm protein corona to the share of the surface PEG does not cover (the curvature leaves little of a 5 nm core covered), keeps it above the renal cutoff and lets the liver take it; the measured liver is 4-5x lower (as the Alalaiwe 2017 small PEG-gold calibration rows, whose half-lives the engine also over-predicts)'
const ZWITTERION = 'a 0.55 nm small-molecule zwitterion: the hydrophilic-coat modifier gives it little stealth (h/(h + 3 nm)), as its calibration row asks (Choi 2007 cysteine quantum dots, 0.5 nm, 26.5 %ID liver at 4 h, reproduced without stealth); Liu 2014 measures 13x less liver for a similar coat on gold, a conflict the calibration data cannot resolve'
const DIAGNOSED_MISSES: Record<string, string> = {
  'li2018-pegau6p2nm-mouse-liver-pergram-24h': SMALL_PEG_GOLD_LIVER,
  'choi2011-pegau5p3nm-mouse-liver-24h': SMALL_PEG_GOLD_LIVER,
  'liu2014-zwitau16nm-mouse-liver-24h': `${ZWITTERION}: liver 13x high`,
  'liu2014-zwitau16nm-mouse-spleen-24h': `${ZWITTERION}: spleen 3x high`,
  'wei2017-fe59-zwit-spion3nm-mouse-spleen-24h': 'a 3 nm zwitterionic iron oxide is filtered like a free solute in the engine (sieving ~1 below 3 nm), leaving almost nothing for the spleen; the measured renal clearance is slower (as the 3 nm glutathione-gold of the blind set)',
  'wei2017-fe59-zwit-spion3nm-mouse-liver-24h': 'as the spleen of the same particle',
  'choi2011-pegau21p6nm-mouse-spleen-24h': 'PEG-gold 20-50 nm: the engine sends a larger share to the liver than the spleen (spleen 0.15-0.43x while the liver of the same groups holds within 2-fold); the splenic marginal-zone uptake of small stealth particles is not sized',
  'choi2011-pegau41p2nm-mouse-spleen-24h': 'as choi2011 21.6 nm',
  'choi2011-pegau51p4nm-mouse-spleen-24h': 'as choi2011 21.6 nm',
  'liu2014-peg2kau16nm-mouse-spleen-24h': 'as choi2011 21.6 nm (16 nm PEG-gold, spleen 0.17x, liver within 2-fold)',
  'choi2011-pegau98p3nm-mouse-spleen-24h': 'around 100 nm the engine\'s red-pulp retention logistic rises (spleen 3.1x high) while the liver falls (0.28x): the size at which the spleen takes over is too low for PEG-gold',
  'choi2011-pegau98p3nm-mouse-liver-24h': 'as the spleen of the same group',
  'glaus2010-cu64-pegspio-mouse-liver-pergram-24h': 'PEG-phospholipid iron oxide: liver 0.48x (spleen within 2-fold); the label (64Cu on a chelator) can leave the particle and collect in the liver, which the engine does not count',
  'lahooti2016-ga68-pegspion-mouse-liver-pergram-2h': 'PEG iron oxide at 2 h: liver 0.22x (spleen within 2-fold); uptake in the first hours is slower in the engine (Hill delay of phagocytic uptake below 100 nm) than measured',
  'woodard2016-cu64-comb-mouse-spleen-pergram-24h': 'a PEG comb polymer particle represented by PLA (stand-in material; the catalog has no comb polymer)',
  'woodard2016-cu64-comb-mouse-liver-pergram-24h': 'as the spleen of the same particle',
  'zhao2014-cu64au-peg-mouse-spleen-pergram-24h': 'the published spleen value (203 %ID/g) is flagged in its row as a possible misreading across a broken plot axis',
  'zhao2014-cu64au-peg-mouse-liver-pergram-24h': '64Cu-alloyed PEG-gold, radioactivity dose only (mg/kg a placeholder): liver 0.47x',
  'psimadas2014-tc99m-pegpblg-micelle-mouse-spleen-pergram-1h': 'a PEG-PBLG micelle represented by PLA (stand-in) at 1 h: spleen 2.1x',
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

  it('the README states the measured score, and the per-gram spleen score', () => {
    const v = scoreOf(scored, 'validation')
    const spleenPerGram = scored.filter((s) => s.row.tissue === 'spleen' && s.row.observable === 'percentDosePerG')
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const m = /Stealth-particle held-out score: (\d+) of (\d+) rows within 2-fold\*\* \(spleen per gram: (\d+) of (\d+)\)/.exec(readme)
    expect(m, 'README states the stealth-particle score').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([v.within2Fold, v.scored, spleenPerGram.filter((s) => s.within2Fold).length, spleenPerGram.length])
  })
})
