/**
 * Opening a sweep's sample as a design (renderer/features/sweep/sweep-design.ts): the design
 * must be the one the sweep evaluated for that row. Checked against the CLI's own sampler
 * (which made the designs the rows were computed from) and by evaluating the opened design
 * again: its metrics are the row's, exactly. The design passes the schema; a CSV opens
 * samples only once its spec is given; a row that gives no valid design says why in words.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { evaluateDesign } from '../../../../shared/metrics/registry'
import { sweepSampler } from '../../../../shared/sweep/shard'
import { attachSpec, readSweepFile, type SweepData } from '../../../../renderer/features/sweep/sweep-data'
import { rowKnobValues, sampleDesign, sampleName } from '../../../../renderer/features/sweep/sweep-design'
import { readableReason } from '../../../../renderer/features/sweep/sweep-format'
import { makeTempDir } from '../../electron/helpers'
import { fileBytes, makeSweepFiles, type SweepFiles } from './sweep-fixture'

/** The code-word scan's pattern of a parameter path (tests/e2e/code-words.e2e.ts). */
const PARAMETER_PATH = /\b[a-z][A-Za-z]*\.(?:[a-z0-9-]+\.)*[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*\b/

let tmp: { dir: string; cleanup: () => void }
let files: SweepFiles
let parquet: SweepData

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-sweep-design-')
  files = await makeSweepFiles(tmp.dir)
  parquet = await readSweepFile('sweep.parquet', fileBytes(files.parquet))
}, 120_000)
afterAll(() => tmp?.cleanup())

/** A design without its name and notes (what the sampler's design and the opened one share). */
function body(d: object): object {
  const { name: _n, notes: _o, ...rest } = d as { name: string; notes?: string }
  return rest
}

describe('a sample opened as a design', () => {
  it('is the design the sweep\'s sampler made for that sample, for every row', () => {
    const sampler = sweepSampler(parquet.sweep!)
    for (let r = 0; r < parquet.rows; r++) {
      const made = sampleDesign(parquet, r)
      expect(made.ok).toBe(true)
      if (!made.ok) return
      const drawn = sampler.sample(parquet.sample[r]!)
      expect(drawn.ok).toBe(true)
      if (!drawn.ok) return
      expect(body(made.design)).toEqual(body(drawn.design))
    }
  })

  it('gives the row\'s metrics again when evaluated, exactly (the same design, the same engine)', () => {
    for (const r of [0, 11, 29]) {
      const made = sampleDesign(parquet, r)
      if (!made.ok) throw new Error(made.reason)
      const again = evaluateDesign(made.design, { hours: parquet.sweep!.spec.hours })
      for (const a of parquet.axes.filter((x) => x.role === 'metric')) {
        expect(again[a.key as keyof typeof again]).toBe(a.values[r])
      }
    }
  })

  it('passes the design schema, is named after the base and the sample, and its notes say where it came from in words', () => {
    const made = sampleDesign(parquet, 7)
    if (!made.ok) throw new Error(made.reason)
    expect(validateDesign(made.design).valid).toBe(true)
    expect(made.design.name).toBe('Sweep base (sweep sample 7)')
    const notes = made.design.notes ?? ''
    expect(notes).toMatch(/^Opened from a sweep \(sweep\.parquet\): sample 7 of 30, Latin hypercube, seed 5, 24 h horizon; spec hash [0-9a-f]{16}…, computed by engine \d+\.\d+\.\d+\./)
    expect(notes).toMatch(/Sample values: Core diameter [\d.]+ nm; Core material (PLGA 50:50|PLA \(poly-DL-lactide\)); Ligand 1 per particle \d+\./)
    expect(notes).not.toMatch(PARAMETER_PATH)
    // the knob values in the design are the row's
    for (const [path, v] of rowKnobValues(parquet, 7)) {
      const [head, ...rest] = path.replace(/\[(\d+)\]/g, '.$1').split('.')
      let node: unknown = (made.design as unknown as Record<string, unknown>)[head!]
      for (const k of rest) node = (node as Record<string, unknown>)[k]
      expect(node).toBe(v)
    }
  })

  it('a long base name is cut so the sample still fits the schema\'s limit', () => {
    const name = sampleName('x'.repeat(400), 123456)
    expect(name.endsWith(' (sweep sample 123456)')).toBe(true)
    expect(validateDesign({ ...sampleDesignOk(0), name }).valid).toBe(true)
  })

  it('from a CSV: refused with how to give the spec, then the same design as from the Parquet file', async () => {
    const csv = await readSweepFile('sweep.csv', fileBytes(files.csv))
    const refused = sampleDesign(csv, 3)
    expect(refused.ok).toBe(false)
    if (refused.ok) return
    expect(refused.reason).toMatch(/does not carry the sweep's base design\. Give the spec file the sweep was run with \(the JSON given to nanoforge sweep, or spec\.json in the --slurm folder\)/)
    const withSpec = await attachSpec(csv, 'spec.json', readFileSync(files.spec, 'utf8'))
    const fromCsv = sampleDesign(withSpec, 3)
    const fromParquet = sampleDesign(parquet, 3)
    if (!fromCsv.ok || !fromParquet.ok) throw new Error('refused')
    expect(body(fromCsv.design)).toEqual(body(fromParquet.design))
  })

  it('a row whose values give no valid design is refused with the field named as the form names it', () => {
    const axes = parquet.axes.map((a, d) => (d === 0 ? { ...a, values: Float64Array.from(a.values, (v, r) => (r === 4 ? 1e6 : v)) } : a))
    const broken: SweepData = { ...parquet, axes }
    const made = sampleDesign(broken, 4)
    expect(made.ok).toBe(false)
    if (made.ok) return
    expect(made.reason).toMatch(/^Sample 4 gives no valid design: Core diameter: /)
    expect(made.reason).not.toMatch(PARAMETER_PATH)
    expect(sampleDesign(parquet, 30).ok).toBe(false)
  })
})

describe('why a sample has no result', () => {
  it('names fields as the form does', () => {
    expect(readableReason('invalid design: coatings[0].thicknessNm: must be at most 50; core.diameterNm: too small'))
      .toBe('the values give no valid design: Coating 1 thickness: must be at most 50; Core diameter: too small')
  })
})

function sampleDesignOk(r: number): Design {
  const made = sampleDesign(parquet, r)
  if (!made.ok) throw new Error(made.reason)
  return made.design
}
