import type { LibraryItem, NanoApi } from '../../../../../shared/ipc/contract'
import { err, ok } from '../../../../../shared/ipc/result'
import { validateDesign } from '../../../../../shared/design/schema'
import { deriveProperties } from '../../../../../shared/design/derived'
import { diffDesigns, differingPaths } from '../../../../../shared/design/diff'
import type { Design } from '../../../../../shared/design/types'

/** One stored design with its immutable versions, tags and trash state. */
interface Stored {
  readonly designId: string
  readonly versions: Array<{ readonly design: Design; readonly createdAt: string; readonly note: string }>
  tags: string[]
  deletedAt: string | null
  note: string
  projectId: string | null
}

/** An in-memory NanoApi with the library channels, for component and store tests. */
export interface FakeLibraryApi extends NanoApi {
  readonly stored: Map<string, Stored>
  /** Requests in call order, as `method` plus its request. */
  readonly calls: Array<{ readonly method: string; readonly req: unknown }>
  /** When set, the next call of this method answers with this failure. */
  failNext: { method: string; message: string; issues?: Array<{ path: string; message: string }> } | null
}

/**
 * The bridge is the renderer's collaborator, so renderer tests give the stores this fake
 * instead of a host. It keeps every version like the real service and uses the real
 * validator and the real design diff, but no SQLite. Metrics: hydrodynamic diameter from the
 * real derivation, the others null (as the host reports a design the engine could not evaluate).
 */
export function createFakeLibraryApi(seed: ReadonlyArray<{ design: Design; tags?: string[] }> = []): FakeLibraryApi {
  const stored = new Map<string, Stored>()
  const projects: Array<{ projectId: string; name: string; createdAt: string }> = []
  const backups: Array<{ backupId: string; createdAt: string; sizeBytes: number; reason: string }> = []
  let next = 1
  let clock = Date.parse('2025-01-01T00:00:00Z')
  const now = (): string => new Date((clock += 60_000)).toISOString()
  const item = (s: Stored): LibraryItem => {
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
      metrics: {
        selectivityIndex: null, targetTissue: null, bloodHalfLifeH: null, t50PlasmaH: null,
        hydrodynamicDiameterNm: deriveProperties(latest.design).hydrodynamicDiameterNm, engineVersion: 'fake',
      },
      tags: [...s.tags].sort(),
      note: s.note,
      projectId: s.projectId,
    }
  }
  const add = (design: Design, note = ''): Stored => {
    const s: Stored = { designId: `d-${next++}`, versions: [{ design, createdAt: now(), note }], tags: [], deletedAt: null, note: '', projectId: null }
    stored.set(s.designId, s)
    return s
  }
  const live = (id: string): Stored | undefined => {
    const s = stored.get(id)
    return s && s.deletedAt === null ? s : undefined
  }
  const failing = (method: string): ReturnType<typeof err> | null => {
    api.calls.push({ method, req: undefined })
    if (api.failNext?.method !== method) return null
    const f = api.failNext
    api.failNext = null
    return err('bad-request', f.message, f.issues)
  }
  const record = (method: string, req: unknown): void => {
    api.calls[api.calls.length - 1] = { method, req }
  }

  const methods: Partial<NanoApi> = {
    async saveDesign(req) {
      const f = failing('saveDesign'); record('saveDesign', req)
      if (f) return f
      const v = validateDesign(req.design)
      if (!v.valid) return err('invalid-design', 'The design is not valid.', v.errors)
      const s = req.designId ? live(req.designId) : add(v.design, req.note ?? '')
      if (!s) return err('not-found', `No design ${req.designId}`)
      if (req.designId) s.versions.push({ design: v.design, createdAt: now(), note: req.note ?? '' })
      return ok({ designId: s.designId, version: s.versions.length, warnings: v.warnings })
    },
    async listDesigns(req) {
      const f = failing('listDesigns'); record('listDesigns', req)
      if (f) return f
      const items = [...stored.values()].filter((s) => s.deletedAt === null).map(item)
      return ok({ items, total: items.length })
    },
    async getDesign(req) {
      const f = failing('getDesign'); record('getDesign', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      const version = req.version ?? s.versions.length
      const v = s.versions[version - 1]
      if (!v) return err('not-found', `No version ${version}`)
      return ok({
        designId: s.designId, version, createdAt: v.createdAt, design: v.design,
        versions: s.versions.map((x, i) => ({ version: i + 1, createdAt: x.createdAt, note: x.note })),
      })
    },
    async appInfo() {
      return ok({ appVersion: 'test', engineVersion: 'test', databasePath: ':memory:', readOnly: false, host: 'web' as const })
    },
    async libraryList(req) {
      const f = failing('libraryList'); record('libraryList', req)
      if (f) return f
      const q = (req.query ?? '').toLowerCase()
      let items = [...stored.values()].filter((s) => s.deletedAt === null).map(item)
        .filter((d) => !q || d.name.toLowerCase().includes(q))
        .filter((d) => !req.tag || d.tags.includes(req.tag))
        .filter((d) => !req.disease || d.disease === req.disease)
        .filter((d) => !req.coreMaterial || d.coreMaterial === req.coreMaterial)
        .filter((d) => !req.projectId || d.projectId === req.projectId)
      const by = req.sortBy ?? 'updatedAt'
      const dir = req.sortDirection ?? (by === 'name' ? 'asc' : 'desc')
      const key = (d: LibraryItem): string | number => {
        if (by === 'name' || by === 'updatedAt' || by === 'createdAt') return d[by]
        return d.metrics[by] ?? Number.NEGATIVE_INFINITY
      }
      items = items.sort((a, b) => {
        const ka = key(a)
        const kb = key(b)
        const c = ka < kb ? -1 : ka > kb ? 1 : 0
        return dir === 'asc' ? c : -c
      })
      return ok({ items, total: items.length })
    },
    async duplicateDesign(req) {
      const f = failing('duplicateDesign'); record('duplicateDesign', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      const src = s.versions[(req.version ?? s.versions.length) - 1]!.design
      const copy = add({ ...src, name: req.name ?? `${src.name} (copy)` }, 'Duplicated')
      return ok({ designId: copy.designId, version: 1 })
    },
    async renameDesign(req) {
      const f = failing('renameDesign'); record('renameDesign', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      s.versions.push({ design: { ...s.versions[s.versions.length - 1]!.design, name: req.name }, createdAt: now(), note: `Renamed to ${req.name}` })
      return ok({ designId: s.designId, version: s.versions.length })
    },
    async trashDesign(req) {
      const f = failing('trashDesign'); record('trashDesign', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      s.deletedAt = now()
      return ok({ designId: s.designId, deletedAt: s.deletedAt })
    },
    async restoreFromTrash(req) {
      const f = failing('restoreFromTrash'); record('restoreFromTrash', req)
      if (f) return f
      const s = stored.get(req.designId)
      if (!s || s.deletedAt === null) return err('not-found', `No design ${req.designId} in the trash`)
      s.deletedAt = null
      return ok({ designId: s.designId })
    },
    async listTrash(req) {
      const f = failing('listTrash'); record('listTrash', req)
      if (f) return f
      const items = [...stored.values()].filter((s) => s.deletedAt !== null).map((s) => ({ ...item(s), deletedAt: s.deletedAt! }))
      return ok({ items, total: items.length })
    },
    async listTags(req) {
      const f = failing('listTags'); record('listTags', req)
      if (f) return f
      const counts = new Map<string, number>()
      for (const s of stored.values()) if (s.deletedAt === null) for (const t of s.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
      return ok({ tags: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([tag, count]) => ({ tag, count })) })
    },
    async addTag(req) {
      const f = failing('addTag'); record('addTag', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      if (!s.tags.includes(req.tag)) s.tags.push(req.tag)
      return ok({ designId: s.designId, tags: [...s.tags].sort() })
    },
    async removeTag(req) {
      const f = failing('removeTag'); record('removeTag', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      s.tags = s.tags.filter((t) => t !== req.tag)
      return ok({ designId: s.designId, tags: [...s.tags].sort() })
    },
    async setDesignNote(req) {
      const f = failing('setDesignNote'); record('setDesignNote', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      s.note = req.note
      return ok({ designId: req.designId, note: req.note, updatedAt: now() })
    },
    async designHistory(req) {
      const f = failing('designHistory'); record('designHistory', req)
      if (f) return f
      const s = live(req.designId)
      if (!s) return err('not-found', `No design ${req.designId}`)
      return ok({
        designId: s.designId,
        name: s.versions[s.versions.length - 1]!.design.name,
        versions: s.versions.map((v, i) => ({
          version: i + 1, createdAt: v.createdAt, note: v.note, name: v.design.name, engineVersion: 'fake', documentHash: `h${i}`,
          metrics: item({ ...s, versions: s.versions.slice(0, i + 1) }).metrics,
        })),
      })
    },
    async diffVersions(req) {
      const f = failing('diffVersions'); record('diffVersions', req)
      if (f) return f
      const a = live(req.from.designId)
      const b = live(req.to.designId)
      const va = a?.versions[(req.from.version ?? a.versions.length) - 1]
      const vb = b?.versions[(req.to.version ?? b.versions.length) - 1]
      if (!a || !b || !va || !vb) return err('not-found', 'No such version')
      return ok({
        from: { designId: a.designId, version: req.from.version ?? a.versions.length },
        to: { designId: b.designId, version: req.to.version ?? b.versions.length },
        changes: diffDesigns(va.design, vb.design),
      })
    },
    async restoreVersion(req) {
      const f = failing('restoreVersion'); record('restoreVersion', req)
      if (f) return f
      const s = live(req.designId)
      const v = s?.versions[req.version - 1]
      if (!s || !v) return err('not-found', 'No such version')
      s.versions.push({ design: v.design, createdAt: now(), note: req.note ?? `Restored from version ${req.version}` })
      return ok({ designId: s.designId, version: s.versions.length })
    },
    async compareDesigns(req) {
      const f = failing('compareDesigns'); record('compareDesigns', req)
      if (f) return f
      const items = []
      for (const ref of req.items) {
        const s = live(ref.designId)
        if (!s) return err('not-found', `No design ${ref.designId}`)
        const version = ref.version ?? s.versions.length
        const v = s.versions[version - 1]!
        items.push({ designId: s.designId, version, name: v.design.name, design: v.design as unknown, metrics: item(s).metrics })
      }
      return ok({ items, differingPaths: differingPaths(items.map((i) => i.design)) })
    },
    async metricsCsv(req) {
      const f = failing('metricsCsv'); record('metricsCsv', req)
      if (f) return f
      const rows = req.items.map((r) => live(r.designId)).filter((s): s is Stored => s !== undefined).map(item)
      return ok({ csv: `name,hydrodynamicDiameterNm\r\n${rows.map((r) => `${r.name},${r.metrics.hydrodynamicDiameterNm}`).join('\r\n')}\r\n`, fileName: 'fake-metrics.csv' })
    },
    async exportBundle(req) {
      const f = failing('exportBundle'); record('exportBundle', req)
      if (f) return f
      const designs = req.designIds.map((id) => stored.get(id)).filter((s): s is Stored => s !== undefined)
      const bundle = JSON.stringify({ format: 'fake.bundle', designs: designs.map((s) => ({ designId: s.designId, versions: s.versions })) })
      return ok({ bundle, fileName: 'fake-bundle.json', designCount: designs.length, versionCount: designs.reduce((n, s) => n + s.versions.length, 0), measurementCount: 0 })
    },
    async importBundle(req) {
      const f = failing('importBundle'); record('importBundle', req)
      if (f) return f
      let parsed: { format?: string; designs?: Array<{ designId: string; versions: Stored['versions'] }> }
      try {
        parsed = JSON.parse(req.bundle) as typeof parsed
      } catch {
        return err('bad-request', 'The bundle is not JSON.', [{ path: '', message: 'not JSON' }])
      }
      if (parsed.format !== 'fake.bundle' || !Array.isArray(parsed.designs)) {
        return err('bad-request', 'Not a bundle.', [{ path: 'format', message: 'expected "fake.bundle"' }])
      }
      let designsAdded = 0
      let versionsAdded = 0
      let versionsSkipped = 0
      for (const d of parsed.designs) {
        const have = stored.get(d.designId)
        if (have) {
          versionsSkipped += Math.min(have.versions.length, d.versions.length)
          const extra = d.versions.slice(have.versions.length)
          have.versions.push(...extra)
          versionsAdded += extra.length
        } else {
          stored.set(d.designId, { designId: d.designId, versions: [...d.versions], tags: [], deletedAt: null, note: '', projectId: null })
          designsAdded++
          versionsAdded += d.versions.length
        }
      }
      return ok({ designsAdded, versionsAdded, versionsSkipped, measurementsAdded: 0, measurementsSkipped: 0, conflicts: [] })
    },
    async listProjects(req) {
      const f = failing('listProjects'); record('listProjects', req)
      if (f) return f
      return ok({ projects: projects.map((p) => ({ ...p, designCount: [...stored.values()].filter((s) => s.deletedAt === null && s.projectId === p.projectId).length })) })
    },
    async createProject(req) {
      const f = failing('createProject'); record('createProject', req)
      if (f) return f
      const p = { projectId: `p-${projects.length + 1}`, name: req.name, createdAt: now() }
      projects.push(p)
      return ok({ ...p, designCount: 0 })
    },
    async moveToProject(req) {
      const f = failing('moveToProject'); record('moveToProject', req)
      if (f) return f
      if (req.projectId !== null && !projects.some((p) => p.projectId === req.projectId)) return err('not-found', `No project ${req.projectId}`)
      let moved = 0
      for (const id of req.designIds) {
        const s = live(id)
        if (s) {
          s.projectId = req.projectId
          moved++
        }
      }
      return ok({ moved })
    },
    async listBackups(req) {
      const f = failing('listBackups'); record('listBackups', req)
      if (f) return f
      return ok({ backups: [...backups].reverse(), directory: '/lab/backups' })
    },
    async backupNow(req) {
      const f = failing('backupNow'); record('backupNow', req)
      if (f) return f
      const b = { backupId: `library-${backups.length + 1}.db`, createdAt: now(), sizeBytes: 4096 * (backups.length + 1), reason: 'manual' }
      backups.push(b)
      return ok(b)
    },
    async restoreBackup(req) {
      const f = failing('restoreBackup'); record('restoreBackup', req)
      if (f) return f
      if (!backups.some((b) => b.backupId === req.backupId)) return err('not-found', `No backup ${req.backupId}`)
      const safety = { backupId: `library-${backups.length + 1}.db`, createdAt: now(), sizeBytes: 1, reason: 'before-restore' }
      backups.push(safety)
      return ok({ restoredBackupId: req.backupId, safetyBackupId: safety.backupId, schemaVersion: 3 })
    },
  }
  const extra: Pick<FakeLibraryApi, 'stored' | 'calls' | 'failNext'> = { stored, calls: [], failNext: null }
  const api = Object.assign(methods, extra) as unknown as FakeLibraryApi

  for (const s of seed) add(s.design).tags.push(...(s.tags ?? []))
  return api
}
