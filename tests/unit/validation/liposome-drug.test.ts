/**
 * The engine against published rows of drug still inside circulating liposomes
 * (resources/validation/liposome-drug.json; split by paper, written before any value was read).
 * The held-out score is measured here and must equal the one the README states; every miss of
 * either set is listed with its diagnosis, so a new miss or a fixed one fails this test.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/liposome-drug.json' with { type: 'json' }
import publishedFile from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

/** Misses and why (mechanism, evidence); none is tuned away. */
const DIAGNOSED_MISSES: Record<string, string> = {
  // held out
  'bally1990-dox-dspcchol-mouse-encapsulated-24h': 'rigid DSPC/cholesterol vesicles without PEG hold 80 %ID of their doxorubicin in mouse blood at 24 h; the engine has no stealth for ordered bilayers and clears them like fluid vesicles (the retained fraction of the same paper holds)',
  'mao2019-vcr-gvm-smchol-rat-thalf': 'sphingomyelin/cholesterol without PEG (a generic Marqibo): no ordered-bilayer stealth (the PEGylated arms of the same paper hold)',
  'embree1998-vcr-human-2p0mgm2-thalf': 'DSPC (or sphingomyelin)/cholesterol without PEG in people: no ordered-bilayer stealth',
  'embree1998-vcr-human-2p8mgm2-thalf': 'as embree1998 2.0 mg/m2',
  // calibration
  'webb1995-vcr-smchol-mouse-retained-72h': 'vincristine leaks (25 % left at 72 h); the row\'s stand-in payload (methotrexate, a retained anion) keeps 85 %: the catalog has no weak-base class for remote-loaded drugs',
  'webb1995-vcr-dspcchol-mouse-retained-72h': 'as webb1995 sphingomyelin; DSPC/cholesterol leaks faster (5 % left), a bilayer effect on leakage the engine lacks',
  'bedikian2006-vsli-human-2mgm2-auc': 'sphingomyelin/cholesterol vincristine (Marqibo) in people: no ordered-bilayer stealth (as the Marqibo label row of pbpk-published.json)',
  'gabizon1994-doxil-human-encapsulated-auc': 'AUC 2.1x high read as a plasma sample reads, while the Doxil half-life rows hold: the row converts µg·h/mL with a plasma volume that may not match the study\'s patients (Working & Dayan 1996, the same liposome, holds at 1.4x)',
  'lobatto2015-lnplp-rat-2mgkg-auc': 'AUC 0.44x with the half-life at 0.60x: the row converts with a plasma volume of 44 mL/kg where the paper\'s own peak implies 31-36 mL/kg (0.70-0.82x the value)',
}

describe('drug retained in circulating liposomes (issue #10)', () => {
  it('every scored row is predicted as a finite positive number and the file has both sets', () => {
    for (const s of scored) expect(Number.isFinite(s.predicted) && s.predicted >= 0, s.row.id).toBe(true)
    expect(scoreOf(scored, 'calibration').scored).toBeGreaterThanOrEqual(10)
    expect(scoreOf(scored, 'validation').scored).toBeGreaterThanOrEqual(8)
  })

  it('no paper is in both sets, and a paper shared with pbpk-published.json keeps its set there', () => {
    const doi = (source: string): string | undefined => /doi:\s*(\S+?)[,;]?(\s|$)/i.exec(source)?.[1]?.toLowerCase()
    const setOf = new Map<string, string>()
    for (const r of file.rows) {
      const d = doi(r.source)
      if (d === undefined) continue
      expect(setOf.get(d) ?? r.set, r.id).toBe(r.set)
      setOf.set(d, r.set)
    }
    for (const r of (publishedFile as unknown as PublishedRowsFile).rows) {
      const d = doi(r.source)
      if (d !== undefined && setOf.has(d)) expect(setOf.get(d), r.id).toBe(r.set)
    }
  })

  it('every miss is one of the diagnosed ones, and every diagnosed one still misses', () => {
    const misses = scored.filter((s) => !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_MISSES).sort())
  })

  it('the scores stated in the README are the measured ones', () => {
    const v = scoreOf(scored, 'validation')
    const c = scoreOf(scored, 'calibration')
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
    const m = /Liposome-drug held-out score: (\d+) of (\d+) rows within 2-fold\*\* \(calibration (\d+)\s+of (\d+)\)/.exec(readme)
    expect(m, 'README states "Liposome-drug held-out score: N of M rows within 2-fold** (calibration K of L)"').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([v.within2Fold, v.scored, c.within2Fold, c.scored])
  })
})
