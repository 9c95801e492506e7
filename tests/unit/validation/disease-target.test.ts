/**
 * The engine in diseased animals: published rows on the inflamed target tissue and on blood in
 * animals with the disease (resources/validation/disease-target.json; whole papers per set, the
 * split written before any value was read and before any comparison with the engine). The
 * held-out score is measured here and must equal the one docs/science.md states; every miss is
 * listed with its diagnosis, so a new miss, or a fixed one, fails this test.
 */
import { describe, expect, it } from 'vitest'
import file from '../../../resources/validation/disease-target.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRow, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { readDoc } from '../support/docs'

const doc = file as unknown as PublishedRowsFile & { conventions: string }
const scored = scoreRows(doc.rows)

/** A paper's own identifier in a row's source: its DOI, else its PubMed id. */
function paperOf(row: PublishedRow): string {
  const m = /doi:(10\.\d{4,9}\/\S+?)(?=[,;\s]|$)|(?:PMID|PubMed) (\d+)/i.exec(row.source)
  expect(m, `${row.id}: the source names a DOI or PubMed id`).not.toBeNull()
  return m![1] ? `doi:${m![1].toLowerCase()}` : `pmid:${m![2]}`
}

/** Misses, with the mechanism or the reading that explains them; none is tuned away. */
const DIAGNOSED_MISSES: Record<string, string> = {
  'boerman1997-nonpegliposome-aia-rat-joint-pergram': 'held out, 2.1-fold high: a bare egg-PC liposome that clears in about an hour, read against a joint per-gram value the abstract gives without its time; the lipid dose is a placeholder (15 mg/kg), and at a lower dose the bare liposome clears faster still, which would lower the joint value',
  'jdt2002-pegliposome-colitis-rat-colon-ratio-24h': 'calibration: the engine\'s colon compartment is the whole GI tract, whose healthy share of a PEG-liposome (1.5 %ID at 24 h) is 15 times the paper\'s healthy colon alone (0.1 %ID), so the diseased/healthy ratio cannot reach 135 while the diseased value itself holds',
  'jdt2002-pegliposome-colitis-rat-blood-24h': 'calibration: blood falls from 25.7 to 9 %ID in colitic rats, more than the colon takes up (13.5 %ID); the engine has no systemic effect of colitis on the liver and spleen (activated phagocytes elsewhere), only the lesion',
  'jdt2002-pegliposome-normal-rat-blood-24h': 'calibration: PEG-HSPC/cholesterol liposome, healthy rats, 24 h blood 2.3x high since the bilayer stealth (h56: 1.70x -> 2.28x; unchanged by h58): the ordered-bilayer factor acts on the surface the PEG leaves bare, and PEG plus bilayer keep this rat liposome in blood longer than published, while the PEG-liposome rows in people (Doxil) hold; the bilayer factor is one number for every species',
}

describe('disease-target rows: file and split', () => {
  it('is a nanoforge.validation document with a split rule stated before any value was read', () => {
    expect(doc.format).toBe('nanoforge.validation')
    expect(doc.version).toBe(1)
    expect(doc.splitRule).toMatch(/before any value was read/)
    expect(doc.conventions).toMatch(/targetToHealthyRatio/)
  })

  it('no paper feeds both sets, and every scored row cites its paper with a DOI or PubMed id', () => {
    const setOf = new Map<string, string>()
    for (const row of doc.rows) {
      const paper = paperOf(row)
      expect(setOf.get(paper) ?? row.set, `${paper} is in one set only`).toBe(row.set)
      setOf.set(paper, row.set)
    }
  })

  it('the ratio rows name their basis and reference; every scored prediction is a finite positive number', () => {
    for (const row of doc.rows.filter((r) => r.observable === 'targetToHealthyRatio')) {
      expect(['per-gram', 'whole-tissue'], row.id).toContain(row.ratioBasis)
      expect(['healthy-animals', 'contralateral'], row.id).toContain(row.healthyReference)
    }
    for (const s of scored) expect(Number.isFinite(s.predicted) && s.predicted > 0, s.row.id).toBe(true)
  })
})

describe('the engine in diseased animals (issue #10)', () => {
  it('every miss is a diagnosed one and every diagnosed one still misses', () => {
    const misses = scored.filter((s) => !s.within2Fold).map((s) => s.row.id).sort()
    expect(misses).toEqual(Object.keys(DIAGNOSED_MISSES).sort())
  })

  it('the colitis row the inflammatory-bowel-disease permeability was fitted on holds, and the arthritis anchor too', () => {
    for (const id of ['jdt2002-pegliposome-colitis-rat-colon-percentdose-24h', 'gawne2020-nsslmps-kbxn-mouse-joints-ratio-wholetissue', 'gawne2020-nsslmps-kbxn-mouse-joints-ratio-pergram']) {
      const s = scored.find((r) => r.row.id === id)
      expect(s?.row.set, id).toBe('calibration')
      expect(s?.within2Fold, id).toBe(true)
    }
  })

  it('the held-out score stated in docs/science.md is the measured one', () => {
    const v = scoreOf(scored, 'validation')
    const science = readDoc('docs/science.md')
    const m = /Diseased-animal held-out score: (\d+) of (\d+) rows within 2-fold/.exec(science)
    expect(m, 'docs/science.md states "Diseased-animal held-out score: N of M rows within 2-fold"').not.toBeNull()
    expect([Number(m![1]), Number(m![2])]).toEqual([v.within2Fold, v.scored])
  })
})
