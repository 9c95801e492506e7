/**
 * Reading a merged sweep back into the app (issue 17, "Back into the app"): the Parquet and
 * CSV that `nanoforge merge` writes, made here by the CLI's own commands, become the same
 * columns, named by the design field definitions and the metric registry; bad files are
 * refused with a message naming the file and the problem.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { decodeSweepParquet, encodeSweepParquet } from '../../../../shared/sweep/parquet'
import { parseSweepSpec, canonicalSpecJson } from '../../../../shared/sweep/spec'
import { attachSpec, parseCsvRecords, readSweepFile, sha256Hex, SweepOpenError, type SweepData } from '../../../../renderer/features/sweep/sweep-data'
import { makeTempDir } from '../../electron/helpers'
import { fileBytes, makeSweepFiles, testSpec, type SweepFiles } from './sweep-fixture'

let tmp: { dir: string; cleanup: () => void }
let files: SweepFiles

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-sweep-view-')
  files = await makeSweepFiles(tmp.dir)
}, 120_000)
afterAll(() => tmp?.cleanup())

async function refusal(name: string, bytes: ArrayBuffer | Uint8Array | string): Promise<string> {
  const buffer = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  const ab = buffer instanceof ArrayBuffer ? buffer : buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer
  try {
    await readSweepFile(name, ab)
  } catch (error) {
    expect(error).toBeInstanceOf(SweepOpenError)
    return (error as Error).message
  }
  throw new Error(`${name} was accepted`)
}

describe('a merged Parquet sweep', () => {
  it('has one axis per knob and metric, labelled from the field definitions and the registry, values as the file holds them', async () => {
    const data = await readSweepFile('sweep.parquet', fileBytes(files.parquet))
    const decoded = await decodeSweepParquet(fileBytes(files.parquet))
    expect(data.format).toBe('parquet')
    expect(data.rows).toBe(30)
    expect(data.shard).toBeNull()
    expect(data.sweep?.spec.base.name).toBe('Sweep base')
    expect(data.axes.map((a) => [a.role, a.label, a.unit])).toEqual([
      ['knob', 'Core diameter', 'nm'],
      ['knob', 'Core material', ''],
      ['knob', 'Ligand 1 per particle', ''],
      ['metric', 'Selectivity index', ''],
      ['metric', 'Blood half-life', 'h'],
      ['metric', 'Liver + spleen at 24 h', '%ID'],
    ])
    const [diameter, material, ligands] = data.axes
    // the spec's ranges and scales: 10-1000 ligands spans two decades, so it was sampled (and is drawn) per factor
    expect(diameter!.domain).toEqual([50, 250])
    expect(diameter!.scale).toBe('linear')
    expect(ligands!.scale).toBe('log')
    expect(ligands!.integer).toBe(true)
    expect(material!.categorical).toBe(true)
    expect(material!.categoryLabels).toEqual(['PLGA 50:50', 'PLA (poly-DL-lactide)'])
    for (let r = 0; r < data.rows; r++) {
      expect(data.sample[r]).toBe(r)
      expect(diameter!.values[r]).toBe(decoded.columns[1]![r])
      expect(material!.categories[material!.values[r]!]).toBe(decoded.columns[2]![r])
      expect(data.axes[3]!.values[r]).toBe(decoded.columns[4]![r])
    }
    expect(data.specHash).toBe(decoded.info.specHash)
    expect(data.failed).toBe(0)
  })
})

describe('the merged CSV of the same sweep', () => {
  it('reads to the same values cell for cell; without the spec its axes come from the data', async () => {
    const parquet = await readSweepFile('sweep.parquet', fileBytes(files.parquet))
    const csv = await readSweepFile('sweep.csv', fileBytes(files.csv))
    expect(csv.format).toBe('csv')
    expect(csv.sweep).toBeNull()
    expect(csv.specHash).toBe(parquet.specHash)
    expect(csv.engineVersion).toBe(parquet.engineVersion)
    expect(csv.axes.map((a) => a.key)).toEqual(parquet.axes.map((a) => a.key))
    expect(csv.axes.map((a) => a.label)).toEqual(parquet.axes.map((a) => a.label))
    parquet.axes.forEach((a, d) => {
      const b = csv.axes[d]!
      for (let r = 0; r < parquet.rows; r++) {
        if (a.categorical) expect(b.categories[b.values[r]!]).toBe(a.categories[a.values[r]!])
        else expect(b.values[r]).toBe(a.values[r]) // shortest round-trip text: the same doubles
      }
    })
    // the data's range, not the spec's (which the CSV does not carry)
    const d = csv.axes[0]!.domain
    expect(d[0]).toBeGreaterThanOrEqual(50)
    expect(d[1]).toBeLessThanOrEqual(250)
  })

  it('takes the spec the sweep was run with (as written, defaults left out) and then has the spec\'s ranges', async () => {
    const csv = await readSweepFile('sweep.csv', fileBytes(files.csv))
    const withSpec = await attachSpec(csv, 'spec.json', readFileSync(files.spec, 'utf8'))
    expect(withSpec.sweep?.spec.base.name).toBe('Sweep base')
    expect(withSpec.axes[0]!.domain).toEqual([50, 250])
    expect(withSpec.axes[2]!.scale).toBe('log')
    expect(withSpec.axes[1]!.categories).toEqual(['plga-50-50', 'pla'])
  })

  it('refuses the spec of another sweep, and a file that is not a spec, saying which', async () => {
    const csv = await readSweepFile('sweep.csv', fileBytes(files.csv))
    const other = JSON.stringify(testSpec(30, 6))
    await expect(attachSpec(csv, 'other.json', other)).rejects.toThrow(/other\.json is not the spec of this sweep: its hash begins [0-9a-f]{12}…, the sweep's [0-9a-f]{12}…/)
    await expect(attachSpec(csv, 'x.json', '{"format":')).rejects.toThrow(/x\.json is not JSON/)
    await expect(attachSpec(csv, 'goal.json', JSON.stringify({ format: 'nanoforge.goal' }))).rejects.toThrow(/goal\.json is not a sweep spec: format: must be "nanoforge\.sweep"/)
  })
})

describe('bad files are refused with the file and the problem', () => {
  it('empty, binary, cut-short Parquet, and a Parquet table that is not a sweep', async () => {
    expect(await refusal('empty.parquet', new Uint8Array(0))).toBe('empty.parquet is empty.')
    expect(await refusal('noise.bin', new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0xc3, 0x28]))).toMatch(/^noise\.bin is neither a Parquet file nor text/)
    const whole = new Uint8Array(fileBytes(files.parquet))
    expect(await refusal('cut.parquet', whole.slice(0, Math.floor(whole.length / 2)))).toMatch(/^cut\.parquet starts as a Parquet file but does not end as one: it is cut short or damaged/)
    const plain = parquetWriteBuffer({ columnData: [{ name: 'x', data: Float64Array.from([1, 2, 3]), type: 'DOUBLE' }] })
    expect(await refusal('plain.parquet', plain)).toMatch(/^plain\.parquet is a Parquet file but not a NanoForge sweep table/)
    // damaged inside: the footer is intact but a column chunk is overwritten
    const damaged = whole.slice()
    for (let i = 8; i < 400; i++) damaged[i] = 0xab
    // the column data's checksum (CRC-32, written with the file) refuses it before any decoding
    expect(await refusal('damaged.parquet', damaged)).toMatch(/^damaged\.parquet (has column data that do not match the checksum|could not be read to the end|is not a readable Parquet file)/)
  })

  it('a Parquet sweep whose spec was altered after it was written', async () => {
    const parsed = parseSweepSpec(testSpec(4))
    if (!parsed.ok) throw new Error('spec')
    const { knobs, spec } = parsed.sweep
    const table = {
      sample: [0, 1, 2, 3], knobs: [[60, 70, 80, 90], ['pla', 'pla', 'pla', 'pla'], [10, 20, 30, 40]],
      metrics: [[1, 2, 3, 4], [1, 1, 1, 1], [5, 5, 5, 5]], error: [null, null, null, null],
    }
    const honest = canonicalSpecJson(spec)
    const altered = canonicalSpecJson({ ...spec, seed: 99 })
    const bytes = encodeSweepParquet(table, knobs, spec.metrics, { specHash: await sha256Hex(honest), spec: altered, engineVersion: '0.2.0', shard: null, start: 0, end: 4 })
    expect(await refusal('altered.parquet', bytes)).toMatch(/^altered\.parquet: its spec does not match its spec hash, so the file was altered/)
    const fine = encodeSweepParquet(table, knobs, spec.metrics, { specHash: await sha256Hex(honest), spec: honest, engineVersion: '0.2.0', shard: { index: 1, count: 3 }, start: 0, end: 4 })
    const shard = await readSweepFile('shard.parquet', fine)
    expect(shard.shard).toEqual({ index: 1, count: 3 })
    expect(shard.axes[1]!.values[0]).toBe(1) // 'pla' is option 1
  })

  it('CSV: not a sweep, unknown columns, a ragged line, a number that is not one, mixed sweeps', async () => {
    const csvText = readFileSync(files.csv, 'utf8')
    const lines = csvText.trimEnd().split('\n')
    expect(await refusal('people.csv', 'name,age\nAda,36\n')).toMatch(/^people\.csv is not a sweep table: a merged sweep CSV starts with the columns sample, then the knobs, the metrics, error, specHash and engineVersion .*its first line is "name,age"/)
    const renamed = [lines[0]!.replace('core.diameterNm', 'core.sizeNm'), ...lines.slice(1)].join('\n')
    expect(await refusal('renamed.csv', renamed)).toBe('renamed.csv: the column "core.sizeNm" is neither a design field nor a metric.')
    const ragged = [...lines.slice(0, 4), `${lines[4]!},extra`, ...lines.slice(5)].join('\n')
    expect(await refusal('ragged.csv', ragged)).toMatch(/^ragged\.csv, line 5: 11 fields where the header has 10\.$/)
    const cells = lines[3]!.split(',')
    cells[1] = 'big'
    const word = [...lines.slice(0, 3), cells.join(','), ...lines.slice(4)].join('\n')
    expect(await refusal('word.csv', word)).toBe('word.csv, line 4: Core diameter is "big", not a number.')
    const mixed = [...lines.slice(0, 6), lines[6]!.replace(/,[0-9a-f]{64},/, `,${'0'.repeat(64)},`), ...lines.slice(7)].join('\n')
    expect(await refusal('mixed.csv', mixed)).toMatch(/^mixed\.csv, line 7: a spec hash unlike the first row's/)
    expect(await refusal('header.csv', `${lines[0]}\n`)).toBe('header.csv has the columns of a sweep but no rows.')
  })

  it('reads RFC 4180 quoting: commas, quotes and line breaks inside a field', () => {
    expect(parseCsvRecords('a,b\r\n"x, ""y""","line\nbreak"\n')).toEqual([['a', 'b'], ['x, "y"', 'line\nbreak']])
    expect(() => parseCsvRecords('a\n"open\n')).toThrow(/opened on line 2 is never closed/)
    // plain lines around a quoted one (the fast path and the careful one), CRLF, no final line end
    expect(parseCsvRecords('1,2,\r\n3,"bad, ""x""\r\nmore",z\r\n4,5,6')).toEqual([['1', '2', ''], ['3', 'bad, "x"\r\nmore', 'z'], ['4', '5', '6']])
    expect(() => parseCsvRecords('1,2\n3,"never\n4,5\n')).toThrow(/opened on line 2 is never closed/)
  })
})

describe('a failed sample', () => {
  it('keeps its knob values; its metrics have no value and its reason is kept', async () => {
    const parsed = parseSweepSpec(testSpec(3))
    if (!parsed.ok) throw new Error('spec')
    const { knobs, spec } = parsed.sweep
    const canonical = canonicalSpecJson(spec)
    const table = {
      sample: [0, 1, 2], knobs: [[60, 70, 80], ['pla', 'plga-50-50', 'pla'], [10, 20, 30]],
      metrics: [[1, null, 3], [1, null, 1], [5, null, 5]], error: [null, 'invalid design: coatings[0].thicknessNm: too thick', null],
    }
    const bytes = encodeSweepParquet(table, knobs, spec.metrics, { specHash: await sha256Hex(canonical), spec: canonical, engineVersion: '0.2.0', shard: null, start: 0, end: 3 })
    const path = join(tmp.dir, 'failed.parquet')
    writeFileSync(path, new Uint8Array(bytes))
    const data: SweepData = await readSweepFile('failed.parquet', fileBytes(path))
    expect(data.failed).toBe(1)
    expect(data.error[1]).toBe('invalid design: coatings[0].thicknessNm: too thick')
    expect(Number.isNaN(data.axes[3]!.values[1]!)).toBe(true)
    expect(data.axes[0]!.values[1]).toBe(70)
    // the metric's axis spans the values it has
    expect(data.axes[3]!.domain).toEqual([1, 3])
  })
})
