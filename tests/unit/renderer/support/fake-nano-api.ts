import type { DesignSummary, NanoApi } from '../../../../shared/ipc/contract'
import { err, ok } from '../../../../shared/ipc/result'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'

/** One stored design with its immutable versions. */
interface Stored {
  readonly designId: string
  readonly versions: Array<{ readonly design: Design; readonly createdAt: string }>
}

/**
 * An in-memory NanoApi for component tests: the bridge is the renderer's collaborator, so
 * tests give the stores this instead of a host. It validates with the real validator and
 * keeps every version, like the real service, but no SQLite.
 */
export interface FakeNanoApi extends NanoApi {
  readonly stored: Map<string, Stored>
  /** When set, the next saveDesign answers with this failure instead of saving. */
  failNextSave: { code: 'invalid-design' | 'read-only'; message: string; issues?: Array<{ path: string; message: string }> } | null
  readonly calls: string[]
}

export function createFakeNanoApi(seed: ReadonlyArray<Design> = []): FakeNanoApi {
  const stored = new Map<string, Stored>()
  let next = 1
  let clock = Date.parse('2025-01-01T00:00:00Z')
  const now = (): string => new Date((clock += 60_000)).toISOString()
  const summary = (s: Stored): DesignSummary => {
    const latest = s.versions[s.versions.length - 1]!
    return {
      designId: s.designId,
      name: latest.design.name,
      latestVersion: s.versions.length,
      coreMaterial: latest.design.core.material,
      coreDiameterNm: latest.design.core.diameterNm,
      disease: latest.design.context.disease,
      createdAt: s.versions[0]!.createdAt,
      updatedAt: latest.createdAt,
    }
  }
  // The design channels are implemented in memory; any other channel answers a typed error,
  // so a component that reaches for a channel its test did not plan for fails visibly.
  const implemented: Pick<FakeNanoApi, 'stored' | 'failNextSave' | 'calls' | 'saveDesign' | 'listDesigns' | 'libraryList' | 'getDesign' | 'appInfo'> = {
    stored,
    failNextSave: null,
    calls: [],
    async saveDesign(req) {
      api.calls.push('saveDesign')
      if (api.failNextSave) {
        const f = api.failNextSave
        api.failNextSave = null
        return err(f.code, f.message, f.issues)
      }
      const v = validateDesign(req.design)
      if (!v.valid) return err('invalid-design', 'The design is not valid.', v.errors)
      let s = req.designId ? stored.get(req.designId) : undefined
      if (req.designId && !s) return err('not-found', `No design ${req.designId}`)
      if (!s) {
        s = { designId: `d-${next++}`, versions: [] }
        stored.set(s.designId, s)
      }
      s.versions.push({ design: v.design, createdAt: now() })
      return ok({ designId: s.designId, version: s.versions.length, warnings: v.warnings })
    },
    async listDesigns(req) {
      api.calls.push('listDesigns')
      const q = (req.query ?? '').toLowerCase()
      const items = [...stored.values()].map(summary)
        .filter((d) => !q || d.name.toLowerCase().includes(q))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      return ok({ items, total: items.length })
    },
    async libraryList(req) {
      api.calls.push('libraryList')
      const q = (req.query ?? '').toLowerCase()
      const items = [...stored.values()].map(summary)
        .filter((d) => !q || d.name.toLowerCase().includes(q))
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        .map((d) => ({
          ...d,
          metrics: { selectivityIndex: null, targetTissue: null, bloodHalfLifeH: null, t50PlasmaH: null, hydrodynamicDiameterNm: null, engineVersion: '' },
          tags: [],
          note: '',
          projectId: null,
        }))
      return ok({ items, total: items.length })
    },
    async getDesign(req) {
      api.calls.push('getDesign')
      const s = stored.get(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      const version = req.version ?? s.versions.length
      const v = s.versions[version - 1]
      if (!v) return err('not-found', `No version ${version}`)
      return ok({
        designId: s.designId,
        version,
        createdAt: v.createdAt,
        design: v.design,
        versions: s.versions.map((x, i) => ({ version: i + 1, createdAt: x.createdAt, note: '' })),
      })
    },
    async appInfo() {
      api.calls.push('appInfo')
      return ok({ appVersion: 'test', engineVersion: 'test', databasePath: ':memory:', readOnly: false, host: 'web' as const })
    },
  }
  const api = new Proxy(implemented, {
    get(target, property, receiver) {
      if (property in target) return Reflect.get(target, property, receiver)
      return async () => err('internal', `the fake NanoApi does not implement ${String(property)}`)
    },
  }) as FakeNanoApi
  for (const d of seed) {
    const s: Stored = { designId: `d-${next++}`, versions: [{ design: d, createdAt: now() }] }
    stored.set(s.designId, s)
  }
  return api
}
