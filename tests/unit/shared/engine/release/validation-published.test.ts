/**
 * Scores the release engine on published nanoparticle release data
 * (resources/validation/release-published.json: calibration rows and the first held-out rows;
 * resources/validation/release-prospective.json: blind held-out rows; issue #10 items 4 and 6).
 *
 * The engine's time for a row is the time the row's EXPERIMENT would read: when the row states
 * its set-up (method.kind), through the measurement model (shared/engine/release/in-vitro.ts:
 * a dialysis membrane delays what is counted); when it does not, the particle's own release.
 *
 * What is compared: every row is scored on TIME. A t50H row compares the engine's t50 in
 * plasma with the published t50. A fractionReleasedAt row ("F released by time t") compares
 * the engine's time to reach that same fraction F with the published t. Why time and not the
 * fraction itself: fractions are bounded by 1, so "within 2-fold" of a published 0.95 would
 * accept anything from 0.48 up, and of 0.98 anything above 0.49 — a test that cannot fail
 * for fast releases. Time-to-fraction has no ceiling and is what the PBPK model consumes (a
 * rate). A row passes when engine/published time lies in [1/2, 2].
 *
 * Calibration rows set the reference diffusivities (resources/catalog/release.json names them
 * in its sources); validation rows were held out by a rule fixed before any comparison
 * (the file's splitRule). The held-out score is printed and asserted, and every held-out miss
 * is listed below with its diagnosis — the diagnosis names a mechanism the engine does not
 * have, it is never a special case for the row. A row that starts passing or a new miss
 * fails the test, so the table stays true.
 */
import { describe, expect, it } from 'vitest'
import rawRows from '../../../../../resources/validation/release-published.json'
import rawProspective from '../../../../../resources/validation/release-prospective.json'
import { validateDesign } from '../../../../../shared/design/schema'
import type { Design } from '../../../../../shared/design/types'
import {
  RELEASE_CATALOG, apparentTimeToFractionH, type ReleaseMethod, type ReleaseMethodKind,
} from '../../../../../shared/engine/release/index'
import { normalQuantile } from '../../../../../shared/engine/pbpk/random'
import { PBPK_DATA } from '../../../../../shared/engine/pbpk/data'

interface ReleaseRow {
  readonly id: string
  readonly set: 'calibration' | 'validation'
  readonly design: unknown
  readonly observable: 't50H' | 'fractionReleasedAt'
  readonly timeH?: number
  readonly value: number
  readonly unit: string
  readonly environment: 'plasma'
  readonly source: string
  readonly evidence: 'V' | 'C' | 'D' | 'U'
  readonly how: string
  readonly method?: { readonly kind: ReleaseMethodKind | null; readonly freeDrugControl?: ReleaseMethod['freeDrugControl'] }
}

/** Reads the file with a clear message per bad field (row id and field). */
function readRows(raw: unknown): { rows: ReleaseRow[]; splitRule: string } {
  const doc = raw as { format?: unknown; version?: unknown; splitRule?: unknown; rows?: unknown }
  if (doc.format !== 'nanoforge.validation-release') throw new Error(`release-published.json: format must be "nanoforge.validation-release", got ${String(doc.format)}`)
  if (doc.version !== 1) throw new Error(`release-published.json: version must be 1, got ${String(doc.version)}`)
  if (typeof doc.splitRule !== 'string' || doc.splitRule.length < 20) throw new Error('release-published.json: splitRule must state the rule')
  if (!Array.isArray(doc.rows)) throw new Error('release-published.json: rows must be an array')
  const rows = doc.rows as ReleaseRow[]
  rows.forEach((r, i) => {
    const at = `rows[${i}] (${r.id ?? 'no id'})`
    if (typeof r.id !== 'string' || r.id.length === 0) throw new Error(`${at}: id missing`)
    if (r.set !== 'calibration' && r.set !== 'validation') throw new Error(`${at}: set must be calibration or validation`)
    if (r.environment !== 'plasma') throw new Error(`${at}: environment must be plasma`)
    if (!(r.value > 0)) throw new Error(`${at}: value must be > 0`)
    if (r.observable === 'fractionReleasedAt') {
      if (!(r.timeH !== undefined && r.timeH > 0)) throw new Error(`${at}: fractionReleasedAt needs timeH > 0`)
      if (!(r.value < 1)) throw new Error(`${at}: a released fraction must be < 1 to have a time`)
      if (r.unit !== '1') throw new Error(`${at}: fraction unit must be "1"`)
    } else if (r.observable === 't50H') {
      if (r.unit !== 'h') throw new Error(`${at}: t50H unit must be "h"`)
    } else {
      throw new Error(`${at}: observable must be t50H or fractionReleasedAt`)
    }
    if (!/doi:|PMID/.test(r.source) || !/Abstract|Figure|Table/.test(r.source)) throw new Error(`${at}: source needs a DOI (or PMID) and the place in the paper`)
    if (!['V', 'C', 'D', 'U'].includes(r.evidence)) throw new Error(`${at}: evidence tag invalid`)
    if (typeof r.how !== 'string' || r.how.length < 20) throw new Error(`${at}: how must say how the number was read`)
  })
  return { rows, splitRule: doc.splitRule }
}

function designOf(row: ReleaseRow): Design {
  const v = validateDesign(row.design)
  if (!v.valid) throw new Error(`${row.id}: design invalid: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`)
  return v.design
}

/**
 * The set-up the row's experiment used: its stated kind through the measurement model, or
 * the particle's own release (sample-and-separate reads it directly) when not stated.
 */
function methodOf(row: ReleaseRow): ReleaseMethod {
  const kind = row.method?.kind ?? 'sample-and-separate'
  return { kind, ...(row.method?.freeDrugControl ? { freeDrugControl: row.method.freeDrugControl } : {}) }
}

interface Scored { readonly row: ReleaseRow; readonly publishedH: number; readonly engineH: number; readonly ratio: number; readonly within2: boolean }

function score(row: ReleaseRow): Scored {
  const design = designOf(row)
  const fraction = row.observable === 't50H' ? 0.5 : row.value
  const publishedH = row.observable === 't50H' ? row.value : (row.timeH as number)
  const engineH = apparentTimeToFractionH(design, methodOf(row), fraction)
  const ratio = engineH / publishedH
  return { row, publishedH, engineH, ratio, within2: ratio >= 0.5 && ratio <= 2 }
}

/**
 * Held-out misses and why. Each names the mechanism the engine lacks and the evidence; a
 * miss is never tuned away (no constant is set from a validation row). The rows of
 * release-published.json were diagnosed before (with the earlier size law) and are held out
 * but no longer blind; the rows of release-prospective.json are blind.
 */
const HELD_OUT_MISSES: Record<string, { readonly direction: 'engine too slow' | 'engine too fast'; readonly diagnosis: string }> = {
  'tang2012-cyclosporine-pegplga-56pct24h': {
    direction: 'engine too fast',
    diagnosis: 'Slow phase after a burst: 55.6 % on day 1 is a burst and a slow second phase; with the Stokes-Einstein size law cyclosporine (1203 Da) diffuses only 0.69x as fast as dexamethasone, so a <100 nm particle empties in well under an hour. Evidence: the calibration rows of the same drug (Aksungur 2011, PLGA ~180 nm) are read 5x fast too; the engine has one diffusivity per matrix and no slow (entrapped or crystalline) fraction.',
  },
  'mishra2017-docetaxel-pegpla-98pct72h': {
    direction: 'engine too fast',
    diagnosis: 'Same: 98 % in 72 h from 101 nm PEG-PLA is a release over days, while one diffusivity calibrated across four matrix rows releases a 101 nm sphere in hours. The spread of the calibration rows (residual SD 1.96 decades) is the evidence that the design alone does not set a matrix release time.',
  },
  'wu2019-curcumin-pclmpeg-40pct10d': {
    direction: 'engine too fast',
    diagnosis: 'Binding or crystallinity in PCL: 40 % in 10 days for curcumin (368 Da, logP 3.3) from 116 nm PCL-mPEG points to drug held by the semicrystalline matrix, slowing release ~100-fold against diffusion; the engine has no term for it (logP sets only the burst). The method is not stated in what was read; a dialysis membrane with partition into the particles (in-vitro.ts) would add hours, not days.',
  },
  'sun2015-capecitabine-plga-84pct5d': {
    direction: 'engine too fast',
    diagnosis: 'Crystalline drug dissolving at a zero-order rate: XRD shows crystalline capecitabine in the particles and release is zero-order over 5 days, i.e. dissolution of drug crystals, not diffusion of dissolved drug. The engine reads the 17 % loading as dispersed drug (Baker-Lonsdale) whose rate is set by D x Cs with Cs a class prior (3 %, [U]).',
  },
  'sibeko2012-methotrexate-plamaa-t50-24h': {
    direction: 'engine too fast',
    diagnosis: 'Copolymer matrix not in the catalog: PLA-methacrylic acid by double emulsion (ionisable comonomer, porous structure); 50 % in 24 h is a burst followed by 84 h of release. The engine models plain PLA with the PLGA diffusivity, so diffusion finishes within hours.',
  },
  'aksungur2012-cyclosporine-plga-75pct24h': {
    direction: 'engine too fast',
    diagnosis: 'Blind row, same lab and matrix as the calibration row Aksungur 2011, which the fitted diffusivity also reads 5x fast: the one PLGA diffusivity is a compromise over calibration rows 4.5 decades apart (tacrolimus 30 % in 12 days; rapamycin 91 % in 2.5 h), so a lab whose particles release over a day is read as releasing within hours.',
  },
}

const { rows, splitRule } = readRows(rawRows)
const { rows: prospectiveRows, splitRule: prospectiveRule } = readRows(rawProspective)
const scored = rows.map(score)
const prospective = prospectiveRows.map(score)
const heldOut = [...scored.filter((s) => s.row.set === 'validation'), ...prospective]
/** The 95 % band of the sampled release speed, ×/÷ this factor (Monte Carlo, release.json matrixReleaseSpread). */
const SPREAD_LOG10 = RELEASE_CATALOG.matrixReleaseSpread.log10StandardDeviation.value
const BAND_FACTOR = Math.pow(10, SPREAD_LOG10 * normalQuantile(PBPK_DATA.monteCarlo.upperQuantile.value))

describe('published nanoparticle release rows (release-published.json, release-prospective.json)', () => {
  it('keeps calibration and validation apart, whole papers in one set, ≥ 8 rows from ≥ 6 papers, ≥ 5 papers held out', () => {
    expect(splitRule).toMatch(/before any engine comparison/)
    expect(prospectiveRule).toMatch(/No engine, CLI or scorer was run/)
    const paperOf = (r: ReleaseRow): string => (/doi:([^\s,(]+)|PMID (\d+)/.exec(r.source) ?? [r.source])[0]
    const setOfPaper = new Map<string, string>()
    for (const r of [...rows, ...prospectiveRows]) {
      const p = paperOf(r)
      const prev = setOfPaper.get(p)
      if (prev !== undefined) expect(prev, `${r.id}: paper ${p} in both sets`).toBe(r.set)
      setOfPaper.set(p, r.set)
    }
    expect(prospectiveRows.every((r) => r.set === 'validation')).toBe(true)
    expect(rows.length).toBeGreaterThanOrEqual(8)
    expect(setOfPaper.size).toBeGreaterThanOrEqual(6)
    expect([...setOfPaper.values()].filter((s) => s === 'validation').length).toBeGreaterThanOrEqual(5)
    expect(new Set([...rows, ...prospectiveRows].map((r) => r.id)).size).toBe(rows.length + prospectiveRows.length)
  })

  it('every design in the files is a valid design document of a matrix core', () => {
    for (const r of [...rows, ...prospectiveRows]) {
      const d = designOf(r)
      expect(['plga-50-50', 'plga-75-25', 'pla', 'pcl', 'solid-lipid']).toContain(d.core.material)
      expect(d.core.diameterNm).toBeGreaterThanOrEqual(80)
      expect(d.core.diameterNm).toBeLessThanOrEqual(300)
    }
  })

  it('reports the held-out score and pins every held-out miss with its diagnosis', () => {
    const line = (s: Scored): string => `${s.row.set.padEnd(11)} ${s.row.id.padEnd(48)} published ${s.publishedH.toPrecision(3).padStart(6)} h  engine ${s.engineH.toPrecision(3).padStart(8)} h  ratio ${s.ratio.toPrecision(3).padStart(7)}  ${s.within2 ? 'within 2-fold' : 'MISS'}`
    const within = heldOut.filter((s) => s.within2).length
    const blindWithin = prospective.filter((s) => s.within2).length
    const cal = scored.filter((s) => s.row.set === 'calibration')
    console.log(`release validation\n${[...scored, ...prospective].map(line).join('\n')}\nheld-out within 2-fold: ${within}/${heldOut.length} (blind ${blindWithin}/${prospective.length}); inside the 95 % band (x/÷ ${BAND_FACTOR.toPrecision(3)}): ${heldOut.filter((s) => Math.abs(Math.log10(s.ratio)) <= Math.log10(BAND_FACTOR)).length}/${heldOut.length}; calibration within 2-fold: ${cal.filter((s) => s.within2).length}/${cal.length}`)

    // Every held-out miss is diagnosed, in the direction stated; no diagnosis for a row that passes.
    for (const s of heldOut) {
      const known = HELD_OUT_MISSES[s.row.id]
      if (s.within2) {
        expect(known, `${s.row.id} passes now: remove its diagnosis`).toBeUndefined()
      } else {
        expect(known, `${s.row.id} misses (ratio ${s.ratio.toPrecision(3)}) without a diagnosis`).toBeDefined()
        expect(s.ratio > 1 ? 'engine too slow' : 'engine too fast').toBe(known?.direction)
      }
    }
    // The score as measured today (issue #10 asks ≥ 80 %; see the diagnoses for why it is not):
    // 1 of 7 held-out rows within 2-fold (the blind Nagy 2020 curcumin/PCL row).
    expect(within).toBe(1)
    expect(heldOut).toHaveLength(7)
  })

  it('every held-out row lies inside the 95 % band of the sampled release speed', () => {
    // The band is what the app and `simulate --samples` draw for drug released in each tissue:
    // the release speed is sampled with the calibration rows' residual spread. A held-out row
    // outside it would mean the band understates what is unknown.
    for (const s of heldOut) {
      expect(Math.abs(Math.log10(s.ratio)), `${s.row.id}: ratio ${s.ratio.toPrecision(3)} outside x/÷ ${BAND_FACTOR.toPrecision(3)}`).toBeLessThanOrEqual(Math.log10(BAND_FACTOR))
    }
  })

  it('the matrix diffusivity is the least-squares fit of the calibration rows, and the sampled spread is their residual SD', () => {
    // Least squares in log time over the four matrix calibration rows (PLGA/PLA and PCL, PCL at
    // the catalogued 1/4 ratio). Checked by moving the catalogued value a tenth of a decade
    // either way: both moves fit the rows worse. The residual RMS (1 parameter fitted) is the
    // catalogued spread that Monte Carlo samples.
    const matrixRows = rows.filter((r) => r.set === 'calibration' && designOf(r).core.material !== 'solid-lipid')
    expect(matrixRows.length).toBe(4)
    const sse = (): number => matrixRows.map((r) => Math.log10(score(r).ratio) ** 2).reduce((a, b) => a + b, 0)
    const cores = ['plga-50-50', 'plga-75-25', 'pla', 'pcl'] as const
    const saved = cores.map((c) => (RELEASE_CATALOG.cores[c] as { diffusivityCm2PerS: { value: number } }).diffusivityCm2PerS.value)
    const scaleAll = (f: number): void => cores.forEach((c, i) => { (RELEASE_CATALOG.cores[c] as { diffusivityCm2PerS: { value: number } }).diffusivityCm2PerS.value = saved[i]! * f })
    let at: number, up: number, down: number
    try {
      at = sse()
      scaleAll(Math.pow(10, 0.1)); up = sse()
      scaleAll(Math.pow(10, -0.1)); down = sse()
    } finally {
      scaleAll(1)
    }
    expect(at).toBeLessThan(up)
    expect(at).toBeLessThan(down)
    expect(Math.sqrt(at / (matrixRows.length - 1))).toBeCloseTo(SPREAD_LOG10, 1)
    // the solid-lipid row is matched by its own diffusivity
    const sln = scored.find((s) => s.row.id === 'surve2021-methotrexate-sln-96pct5h')
    expect(sln?.within2).toBe(true)
  })

  it('reads a malformed row with a message naming the row and the field', () => {
    const bad = structuredClone(rawRows) as { rows: Array<Record<string, unknown>> }
    delete bad.rows[1]!.timeH
    expect(() => readRows(bad)).toThrow(/rows\[1\] \(alshamsan2020-tacrolimus-plga-30pct12d\): fractionReleasedAt needs timeH/)
  })
})
