/**
 * The engine against published rows of drug still inside circulating liposomes
 * (resources/validation/liposome-drug.json; split by paper, written before any value was read).
 * The held-out score is measured here and must equal the one docs/science.md states; every miss of
 * either set is listed with its diagnosis, so a new miss or a fixed one fails this test.
 */
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/liposome-drug.json' with { type: 'json' }
import publishedFile from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

const file = rowsFile as unknown as PublishedRowsFile
const scored = scoreRows(file.rows)

/** Misses and why (mechanism, evidence); none is tuned away. */
const DIAGNOSED_MISSES: Record<string, string> = {
  // held out, measured once after the gel-phase route to bilayer order, the curvature term of
  // small vesicles and the sphingomyelin leakage factor (h58; before: h56). Mao 2019 1:2 (0.49x ->
  // 0.61x) and the calibration rows of Webb 1995 (0.37x / 2.55x -> 1.17x / 1.62x, the
  // sphingomyelin factor is Webb's own ratio) now hold
  'gabizon1994-doxil-human-encapsulated-auc': 'calibration row, 1.85x -> 2.01x after the ordered-bilayer factor was refitted on all liposome calibration rows (0.1 -> 0.03; the fit is a compromise, 43 against 41 of 57 calibration rows within 2-fold): the HSPC/cholesterol bilayer shows through the part of the surface the PEG-lipid leaves bare, so Doxil\'s carrier clears a little more slowly; its half-lives in the same and other papers hold (0.70-0.97x), so the AUC (a 0-infinity extrapolation of the doxorubicin assay) and the half-lives pull apart by the 2-fold margin only',
  'bally1990-dox-dspcchol-mouse-encapsulated-24h': 'rigid DSPC/cholesterol vesicles without PEG keep 80 %ID of their doxorubicin in mouse blood at 24 h (0.10x; 0.30x after the ordered-bilayer factor was refitted on calibration rows, 0.1 -> 0.03); the retained fraction of the same paper holds (0.83x), so the carrier is cleared too fast in the mouse: the ordered-bilayer factor is one number for every species and its mouse calibration row (Krishna 2001) is short too, 0.31x as a first halving and 0.65x as the terminal slope its abstract\'s \'total drug elimination\' half-life reads (h60)',
  'embree1998-vcr-human-2p0mgm2-thalf': 'total vincristine in people: the published value is the second phase of a two-compartment fit (22.5 h; first phase 1.95 h), now read as the engine\'s terminal slope over the last two-thirds of the paper\'s sampling, [24, 72] h (h60): 0.24x -> 0.42x (0.48x after the bilayer refit), still short: the engine\'s total vincristine falls with one rate, the carrier\'s clearance plus the weak-base leakage, 9.4 h; which bilayer was given (DSPC per Drummond 1999 or sphingomyelin) is unverified',
  'embree1998-vcr-human-2p8mgm2-thalf': 'as 2.0 mg/m2 with a 99.3 h second phase from two patients, a terminal half-life longer than the paper\'s 72 h of sampling (terminal slope over [24, 72] h: 0.05x -> 0.09x): a slow phase the one-phase carrier and first-order leakage cannot produce',
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

  it('the scores stated in docs/science.md are the measured ones', () => {
    const v = scoreOf(scored, 'validation')
    const c = scoreOf(scored, 'calibration')
    const science = readDoc('docs/science.md')
    const m = /Liposome-drug held-out score: (\d+) of (\d+) rows within 2-fold\*\* \(calibration (\d+)\s+of (\d+)\)/.exec(science)
    expect(m, 'docs/science.md states "Liposome-drug held-out score: N of M rows within 2-fold** (calibration K of L)"').not.toBeNull()
    expect(m!.slice(1).map(Number)).toEqual([v.within2Fold, v.scored, c.within2Fold, c.scored])
  })
})
