/**
 * Brief H9 item 6 (issue 11 item 10; Electron security checklist item 16, "use a current
 * version of Electron"): the comparison behind the CI check .ci/check-electron.mjs. The
 * version list below is a slice of what `npm view electron versions --json` printed on
 * 2026-12-06 (45.x and the neighbouring majors, with pre-releases).
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkElectronVersion, compareVersions, newestInMajor, parseStableVersion, pinnedVersion } from '../../../../.ci/electron-version.mjs'
import { REPO_ROOT } from '../helpers'

const PUBLISHED = [
  '44.0.0', '44.2.3', '44.10.0', '45.0.0-alpha.1', '45.0.0-beta.7', '45.0.0', '45.1.0', '45.2.0', '45.3.1', '45.4.0', '45.4.1',
  '45.5.0', '45.6.0', '45.6.1', '46.0.0-alpha.3', '46.0.0-beta.1',
]

describe('version parsing and ordering', () => {
  it('reads stable versions only and orders them numerically, not as text', () => {
    expect(parseStableVersion('45.6.1')).toEqual({ major: 45, minor: 6, patch: 1 })
    expect(parseStableVersion('46.0.0-beta.1')).toBeUndefined()
    expect(parseStableVersion('45.6')).toBeUndefined()
    expect(parseStableVersion('v45.6.1')).toBeUndefined()
    // 44.10.0 is newer than 44.2.3 (text order says otherwise).
    expect(compareVersions(parseStableVersion('44.10.0')!, parseStableVersion('44.2.3')!)).toBeGreaterThan(0)
    expect(newestInMajor(PUBLISHED, 44)).toBe('44.10.0')
    expect(pinnedVersion('^45.4.1')).toEqual({ major: 45, minor: 4, patch: 1 })
    expect(pinnedVersion('latest')).toBeUndefined()
  })

  it('the newest of the pinned major ignores pre-releases of the next major', () => {
    expect(newestInMajor(PUBLISHED, 45)).toBe('45.6.1')
    expect(newestInMajor(PUBLISHED, 46)).toBeUndefined()
  })
})

describe('checkElectronVersion', () => {
  it('passes only for the newest stable release of the pinned major', () => {
    expect(checkElectronVersion('45.6.1', PUBLISHED)).toMatchObject({ ok: true, pinned: '45.6.1', newest: '45.6.1' })
    const old = checkElectronVersion('45.4.1', PUBLISHED)
    expect(old).toMatchObject({ ok: false, pinned: '45.4.1', newest: '45.6.1' })
    expect(old.message).toMatch(/npm install --save-exact electron@45\.6\.1/)
    // A newer major on the registry is not a failure: moving majors is a deliberate upgrade.
    expect(checkElectronVersion('44.10.0', PUBLISHED).ok).toBe(true)
  })

  it('fails for a pin the registry does not have, a range it cannot read, or a major with no stable release', () => {
    expect(checkElectronVersion('45.7.0', PUBLISHED)).toMatchObject({ ok: false, message: expect.stringMatching(/not on the registry/) })
    expect(checkElectronVersion('latest', PUBLISHED)).toMatchObject({ ok: false, message: expect.stringMatching(/not a stable version/) })
    expect(checkElectronVersion('46.0.0', PUBLISHED)).toMatchObject({ ok: false, message: expect.stringMatching(/no stable electron 46\.x/) })
  })
})

describe('the CI script', () => {
  it('skips with the reason printed (exit 0) when the registry cannot be reached', () => {
    const run = spawnSync(process.execPath, [join(REPO_ROOT, '.ci', 'check-electron.mjs')], {
      encoding: 'utf8', timeout: 60_000,
      env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_offline: 'false' },
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Electron version check skipped: the npm registry cannot be reached \(/)
  })
})
