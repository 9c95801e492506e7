/**
 * Calibration rows of the PEG and size modifiers (resources/validation/stealth-calibration.json;
 * issue #10 items 2-3): PEG-coated and bare gold, iron oxide, silica and PLGA in mice, read in the
 * NTUA nanomaterial biodistribution database from papers that no held-out file uses. The split
 * rule (all rows calibration) was written in the file before any row was scored. The solid-core
 * PEG residual (pbpk.json modifiers.peg.solidCoreResidualFraction) is fitted on the PEG rows; the
 * bare rows are contrast. Every miss is listed with its diagnosis: what the row shows that no
 * fitted mechanism explains, not something tuned away.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/stealth-calibration.json' with { type: 'json' }
import { PBPK_DATA } from '../../../shared/engine/pbpk'
import { scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'

const file = rowsFile as unknown as PublishedRowsFile & { splitRule: string }
const scored = scoreRows(file.rows)
const VALIDATION_DIR = join(__dirname, '..', '..', '..', 'resources', 'validation')
const DOI = /doi:(10\.\d{4,9}\/[^\s,;]+)/i

const LABEL_LEAVES = 'the published liver and spleen fall 2-3-fold from 1 to 4 h and to ~1 %ID/g by 24 h while the engine keeps what phagocytes took: the 99mTc label leaves the particle (counted here as residualizing)'
const SERS_SUM = 'the published liver, spleen and blood hold < 20 % of the dose (64Cu-DOTA label; lungs or label loss); the engine sends a 120 nm PEG-silica particle to the liver and spleen'
const BARE_SILICA = 'bare silica, untouched by the fitted parameters: the engine puts ~97 % of the dose in the liver (88 %ID/g) where PET reads 25-38 %ID/g; no lung retention of silica in the engine, and PET region values of the liver are not whole-organ counts'
const PEG_GOLD_SPLEEN = 'PEG-gold 50-60 nm: the published spleen per gram is 0.05-0.14 of the liver\'s (2-5 %ID/g), the engine\'s 0.2-0.5; a lower spleen K_max for PEG particles would fit these rows and move the other way from the held-out Li 2018 / Choi 2011 spleens; the spleen rows at 1-2 h also read below their own blood content (perfusion not recorded)'
const EARLY_SPLEEN = 'spleen at 1 h: the published value (6-7 %ID/g with blood at 31-34 %ID/g) is about the spleen\'s blood content; the engine\'s spleen already holds phagocytosed particles'
const DIAGNOSED_MISSES: Record<string, string> = {
  'wang2012-pegaunc30nm-liver-pergram-24h': 'the published liver does not rise from 1 to 24 h (24.2 -> 20.1 %ID/g) while the blood empties: 64Cu leaving the cage, or cages going elsewhere; the engine accumulates',
  'wang2012-pegaunc55nm-liver-pergram-1h': 'the 55 nm cages are cleared within the hour (blood 1.1 %ID/g at 1 h; zeta +18.7 mV in the database) far faster than the fitted PEG-gold average; the design cannot carry the measured cationic surface',
  'wang2012-pegaunc55nm-spleen-pergram-1h': 'as the liver of the same group',
  'zavaleta2011-pegsers120nm-liver-pergram-2h': SERS_SUM,
  'zavaleta2011-pegsers120nm-liver-pergram-24h': SERS_SUM,
  'zavaleta2011-pegsers120nm-spleen-pergram-2h': SERS_SUM,
  'zavaleta2011-pegsers120nm-spleen-pergram-24h': SERS_SUM,
  'chen2015-baresilica150nm-liver-pergram-3h': BARE_SILICA,
  'chen2015-baresilica150nm-liver-pergram-24h': BARE_SILICA,
  'chen2015-baresilica90nm-liver-pergram-3h': BARE_SILICA,
  'chen2015-baresilica90nm-liver-pergram-24h': BARE_SILICA,
  'mondal2010-plga57nm-spleen-pergram-4h': 'published spleen:liver per gram 0.013 (0.6 vs 47.8 %ID/g), far below every other group here (0.05-1) and the same paper\'s tumour-bearing mice (0.05-0.1)',
  'shanehsazzadeh2012-spion41nm-liver-pergram-4h': LABEL_LEAVES,
  'shanehsazzadeh2012-spion41nm-spleen-pergram-4h': LABEL_LEAVES,
  'zhao2016-peg5kau5nm-spleen-pergram-1h': EARLY_SPLEEN,
  'zhao2016-peg5kau18nm-spleen-pergram-1h': EARLY_SPLEEN,
  'arnida2011-peg5kau50nm-spleen-pergram-2h': PEG_GOLD_SPLEEN,
  'arnida2011-peg5kau50nm-spleen-pergram-24h': PEG_GOLD_SPLEEN,
  'black2014-peg5kau57nm-spleen-pergram-1h': PEG_GOLD_SPLEEN,
  'black2014-peg5kau57nm-spleen-pergram-24h': PEG_GOLD_SPLEEN,
  'black2014-peg5kau57nm-liver-pergram-24h': 'this group still has 10.7 %ID/g in blood at 24 h (t½ ~10 h), longer than the fitted PEG-gold average (Arnida 2011, Zhao 2016: a few hours); one residual cannot serve both',
}

describe('stealth calibration rows (PEG and size modifiers, issue #10 items 2-3)', () => {
  it('every row is calibration, cites a DOI with an evidence tag and its arithmetic; at least 20 rows, ids unique', () => {
    expect(file.splitRule).toMatch(/All rows calibration/)
    expect(file.rows.length).toBeGreaterThanOrEqual(20)
    expect(new Set(file.rows.map((r) => r.id)).size).toBe(file.rows.length)
    for (const r of file.rows) {
      expect(r.set, r.id).toBe('calibration')
      expect(DOI.test(r.source), r.id).toBe(true)
      expect(['V', 'D', 'U'], r.id).toContain(r.evidence)
      expect(r.how?.length ?? 0, r.id).toBeGreaterThan(100)
      expect(r.value > 0 && Number.isFinite(r.value), r.id).toBe(true)
    }
  })

  it('no paper of this file appears in any other validation file (calibration kept apart from every held-out set)', () => {
    const dois = new Set(file.rows.map((r) => DOI.exec(r.source)![1]!.toLowerCase()))
    expect(dois.size).toBeGreaterThanOrEqual(8)
    const others = readdirSync(VALIDATION_DIR).filter((f) => f.endsWith('.json') && f !== 'stealth-calibration.json')
    expect(others).toContain('stealth-spleen.json')
    for (const f of others) {
      const text = readFileSync(join(VALIDATION_DIR, f), 'utf8').toLowerCase()
      // stealth-blood.json adds the blood of these papers' groups, as calibration rows (its rule)
      if (f === 'stealth-blood.json') {
        const blood = (JSON.parse(text) as { rows: { set: string; source: string }[] }).rows
        for (const d of dois) for (const r of blood.filter((b) => b.source.includes(d))) expect(r.set, `${d} in ${f}`).toBe('calibration')
        continue
      }
      for (const d of dois) expect(text.includes(d), `${d} in ${f}`).toBe(false)
    }
  })

  it('the solid-core PEG residual holds where it was fitted: PEG-PLGA blood at 3 and 24 h and the PEG-gold livers of Zhao 2016 and Arnida 2011 within 2-fold', () => {
    expect(PBPK_DATA.modifiers.peg.solidCoreResidualFraction.value).toBeGreaterThan(PBPK_DATA.modifiers.peg.residualFraction.value)
    const fitted = scored.filter((s) => /^panagi2001-/.test(s.row.id) || (/^(zhao2016|arnida2011)-/.test(s.row.id) && s.row.tissue === 'liver'))
    expect(fitted).toHaveLength(10)
    for (const s of fitted) expect(s.within2Fold, `${s.row.id}: ratio ${s.ratio.toFixed(2)}`).toBe(true)
  })

  it('every miss is diagnosed, and every diagnosed one still misses', () => {
    for (const s of scored) expect(Number.isFinite(s.predicted) && s.predicted > 0, s.row.id).toBe(true)
    const misses = scored.filter((s) => !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_MISSES).sort())
  })
})
