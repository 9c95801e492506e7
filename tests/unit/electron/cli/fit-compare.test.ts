import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import type { CliIo } from '../../../../electron/cli/types'

// Through the CLI's entry (main), as a user runs them: its one error mapper gives the exit codes.
const runFit = (args: string[], io: CliIo): Promise<number> => main(['fit', ...args], io)
const runCompare = (args: string[], io: CliIo): Promise<number> => main(['compare', ...args], io)

const dir = mkdtempSync(join(tmpdir(), 'nanoforge-fit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function file(name: string, text: string): string {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

function capture(): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return { stdout: (t) => { out += t }, stderr: (t) => { err += t }, out: () => out, err: () => err }
}

// Weibull-shaped release (alpha 5, beta 0.7) with a small replicate spread, minutes in the header.
const timesMin = [15, 30, 60, 120, 240, 360, 480, 720, 1440, 2160, 2880, 4320]
const weibull = (tH: number): number => 100 * (1 - Math.exp(-Math.pow(tH, 0.7) / 5))
const refCsv = ['time (min),r1,r2,r3', ...timesMin.map((m, i) => {
  const f = weibull(m / 60)
  return `${m},${(f + 0.4 * Math.sin(i)).toFixed(3)},${(f - 0.3 * Math.cos(i)).toFixed(3)},${(f + 0.2).toFixed(3)}`
})].join('\n')
const testCsv = ['time (min);a;b;c', ...timesMin.map((m) => {
  const f = 0.9 * weibull(m / 60)
  return `${m};${(f + 0.5).toFixed(2).replace('.', ',')};${(f - 0.5).toFixed(2).replace('.', ',')};${f.toFixed(2).replace('.', ',')}`
})].join('\n')

describe('nanoforge fit', () => {
  it('prints the cli.md JSON: models sorted by AIC, best, pointsUsed', async () => {
    const io = capture()
    const code = await runFit([file('ref.csv', refCsv), '--json'], io)
    expect(code).toBe(0)
    const doc = JSON.parse(io.out()) as {
      models: Array<{ model: string; parameters: Record<string, number>; r2: number; adjustedR2: number; aic: number; msc: number; pointsUsed: number }>
      best: string
    }
    expect(doc.models.length).toBeGreaterThanOrEqual(12)
    for (const m of doc.models) {
      expect(Object.keys(m)).toEqual(expect.arrayContaining(['model', 'parameters', 'r2', 'adjustedR2', 'aic', 'msc', 'pointsUsed']))
    }
    for (let i = 1; i < doc.models.length; i++) expect(doc.models[i]!.aic).toBeGreaterThanOrEqual(doc.models[i - 1]!.aic)
    expect(doc.models.map((m) => m.model)).toContain(doc.best)
    const w = doc.models.find((m) => m.model === 'weibull')!
    expect(w.parameters.alpha).toBeGreaterThan(4)
    expect(w.parameters.alpha).toBeLessThan(6)
    expect(w.parameters.beta).toBeCloseTo(0.7, 1)
    expect(w.pointsUsed).toBe(12)
    expect(doc.models.find((m) => m.model === 'korsmeyer-peppas')!.pointsUsed).toBeLessThan(12)
    expect(io.err()).toMatch(/converted from min/) // warnings go to stderr, not stdout
  })

  it('fits only the models asked for and prints a table without --json', async () => {
    const io = capture()
    expect(await runFit([file('ref2.csv', refCsv), '--models', 'weibull,first-order'], io)).toBe(0)
    expect(io.out()).toMatch(/weibull/)
    expect(io.out()).toMatch(/first-order/)
    expect(io.out()).not.toMatch(/gompertz/)
    expect(() => JSON.parse(io.out())).toThrow()
  })

  it('lists the models with equations and parameter names', async () => {
    const io = capture()
    expect(await runFit(['--list-models', '--json'], io)).toBe(0)
    const doc = JSON.parse(io.out()) as { models: Array<{ model: string; equation: string; parameters: Array<{ name: string }> }> }
    expect(doc.models.find((m) => m.model === 'peppas-sahlin')!.parameters.map((p) => p.name)).toEqual(['k1', 'k2', 'm'])
    const text = capture()
    expect(await runFit(['--list-models'], text)).toBe(0)
    expect(text.out()).toMatch(/F = 100 \* \[1 - exp\(-t\^beta \/ alpha\)\]/)
  })

  it('exits 2 with reasons on stderr for bad input', async () => {
    const a = capture()
    expect(await runFit([file('r3.csv', refCsv), '--models', 'weibull,nope'], a)).toBe(2)
    expect(a.err()).toMatch(/Unknown model\(s\): nope/)
    const b = capture()
    expect(await runFit([join(dir, 'missing.csv')], b)).toBe(2)
    expect(b.err()).toMatch(/no such file/)
    const c = capture()
    const badFile = file('bad.csv', 'time (h),a\n1,10\n2,oops\n')
    expect(await runFit([badFile, '--json'], c)).toBe(2)
    expect(c.err()).toMatch(/bad\.csv:3: column 2/)
    expect(JSON.parse(c.out())).toHaveProperty('error')
    const d = capture()
    expect(await runFit([], d)).toBe(2)
    expect(d.err()).toMatch(/Usage/)
    const e = capture()
    expect(await runFit([badFile, '--bogus'], e)).toBe(2)
  })
})

describe('nanoforge compare', () => {
  it('prints f1, f2, timePointsUsed, conditionsMet and notes', async () => {
    const io = capture()
    const code = await runCompare([file('a.csv', refCsv), file('b.csv', testCsv), '--json'], io)
    expect(code).toBe(0)
    const doc = JSON.parse(io.out()) as {
      f1: number; f2: number; timePointsUsed: number[]; conditionsMet: boolean; notes: string[]
      bootstrap: { seed: number; ci90: [number, number] } | null
    }
    expect(doc.f1).toBeGreaterThan(0)
    expect(doc.f2).toBeGreaterThan(0)
    expect(doc.f2).toBeLessThan(100)
    expect(doc.timePointsUsed[0]).toBe(0.25)
    expect(doc.conditionsMet).toBe(false) // 3 units per product, 12 required
    expect(doc.notes.some((n) => /units-per-product/.test(n))).toBe(true)
    expect(doc.bootstrap!.seed).toBeTypeOf('number')
    const seeded = capture()
    expect(await runCompare([join(dir, 'a.csv'), join(dir, 'b.csv'), '--json', '--seed', '7'], seeded)).toBe(0)
    expect((JSON.parse(seeded.out()) as { bootstrap: { seed: number } }).bootstrap.seed).toBe(7)
  })

  it('prints a readable summary without --json and exits 2 on bad input', async () => {
    const io = capture()
    expect(await runCompare([join(dir, 'a.csv'), join(dir, 'b.csv')], io)).toBe(0)
    expect(io.out()).toMatch(/^f1 = /)
    const bad = capture()
    expect(await runCompare([join(dir, 'a.csv')], bad)).toBe(2)
    const zero = capture()
    expect(await runCompare([file('z1.csv', 'h,a\n0,0\n'), file('z2.csv', 'h,a\n0,0\n')], zero)).toBe(2)
    expect(zero.err()).toMatch(/no common time point/)
    const seed = capture()
    expect(await runCompare([join(dir, 'a.csv'), join(dir, 'b.csv'), '--seed', 'x'], seed)).toBe(2)
  })
})
