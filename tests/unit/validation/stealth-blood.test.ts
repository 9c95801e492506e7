/**
 * The engine against the blood values of the stealth and coated particles already in the
 * validation files (resources/validation/stealth-blood.json; issue #10 item 6). Each row keeps its
 * paper's set, and the file's rule takes every blood value the NTUA database holds for those
 * groups (first and last time within 1-24 h), so nothing was chosen for how the engine does on it.
 * The scores must equal docs/science.md's, and every held-out miss is listed with its diagnosis (a
 * hypothesis, not a fix: nothing was tuned on these rows).
 */
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/stealth-blood.json' with { type: 'json' }
import { IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { designOfRow, scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

// Stayed in the blood for a day where the engine, like the calibration PEG-gold of this file
// (Zhao 2016: 0.64 and 0.11 %ID/g at 24 h; Arnida 2011: 0.06 %ID/g), clears the particle in hours.
const KEPT_IN_BLOOD = 'kept far more in the blood at 24 h than the engine, whose solid-core PEG residual (0.10) was fitted on calibration PEG-gold that leaves the blood in hours (Zhao 2016 5 and 18 nm: 0.64 and 0.11 %ID/g at 24 h; Arnida 2011 50 nm: 0.06 %ID/g; calibration rows of this file); the same conflict as this group\'s liver and spleen (stealth-spleen.test.ts)'
// Left the blood within the hour where the engine keeps a PEG-coated particle circulating.
const LEFT_BLOOD = 'left the blood far faster than the engine lets a PEG-coated particle leave it; the calibration has the same split (Zhao 2016 and Arnida 2011 fast, Black 2014 slow: 10.7 %ID/g at 24 h), and a chelated label (⁶⁸Ga, ⁹⁹ᵐTc, ⁶⁴Cu) that leaves its particle, or particles that aggregate in plasma, read the same way'
const DIAGNOSED_MISSES: Record<string, string> = {
  'choi2011-pegau5p3nm-mouse-blood-24h': `${KEPT_IN_BLOOD}: 0.16x`,
  'choi2011-pegau21p6nm-mouse-blood-24h': `${KEPT_IN_BLOOD}: 0.22x`,
  'choi2011-pegau41p2nm-mouse-blood-24h': `${KEPT_IN_BLOOD}: 0.34x`,
  'choi2011-pegau51p4nm-mouse-blood-24h': `${KEPT_IN_BLOOD}: 0.25x`,
  'choi2011-pegau58p1nm-mouse-blood-24h': `${KEPT_IN_BLOOD}: 0.29x`,
  'choi2011-pegau76p5nm-mouse-blood-24h': `${KEPT_IN_BLOOD}: 0.47x`,
  'woodard2016-cu64-comb-mouse-blood-pergram-24h': `a PEG comb polymer particle (PLA stand-in) ${KEPT_IN_BLOOD}: 0.45x`,
  'liu2014-zwitau16nm-mouse-blood-24h': 'a 0.55 nm small-molecule zwitterion gets little stealth from the hydrophilic-coat modifier, as its calibration row asks (Choi 2007 cysteine quantum dots); Liu 2014 kept 30 %ID in blood at 24 h: 0.23x',
  'liu2014-peg2kau16nm-mouse-blood-24h': `PEG 2 kDa gold of 16 nm ${LEFT_BLOOD}: 2.7 %ID at 24 h, 9.8x`,
  'glaus2010-cu64-pegspio-mouse-blood-pergram-24h': `a PEG-phospholipid iron oxide ${LEFT_BLOOD}: 1.0 %ID/g at 24 h (37 at 1 h), 26x`,
  'lahooti2016-ga68-pegspion-mouse-blood-pergram-1h': `PEG iron oxide of 85 nm ${LEFT_BLOOD}: 0.41 %ID/g at 1 h, 64x`,
  'lahooti2016-ga68-pegspion-mouse-blood-pergram-2h': `as at 1 h: 0.09 %ID/g at 2 h, 217x`,
  'psimadas2014-tc99m-pegpblg-micelle-mouse-blood-pergram-1h': `a PEG-PBLG micelle (PLA stand-in) ${LEFT_BLOOD}: 0.17 %ID/g at 1 h, 208x`,
  'wei2017-fe59-zwit-spion3nm-mouse-blood-24h': 'a 3 nm zwitterionic iron oxide is filtered like a free solute in the engine (its organ rows, stealth-spleen.test.ts); the measured renal clearance is slower: 0.02x',
}

describe('blood of stealth and coated particles (issue #10 item 6)', () => {
  it('is one of the in-vivo row files every score reads', () => {
    expect(IN_VIVO_ROW_FILES['stealth-blood']).toBe(file)
  })

  it('holds only blood rows of groups already in the other files, each with its paper\'s set', () => {
    const others = Object.entries(IN_VIVO_ROW_FILES).filter(([name]) => name !== 'stealth-blood').flatMap(([, f]) => f.rows)
    for (const row of file.rows) {
      expect(row.tissue, row.id).toBe('blood')
      expect(row.timeH! >= 1 && row.timeH! <= 24, row.id).toBe(true)
      const name = designOfRow(row).name
      const group = others.filter((o) => designOfRow(o).name === name)
      expect(group.length, `${row.id}: its group has rows elsewhere`).toBeGreaterThan(0)
      for (const o of group) expect(o.set, `${row.id}: the set of its paper`).toBe(row.set)
      expect(group.some((o) => o.tissue === 'blood'), `${row.id}: blood was not a row before`).toBe(false)
    }
  })

  it('every row is predicted as a finite positive number', () => {
    for (const s of scored) expect(Number.isFinite(s.predicted) && s.predicted > 0, s.row.id).toBe(true)
  })

  it('every held-out miss is diagnosed, and every diagnosed one still misses', () => {
    const misses = scored.filter((s) => s.row.set === 'validation' && !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_MISSES).sort())
  })

  it('docs/science.md states both measured scores', () => {
    const v = scoreOf(scored, 'validation')
    const c = scoreOf(scored, 'calibration')
    const science = readDoc('docs/science.md').replace(/\s+/g, ' ')
    const m = /Blood of stealth and coated particles: held out (\d+) of (\d+) within 2-fold, calibration (\d+) of (\d+)\*\*/.exec(science)
    expect(m, 'docs/science.md states the blood scores').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([v.within2Fold, v.scored, c.within2Fold, c.scored])
  })
})
