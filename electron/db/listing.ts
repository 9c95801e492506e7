import type { LibrarySort } from '../../shared/ipc/channels/library'
import type { LibraryConnection } from './connection'
import { clampInt, HEAD_COLUMNS, toItem, type HeadRow } from './library-rows'
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, type DesignPage, type LibraryListOptions, type LibraryPage, type ListDesignsOptions } from './library-types'
import type { TagNoteStore } from './tag-note-store'

/**
 * The library's listing and search: live designs filtered (full-text words or an id prefix,
 * project, tag, disease, core material), sorted by any listing column, one page at a time.
 * Reads only: a listing never writes (issue 11 item 2).
 */
export interface ListingStore {
  listDesigns(options?: ListDesignsOptions): DesignPage
  listLibrary(options?: LibraryListOptions): LibraryPage
}

const HEADS_BY_SEQ = `SELECT ${HEAD_COLUMNS} FROM designs AS d JOIN design_versions AS v ON v.design_id = d.id AND v.version = d.latest_version
    WHERE d.seq IN (SELECT value FROM json_each(?))`

export function createListingStore(conn: LibraryConnection, tags: Pick<TagNoteStore, 'tagsByDesign'>): ListingStore {
  const listLibrary = (options: LibraryListOptions = {}): LibraryPage => {
    const limit = clampInt(options.limit ?? DEFAULT_LIST_LIMIT, 1, MAX_LIST_LIMIT)
    const offset = Math.max(0, Math.trunc(options.offset ?? 0))
    const filter = buildFilter(options)
    const order = orderBy(options.sortBy ?? 'updatedAt', options.sortDirection)
    // Two steps: sort only the keys (a sort over thousands of search hits stays narrow), then
    // read the full rows of the one page. The filtered SQL varies with the filters, so it is
    // prepared per call rather than cached.
    const seqs = (conn.db.prepare(`
      SELECT d.seq FROM designs AS d
      WHERE d.deleted_at IS NULL AND d.latest_version > 0 ${filter.sql}
      ORDER BY ${order}
      LIMIT @limit OFFSET @offset`).all({ ...filter.params, limit, offset }) as Array<{ seq: number }>).map((r) => r.seq)
    const bySeq = new Map((conn.statement(HEADS_BY_SEQ).all(JSON.stringify(seqs)) as HeadRow[]).map((r) => [r.seq, r]))
    const rows = seqs.map((seq) => bySeq.get(seq)).filter((r): r is HeadRow => r !== undefined)
    const total = (conn.db.prepare(`
      SELECT count(*) AS n FROM designs AS d
      WHERE d.deleted_at IS NULL AND d.latest_version > 0 ${filter.sql}`).get(filter.params) as { n: number }).n
    const tagMap = tags.tagsByDesign(rows.map((r) => r.id))
    return { items: rows.map((r) => toItem(r, tagMap.get(r.id) ?? [])), total }
  }

  return {
    listLibrary,
    listDesigns(options = {}) {
      const page = listLibrary(options)
      return { items: page.items.map(({ metrics: _m, tags: _t, note: _n, projectId: _p, ...summary }) => summary), total: page.total }
    },
  }
}

/** ORDER BY for a sort key; metric sorts keep designs without the metric last. */
export function orderBy(sortBy: LibrarySort, direction: 'asc' | 'desc' | undefined): string {
  const column: Record<LibrarySort, string> = {
    updatedAt: 'd.updated_at',
    createdAt: 'd.created_at',
    name: 'd.name COLLATE NOCASE',
    selectivityIndex: 'd.selectivity_index',
    t50PlasmaH: 'd.t50_plasma_h',
    hydrodynamicDiameterNm: 'd.hydrodynamic_diameter_nm',
    bloodHalfLifeH: 'd.blood_half_life_h',
  }
  const dir = direction ?? (sortBy === 'name' ? 'asc' : 'desc')
  const col = column[sortBy]
  const metric = sortBy !== 'updatedAt' && sortBy !== 'createdAt' && sortBy !== 'name'
  // DESC already puts NULLs last in SQLite (and matches the partial indexes); ASC needs NULLS LAST.
  if (dir === 'desc') return `${col} DESC, d.seq DESC`
  return metric ? `${col} ASC NULLS LAST, d.seq ASC` : `${col} ASC, d.seq ASC`
}

/** WHERE fragment and parameters for the listing filters (FTS5 prefix words or an id prefix, tag, disease, core). */
export function buildFilter(options: LibraryListOptions): { sql: string; params: Record<string, string> } {
  let sql = ''
  const params: Record<string, string> = {}
  // Control characters separate words like spaces: FTS5 reads its query as C text, so a NUL
  // inside a quoted word ended the string early ("unterminated string", answered as a crash).
  const words = (options.query ?? '').split(/[\s\p{Cc}]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length > 0) {
    // Each word becomes a quoted FTS5 phrase with a prefix star, so user text can never be
    // read as FTS5 syntax (AND, NEAR, column filters, stray quotes).
    params.match = words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ')
    const fts = 'd.seq IN (SELECT rowid FROM design_search WHERE design_search MATCH @match)'
    if (words.length === 1 && /^[0-9a-f-]{4,}$/i.test(words[0]!)) {
      params.idPrefix = `${words[0]!.toLowerCase()}*`
      sql += ` AND (${fts} OR d.id GLOB @idPrefix)`
    } else {
      sql += ` AND ${fts}`
    }
  }
  if (options.projectId !== undefined) {
    params.projectId = options.projectId
    sql += ' AND d.project_id = @projectId'
  }
  if (options.tag !== undefined && options.tag.trim() !== '') {
    params.tag = options.tag.trim()
    sql += ' AND d.id IN (SELECT design_id FROM design_tags WHERE tag = @tag)'
  }
  if (options.disease !== undefined && options.disease !== '') {
    params.disease = options.disease
    sql += ' AND d.disease = @disease'
  }
  if (options.coreMaterial !== undefined && options.coreMaterial !== '') {
    params.coreMaterial = options.coreMaterial
    sql += ' AND d.core_material = @coreMaterial'
  }
  return { sql, params }
}
