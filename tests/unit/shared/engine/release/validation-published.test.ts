/**
 * Scores the release engine on published nanoparticle release data
 * (resources/validation/release-published.json; issue #10 items 4 and 6).
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
import { validateDesign } from '../../../../../shared/design/schema'
import type { Design } from '../../../../../shared/design/types'
import { predictRelease } from '../../../../../shared/engine/release/index'

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

/** Engine fraction released in plasma at tH. */
function fractionAt(design: Design, tH: number): number {
  return predictRelease(design, { timesH: [tH] }).environments.plasma.fractionReleased[0] as number
}

/**
 * First time the engine's plasma release reaches `fraction`: geometric bisection on
 * predictRelease (release is monotone in time, a test in predict.test.ts). Infinity if not
 * reached within 10 years.
 */
function timeToFractionH(design: Design, fraction: number): number {
  let lo = 1e-6
  let hi = 24 * 3650
  if (fractionAt(design, hi) < fraction) return Infinity
  for (let i = 0; i < 100 && hi / lo > 1 + 1e-9; i++) {
    const mid = Math.sqrt(lo * hi)
    if (fractionAt(design, mid) >= fraction) hi = mid
    else lo = mid
  }
  return Math.sqrt(lo * hi)
}

interface Scored { readonly row: ReleaseRow; readonly publishedH: number; readonly engineH: number; readonly ratio: number; readonly within2: boolean }

function score(row: ReleaseRow): Scored {
  const design = designOf(row)
  const fraction = row.observable === 't50H' ? 0.5 : row.value
  const publishedH = row.observable === 't50H' ? row.value : (row.timeH as number)
  const engineH = timeToFractionH(design, fraction)
  const ratio = engineH / publishedH
  return { row, publishedH, engineH, ratio, within2: ratio >= 0.5 && ratio <= 2 }
}

/**
 * Held-out misses and why. Each names the mechanism the engine lacks and the evidence; a
 * miss is never tuned away (no constant is set from a validation row).
 */
const HELD_OUT_MISSES: Record<string, { readonly direction: 'engine too slow' | 'engine too fast'; readonly diagnosis: string }> = {
  'tang2012-cyclosporine-pegplga-56pct24h': {
    direction: 'engine too slow',
    diagnosis: 'Size law too steep for a cyclic peptide: the Potts-Guy term lowers D by 10^(0.0061 x 810 Da) = 10^4.9 from dexamethasone to cyclosporine (1203 Da), but cyclosporine is a compact, flexible macrocycle whose diffusivity does not follow the small-molecule MW law, and <100 nm PEG-PLGA from nanoprecipitation is partly a micelle-like, hydrated core. Evidence: 55.6 % released on day 1 from <100 nm particles, as fast as dexamethasone per unit R^2.',
  },
  'mishra2017-docetaxel-pegpla-98pct72h': {
    direction: 'engine too slow',
    diagnosis: 'Same size law at 808 Da (D down 10^2.5) and PEG-PLA particles: a PEG-PLA block copolymer core of 101 nm by nanoprecipitation is hydrated and less glassy than the PLGA of the calibration rows, which the catalog core "pla" (same D_ref as PLGA) does not describe. Evidence: 98 % in 72 h; the engine reaches 98 % only after weeks because of the size term.',
  },
  'wu2019-curcumin-pclmpeg-40pct10d': {
    direction: 'engine too fast',
    diagnosis: 'Matrix not calibrated: PCL D_ref is the PLGA value x 1/4 from the brief\'s prior ratio, with no PCL row. Curcumin (368 Da, near the reference size) is then predicted to release within about a day; the paper\'s 40 % in 10 days points to binding/crystallinity in the PCL core (logP 3.3) slowing release ~100-fold, which the engine has no term for (logP only sets the burst).',
  },
  'sun2015-capecitabine-plga-84pct5d': {
    direction: 'engine too fast',
    diagnosis: 'Crystalline drug dissolving at a zero-order rate: XRD shows crystalline capecitabine in the particles and release is zero-order over 5 days, i.e. dissolution of drug crystals, not diffusion of dissolved drug. The engine treats the 17 % loading as dispersed drug in Baker-Lonsdale form, whose rate is set by D x Cs with Cs a class prior (3 %, [U]); Baker-Lonsdale from a 144 nm sphere with the calibrated D still releases in hours.',
  },
  'sibeko2012-methotrexate-plamaa-t50-24h': {
    direction: 'engine too fast',
    diagnosis: 'Copolymer matrix not in the catalog: the particles are PLA-methacrylic acid made by double emulsion (ionisable carboxylic comonomer, porous water-in-oil-in-water structure), and 50 % in 24 h is a burst followed by 84 h of release. The engine models plain PLA with the PLGA D_ref and methotrexate (454 Da) near the reference size, so diffusion finishes within hours; the slow phase needs a matrix term (binding or pore tortuosity) the engine lacks.',
  },
}

const { rows, splitRule } = readRows(rawRows)
const scored = rows.map(score)

describe('published nanoparticle release rows (resources/validation/release-published.json)', () => {
  it('keeps calibration and validation apart, whole papers in one set, ≥ 8 rows from ≥ 6 papers, ≥ 5 papers held out', () => {
    expect(splitRule).toMatch(/before any engine comparison/)
    const paperOf = (r: ReleaseRow): string => (/doi:([^\s,(]+)|PMID (\d+)/.exec(r.source) ?? [r.source])[0]
    const setOfPaper = new Map<string, string>()
    for (const r of rows) {
      const p = paperOf(r)
      const prev = setOfPaper.get(p)
      if (prev !== undefined) expect(prev, `${r.id}: paper ${p} in both sets`).toBe(r.set)
      setOfPaper.set(p, r.set)
    }
    expect(rows.length).toBeGreaterThanOrEqual(8)
    expect(setOfPaper.size).toBeGreaterThanOrEqual(6)
    expect([...setOfPaper.values()].filter((s) => s === 'validation').length).toBeGreaterThanOrEqual(5)
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
  })

  it('every design in the file is a valid design document of a matrix core', () => {
    for (const r of rows) {
      const d = designOf(r)
      expect(['plga-50-50', 'plga-75-25', 'pla', 'pcl', 'solid-lipid']).toContain(d.core.material)
      expect(d.core.diameterNm).toBeGreaterThanOrEqual(80)
      expect(d.core.diameterNm).toBeLessThanOrEqual(300)
    }
  })

  it('reports the held-out score and pins every held-out miss with its diagnosis', () => {
    const table = scored.map((s) => `${s.row.set.padEnd(11)} ${s.row.id.padEnd(48)} published ${s.publishedH.toPrecision(3).padStart(6)} h  engine ${s.engineH.toPrecision(3).padStart(8)} h  ratio ${s.ratio.toPrecision(3).padStart(7)}  ${s.within2 ? 'within 2-fold' : 'MISS'}`)
    const held = scored.filter((s) => s.row.set === 'validation')
    const heldScore = held.filter((s) => s.within2).length / held.length
    const cal = scored.filter((s) => s.row.set === 'calibration')
    console.log(`release validation\n${table.join('\n')}\nheld-out within 2-fold: ${held.filter((s) => s.within2).length}/${held.length} = ${(100 * heldScore).toFixed(0)} %; calibration: ${cal.filter((s) => s.within2).length}/${cal.length}`)

    // Every held-out miss is diagnosed, in the direction stated; no diagnosis for a row that passes.
    for (const s of held) {
      const known = HELD_OUT_MISSES[s.row.id]
      if (s.within2) {
        expect(known, `${s.row.id} passes now: remove its diagnosis`).toBeUndefined()
      } else {
        expect(known, `${s.row.id} misses (ratio ${s.ratio.toPrecision(3)}) without a diagnosis`).toBeDefined()
        expect(s.ratio > 1 ? 'engine too slow' : 'engine too fast').toBe(known?.direction)
      }
    }
    // The score as measured today (issue #10 asks ≥ 80 %; see the diagnoses for why it is not).
    expect(heldScore).toBe(0)
  })

  it('the calibration rows bracket the engine: the fitted D_ref leaves opposite residuals, each within 6-fold', () => {
    // Least squares in ln(time) over the PLGA rows leaves one slower and one faster (not a
    // one-sided bias); the SLN row is matched by its own D_ref.
    const byId = new Map(scored.map((s) => [s.row.id, s]))
    const dex = byId.get('gomezgaete2007-dexamethasone-plga7525-complete4h')
    const tac = byId.get('alshamsan2020-tacrolimus-plga-30pct12d')
    const sln = byId.get('surve2021-methotrexate-sln-96pct5h')
    expect(dex && tac && sln).toBeTruthy()
    expect(dex!.ratio).toBeGreaterThan(1)
    expect(tac!.ratio).toBeLessThan(1)
    expect(Math.abs(Math.log(dex!.ratio) + Math.log(tac!.ratio))).toBeLessThan(Math.log(2))
    for (const s of [dex!, tac!]) expect(Math.abs(Math.log(s.ratio))).toBeLessThan(Math.log(6))
    expect(sln!.within2).toBe(true)
  })

  it('reads a malformed row with a message naming the row and the field', () => {
    const bad = structuredClone(rawRows) as { rows: Array<Record<string, unknown>> }
    delete bad.rows[1]!.timeH
    expect(() => readRows(bad)).toThrow(/rows\[1\] \(alshamsan2020-tacrolimus-plga-30pct12d\): fractionReleasedAt needs timeH/)
  })
})
