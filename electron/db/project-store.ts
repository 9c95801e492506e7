import { randomUUID } from 'node:crypto'
import type { LibraryConnection } from './connection'
import { DesignNotFoundError, InvalidInputError } from './errors'
import { appendAudit } from './audit'
import { auditDesign, headOf, nowIso, requireSafeText } from './library-rows'
import type { Project } from './library-types'

/**
 * Projects (schema `projects`, `designs.project_id`): named groups of designs, one project per
 * design or none. Creating a project and filing designs are audited like every record change.
 */
export interface ProjectStore {
  /** Every project, by name, with its live design count. */
  listProjects(): Project[]
  /** Creates a project, or returns the existing one of that name (names are unique, case-insensitive). */
  createProject(name: string): Project
  /** Files designs under a project (null: under none); returns how many designs exist and were moved. */
  moveToProject(designIds: ReadonlyArray<string>, projectId: string | null): number
  /**
   * Files a copy under the project of the design it copies, if that one is in a project (one
   * transaction with its audit entry). Why: a duplicate stays where its original is.
   */
  followOriginal(copyId: string, originalId: string): void
}

const PROJECT_COLUMNS = `p.id AS projectId, p.name AS name, p.created_at AS createdAt,
      (SELECT count(*) FROM designs AS d WHERE d.project_id = p.id AND d.deleted_at IS NULL) AS designCount`

const SQL = {
  allProjects: `SELECT ${PROJECT_COLUMNS} FROM projects AS p ORDER BY p.name COLLATE NOCASE`,
  projectById: `SELECT ${PROJECT_COLUMNS} FROM projects AS p WHERE p.id = ?`,
  projectByName: `SELECT ${PROJECT_COLUMNS} FROM projects AS p WHERE p.name = ? COLLATE NOCASE`,
  insertProject: 'INSERT INTO projects (id, name, created_at) VALUES (@id, @name, @now)',
  moveToProject: 'UPDATE designs SET project_id = @projectId WHERE id = @id',
} as const

export function createProjectStore(conn: LibraryConnection): ProjectStore {
  return {
    listProjects() {
      return conn.statement(SQL.allProjects).all() as Project[]
    },

    createProject(name) {
      conn.requireWritable()
      const clean = name.trim()
      if (clean.length < 1 || clean.length > 200) throw new InvalidInputError([{ path: 'name', message: 'a project name is 1 to 200 characters' }])
      requireSafeText([['name', clean]])
      const existing = conn.statement(SQL.projectByName).get(clean) as Project | undefined
      if (existing !== undefined) return existing
      const projectId = randomUUID()
      conn.writeTx(() => {
        conn.statement(SQL.insertProject).run({ id: projectId, name: clean, now: nowIso() })
        appendAudit(conn.db, { action: 'project.create', entityKind: 'project', entityId: projectId, detail: { name: clean } })
      })
      return conn.statement(SQL.projectById).get(projectId) as Project
    },

    moveToProject(designIds, projectId) {
      conn.requireWritable()
      if (projectId !== null && conn.statement(SQL.projectById).get(projectId) === undefined) {
        throw new DesignNotFoundError(projectId, `No project with id ${projectId} in the library.`)
      }
      return conn.writeTx(() => {
        let moved = 0
        for (const id of designIds) {
          const before = headOf(conn, id)
          const changed = conn.statement(SQL.moveToProject).run({ id, projectId }).changes
          moved += changed
          if (changed > 0 && before !== undefined && before.project_id !== projectId) {
            auditDesign(conn, 'design.project', id, { projectId, previousProjectId: before.project_id })
          }
        }
        return moved
      })
    },

    followOriginal(copyId, originalId) {
      const projectId = headOf(conn, originalId)?.project_id ?? null
      if (projectId === null) return
      conn.writeTx(() => {
        conn.statement(SQL.moveToProject).run({ id: copyId, projectId })
        auditDesign(conn, 'design.project', copyId, { projectId, why: `the project of ${originalId}, which it duplicates` })
      })
    },
  }
}
