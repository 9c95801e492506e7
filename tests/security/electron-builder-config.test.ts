import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// Checklist item 19 (fuses) and §3.4 (no updater) of
// docs/security.md, checked on electron-builder.yml.

const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')

/** The `key: value` pairs of a top-level block, e.g. `electronFuses:` (minimal YAML reading). */
function block(name: string): Record<string, string> {
  const lines = yml.split('\n')
  const start = lines.findIndex((line) => line === `${name}:`)
  if (start < 0) return {}
  const out: Record<string, string> = {}
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    if (!line.startsWith(' ')) break
    const match = /^\s+([A-Za-z0-9]+):\s*(.*?)\s*$/.exec(line)
    if (match?.[1] !== undefined) out[match[1]] = match[2] ?? ''
  }
  return out
}

/** A top-level scalar, e.g. `npmRebuild: false`. */
function scalar(name: string): string | undefined {
  return new RegExp(`^${name}:\\s*(\\S.*?)\\s*$`, 'm').exec(yml)?.[1]
}

describe('item 19: Electron fuses', () => {
  const fuses = block('electronFuses')

  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['onlyLoadAppFromAsar', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
    ['enableCookieEncryption', 'true'],
  ])('%s is %s', (fuse, value) => {
    expect(fuses[fuse]).toBe(value)
  })

  it('onlyLoadAppFromAsar needs the app in an asar', () => {
    expect(scalar('asar')).toBe('true')
  })
})

describe('packaging keeps the app offline and the Node build intact', () => {
  it('has no update feed (no auto-updater, §3.4)', () => {
    expect(scalar('publish')).toBe('null')
    expect(yml).not.toMatch(/electron-updater|autoUpdater/)
  })

  it('never rebuilds node_modules for Electron (the tests/CLI build of better-sqlite3 stays)', () => {
    expect(scalar('npmRebuild')).toBe('false')
  })

  it('ships the Electron build of better-sqlite3 where electron/main looks for it', () => {
    expect(yml).toMatch(/from: native\/electron\/better_sqlite3\.node\s+to: native\/electron\/better_sqlite3\.node/)
  })

  it('names the product and builds the agreed targets', () => {
    expect(scalar('productName')).toBe('NanoForge')
    for (const target of ['AppImage', 'deb', 'nsis', 'dmg']) expect(yml).toMatch(new RegExp(`^\\s+- ${target}$`, 'm'))
  })
})
