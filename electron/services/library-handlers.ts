import type { Handlers } from '../../shared/ipc/contract'
import type { libraryChannels, VersionMetrics } from '../../shared/ipc/channels/library'
import { diffDesigns, differingPaths } from '../../shared/design/diff'
import { metricsToCsv, type MetricsCsvRow } from '../../shared/design/metrics-csv'
import { DesignNotFoundError, type DesignLibrary, type StoredDesign } from '../db/library'
import { exportBundle, importBundle, profilesForExport } from '../db/bundle'
import { listApprovals } from '../db/approvals'
import { attempt } from './errors'
import { withBackupWarning, type HostInfo } from './handlers'

/** The library channels (history, trash, tags, compare, export/import, backups). */
export type LibraryHandlers = Pick<Handlers, keyof typeof libraryChannels>

/** A file-name-safe stamp for download names. */
function stamp(): string {
  return new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
}

/**
 * Implements the library channels of the contract on top of the design library.
 *
 * Why here and not in the renderer: every query is a prepared statement in electron/db and
 * the renderer only names designs by id and backups by the ids the host listed
 * (docs/security.md §4, "Never trust paths or SQL from the renderer").
 */
export function createLibraryHandlers(library: DesignLibrary, _info: HostInfo): LibraryHandlers {
  const load = (designId: string, version?: number): StoredDesign => {
    const found = library.getDesign(designId, version)
    if (found === undefined) {
      throw new DesignNotFoundError(designId, version !== undefined && library.history(designId) !== undefined
        ? `Design ${designId} has no version ${version}.`
        : `No design with id ${designId} in the library.`)
    }
    return found
  }
  const metricsOf = (designId: string, version: number): VersionMetrics => library.versionMetrics(designId, version)!

  return {
    'library:list': (req) => attempt(() => library.listLibrary(req)),
    'library:duplicate': (req) => attempt(() => withBackupWarning(library, () => library.duplicateDesign(req.designId, { version: req.version, name: req.name }))),
    'library:rename': (req) => attempt(() => withBackupWarning(library, () => library.renameDesign(req.designId, req.name))),
    'library:trash': (req) => attempt(() => ({ designId: req.designId, ...library.trashDesign(req.designId) })),
    'library:restoreFromTrash': (req) => attempt(() => {
      library.restoreFromTrash(req.designId)
      return { designId: req.designId }
    }),
    'library:listTrash': (req) => attempt(() => library.listTrash(req)),
    'library:listTags': () => attempt(() => ({ tags: library.listTags() })),
    'library:addTag': (req) => attempt(() => ({ designId: req.designId, tags: library.addTag(req.designId, req.tag) })),
    'library:removeTag': (req) => attempt(() => ({ designId: req.designId, tags: library.removeTag(req.designId, req.tag) })),
    'library:setNote': (req) => attempt(() => ({ designId: req.designId, ...library.setNote(req.designId, req.note) })),
    'library:listProjects': () => attempt(() => ({ projects: library.listProjects() })),
    'library:createProject': (req) => attempt(() => library.createProject(req.name)),
    'library:moveToProject': (req) => attempt(() => ({ moved: library.moveToProject(req.designIds, req.projectId) })),
    'library:history': (req) => attempt(() => {
      const versions = library.history(req.designId)
      const meta = library.designMeta(req.designId)
      if (versions === undefined || meta === undefined) throw new DesignNotFoundError(req.designId)
      const approvals = listApprovals(library.connection, req.designId)
      return {
        designId: req.designId,
        name: meta.name,
        versions: versions.map((v) => ({
          version: v.version, createdAt: v.createdAt, note: v.note, name: v.name,
          engineVersion: v.engineVersion, documentHash: v.documentHash, metrics: v.metrics,
          approvals: approvals.filter((a) => a.version === v.version)
            .map((a) => ({ meaning: a.meaning, signerName: a.signerName, signerUser: a.signerUser, at: a.at, documentHash: a.documentHash })),
        })),
      }
    }),
    'library:diff': (req) => attempt(() => {
      const from = load(req.from.designId, req.from.version)
      const to = load(req.to.designId, req.to.version)
      return {
        from: { designId: from.designId, version: from.version },
        to: { designId: to.designId, version: to.version },
        changes: diffDesigns(from.design, to.design),
      }
    }),
    'library:restoreVersion': (req) => attempt(() => withBackupWarning(library, () => library.restoreVersion(req.designId, req.version, req.note))),
    'library:compare': (req) => attempt(() => {
      const stored = req.items.map((r) => load(r.designId, r.version))
      return {
        items: stored.map((s) => ({
          designId: s.designId, version: s.version, name: s.design.name, design: s.design,
          metrics: metricsOf(s.designId, s.version),
        })),
        differingPaths: differingPaths(stored.map((s) => s.design)),
      }
    }),
    'library:metricsCsv': (req) => attempt(() => {
      // Every item is found before any metrics are read: reading them fills the metrics cache,
      // and a request refused for its third item must not have written the first one's.
      const stored = req.items.map((r) => load(r.designId, r.version))
      const rows: MetricsCsvRow[] = stored.map((s) => {
        const m = metricsOf(s.designId, s.version)
        return {
          designId: s.designId, version: s.version, name: s.design.name, coreMaterial: s.design.core.material,
          coreDiameterNm: s.design.core.diameterNm, disease: s.design.context.disease, ...m,
        }
      })
      return { csv: metricsToCsv(rows), fileName: `nanoforge-metrics-${stamp()}.csv` }
    }),
    'library:export': (req) => attempt(() => {
      const bundle = exportBundle(library, req.designIds)
      return {
        bundle: `${JSON.stringify(bundle, null, 2)}\n`,
        fileName: `nanoforge-${bundle.designs.length === 1 ? 'design' : 'bundle'}-${stamp()}.nanoforge-bundle.json`,
        designCount: bundle.designs.length,
        versionCount: bundle.designs.reduce((n, d) => n + d.versions.length, 0),
        measurementCount: bundle.designs.reduce((n, d) => n + d.measurements.length, 0),
        profileCount: bundle.profiles.length,
        profilesLeftOut: profilesForExport(library, req.designIds).leftOut.map(({ name, version, reason }) => ({ name, version, reason })),
      }
    }),
    'library:import': (req) => attempt(() => importBundle(library, req.bundle)),
    'library:listBackups': () => attempt(() => ({
      backups: library.listBackups().map(({ backupId, createdAt, sizeBytes, reason }) => ({ backupId, createdAt, sizeBytes, reason })),
      directory: library.backupDirectory,
    })),
    'library:backupNow': () => attempt(() => {
      const { backupId, createdAt, sizeBytes, reason } = library.backup('manual')
      return { backupId, createdAt, sizeBytes, reason }
    }),
    'library:restoreBackup': (req) => attempt(() => library.restoreBackup(req.backupId)),
  }
}
