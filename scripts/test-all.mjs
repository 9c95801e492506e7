#!/usr/bin/env node
// `npm test`: every check in one command — lint, type checks (one per layer project), the
// build the end-to-end tests serve, unit tests, then end-to-end tests in Chromium.
// Each step runs even when an earlier one failed, so one run reports everything; results go
// to .reports/ (vitest JSON reports plus checks.json) and scripts/summarize-reports.mjs sums
// them into the closing `N passed, N failed` line.
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { summarize } from './summarize-reports.mjs'

const reports = '.reports'
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const checks = []

function step(name, command, args) {
  const started = Date.now()
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  const passed = result.status === 0
  checks.push({ name, passed, seconds: Math.round((Date.now() - started) / 100) / 10 })
  console.log(`=== ${name}: ${passed ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`}`)
  return passed
}

step('lint', npx, ['eslint', '.', '--max-warnings', '0'])
for (const project of ['shared', 'node', 'web', 'tests']) {
  step(`typecheck ${project}`, npx, ['tsc', '-p', `tsconfig.${project}.json`])
}
const built = step('build', npx, ['electron-vite', 'build'])
step('unit tests', npx, ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/unit.json`])
if (!existsSync('/usr/bin/chromium') && !process.env.NANOFORGE_CHROMIUM) {
  console.error('End-to-end tests need Chromium: apt-get install -y chromium (or set NANOFORGE_CHROMIUM).')
  checks.push({ name: 'e2e tests (Chromium missing)', passed: false, seconds: 0 })
} else if (!built) {
  checks.push({ name: 'e2e tests (build failed)', passed: false, seconds: 0 })
} else {
  step('e2e tests', npx, ['vitest', 'run', '--project', 'e2e', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/e2e.json`])
}

writeFileSync(`${reports}/checks.json`, JSON.stringify({ checks }, null, 2))
const summary = summarize(reports)
console.log('\nSteps:')
for (const c of checks) console.log(`  ${c.passed ? 'ok    ' : 'FAILED'} ${c.name} (${c.seconds} s)`)
console.log(summary.line)
process.exitCode = summary.failed > 0 || checks.some((c) => !c.passed) ? 1 : 0
