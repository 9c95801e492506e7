/**
 * `npm run bench` prints a table of named figures; `npm run bench -- --json` prints one JSON
 * object `{ figureName: value, ... }` and nothing else on stdout. Later issues add figures by
 * adding a Benchmark to bench/benchmarks.ts.
 */
import { benchmarks } from './benchmarks'
import { type Figure } from './harness'

async function main(): Promise<void> {
  const json = process.argv.includes('--json')
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
  const figures: Figure[] = []
  for (const bench of benchmarks) {
    if (only && !bench.name.includes(only)) continue
    if (!json) process.stderr.write(`running ${bench.name}...\n`)
    figures.push(...(await bench.run()))
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(figures.map((f) => [f.name, round(f.value)])))}\n`)
    return
  }
  const rows = figures.map((f) => [
    f.name,
    `${round(f.value)} ${f.unit}`,
    f.target === undefined ? '' : `< ${f.target} ${f.unit}`,
    f.target === undefined ? '' : f.value <= f.target ? 'ok' : 'OVER',
    f.note ?? '',
  ])
  const header = ['figure', 'value', 'target', '', 'note']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(3))
}

await main()
