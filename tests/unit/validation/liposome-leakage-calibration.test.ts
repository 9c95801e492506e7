/**
 * Shape of the leakage calibration rows (resources/validation/liposome-leakage-calibration.json):
 * calibration only, every design valid, every observable one the scorer reads, no paper shared
 * with a held-out row of the other files, and every scorable row predicted by the engine.
 */
import { describe, expect, it } from 'vitest'
import leakage from '../../../resources/validation/liposome-leakage-calibration.json' with { type: 'json' }
import published from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import prospective from '../../../resources/validation/pbpk-prospective.json' with { type: 'json' }
import liposomeDrug from '../../../resources/validation/liposome-drug.json' with { type: 'json' }
import { designOfRow, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'

const file = leakage as unknown as PublishedRowsFile
const doi = (source: string): string | undefined => /doi:\s*(\S+?)[,;)]?(\s|$)/i.exec(source)?.[1]?.toLowerCase()

describe('liposome leakage calibration rows', () => {
  it('are calibration rows with valid designs, from papers no held-out row uses', () => {
    expect(file.rows.length).toBeGreaterThanOrEqual(10)
    const heldOut = new Set<string>()
    for (const f of [published, prospective, liposomeDrug] as unknown as PublishedRowsFile[]) {
      for (const r of f.rows) if (r.set === 'validation') { const d = doi(r.source); if (d) heldOut.add(d) }
    }
    for (const r of file.rows) {
      expect(r.set, r.id).toBe('calibration')
      expect(() => designOfRow(r), r.id).not.toThrow()
      const d = doi(r.source)
      if (d) expect(heldOut.has(d), r.id).toBe(false)
    }
  })

  it('every scorable row is predicted as a finite non-negative number', () => {
    const scored = scoreRows(file.rows)
    expect(scored.length).toBeGreaterThanOrEqual(10)
    for (const s of scored) expect(Number.isFinite(s.predicted) && s.predicted >= 0, s.row.id).toBe(true)
  })
})
