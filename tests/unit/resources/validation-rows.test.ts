/**
 * Shape of the published in-vivo rows (resources/validation/pbpk-published.json) that calibrate
 * and validate the PBPK engine. Checks what the split depends on: unique ids, a citable source
 * per row, a set and an evidence tag, finite positive values, and that no paper feeds both the
 * calibration and the held-out validation set. Design validity is the harness's job (it needs
 * the version-2 design schema), so the designs are only checked for the fields a row's
 * comparison cannot do without.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

interface Row {
  id: string
  set: string
  design: { format: string; version: number; core: { material: string; diameterNm: number }; context: { species: string; dose: { mgPerKg: number; basis: string } } }
  observable: string
  tissue?: string
  timeH?: number
  value: number
  sd?: number
  unit: string
  counting: string
  source: string
  evidence: string
  how: string
  notRepresentable?: string
  bodyWeightKg?: number
  halfLifePhase?: 'terminal' | 'initial' | 'first-halving'
  halfLifePhaseWords?: string
  terminalWindowH?: [number, number]
  terminalWindowHow?: string
}

const FILE = join(__dirname, '..', '..', '..', 'resources', 'validation', 'pbpk-published.json')
const doc = JSON.parse(readFileSync(FILE, 'utf8')) as { format: string; version: number; splitRule: string; rows: Row[] }
const rows = doc.rows

const OBSERVABLES = ['bloodHalfLifeH', 'percentDose', 'percentDosePerG', 'bloodAucPercentDoseH',
  // rows that assayed the drug a liposome carries: drug still inside particles, or total plasma drug (h56)
  'encapsulatedDrugBloodHalfLifeH', 'encapsulatedDrugBloodAucPercentDoseH', 'totalDrugBloodHalfLifeH', 'totalDrugBloodAucPercentDoseH']
const UNIT_OF: Record<string, string> = {
  bloodHalfLifeH: 'h', percentDose: '%ID', percentDosePerG: '%ID/g', bloodAucPercentDoseH: '%ID*h',
  encapsulatedDrugBloodHalfLifeH: 'h', encapsulatedDrugBloodAucPercentDoseH: '%ID*h', totalDrugBloodHalfLifeH: 'h', totalDrugBloodAucPercentDoseH: '%ID*h',
}
const DOI = /doi:(10\.\d{4,9}\/\S+?)(?=[,;\s]|$)/i
/** A paper's own identifier: its DOI or, for an old paper without one, its PubMed id. */
const PAPER_ID = /doi:(10\.\d{4,9}\/\S+?)(?=[,;\s]|$)|PMID (\d+)/i
/** A regulatory label has no DOI; it is named as prescribing or product information instead. */
const LABEL = /prescribing information|product information/i
/** An older paper without a DOI: said so, with its journal volume:pages. */
const NO_DOI = /no DOI found/i
const VOLUME_PAGES = /\b\d{1,4}:\d{1,5}(-\d{1,5})?\b/

/**
 * The paper a row comes from: the first identifier in its source (the primary paper is cited
 * first; a secondary source the value was read from follows), else the label's name.
 */
function paperOf(row: Row): string {
  const m = PAPER_ID.exec(row.source)
  if (m) return m[1] ? `doi:${m[1].toLowerCase()}` : `pmid:${m[2]!}`
  return row.source.split(',')[0]!.trim().toLowerCase()
}

const positive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0

describe('published in-vivo rows: file and split rule', () => {
  it('is a nanoforge.validation version 1 document with a stated split rule and at least 30 rows', () => {
    expect(doc.format).toBe('nanoforge.validation')
    expect(doc.version).toBe(1)
    expect(doc.splitRule.length).toBeGreaterThan(100)
    expect(rows.length).toBeGreaterThanOrEqual(30)
  })
  it('every id is unique, stable-looking (lower-case, dashes) and non-empty', () => {
    const ids = rows.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  })
})

describe.each(rows.map((r) => [r.id, r] as const))('row %s', (_id, row) => {
  it('has a set, an evidence tag and a counting mode from the allowed lists', () => {
    expect(['calibration', 'validation']).toContain(row.set)
    expect(['V', 'D', 'U']).toContain(row.evidence)
    expect(['intact', 'label']).toContain(row.counting)
  })
  it('cites a DOI (or names the regulatory label it was read from) and says how it was read', () => {
    expect(DOI.test(row.source) || LABEL.test(row.source) || (NO_DOI.test(row.source) && VOLUME_PAGES.test(row.source)), row.source).toBe(true)
    expect(row.how.length).toBeGreaterThan(40)
  })
  it('has a finite positive value (and sd, time, body weight when given) in the unit of its observable', () => {
    expect(OBSERVABLES).toContain(row.observable)
    expect(positive(row.value)).toBe(true)
    expect(row.unit).toBe(UNIT_OF[row.observable])
    if (row.sd !== undefined) expect(positive(row.sd)).toBe(true)
    if (row.bodyWeightKg !== undefined) expect(positive(row.bodyWeightKg)).toBe(true)
    if (row.observable === 'percentDose' || row.observable === 'percentDosePerG') {
      expect(typeof row.tissue).toBe('string')
      expect(positive(row.timeH)).toBe(true)
    }
    if (row.timeH !== undefined) expect(positive(row.timeH)).toBe(true)
    if (row.observable === 'percentDose') expect(row.value).toBeLessThanOrEqual(100)
  })
  it('carries a version-2 design with a core size, a species and a positive dose', () => {
    expect(row.design.format).toBe('nanoforge.design')
    expect(row.design.version).toBe(2)
    expect(positive(row.design.core.diameterNm)).toBe(true)
    expect(['mouse', 'rat', 'human']).toContain(row.design.context.species)
    expect(positive(row.design.context.dose.mgPerKg)).toBe(true)
    expect(['drug', 'particle']).toContain(row.design.context.dose.basis)
  })
})

describe('calibration is kept apart from validation', () => {
  const setsOf = new Map<string, Set<string>>()
  for (const r of rows) {
    const p = paperOf(r)
    if (!setsOf.has(p)) setsOf.set(p, new Set())
    setsOf.get(p)!.add(r.set)
  }
  it('no paper appears in both sets', () => {
    const both = [...setsOf].filter(([, s]) => s.size > 1).map(([p]) => p)
    expect(both).toEqual([])
  })
  it('a paper read through a secondary source is keyed on itself, not on the secondary source', () => {
    // Gabizon 1994 (calibration) has no DOI and is read from Drummond 1999's table; keyed on
    // Drummond it would clash with any validation row read from the same table.
    const gabizon = rows.filter((r) => r.id.startsWith('gabizon1994'))
    expect(gabizon.length).toBeGreaterThan(0)
    for (const r of gabizon) expect(paperOf(r)).toBe('pmid:8313389')
  })
  it('at least 20 scored validation rows from at least 10 papers, covering mouse, rat and human', () => {
    const scored = rows.filter((r) => r.set === 'validation' && r.notRepresentable === undefined)
    expect(scored.length).toBeGreaterThanOrEqual(20)
    expect(new Set(scored.map(paperOf)).size).toBeGreaterThanOrEqual(10)
    expect(new Set(scored.map((r) => r.design.context.species))).toEqual(new Set(['mouse', 'rat', 'human']))
  })
  it('at least 15 distinct papers in all', () => {
    expect(new Set(rows.map(paperOf)).size).toBeGreaterThanOrEqual(15)
  })
})

/**
 * Which half-life a published half-life row is (h60, issue #10): every file with half-life rows
 * states the rule in its `halfLifeConvention` header, and every half-life row, calibration and
 * held out alike, carries `halfLifePhase` with the paper's deciding words quoted from its own
 * source or how (so the phase was read from the row's text, not chosen by its score).
 */
describe('half-life rows say which half-life the paper measured', () => {
  const dir = join(__dirname, '..', '..', '..', 'resources', 'validation')
  const HALF_LIFE = new Set(['bloodHalfLifeH', 'encapsulatedDrugBloodHalfLifeH', 'totalDrugBloodHalfLifeH'])
  interface PhaseRow { id: string; observable: string; source: string; how?: string; halfLifePhase?: string; halfLifePhaseWords?: string; terminalWindowH?: unknown; terminalWindowHow?: string }
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => {
    const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { halfLifeConvention?: string; rows?: PhaseRow[] }
    return { f, d, halfLives: (d.rows ?? []).filter((r) => HALF_LIFE.has(r.observable)) }
  }).filter((x) => x.halfLives.length > 0)

  it('the six files with half-life rows are all covered', () => {
    expect(files.map((x) => x.f).sort()).toEqual(['disease-target.json', 'hydrophilic-coat-calibration.json', 'liposome-drug.json',
      'liposome-leakage-calibration.json', 'pbpk-prospective.json', 'pbpk-published.json'])
  })
  it.each(files.map((x) => [x.f, x] as const))('%s states the rule in its header, the same rule in every file', (_f, x) => {
    expect(x.d.halfLifeConvention).toBe(files[0]!.d.halfLifeConvention)
    expect(x.d.halfLifeConvention).toMatch(/before any row was re-scored/)
    for (const phase of ["'first-halving'", "'terminal'", "'initial'", 'terminalWindowH']) expect(x.d.halfLifeConvention).toContain(phase)
  })
  it.each(files.flatMap((x) => x.halfLives.map((r) => [`${x.f} ${r.id}`, r] as const)))('%s: a phase, the words that decided it, and a window only when terminal', (_k, r) => {
    expect(['terminal', 'initial', 'first-halving']).toContain(r.halfLifePhase)
    expect(typeof r.halfLifePhaseWords).toBe('string')
    expect(r.halfLifePhaseWords!.length).toBeGreaterThan(10)
    expect(`${r.source} ${r.how ?? ''}`, 'the deciding words are quoted from the row').toContain(r.halfLifePhaseWords)
    if (r.terminalWindowH !== undefined) {
      expect(r.halfLifePhase).toBe('terminal')
      const w = r.terminalWindowH as number[]
      expect(w).toHaveLength(2)
      expect(w[0]).toBeGreaterThanOrEqual(0)
      expect(w[1]).toBeGreaterThan(w[0]!)
      expect(w[0]).toBeCloseTo(w[1]! / 3, 9) // the last two-thirds of the paper's sampling
      expect(r.terminalWindowHow).toMatch(new RegExp(`window \\[[^\\]]*\\] = \\[${w[0]}, ${w[1]}\\] h`))
    } else {
      expect(r.terminalWindowHow).toBeUndefined()
    }
  })
  it('no row that is not a half-life carries a phase or a window', () => {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const d = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { rows?: PhaseRow[] }
      for (const r of d.rows ?? []) {
        if (HALF_LIFE.has(r.observable)) continue
        expect(r.halfLifePhase, `${f} ${r.id}`).toBeUndefined()
        expect(r.terminalWindowH, `${f} ${r.id}`).toBeUndefined()
      }
    }
  })
})
