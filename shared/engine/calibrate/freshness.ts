/**
 * Whether a calibration profile still speaks for the lab's data (issue #14, "honestly"): a
 * profile is immutable, so once the lab attaches a newer in-vivo study or release profile to
 * one of the designs it was learned on, or deletes one it was learned from, the profile no
 * longer reflects everything the lab knows. The estimate with the profile and the suggestions
 * built on it stay valid for the data they cite; these warnings say that newer data exist and
 * that calibrating again would use them.
 *
 * Why "newer" means created after the profile: the app's Calibrate dialog and `nanoforge
 * calibrate` use every live calibration measurement of the chosen designs, so a measurement of
 * those designs that was already there and is not in the provenance was not usable then (or
 * the design was chosen without it); only data added afterwards is news. One stamped at the
 * profile's own instant counts as newer: the sampler ran before the save, so it cannot have
 * seen it. Pure: the callers
 * read the measurements (CLI from the library, app over IPC).
 */
import type { Measurement } from '../../ipc/channels/measurement'
import type { CalibrationProfile } from '../../ipc/channels/profile'

/** The kinds of measurement a calibration learns from (jobs.ts studiesFromSources). */
const CALIBRATION_KINDS: ReadonlySet<string> = new Set(['biodistribution', 'release'])

/** At most this many measurements are named in one warning (the count is always given). */
const MAX_IDS_NAMED = 3

/** A measurement id as the CLI names it: its first 8 characters (a prefix `measure` commands accept). */
export const idPrefix = (id: string): string => id.slice(0, 8)

/**
 * One sentence per way the library's data moved on since the profile was learned; empty when
 * it did not.
 *
 * `live` is every live (not deleted) measurement of the profile's designs, of any kind and
 * version (other kinds are ignored here). A provenance measurement missing from `live` was
 * deleted (or its design removed) after the profile was saved.
 */
export function profileFreshnessWarnings(
  profile: Pick<CalibrationProfile, 'createdAt' | 'provenance'>,
  live: ReadonlyArray<Pick<Measurement, 'id' | 'designId' | 'kind' | 'createdAt'>>,
  /** How a measurement is named (default its id prefix; the app passes its label). */
  nameOf: (id: string) => string = idPrefix,
): string[] {
  const named = (ids: ReadonlyArray<string>): string =>
    ids.slice(0, MAX_IDS_NAMED).map(nameOf).join(', ') + (ids.length > MAX_IDS_NAMED ? ', …' : '')
  const out: string[] = []
  const designs = new Set(profile.provenance.designs.map((d) => d.designId))
  const used = new Set(profile.provenance.measurements.map((m) => m.id))
  const learnedAt = Date.parse(profile.createdAt)
  const newer = live.filter((m) => designs.has(m.designId) && CALIBRATION_KINDS.has(m.kind) && !used.has(m.id) && Date.parse(m.createdAt) >= learnedAt)
  if (newer.length > 0) {
    const n = newer.length
    out.push(`${n} in-vivo or release measurement${n === 1 ? ' was' : 's were'} attached to the profile's designs after it was learned (${named(newer.map((m) => m.id))}): calibrate again to include ${n === 1 ? 'it' : 'them'}`)
  }
  const liveIds = new Set(live.map((m) => m.id))
  const gone = profile.provenance.measurements.filter((m) => !liveIds.has(m.id)).map((m) => m.id)
  if (gone.length > 0) {
    const n = gone.length
    out.push(`${n} measurement${n === 1 ? '' : 's'} the profile was learned from ${n === 1 ? 'is' : 'are'} no longer in the library (${named(gone)}): the profile still reflects ${n === 1 ? 'it' : 'them'}; calibrate again without ${n === 1 ? 'it' : 'them'}`)
  }
  return out
}
