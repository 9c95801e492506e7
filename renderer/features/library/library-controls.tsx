import { useId, useState } from 'react'
import { CORE_MATERIAL_IDS, DISEASE_IDS } from '../../../shared/catalog/ids'
import { catalogName } from '../../scene/scene-palette'
import { SORT_LABELS, useLibraryStore, type LibrarySortBy, type SortDirection } from '../../stores/library-store'

const SORT_KEYS = Object.keys(SORT_LABELS) as LibrarySortBy[]

/**
 * Sort and filter controls of the library list: "Sort by" any summary metric or date, the
 * order, filters by tag, disease, core material and project, and creating a project.
 *
 * Why: the host sorts and filters (the same query as `nanoforge db list`), so a library of
 * tens of thousands of designs stays fast; the controls only hold the choice. Accessible
 * names start with "Filter by" so they never clash with the design form's "Disease" and
 * "Core material" fields.
 */
export function LibraryControls(): React.JSX.Element {
  const id = useId()
  const { sortBy, sortDirection, filters, tags, projects, setSort, setFilters, createProject } = useLibraryStore()
  const [newProject, setNewProject] = useState('')
  const tagMissing = filters.tag !== '' && !tags.some((t) => t.tag === filters.tag)
  return (
    <div className="library-controls">
      <div className="library-control">
        <label htmlFor={`${id}-1`}>Sort by</label>
        <select id={`${id}-1`} value={sortBy} onChange={(e) => setSort(e.target.value as LibrarySortBy)}>
          {SORT_KEYS.map((k) => <option key={k} value={k}>{SORT_LABELS[k]}</option>)}
        </select>
      </div>
      <div className="library-control">
        <label htmlFor={`${id}-2`}>Sort order</label>
        <select id={`${id}-2`} value={sortDirection} onChange={(e) => setSort(sortBy, e.target.value as SortDirection)}>
          <option value="desc">{sortBy === 'name' ? 'Z to A' : 'Descending'}</option>
          <option value="asc">{sortBy === 'name' ? 'A to Z' : 'Ascending'}</option>
        </select>
      </div>
      <div className="library-control">
        <label htmlFor={`${id}-3`}>Filter by tag</label>
        <select id={`${id}-3`} value={filters.tag} onChange={(e) => setFilters({ tag: e.target.value })}>
          <option value="">All tags</option>
          {tagMissing && <option value={filters.tag}>{filters.tag} (0)</option>}
          {tags.map((t) => <option key={t.tag} value={t.tag}>{t.tag} ({t.count})</option>)}
        </select>
      </div>
      <div className="library-control">
        <label htmlFor={`${id}-4`}>Filter by disease</label>
        <select id={`${id}-4`} value={filters.disease} onChange={(e) => setFilters({ disease: e.target.value })}>
          <option value="">All diseases</option>
          {DISEASE_IDS.map((d) => <option key={d} value={d}>{catalogName(d)}</option>)}
        </select>
      </div>
      <div className="library-control">
        <label htmlFor={`${id}-5`}>Filter by core material</label>
        <select id={`${id}-5`} value={filters.coreMaterial} onChange={(e) => setFilters({ coreMaterial: e.target.value })}>
          <option value="">All core materials</option>
          {CORE_MATERIAL_IDS.map((m) => <option key={m} value={m}>{catalogName(m)}</option>)}
        </select>
      </div>
      <div className="library-control">
        <label htmlFor={`${id}-6`}>Filter by project</label>
        <select id={`${id}-6`} value={filters.projectId} onChange={(e) => setFilters({ projectId: e.target.value })}>
          <option value="">All projects</option>
          {projects.map((p) => <option key={p.projectId} value={p.projectId}>{p.name} ({p.designCount})</option>)}
        </select>
      </div>
      <form
        className="library-inline-form library-new-project"
        onSubmit={(e) => {
          e.preventDefault()
          void createProject(newProject).then((created) => {
            if (created) setNewProject('')
          })
        }}
      >
        <label>
          New project name
          <input type="text" value={newProject} maxLength={200} onChange={(e) => setNewProject(e.target.value)} />
        </label>
        <button type="submit">Create project</button>
      </form>
    </div>
  )
}
