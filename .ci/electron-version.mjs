// The Electron version check of CI (issue 11 item 10, Electron security checklist item 16:
// "use a current version of Electron"). Pure comparison logic here, tested in
// tests/unit/electron/ci/electron-version.test.ts; .ci/check-electron.mjs runs it against the
// npm registry.
//
// Rule: the version in package.json must be the newest stable `electron` release within the
// major version the project pins (a new major is a deliberate upgrade with its own review;
// patches and minors inside the major carry the security fixes and must be taken).

/** A stable release `MAJOR.MINOR.PATCH` (no pre-release tag), or undefined for anything else. */
export function parseStableVersion(text) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(text).trim())
  if (m === null) return undefined
  const parts = m.slice(1, 4).map(Number)
  if (!parts.every(Number.isSafeInteger)) return undefined
  return { major: parts[0], minor: parts[1], patch: parts[2] }
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compareVersions(a, b) {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch
}

/**
 * The exact version package.json pins (`45.4.1`; a `^` or `~` range gives its base version),
 * or undefined when it is not a plain stable version.
 */
export function pinnedVersion(spec) {
  return parseStableVersion(String(spec ?? '').trim().replace(/^[\^~=]/, ''))
}

/** The newest stable version among `published` within `major`, as text, or undefined. */
export function newestInMajor(published, major) {
  let best
  let bestText
  for (const text of published) {
    const v = parseStableVersion(text)
    if (v === undefined || v.major !== major) continue
    if (best === undefined || compareVersions(v, best) > 0) {
      best = v
      bestText = `${v.major}.${v.minor}.${v.patch}`
    }
  }
  return bestText
}

/**
 * Whether the pinned Electron is the newest stable release of its major among `published`
 * (the registry's `versions` list). Returns `{ ok, pinned, newest, message }`.
 */
export function checkElectronVersion(spec, published) {
  const pinned = pinnedVersion(spec)
  if (pinned === undefined) {
    return { ok: false, pinned: String(spec), newest: undefined, message: `package.json pins electron as "${spec}", which is not a stable version like 45.4.1` }
  }
  const pinnedText = `${pinned.major}.${pinned.minor}.${pinned.patch}`
  const newest = newestInMajor(published, pinned.major)
  if (newest === undefined) {
    return { ok: false, pinned: pinnedText, newest, message: `the registry lists no stable electron ${pinned.major}.x release; is ${pinnedText} withdrawn?` }
  }
  const order = compareVersions(pinned, parseStableVersion(newest))
  if (order < 0) {
    return { ok: false, pinned: pinnedText, newest, message: `electron ${pinnedText} is not the newest ${pinned.major}.x release: update package.json to ${newest} (npm install --save-exact electron@${newest}), then rebuild the Electron build of better-sqlite3 (node scripts/build-electron-sqlite.mjs)` }
  }
  if (order > 0) {
    return { ok: false, pinned: pinnedText, newest, message: `electron ${pinnedText} is not on the registry (the newest ${pinned.major}.x is ${newest})` }
  }
  return { ok: true, pinned: pinnedText, newest, message: `electron ${pinnedText} is the newest ${pinned.major}.x release` }
}
