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
  // held out (measured once after the bilayer stealth, per-drug leakage and total plasma drug, h56)
  'bally1990-dox-dspcchol-mouse-encapsulated-24h': 'rigid DSPC/cholesterol vesicles without PEG keep 80 %ID of their doxorubicin in mouse blood at 24 h; the retained fraction of the same paper holds (0.77x), so the carrier is cleared too fast in the mouse: the ordered-bilayer factor is one number for every species and its mouse calibration rows (Krishna 2001, Proffitt 1991) are short too',
  'mao2019-vcr-gvm-smchol-rat-thalf': 'sphingomyelin/cholesterol vincristine in rats, 0.30x: the drug leaks at the weak-base class rate (Webb 1995, the mean of SM and DSPC), while SM/cholesterol at a high drug-to-lipid ratio retains vincristine longer; the design format has no drug-to-lipid ratio or loading method',
  'mao2019-vcr-smcholpeg-dl1to2-rat-thalf': 'as the GVM arm (0.49x): the paper\'s slower leakage at drug-to-lipid 1:2 (drug precipitated in the core) has no design field',
  'embree1998-vcr-human-2p0mgm2-thalf': 'total vincristine in people, 0.26x: the published value is the second phase (22.5 h; first phase 1.95 h, its AUC share not given) and the engine\'s first-halving time lies between the phases; which bilayer was given (DSPC per Drummond 1999 or sphingomyelin) is unverified',
  'embree1998-vcr-human-2p8mgm2-thalf': 'as 2.0 mg/m2 with a 99.3 h second phase from two patients: a slow phase the one-phase carrier and first-order leakage cannot produce',
  // calibration
  'webb1995-vcr-smchol-mouse-retained-72h': 'vincristine keeps 25 % at 72 h in SM/cholesterol and 5 % in DSPC/cholesterol; both bilayers are fully ordered, so the engine leaks them alike (0.37x here, 2.55x for DSPC): a lipid-specific leakage (sphingomyelin\'s tighter packing) is not modelled',
  'webb1995-vcr-dspcchol-mouse-retained-72h': 'as webb1995 sphingomyelin, the other side of the same lipid effect',
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
