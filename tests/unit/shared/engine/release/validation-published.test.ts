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
    diagnosis: 'Size scaling overshoots for a small PEG-PLGA particle: the diffusion time falls with R², so the engine reads this <100 nm particle (90 nm used, an upper bound) about 4.5-fold faster than a 190 nm one, and its surface burst is 39 % (1 - 0.8^(100/45)); published, 55.6 % on day 1 is a burst and a slow second phase. Evidence: the same drug in ~185-190 nm PLGA (calibration rows Aksungur 2011 and J Nanotechnol 2014) is read 2.35-fold slow, so the drug is held more strongly than a 1/R² time scale carries down to 90 nm; the PEG-PLGA core (nanoprecipitation, PEG block not modelled) and the loading (not in the abstract; 1 % by convention) are what the design does not tell the engine.',
  },
  'wu2019-curcumin-pclmpeg-40pct10d': {
    direction: 'engine too fast',
    diagnosis: 'Same drug and matrix, opposite papers: curcumin from ~120 nm PCL releases 40 % in 10 days here (three-arm Tri-CL-mPEG, 5.58 % loading) and 80 % in 12 h in Nagy 2020 (PCL, 10 % loading, gastric medium). No variable the design holds (size, loading, drug, matrix) separates the two, and the faster one has the higher loading, against dispersed-drug physics; the set-up (not stated here) and the star copolymer architecture are what differ. The engine sits between them (3.8 h here, 145 h there), as a least-squares calibration across papers must.',
  },
  'aksungur2012-cyclosporine-plga-75pct24h': {
    direction: 'engine too slow',
    diagnosis: 'Just outside 2-fold (2.4): the same lab and matrix as calibration row Aksungur 2011 and the cyclosporine row of J Nanotechnol 2014, both read 2.35-fold slow. The one PLGA diffusivity is a least-squares compromise over papers four decades apart (tacrolimus 58-fold fast, amphotericin B 45-fold fast, dexamethasone 36-fold slow, rapamycin in a hydrotrope medium 776-fold slow), and for cyclosporine it sits 2.4-fold slow.',
  },
  'nagy2020-curcumin-pcl-80pct12h': {
    direction: 'engine too slow',
    diagnosis: 'Gastric medium and the PCL ratio: the release was measured into simulated gastric fluid with a strong pH dependence (abstract), not a plasma-like buffer, and the engine has no acid acceleration for PCL without a trigger; its PCL diffusivity is the PLGA value x 1/4 (a prior ratio, [U]), and the PLGA value fell 16-fold with the added calibration rows. Evidence of the set-up effect: Wu 2019 (same drug and matrix, ~120 nm) releases 40 % in 10 days.',
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
    // 3 of 7 held-out rows within 2-fold (Mishra 2017 docetaxel/PEG-PLA 1.10, Sun 2015
    // capecitabine/PLGA 0.57, Sibeko 2012 methotrexate/PLA 0.84), measured once by h54 after the
    // refit on nine calibration points; 1 of 7 before it (Nagy 2020, which now misses).
    expect(within).toBe(3)
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

  it('the matrix diffusivities are the least-squares fit of the calibration rows, and the sampled spread is their residual SD', () => {
    // Least squares in log10 time over the calibration points (h54: nine points from eight
    // papers; PLGA/PLA share one diffusivity, PCL at the catalogued 1/4 of it, solid lipid its
    // own). Checked by moving each catalogued value a tenth of a decade either way: every move
    // fits the rows worse. The residual SD (2 parameters fitted) is the catalogued spread that
    // Monte Carlo samples.
    const calibration = rows.filter((r) => r.set === 'calibration')
    const isLipid = (r: ReleaseRow): boolean => designOf(r).core.material === 'solid-lipid'
    const polymerRows = calibration.filter((r) => !isLipid(r))
    const lipidRows = calibration.filter(isLipid)
    expect(polymerRows.length).toBe(8)
    expect(lipidRows.length).toBe(1)
    expect(new Set(calibration.map((r) => r.source.split('doi:')[1]?.split(/[\s,(]/)[0] ?? r.source)).size).toBe(8)
    const sse = (subset: ReleaseRow[]): number => subset.map((r) => Math.log10(score(r).ratio) ** 2).reduce((a, b) => a + b, 0)
    type WithD = { diffusivityCm2PerS: { value: number } }
    const scaled = (cores: readonly string[], f: number, subset: ReleaseRow[]): number => {
      const saved = cores.map((c) => (RELEASE_CATALOG.cores[c] as WithD).diffusivityCm2PerS.value)
      try {
        cores.forEach((c, i) => { (RELEASE_CATALOG.cores[c] as WithD).diffusivityCm2PerS.value = saved[i]! * f })
        return sse(subset)
      } finally {
        cores.forEach((c, i) => { (RELEASE_CATALOG.cores[c] as WithD).diffusivityCm2PerS.value = saved[i]! })
      }
    }
    const polymers = ['plga-50-50', 'plga-75-25', 'pla', 'pcl'] as const
    const atPolymer = sse(polymerRows)
    expect(atPolymer).toBeLessThan(scaled(polymers, Math.pow(10, 0.1), polymerRows))
    expect(atPolymer).toBeLessThan(scaled(polymers, Math.pow(10, -0.1), polymerRows))
    const atLipid = sse(lipidRows)
    expect(atLipid).toBeLessThan(scaled(['solid-lipid'], Math.pow(10, 0.1), lipidRows))
    expect(atLipid).toBeLessThan(scaled(['solid-lipid'], Math.pow(10, -0.1), lipidRows))
    expect(Math.sqrt((atPolymer + atLipid) / (calibration.length - 2))).toBeCloseTo(SPREAD_LOG10, 1)
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
