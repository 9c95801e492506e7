import type { Handlers } from '../../shared/ipc/contract'
import type { profileChannels } from '../../shared/ipc/channels/profile'
import { err, type Err } from '../../shared/ipc/result'
import { ENGINE_VERSION } from '../../shared/engine/version'
import type { DesignLibrary } from '../db/library'
import { createMeasurementStore } from '../db/measurements'
import { createProfileStore } from '../db/profiles'
import { attempt } from './errors'
import { withBackupWarning, type HostInfo } from './handlers'

/** The calibration profile channels. */
export type ProfileHandlers = Pick<Handlers, keyof typeof profileChannels>

/**
 * Implements the profile channels (issue #14) on top of the library's profile store, the same
 * store `nanoforge calibrate`, `db profiles` and `simulate --profile` use.
 *
 * Why the save is checked against the library: the app's Calibrate dialog runs the sampler in
 * a worker of the renderer (the run takes minutes and must report progress and stop on
 * Cancel), so the profile arrives finished. The host validates it with the profile schema and
 * refuses one whose provenance names a design version or measurement the library does not
 * hold live, or whose engine version is not this one, so a saved profile always cites data a
 * reader can find and was learned by the engine that will apply it.
 */
export function createProfileHandlers(library: DesignLibrary, _info: HostInfo): ProfileHandlers {
  const store = createProfileStore(library)
  const measurements = createMeasurementStore(library)
  return {
    'profile:list': () => attempt(() => ({ items: store.list() })),
    'profile:get': (req) => {
      const found = attempt(() => store.get(req.id))
      if (found.ok && found.value === undefined) return err('not-found', `No calibration profile with id ${req.id} in the library.`)
      return found.ok ? { ok: true, value: { profile: found.value! } } : found
    },
    'profile:save': (req) => {
      const refused = provenanceProblems(library, measurements, req.profile)
      if (refused) return refused
      return attempt(() => {
        const saved = withBackupWarning(library, () => ({ profile: store.save(req.profile) }))
        const listed = store.list().find((p) => p.id === saved.profile.id)!
        return { profile: listed, ...(saved.backupWarning !== undefined ? { backupWarning: saved.backupWarning } : {}) }
      })
    },
  }
}

/** Why a profile cannot be saved in this library (`bad-request` with the paths), or undefined. */
function provenanceProblems(
  library: DesignLibrary,
  measurements: ReturnType<typeof createMeasurementStore>,
  profile: Parameters<ProfileHandlers['profile:save']>[0]['profile'],
): Err | undefined {
  const issues: Array<{ path: string; message: string }> = []
  if (profile.engineVersion !== ENGINE_VERSION) {
    issues.push({ path: 'profile.engineVersion', message: `the profile was computed with engine ${profile.engineVersion}; this host runs engine ${ENGINE_VERSION} (reload the app and calibrate again)` })
  }
  profile.provenance.designs.forEach((d, i) => {
    for (const version of d.versions) {
      if (library.getDesign(d.designId, version) === undefined) {
        issues.push({ path: `profile.provenance.designs[${i}]`, message: `design ${d.designId} version ${version} is not in the library` })
      }
    }
  })
  const live = new Map<string, { designId: string; version: number; kind: string }>()
  for (const designId of new Set(profile.provenance.measurements.map((m) => m.designId))) {
    if (library.getDesign(designId) === undefined) continue
    for (const m of measurements.list({ designId })) live.set(m.id, m)
  }
  profile.provenance.measurements.forEach((m, i) => {
    const found = live.get(m.id)
    if (found === undefined) {
      issues.push({ path: `profile.provenance.measurements[${i}].id`, message: `measurement ${m.id} is not a live measurement of design ${m.designId} in the library` })
    } else if (found.designId !== m.designId || found.version !== m.version || found.kind !== m.kind) {
      issues.push({ path: `profile.provenance.measurements[${i}]`, message: `measurement ${m.id} is a ${found.kind} measurement of design ${found.designId} version ${found.version}, not a ${m.kind} measurement of ${m.designId} version ${m.version}` })
    }
  })
  if (issues.length === 0) return undefined
  return err('bad-request', `The calibration profile cannot be saved: ${issues.map((i) => i.message).join('; ')}. Nothing was written.`, issues)
}
