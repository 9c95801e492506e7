#!/usr/bin/env node
// CI: is the Electron in package.json the newest release of the major the project pins?
// Reads the registry with `npm view electron versions --json`. When the registry cannot be
// reached (an offline lab machine, no network in the sandbox), the check is skipped with the
// reason printed: that is not a failure. Exit 0: current or skipped; 1: out of date.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import process from 'node:process'
import { URL } from 'node:url'
import { checkElectronVersion } from './electron-version.mjs'

const root = new URL('..', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
const spec = pkg.devDependencies?.electron ?? pkg.dependencies?.electron

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const view = spawnSync(npm, ['view', 'electron', 'versions', '--json'], { encoding: 'utf8', timeout: 60_000 })
let published
if (view.error !== undefined || view.status !== 0) {
  const why = view.error?.message ?? (view.stderr.trim().split('\n').find((l) => /ERR|error/i.test(l)) ?? `npm exited ${view.status}`)
  process.stdout.write(`Electron version check skipped: the npm registry cannot be reached (${why.slice(0, 300)}).\n`)
  process.exit(0)
}
try {
  published = JSON.parse(view.stdout)
  if (!Array.isArray(published)) published = [published]
} catch {
  process.stdout.write('Electron version check skipped: the registry answered something that is not a version list.\n')
  process.exit(0)
}
const result = checkElectronVersion(spec, published)
process.stdout.write(`Electron version check: ${result.ok ? 'ok' : 'FAILED'}: ${result.message}.\n`)
process.exit(result.ok ? 0 : 1)
