import type { LibraryConnection } from './connection'
import { InvalidInputError } from './errors'
import { detailText } from './audit'
import { auditDesign, nowIso, requireHead, requireSafeText } from './library-rows'

/**
 * Tags and the design-level note (schema `design_tags`, `designs.note`): labels and words about
 * a design that are not part of any version, so changing them never creates a version. Every
 * change is one transaction with its audit entry.
 */
export interface TagNoteStore {
  /** The design's tags, case-insensitively sorted. */
  tagsOf(designId: string): string[]
  /** Tags of many designs at once (for a page of the listing or the trash). */
  tagsByDesign(designIds: ReadonlyArray<string>): Map<string, string[]>
  /** Every tag on a live design, with how many live designs carry it. */
  listTags(): Array<{ tag: string; count: number }>
  addTag(designId: string, tag: string): string[]
  removeTag(designId: string, tag: string): string[]
  setNote(designId: string, note: string): { readonly note: string; readonly updatedAt: string }
}

const SQL = {
  tagsOf: 'SELECT tag FROM design_tags WHERE design_id = ? ORDER BY tag COLLATE NOCASE',
  tagsOfMany: 'SELECT design_id, tag FROM design_tags WHERE design_id IN (SELECT value FROM json_each(?)) ORDER BY tag COLLATE NOCASE',
  allTags: `
    SELECT t.tag AS tag, count(*) AS count FROM design_tags AS t JOIN designs AS d ON d.id = t.design_id
    WHERE d.deleted_at IS NULL GROUP BY t.tag ORDER BY t.tag COLLATE NOCASE`,
  addTag: 'INSERT OR IGNORE INTO design_tags (design_id, tag, created_at) VALUES (@id, @tag, @now)',
  removeTag: 'DELETE FROM design_tags WHERE design_id = @id AND tag = @tag',
  setNote: 'UPDATE designs SET note = @note, updated_at = @now WHERE id = @id',
} as const

export function createTagNoteStore(conn: LibraryConnection): TagNoteStore {
  const tagsOf = (designId: string): string[] =>
    (conn.statement(SQL.tagsOf).all(designId) as Array<{ tag: string }>).map((r) => r.tag)

  return {
    tagsOf,

    tagsByDesign(ids) {
      const map = new Map<string, string[]>()
      if (ids.length === 0) return map
      const rows = conn.statement(SQL.tagsOfMany).all(JSON.stringify(ids)) as Array<{ design_id: string; tag: string }>
      for (const r of rows) {
        const list = map.get(r.design_id) ?? []
        list.push(r.tag)
        map.set(r.design_id, list)
      }
      return map
    },

    listTags() {
      return conn.statement(SQL.allTags).all() as Array<{ tag: string; count: number }>
    },

    addTag(designId, tag) {
      conn.requireWritable()
      requireHead(conn, designId)
      const clean = cleanTag(tag)
      conn.writeTx(() => {
        if (conn.statement(SQL.addTag).run({ id: designId, tag: clean, now: nowIso() }).changes > 0) auditDesign(conn, 'design.tag-add', designId, { tag: clean })
      })
      return tagsOf(designId)
    },

    removeTag(designId, tag) {
      conn.requireWritable()
      requireHead(conn, designId)
      conn.writeTx(() => {
        if (conn.statement(SQL.removeTag).run({ id: designId, tag: tag.trim() }).changes > 0) auditDesign(conn, 'design.tag-remove', designId, { tag: tag.trim() })
      })
      return tagsOf(designId)
    },

    setNote(designId, note) {
      conn.requireWritable()
      requireHead(conn, designId)
      requireSafeText([['note', note, true]])
      const at = nowIso()
      conn.writeTx(() => {
        conn.statement(SQL.setNote).run({ id: designId, note, now: at })
        auditDesign(conn, 'design.note', designId, { note: detailText(note) })
      })
      return { note, updatedAt: at }
    },
  }
}

/** Trims a tag and checks it (1-64 characters as the IPC's TagName, the shared text rule). */
function cleanTag(tag: string): string {
  const clean = tag.trim()
  if (clean.length < 1 || clean.length > 64) throw new InvalidInputError([{ path: 'tag', message: 'a tag is 1 to 64 characters' }])
  requireSafeText([['tag', clean]])
  return clean
}
