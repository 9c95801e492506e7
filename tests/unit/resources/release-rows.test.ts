/**
 * Shape of the published in-vitro release rows and of the dialysis free-drug controls
 * (issue #10 items 4 and 6):
 *   resources/validation/release-published.json   calibration + the first held-out rows
 *   resources/validation/release-prospective.json blind held-out rows (all "validation")
 *   resources/validation/dialysis-controls.json   free drug crossing the dialysis membrane
 *
 * What is checked is what a score depends on and what a reader of a row needs: a citable
 * paper (DOI; PMID only for an old paper of a journal without DOIs), an evidence tag, the
 * release METHOD (kind of set-up, membrane, volumes, medium, sink), a valid design, values
 * in range, unique ids across the files and no paper in both the prospective file and
 * release-published.json. Nothing is scored here: the engine is not run.
 *
 * The row checker is a pure function returning every problem as "id: field: what"; the last
 * block feeds it deliberately broken rows so that each check is shown able to fail.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../shared/design/schema'
import { RELEASE_METHOD_KINDS } from '../../../shared/engine/release/in-vitro'

const DIR = join(__dirname, '..', '..', '..', 'resources', 'validation')
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8')) as unknown

type Json = Record<string, unknown>

/** The kinds of in-vitro release set-up (the engine's list); null = not stated in what was read. */
const METHOD_KINDS = RELEASE_METHOD_KINDS
const EVIDENCE = ['V', 'C', 'D', 'U']
/** A DOI as written in a source: "doi:10.xxxx/...". */
const DOI = /doi:(10\.\d{4,9}\/[^\s,;]+)/i
const PMID = /PMID \d+/
/** Where in the paper the number was read. */
const PLACE = /Abstract|Figure|Fig\.|Table|text/

const isRecord = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x)
const finitePositive = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x) && x > 0
const nullOr = (x: unknown, ok: (y: unknown) => boolean): boolean => x === null || ok(x)

/** The paper a row or control comes from: its DOI (lower case), else its PMID. */
export function paperOf(source: string): string | undefined {
  const doi = DOI.exec(source)
  if (doi) return `doi:${doi[1]!.toLowerCase()}`
  const pmid = PMID.exec(source)
  return pmid ? pmid[0] : undefined
}

/** Problems of one `method` object; an empty list when it is well formed. */
export function methodProblems(at: string, method: unknown): string[] {
  if (!isRecord(method)) return [`${at}: method: must be an object {kind, mwcoKDa, donorVolumeMl, receptorVolumeMl, medium, surfactantInMedium, temperatureC, sink, freeDrugControl}`]
  const p: string[] = []
  if (!(method.kind === null || (METHOD_KINDS as readonly unknown[]).includes(method.kind))) p.push(`${at}: method.kind: must be one of ${METHOD_KINDS.join(', ')} or null (not stated), got ${JSON.stringify(method.kind)}`)
  for (const k of ['mwcoKDa', 'donorVolumeMl', 'receptorVolumeMl']) {
    if (!(k in method)) p.push(`${at}: method.${k}: missing (null when not given)`)
    else if (!nullOr(method[k], finitePositive)) p.push(`${at}: method.${k}: must be a positive number or null, got ${JSON.stringify(method[k])}`)
  }
  if (!nullOr(method.medium, (m) => typeof m === 'string' && m.length > 2)) p.push(`${at}: method.medium: must be text or null`)
  if (!(method.surfactantInMedium === null || typeof method.surfactantInMedium === 'boolean')) p.push(`${at}: method.surfactantInMedium: must be true, false or null`)
  if (!nullOr(method.temperatureC, (t) => typeof t === 'number' && t >= 4 && t <= 60)) p.push(`${at}: method.temperatureC: must be 4-60 or null, got ${JSON.stringify(method.temperatureC)}`)
  if (method.sink !== 'stated' && method.sink !== 'not stated') p.push(`${at}: method.sink: must be "stated" or "not stated"`)
  if (!('freeDrugControl' in method)) p.push(`${at}: method.freeDrugControl: missing (null when the paper shows none)`)
  else if (method.freeDrugControl !== null) p.push(...curveProblems(`${at}: method.freeDrugControl`, method.freeDrugControl))
  // A dialysis set-up with a stated membrane must have a plausible cut-off (small molecules cross 1-300 kDa membranes).
  if (typeof method.mwcoKDa === 'number' && (method.mwcoKDa < 0.1 || method.mwcoKDa > 1000)) p.push(`${at}: method.mwcoKDa: ${method.mwcoKDa} kDa is outside 0.1-1000`)
  return p
}

/** Problems of a {timesH, fractionCrossed} curve: equal lengths, times rising and > 0, fractions in [0, 1]. */
export function curveProblems(at: string, curve: unknown): string[] {
  if (!isRecord(curve)) return [`${at}: must be {timesH: [...], fractionCrossed: [...]}`]
  const t = curve.timesH
  const f = curve.fractionCrossed
  if (!Array.isArray(t) || !Array.isArray(f) || t.length === 0 || t.length !== f.length) return [`${at}: timesH and fractionCrossed must be non-empty arrays of equal length`]
  const p: string[] = []
  t.forEach((x, i) => {
    if (!finitePositive(x)) p.push(`${at}: timesH[${i}]: must be a positive number of hours`)
    if (i > 0 && !((x as number) > (t[i - 1] as number))) p.push(`${at}: timesH[${i}]: times must rise`)
  })
  f.forEach((x, i) => {
    if (!(typeof x === 'number' && x >= 0 && x <= 1)) p.push(`${at}: fractionCrossed[${i}]: must be a fraction 0-1, got ${JSON.stringify(x)}`)
  })
  return p
}

/**
 * Problems of one release row. `requireDoi` is false only for the file that predates the DOI
 * rule, where a paper of a journal without DOIs may be cited by its PMID.
 */
export function rowProblems(row: unknown, requireDoi: boolean): string[] {
  if (!isRecord(row)) return ['a row must be an object']
  const at = typeof row.id === 'string' && row.id.length > 0 ? row.id : '(no id)'
  const p: string[] = []
  if (at === '(no id)') p.push(`${at}: id: missing`)
  if (row.set !== 'calibration' && row.set !== 'validation') p.push(`${at}: set: must be "calibration" or "validation"`)
  if (row.environment !== 'plasma') p.push(`${at}: environment: must be "plasma" (the scorer compares the plasma environment)`)
  const source = typeof row.source === 'string' ? row.source : ''
  if (!DOI.test(source) && (requireDoi || !PMID.test(source))) p.push(`${at}: source: needs a DOI ("doi:10....")${requireDoi ? '' : ' or, for a journal without DOIs, a PMID'}`)
  if (!PLACE.test(source)) p.push(`${at}: source: must say where in the paper (Abstract, Figure, Table)`)
  if (!EVIDENCE.includes(row.evidence as string)) p.push(`${at}: evidence: must be V, C, D or U`)
  if (!(typeof row.how === 'string' && row.how.length >= 40)) p.push(`${at}: how: must quote or describe the reading (at least 40 characters)`)
  p.push(...methodProblems(at, row.method))
  if (row.observable === 'fractionReleasedAt') {
    if (!finitePositive(row.timeH)) p.push(`${at}: timeH: must be > 0 h`)
    if (!(typeof row.value === 'number' && row.value > 0 && row.value < 1)) p.push(`${at}: value: a released fraction must lie in (0, 1), got ${JSON.stringify(row.value)}`)
    if (row.unit !== '1') p.push(`${at}: unit: must be "1" for a fraction`)
  } else if (row.observable === 't50H') {
    if (!finitePositive(row.value)) p.push(`${at}: value: t50 must be > 0 h`)
    if (row.unit !== 'h') p.push(`${at}: unit: must be "h" for t50H`)
  } else {
    p.push(`${at}: observable: must be "fractionReleasedAt" or "t50H"`)
  }
  const design = validateDesign(row.design)
  if (!design.valid) p.push(...design.errors.map((e) => `${at}: design.${e.path}: ${e.message}`))
  else {
    const d = row.design as { core: { diameterNm: number } }
    // The brief's scope: nanoparticles, not microspheres.
    if (!(d.core.diameterNm >= 20 && d.core.diameterNm <= 1000)) p.push(`${at}: design.core.diameterNm: ${d.core.diameterNm} nm is not a nanoparticle`)
  }
  return p
}

/** Problems of one dialysis free-drug control. */
export function controlProblems(control: unknown): string[] {
  if (!isRecord(control)) return ['a control must be an object']
  const at = typeof control.id === 'string' && control.id.length > 0 ? control.id : '(no id)'
  const p: string[] = []
  if (at === '(no id)') p.push(`${at}: id: missing`)
  if (!(typeof control.drug === 'string' && control.drug.length > 0)) p.push(`${at}: drug: missing`)
  if (!finitePositive(control.mwcoKDa)) p.push(`${at}: mwcoKDa: must be a positive number (a control without its membrane cannot calibrate it)`)
  for (const k of ['donorVolumeMl', 'receptorVolumeMl', 'membraneAreaCm2']) {
    if (!(k in control)) p.push(`${at}: ${k}: missing (null when not given)`)
    else if (!nullOr(control[k], finitePositive)) p.push(`${at}: ${k}: must be a positive number or null`)
  }
  if (!(typeof control.medium === 'string' && control.medium.length > 2)) p.push(`${at}: medium: missing`)
  p.push(...curveProblems(at, { timesH: control.timesH, fractionCrossed: control.fractionCrossed }))
  if (!DOI.test(typeof control.source === 'string' ? control.source : '')) p.push(`${at}: source: needs a DOI`)
  if (!EVIDENCE.includes(control.evidence as string)) p.push(`${at}: evidence: must be V, C, D or U`)
  if (!(typeof control.how === 'string' && control.how.length >= 40)) p.push(`${at}: how: must describe the reading`)
  return p
}

const published = readJson('release-published.json') as Json
const prospective = readJson('release-prospective.json') as Json
const controls = readJson('dialysis-controls.json') as Json
const publishedRows = published.rows as unknown[]
const prospectiveRows = prospective.rows as unknown[]
const controlList = controls.controls as unknown[]

describe('release rows: files', () => {
  it('are nanoforge.validation-release / nanoforge.dialysis-controls version 1 with a stated split rule', () => {
    expect(published.format).toBe('nanoforge.validation-release')
    expect(prospective.format).toBe('nanoforge.validation-release')
    expect(published.version).toBe(1)
    expect(prospective.version).toBe(1)
    expect(typeof prospective.splitRule === 'string' && prospective.splitRule.length > 100).toBe(true)
    expect(prospective.splitRule as string).toMatch(/no engine/i)
    expect(controls.format).toBe('nanoforge.dialysis-controls')
    expect(controls.version).toBe(1)
    expect(Array.isArray(publishedRows) && Array.isArray(prospectiveRows) && Array.isArray(controlList)).toBe(true)
  })

  it('every row of release-published.json is well formed, with a method object', () => {
    expect(publishedRows.flatMap((r) => rowProblems(r, false))).toEqual([])
  })

  it('every prospective row is well formed, cited by DOI and held out', () => {
    expect(prospectiveRows.length).toBeGreaterThan(0)
    expect(prospectiveRows.flatMap((r) => rowProblems(r, true))).toEqual([])
    expect(prospectiveRows.filter((r) => (r as Json).set !== 'validation').map((r) => (r as Json).id)).toEqual([])
  })

  it('rows added to release-published.json after the DOI rule cite a DOI', () => {
    // The 8 first rows predate it (one cites a journal without DOIs by PMID); every later row needs a DOI.
    expect(publishedRows.slice(8).flatMap((r) => rowProblems(r, true))).toEqual([])
  })

  it('every dialysis control is well formed', () => {
    expect(controlList.flatMap(controlProblems)).toEqual([])
  })

  it('ids are unique across the three files', () => {
    const ids = [...publishedRows, ...prospectiveRows, ...controlList].map((r) => (r as Json).id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('no paper is both in the prospective file and in release-published.json, and each paper sits in one set', () => {
    const papersOf = (rows: unknown[]): Set<string> => new Set(rows.map((r) => paperOf((r as Json).source as string)).filter((x): x is string => x !== undefined))
    const pro = papersOf(prospectiveRows)
    expect([...papersOf(publishedRows)].filter((p) => pro.has(p))).toEqual([])
    const setsOfPaper = new Map<string, Set<unknown>>()
    for (const r of publishedRows as Json[]) {
      const paper = paperOf(r.source as string)
      if (paper) setsOfPaper.set(paper, (setsOfPaper.get(paper) ?? new Set()).add(r.set))
    }
    expect([...setsOfPaper].filter(([, sets]) => sets.size > 1).map(([paper]) => paper)).toEqual([])
  })
})

describe('release rows: the checker catches what it must', () => {
  const good = prospectiveRows[0] as Json
  const broken = (patch: Json): Json => ({ ...structuredClone(good), ...patch })

  it('accepts a real row', () => {
    expect(rowProblems(good, true)).toEqual([])
  })

  it('rejects a fraction outside (0, 1), a missing DOI, a bad evidence tag, an unknown method kind and an invalid design, each by name', () => {
    expect(rowProblems(broken({ value: 1.2 }), true).join('\n')).toMatch(/value: a released fraction must lie in \(0, 1\)/)
    expect(rowProblems(broken({ source: 'Somebody 2020, Abstract' }), true).join('\n')).toMatch(/source: needs a DOI/)
    expect(rowProblems(broken({ evidence: 'X' }), true).join('\n')).toMatch(/evidence: must be V, C, D or U/)
    expect(rowProblems(broken({ method: { ...(good.method as Json), kind: 'shake-flask' } }), true).join('\n')).toMatch(/method\.kind: must be one of/)
    expect(rowProblems(broken({ method: undefined }), true).join('\n')).toMatch(/method: must be an object/)
    const badDesign = structuredClone(good.design) as { core: { material: string } }
    badDesign.core.material = 'unobtainium'
    expect(rowProblems(broken({ design: badDesign }), true).join('\n')).toMatch(/design\.core\.material/)
  })

  it('accepts a PMID in place of a DOI only where the file allows it', () => {
    const pmidOnly = broken({ source: 'Old paper 2015, Int J Clin Exp Med 8:1-2, no DOI (PMID 26770631), Abstract' })
    expect(rowProblems(pmidOnly, false)).toEqual([])
    expect(rowProblems(pmidOnly, true).join('\n')).toMatch(/source: needs a DOI/)
  })

  it('rejects a free-drug curve with falling times or a fraction above 1, and a control without its membrane', () => {
    const curve = { timesH: [1, 0.5], fractionCrossed: [0.2, 1.4] }
    const problems = methodProblems('x', { ...(good.method as Json), freeDrugControl: curve }).join('\n')
    expect(problems).toMatch(/timesH\[1\]: times must rise/)
    expect(problems).toMatch(/fractionCrossed\[1\]: must be a fraction 0-1/)
    const control = { id: 'c', drug: 'dexamethasone', mwcoKDa: null, donorVolumeMl: 1, receptorVolumeMl: 50, membraneAreaCm2: null, medium: 'PBS pH 7.4', timesH: [1, 2], fractionCrossed: [0.4, 0.7], source: 'A 2020, doi:10.1000/x, Figure 2', evidence: 'D', how: 'read off Figure 2 at 1 and 2 h with a ruler on the published plot' }
    expect(controlProblems(control).join('\n')).toMatch(/mwcoKDa: must be a positive number/)
    expect(controlProblems({ ...control, mwcoKDa: 12 })).toEqual([])
  })

  it('finds the paper of a source by DOI first, then PMID', () => {
    expect(paperOf('X 2012, J 1:2, doi:10.1155/2012/896141, Abstract')).toBe('doi:10.1155/2012/896141')
    expect(paperOf('X 2015, no DOI (PMID 26770631, PMCID PMC4694531), Abstract')).toBe('PMID 26770631')
    expect(paperOf('no identifier')).toBeUndefined()
  })
})
