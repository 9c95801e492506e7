/**
 * Calibration rows of dextran-coated particles in mice (resources/validation/
 * hydrophilic-coat-calibration.json) for the hydrophilic-coat modifier (issue #10 item 3): the
 * file's shape, that none of its papers is in another validation file, and that the dextran
 * coat moves the engine towards the published values against a control coat of the same
 * surface charge and thickness that hides nothing.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../shared/design/schema'
import type { Design } from '../../../shared/design/types'
import { getPolymerCoating } from '../../../shared/catalog/index'
import { scoreRows, type PublishedRow, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'

const DIR = join(__dirname, '..', '..', '..', 'resources', 'validation')
const NAME = 'hydrophilic-coat-calibration.json'
const file = JSON.parse(readFileSync(join(DIR, NAME), 'utf8')) as PublishedRowsFile & { splitRule: string }
const rows = file.rows as ReadonlyArray<PublishedRow & { how: string }>
const DOI = /doi:(10\.\d{4,9}\/\S+?)(?=[,;\s]|$)/i
const UNIT_OF: Record<string, string> = { bloodHalfLifeH: 'h', percentDosePerG: '%ID/g', percentDose: '%ID' }

describe('hydrophilic-coat-calibration.json (dextran shells in mice)', () => {
  it('is calibration only, with unique ids, a DOI, an evidence tag, a how and a unit that fits the observable', () => {
    expect(file.format).toBe('nanoforge.validation')
    expect(rows.length).toBeGreaterThanOrEqual(10)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
    for (const r of rows) {
      expect(r.set, r.id).toBe('calibration')
      expect(DOI.test(r.source), r.id).toBe(true)
      expect(['V', 'D', 'U'], r.id).toContain(r.evidence)
      expect(r.how.length, r.id).toBeGreaterThan(100)
      expect(r.unit, r.id).toBe(UNIT_OF[r.observable])
      expect(Number.isFinite(r.value) && r.value > 0, r.id).toBe(true)
    }
  })

  it('describes valid designs whose outer coat is the catalog dextran', () => {
    for (const r of rows) {
      const v = validateDesign(r.design)
      expect(v.valid ? [] : v.errors, r.id).toEqual([])
      const coats = (r.design as Design).coatings
      expect(coats.map((c) => (c.kind === 'polymer' ? c.material : c.kind)), r.id).toEqual(['dextran'])
    }
  })

  it('takes no paper that another validation file holds', () => {
    const mine = new Set(rows.map((r) => DOI.exec(r.source)![1]!.toLowerCase()))
    expect(mine.size).toBeGreaterThanOrEqual(3)
    for (const other of readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== NAME)) {
      const text = readFileSync(join(DIR, other), 'utf8').toLowerCase()
      // stealth-blood.json adds the blood of these papers' groups, as calibration rows (its rule)
      if (other === 'stealth-blood.json') {
        const blood = (JSON.parse(text) as { rows: { set: string; source: string }[] }).rows
        for (const doi of mine) for (const r of blood.filter((b) => b.source.includes(doi))) expect(r.set, `${doi} in ${other}`).toBe('calibration')
        continue
      }
      for (const doi of mine) expect(text.includes(doi), `${doi} in ${other}`).toBe(false)
    }
  })

  it('the dextran coat fits the rows better than a coat of the same charge that hides nothing (polysorbate 80)', () => {
    // the control must differ from dextran only in the hydrophilic-coat term
    expect(getPolymerCoating('polysorbate-80').zetaMv.value).toBe(getPolymerCoating('dextran').zetaMv.value)
    const control = rows.map((r) => {
      const d = r.design as Design
      return { ...r, design: { ...d, coatings: d.coatings.map((c) => (c.kind === 'polymer' ? { ...c, material: 'polysorbate-80' } : c)) } }
    })
    const rms = (s: ReturnType<typeof scoreRows>): number => Math.sqrt(s.reduce((a, x) => a + Math.log10(x.ratio) ** 2, 0) / s.length)
    const within = (s: ReturnType<typeof scoreRows>): number => s.filter((x) => x.within2Fold).length
    const withDextran = scoreRows(rows)
    const withControl = scoreRows(control)
    expect(rms(withDextran)).toBeLessThan(rms(withControl))
    expect(within(withDextran)).toBeGreaterThanOrEqual(within(withControl))
  })
})
