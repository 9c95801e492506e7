/**
 * Fuzz of the sweep shard reader (`merge` reads every shard through it): a damaged shard —
 * bytes flipped, cut short, bytes inserted, or random bytes — is either read or refused with
 * SweepFileError, which `merge` answers as bad input; never another error, never an unhandled
 * rejection (vitest fails a run on one). Written with the issue #11 audit, which found a damaged
 * footer throwing a TypeError and damaged column chunks rejecting outside the awaited promise.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluateSerially } from '../../../../shared/analysis/evaluate'
import { newDesign } from '../../../../shared/design/defaults'
import { crc32, decodeSweepParquet, encodeSweepParquet, readSweepInfo, SweepFileError } from '../../../../shared/sweep/parquet'
import { evaluateShard } from '../../../../shared/sweep/shard'
import { canonicalSpecJson, parseSweepSpec } from '../../../../shared/sweep/spec'

const CASES = 10_000

async function shard(): Promise<Uint8Array> {
  const parsed = parseSweepSpec({
    format: 'nanoforge.sweep', version: 1, base: newDesign(), method: 'latin-hypercube', samples: 4, seed: 3, hours: 24,
    vary: [{ path: 'core.diameterNm', min: 80, max: 200 }, { path: 'core.material', options: ['plga-50-50', 'pla'] }],
    metrics: ['bloodHalfLifeH', 'selectivityIndex'],
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors))
  const sweep = parsed.sweep
  const table = await evaluateShard(sweep, { start: 0, end: 4 }, evaluateSerially)
  return new Uint8Array(encodeSweepParquet(table, sweep.knobs, sweep.spec.metrics, { specHash: 'h', spec: canonicalSpecJson(sweep.spec), engineVersion: 'e', shard: { index: 0, count: 1 }, start: 0, end: 4 }))
}

describe('fuzz: the sweep shard reader', () => {
  it(`${CASES.toLocaleString('en')} damaged shards: read, or refused with SweepFileError`, async () => {
    const shardBytes = await shard()
    expect(readSweepInfo(shardBytes.slice().buffer).rows).toBe(4)
    expect((await decodeSweepParquet(shardBytes.slice().buffer)).rows).toBe(4)
    const damage = fc.oneof(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
        const b = shardBytes.slice()
        for (const [at, v] of flips) b[at % b.length] = v
        return b
      }),
      fc.nat().map((n) => shardBytes.slice(0, n % shardBytes.length)),
      fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([at, insert]) => {
        const cut = at % shardBytes.length
        return Uint8Array.from([...shardBytes.subarray(0, cut), ...insert, ...shardBytes.subarray(cut)])
      }),
      fc.uint8Array({ maxLength: 400 }),
    )
    let read = 0
    let refused = 0
    await fc.assert(fc.asyncProperty(damage, async (b) => {
      for (const reader of [async () => readSweepInfo(b.slice().buffer), async () => decodeSweepParquet(b.slice().buffer)]) {
        try {
          await reader()
          read++
        } catch (error) {
          refused++
          expect(error instanceof SweepFileError, `threw ${String(error).slice(0, 300)}`).toBe(true)
        }
      }
    }), { numRuns: CASES, seed: 11 })
    expect(read).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  }, 300_000)
})

describe('the shard checksum', () => {
  it('is the standard CRC-32: crc32("123456789") = 0xCBF43926, and one flipped bit changes it', () => {
    const bytes = Uint8Array.from('123456789', (c) => c.charCodeAt(0))
    expect(crc32(bytes)).toBe(0xcbf43926)
    bytes[3] ^= 1
    expect(crc32(bytes)).not.toBe(0xcbf43926)
  })

  it('refuses a shard whose data bytes were changed, and one whose footer layout was changed, before decoding', async () => {
    const bytes = await shard()
    const footer = new DataView(bytes.buffer).getUint32(bytes.length - 8, true)
    const dataEnd = bytes.length - 8 - footer
    const data = bytes.slice()
    data[Math.floor(dataEnd / 2)] ^= 0xff
    expect(() => readSweepInfo(data.slice().buffer)).toThrow(/column data that do not match the checksum/)
    await expect(decodeSweepParquet(data.slice().buffer)).rejects.toThrow(SweepFileError)
  })
})
