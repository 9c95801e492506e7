/**
 * The design-review report's section 4.2, published experiments like the design: a design that
 * is a published row's own design lists that row with its paper cited in the references, its
 * published value and the engine's estimate; a design with nothing like it says so.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { IN_VIVO_ROW_FILES } from '../../../../shared/engine/validation/in-vivo-rows'
import { designOfRow, predictRow } from '../../../../shared/engine/validation/published-rows'
import { analyseDesign } from '../../../../shared/report/analyse'
import { buildDesignReport, type ReportSettings, type ReportVersion } from '../../../../shared/report/build'
import type { ReportBlock } from '../../../../shared/report/document'
import { REPO_ROOT } from '../../electron/helpers'

const SETTINGS: ReportSettings = {
  generatedAt: '2026-12-07T12:00:00.000Z',
  validation: { heldOut: { scored: 87, within2Fold: 51, share: 51 / 87 }, calibration: { scored: 116, within2Fold: 76, share: 76 / 116 }, prospective: { scored: 11, within2Fold: 6, share: 6 / 11 }, heldOutFoldError: { rows: 87, p50: 1.7, p80: 3.1, p95: 9.7 } },
}
const version = (design: Design): ReportVersion => ({
  designId: '00000000-0000-4000-8000-000000000002', version: 1, versionCount: 1, savedAt: '2026-12-07T09:00:00.000Z', note: '',
  documentHash: 'c'.repeat(64), savedEngineVersion: '0.3.1', design, measurements: [],
})

/** The blocks of section 4.2, up to the next heading of level 1 or 2. */
function section42(blocks: ReadonlyArray<ReportBlock>): ReportBlock[] {
  const i = blocks.findIndex((b) => b.kind === 'heading' && b.text === '4.2 Published experiments like this design')
  expect(i, 'section 4.2 present').toBeGreaterThan(0)
  expect(blocks.slice(0, i).some((b) => b.kind === 'heading' && b.text === '4.1 Measurements against predictions'), '4.2 follows 4.1').toBe(true)
  const end = blocks.findIndex((b, j) => j > i && b.kind === 'heading')
  return blocks.slice(i + 1, end)
}

describe('report section 4.2: published experiments like the design', () => {
  it('lists the published experiment of the design itself, cited, with the published value and the engine', () => {
    const row = IN_VIVO_ROW_FILES['liposome-drug']!.rows.find((r) => r.id === 'lobatto2015-lnplp-rat-8mgkg-thalf')!
    const design = designOfRow(row)
    const doc = buildDesignReport(version(design), analyseDesign(design, false), SETTINGS)
    const blocks = section42(doc.blocks)
    const table = blocks.find((b) => b.kind === 'table')
    expect(table).toBeDefined()
    if (table?.kind !== 'table') throw new Error('no table')
    const own = table.rows.find((r) => r[1] === 'Half-life of drug still inside particles (terminal)' && r[6] === 'the same design')
    expect(own, 'the row of the design itself').toBeDefined()
    const ref = /^Lobatto 2015 \[(\d+)\] \(calibration\)$/.exec(own![0]!)
    expect(ref).not.toBeNull()
    const references = doc.blocks.at(-1)
    if (references?.kind !== 'list') throw new Error('references list missing')
    expect(references.items[Number(ref![1]) - 1]).toBe(row.source.trim())
    expect(own![2]).toBe(`${row.value} h`)
    expect(Number(own![3]!.replace(/ h$/, ''))).toBeCloseTo(predictRow(row), 1)
    expect(own![5]).toBe(own![3])
  })

  it('says so when nothing published is like the design', () => {
    const checked = validateDesign(JSON.parse(readFileSync(join(REPO_ROOT, 'resources/examples/lupus-rbc-silica.nanoforge.json'), 'utf8')))
    if (!checked.valid) throw new Error('example invalid')
    const blocks = section42(buildDesignReport(version(checked.design), analyseDesign(checked.design, false), SETTINGS).blocks)
    expect(blocks).toHaveLength(1)
    expect(blocks[0]!.kind === 'paragraph' && blocks[0]!.text).toMatch(/^No published experiment in the engine's validation rows is like this design/)
  })
})
