import type { LibraryConnection } from './connection'
import { auditDesign, clampInt, HEAD_COLUMNS, nowIso, requireHead, toItem, type HeadRow } from './library-rows'
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type TrashPage } from './library-types'
import type { TagNoteStore } from './tag-note-store'

/**
 * The trash: soft delete of whole designs (`designs.deleted_at`). A trashed design leaves the
 * listing and search but keeps every version, tag, note and measurement; nothing is erased.
 */
export interface TrashStore {
  trashDesign(designId: string): { readonly deletedAt: string }
  restoreFromTrash(designId: string): void
  /** Trashed designs, most recently trashed first. */
  listTrash(options?: { readonly limit?: number; readonly offset?: number }): TrashPage
}

const SQL = {
  trash: 'UPDATE designs SET deleted_at = @now WHERE id = @id AND deleted_at IS NULL',
  untrash: 'UPDATE designs SET deleted_at = NULL WHERE id = ?',
  page: `
    SELECT ${HEAD_COLUMNS}
    FROM designs AS d
    JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version
    WHERE d.deleted_at IS NOT NULL
    ORDER BY d.deleted_at DESC, d.seq DESC LIMIT @limit OFFSET @offset`,
  count: 'SELECT count(*) AS n FROM designs WHERE deleted_at IS NOT NULL',
} as const

export function createTrashStore(conn: LibraryConnection, tags: Pick<TagNoteStore, 'tagsByDesign'>): TrashStore {
  return {
    trashDesign(designId) {
      conn.requireWritable()
      const head = requireHead(conn, designId)
      if (head.deleted_at !== null) return { deletedAt: head.deleted_at }
      const at = nowIso()
      conn.writeTx(() => {
        if (conn.statement(SQL.trash).run({ id: designId, now: at }).changes > 0) auditDesign(conn, 'design.trash', designId, { deletedAt: at }, null, at)
      })
      return { deletedAt: at }
    },

    restoreFromTrash(designId) {
      conn.requireWritable()
      const head = requireHead(conn, designId)
      if (head.deleted_at === null) return
      conn.writeTx(() => {
        if (conn.statement(SQL.untrash).run(designId).changes > 0) auditDesign(conn, 'design.untrash', designId, { wasDeletedAt: head.deleted_at })
      })
    },

    listTrash(options = {}) {
      const limit = clampInt(options.limit ?? DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT)
      const offset = Math.max(0, Math.trunc(options.offset ?? 0))
      const rows = conn.statement(SQL.page).all({ limit, offset }) as HeadRow[]
      const total = (conn.statement(SQL.count).get() as { n: number }).n
      const tagMap = tags.tagsByDesign(rows.map((r) => r.id))
      return { items: rows.map((r) => ({ ...toItem(r, tagMap.get(r.id) ?? []), deletedAt: r.deleted_at! })), total }
    },
  }
}
