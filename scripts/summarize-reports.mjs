#!/usr/bin/env node
// Sums the runners' JSON reports in .reports/ into one plain line, `N passed, N failed`.
// Vitest reports count tests; a test file that failed to load counts as one failure; each
// non-test step (lint, a type check, the build) in checks.json counts as one check.
import { readFileSync, readdirSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/** Reads every report in `dir` and returns the totals and the closing line. */
export function summarize(dir) {
  let passed = 0
  let failed = 0
  if (!existsSync(dir)) return { passed, failed: 1, line: '0 passed, 1 failed' }
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
    if (Array.isArray(report.checks)) {
      for (const c of report.checks) {
        if (c.name.startsWith('unit tests') || c.name.startsWith('e2e tests')) {
          // A runner that crashed before writing its report still counts as a failure.
          if (!c.passed && !existsSync(join(dir, c.name.startsWith('unit') ? 'unit.json' : 'e2e.json'))) failed += 1
          continue
        }
        if (c.passed) passed += 1
        else failed += 1
      }
    } else if (typeof report.numPassedTests === 'number') {
      passed += report.numPassedTests
      failed += report.numFailedTests
      // Files that failed to import report no tests; count each as one failure.
      let counted = false
      for (const suite of report.testResults ?? []) {
        if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) {
          failed += 1
          counted = true
        }
      }
      // A run that failed for another reason (an unhandled error) with every test green.
      if (report.success === false && report.numFailedTests === 0 && !counted) failed += 1
    }
  }
  return { passed, failed, line: `${passed} passed, ${failed} failed` }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { line, failed } = summarize(process.argv[2] ?? '.reports')
  console.log(line)
  process.exitCode = failed > 0 ? 1 : 0
}
