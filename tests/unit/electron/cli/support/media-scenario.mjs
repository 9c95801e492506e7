// Runs inside a private mount namespace (`unshare -rm node media-scenario.mjs ...`), so the
// mounts below vanish with the process and work the same for root and (with user namespaces)
// for other users. Prints one JSON report on stdout: every CLI run with its exit code and
// output, and the checks made after it.
//
//   read-only DIR          bind-mounts DIR read-only onto itself (EROFS even for root), then
//                          runs read and write commands on DIR/lib.db
//   disk-full DIR SEED     mounts a 3 MB tmpfs on DIR, copies the library SEED into it, fills
//                          the rest with a file until ENOSPC, runs writes, then frees the space
//                          and checks the library
import { execFileSync, spawnSync } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import process from 'node:process'
import { Buffer } from 'node:buffer'
import { createRequire } from 'node:module'

const [mode, dir, seed, designFile, bin, bundle] = process.argv.slice(2)
const require = createRequire(join(process.cwd(), 'package.json'))
const Database = require('better-sqlite3')
const report = { mode, runs: {}, checks: {} }

function cli(name, args) {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NANOFORGE_DB: '' }, timeout: 60_000 })
  report.runs[name] = { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr }
}

function integrity(path) {
  const db = new Database(path, { readonly: true })
  try {
    return {
      integrity: String(db.pragma('integrity_check', { simple: true })),
      designs: db.prepare('SELECT count(*) AS n FROM designs').get().n,
      versions: db.prepare('SELECT count(*) AS n FROM design_versions').get().n,
      measurements: db.prepare('SELECT count(*) AS n FROM measurements').get().n,
    }
  } finally {
    db.close()
  }
}

const lib = join(dir, 'lib.db')
if (mode === 'read-only') {
  execFileSync('mount', ['--bind', dir, dir])
  execFileSync('mount', ['-o', 'remount,bind,ro', dir, dir])
  let writable = true
  try {
    closeSync(openSync(join(dir, 'probe'), 'w'))
  } catch (error) {
    writable = false
    report.checks.probeError = error.code
  }
  report.checks.writableAfterMount = writable
  cli('list', ['db', 'list', '--db', lib, '--json'])
  cli('history', ['db', 'history', seed, '--db', lib, '--json'])
  cli('save', ['db', 'save', designFile, '--db', lib, '--json'])
  cli('measure', ['measure', 'add', seed, '--version', '1', '--zeta=-12', '--db', lib, '--json'])
  cli('backups', ['db', 'backups', '--db', lib, '--json'])
  report.checks.files = readdirSync(dir)
} else if (mode === 'disk-full') {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir])
  copyFileSync(seed, lib)
  report.checks.before = integrity(lib)
  // Fill every free byte: 64 kB writes, then single bytes, until ENOSPC.
  const fd = openSync(join(dir, 'filler'), 'w')
  for (const size of [65536, 4096, 1]) {
    const chunk = Buffer.alloc(size, 0x41)
    try {
      for (;;) writeSync(fd, chunk)
    } catch (error) {
      report.checks.fillError = error.code
    }
  }
  closeSync(fd)
  cli('save', ['db', 'save', designFile, '--db', lib, '--json'])
  cli('import', ['db', 'import', bundle, '--db', lib, '--json'])
  cli('export', ['db', 'export', report.checks.before.designs > 0 ? new Database(lib, { readonly: true }).prepare('SELECT id FROM designs LIMIT 1').get().id : 'x', '--out', join(dir, 'out.bundle'), '--db', lib, '--json'])
  report.checks.exportLeftovers = readdirSync(dir).filter((f) => f.startsWith('out.bundle'))
  report.checks.backupsWhileFull = existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []
  rmSync(join(dir, 'filler'))
  cli('listAfter', ['db', 'list', '--db', lib, '--json'])
  cli('backupsAfter', ['db', 'backups', '--db', lib, '--json'])
  report.checks.after = integrity(lib)
  cli('saveAfter', ['db', 'save', designFile, '--db', lib, '--json'])
  report.checks.afterSave = integrity(lib)
  report.checks.backupFilesAfter = existsSync(join(dir, 'backups')) ? readdirSync(join(dir, 'backups')) : []
}
process.stdout.write(`${JSON.stringify(report)}\n`)
