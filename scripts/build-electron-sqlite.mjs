#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node.
 *
 * Why: node_modules/better-sqlite3/build holds the Node build that the tests and the CLI load;
 * `electron-builder install-app-deps` or `@electron/rebuild` would overwrite it in place
 * (docs/environment.md §C). So this script copies the package to a temporary directory, runs node-gyp
 * there against Electron's headers, and copies only the resulting .node file out. The main
 * process passes that file to better-sqlite3 as `nativeBinding` (electron/main/index.ts), and
 * electron-builder.yml ships it as an extraResource.
 *
 * Skips the build when the output exists and its stamp records the same Electron version,
 * better-sqlite3 version, platform and arch.
 *
 * Needs Electron's headers: downloaded from https://electronjs.org/headers, or, offline, taken
 * from a directory given in NANOFORGE_ELECTRON_HEADERS (passed to node-gyp as --nodedir).
 *
 * Usage: node scripts/build-electron-sqlite.mjs [--force]
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = join(projectDir, 'native', 'electron')
const outFile = join(outDir, 'better_sqlite3.node')
const stampFile = join(outDir, 'better_sqlite3.stamp.json')
const DIST_URL = 'https://electronjs.org/headers'

/** A failure with a message meant for the person running the script. */
class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message)
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'))
}

function packageDir(name) {
  const path = join(projectDir, 'node_modules', name)
  if (!existsSync(join(path, 'package.json'))) fail(`node_modules/${name} is missing; run npm ci first.`)
  return path
}

/** node-gyp: the project's copy, npm's bundled copy (npm_config_node_gyp), or next to node. */
function nodeGypScript() {
  const candidates = []
  try {
    candidates.push(createRequire(join(projectDir, 'package.json')).resolve('node-gyp/bin/node-gyp.js'))
  } catch {
    // not installed in the project
  }
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp)
  candidates.push(join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  const found = candidates.find((path) => existsSync(path))
  if (!found) fail('node-gyp was not found (looked in node_modules, npm_config_node_gyp and npm\'s bundled copy).')
  return found
}

/**
 * The environment for node-gyp. npm passes .npmrc settings as npm_config_* variables; on these
 * machines `nodedir=/usr` would make node-gyp compile against Node's headers and produce a
 * Node-ABI binary labelled as an Electron one. Drop every setting that picks the target.
 */
function buildEnv() {
  const env = { ...process.env }
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|devdir|build_from_source)$/i.test(key)) {
      delete env[key]
    }
  }
  return env
}

function main() {
  const force = process.argv.includes('--force')
  const electronVersion = readJson(join(packageDir('electron'), 'package.json')).version
  const sqliteDir = packageDir('better-sqlite3')
  const sqliteVersion = readJson(join(sqliteDir, 'package.json')).version
  const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch }

  if (!force && existsSync(outFile) && existsSync(stampFile)) {
    try {
      const previous = readJson(stampFile)
      if (Object.entries(stamp).every(([key, value]) => previous[key] === value)) {
        console.log(`[build-electron-sqlite] up to date: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})`)
        return
      }
    } catch {
      // unreadable stamp: rebuild
    }
  }

  const workDir = mkdtempSync(join(tmpdir(), 'nanoforge-electron-sqlite-'))
  try {
    const pkgCopy = join(workDir, 'better-sqlite3')
    // Copy the package sources, never its build/ folder (that is the Node build we must keep).
    cpSync(sqliteDir, pkgCopy, {
      recursive: true,
      filter: (src) => !src.startsWith(join(sqliteDir, 'build')) && !src.startsWith(join(sqliteDir, 'node_modules')),
    })

    const headersDir = process.env.NANOFORGE_ELECTRON_HEADERS
    const args = [
      nodeGypScript(), 'rebuild', '--release',
      '--runtime=electron', `--target=${electronVersion}`, `--arch=${process.arch}`,
      headersDir ? `--nodedir=${resolve(headersDir)}` : `--dist-url=${DIST_URL}`,
    ]
    console.log(`[build-electron-sqlite] building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}) in ${pkgCopy}`)
    const result = spawnSync(process.execPath, args, { cwd: pkgCopy, env: buildEnv(), stdio: 'inherit' })

    const built = join(pkgCopy, 'build', 'Release', 'better_sqlite3.node')
    if (result.error || result.status !== 0 || !existsSync(built)) {
      const reason = result.error ? result.error.message : `node-gyp exited with status ${result.status}`
      fail(
        `could not build better-sqlite3 for Electron ${electronVersion} (${reason}).\n` +
        `  node-gyp needs Electron's headers from ${DIST_URL}; without network access that download fails.\n` +
        '  Fix: run this script on a machine with network access, or download\n' +
        `  ${DIST_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz, unpack it and set\n` +
        '  NANOFORGE_ELECTRON_HEADERS=<unpacked dir> (the directory holding include/node).\n' +
        '  node_modules/better-sqlite3 was not modified; tests and the CLI are unaffected.',
      )
    }

    // Sanity check: node-gyp must have used Electron's headers, not a Node nodedir.
    const configGypi = join(pkgCopy, 'build', 'config.gypi')
    if (existsSync(configGypi) && /"nodedir":\s*"\/usr"/.test(readFileSync(configGypi, 'utf8'))) {
      fail('node-gyp compiled against /usr (Node headers), not Electron headers; refusing to install that binary.')
    }

    mkdirSync(outDir, { recursive: true })
    copyFileSync(built, outFile)
    writeFileSync(stampFile, `${JSON.stringify({ ...stamp, builtAt: new Date().toISOString() }, null, 2)}\n`)
    console.log(`[build-electron-sqlite] wrote ${outFile}`)
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

try {
  main()
} catch (error) {
  if (!(error instanceof BuildError)) throw error
  console.error(`\n[build-electron-sqlite] FAILED: ${error.message}\n`)
  process.exitCode = 1
}
