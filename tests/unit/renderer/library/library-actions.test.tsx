// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { LibraryPanel } from '../../../../renderer/features/library/library-panel'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useLibraryStore } from '../../../../renderer/stores/library-store'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { createFakeLibraryApi, type FakeLibraryApi } from './support/fake-library-api'

const small: Design = { ...newDesign(), name: 'Small gold', core: { material: 'gold', diameterNm: 20 }, context: { ...newDesign().context, disease: 'psoriasis' } }
const large: Design = { ...newDesign(), name: 'Large PLGA', core: { material: 'plga-50-50', diameterNm: 400 } }
const medium: Design = { ...newDesign(), name: 'Medium liposome', core: { material: 'liposome', diameterNm: 110, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } } }

let api: FakeLibraryApi

const INITIAL = useLibraryStore.getState()

beforeEach(() => {
  api = createFakeLibraryApi([{ design: small, tags: ['lead'] }, { design: large }, { design: medium }])
  window.nanoApi = api
  useDesignStore.getState().newDesign()
  useLibraryStore.setState({ ...INITIAL, items: [], filters: { tag: '', disease: '', coreMaterial: '', projectId: '' }, projects: [], selected: [], notice: null, compareIds: null, historyId: null, view: 'designs' })
})

afterEach(() => {
  cleanup()
  delete window.nanoApi
})

function list(): HTMLElement {
  return screen.getByRole('list', { name: 'Saved designs' })
}

/** Names of the listed designs, top to bottom. */
function names(): string[] {
  return within(list()).queryAllByRole('listitem').filter((li) => li.classList.contains('library-row')).map((li) => li.querySelector('.library-name')?.textContent ?? '')
}

/** Opens the "Actions" disclosure of a row and returns the row. */
function openActions(name: string): HTMLElement {
  const row = within(list()).getByRole('button', { name: new RegExp(name) }).closest('li')!
  const details = row.querySelector('details')!
  details.open = true
  fireEvent(details, new Event('toggle'))
  return row
}

async function mounted(): Promise<void> {
  render(<LibraryPanel />)
  await useLibraryStore.getState().refresh()
  await waitFor(() => expect(names()).toHaveLength(3))
}

describe('library panel: sort and filters', () => {
  it('sorts by hydrodynamic diameter both ways and sends the sort to the host', async () => {
    await mounted()
    fireEvent.change(screen.getByLabelText('Sort by'), { target: { value: 'hydrodynamicDiameterNm' } })
    await waitFor(() => expect(names()).toEqual(['Large PLGA', 'Medium liposome', 'Small gold']))
    fireEvent.change(screen.getByLabelText('Sort order'), { target: { value: 'asc' } })
    await waitFor(() => expect(names()).toEqual(['Small gold', 'Medium liposome', 'Large PLGA']))
    const last = api.calls.filter((c) => c.method === 'libraryList').at(-1)!.req
    expect(last).toMatchObject({ sortBy: 'hydrodynamicDiameterNm', sortDirection: 'asc' })
    // The row shows the metric it can be sorted by, with its unit.
    expect(within(list()).getByRole('button', { name: /Large PLGA/ }).textContent).toMatch(/nm hydrodynamic/)
  })

  it('filters by disease, core material and tag', async () => {
    await mounted()
    await waitFor(() => expect(screen.getByRole('option', { name: 'lead (1)' })).toBeTruthy())
    fireEvent.change(screen.getByLabelText('Filter by disease'), { target: { value: 'psoriasis' } })
    await waitFor(() => expect(names()).toEqual(['Small gold']))
    fireEvent.change(screen.getByLabelText('Filter by disease'), { target: { value: '' } })
    fireEvent.change(screen.getByLabelText('Filter by core material'), { target: { value: 'liposome' } })
    await waitFor(() => expect(names()).toEqual(['Medium liposome']))
    fireEvent.change(screen.getByLabelText('Filter by core material'), { target: { value: '' } })
    fireEvent.change(screen.getByLabelText('Filter by tag'), { target: { value: 'lead' } })
    await waitFor(() => expect(names()).toEqual(['Small gold']))
    expect(screen.getByText('1 design found')).toBeTruthy()
  })
})

describe('library panel: projects', () => {
  it('creates a project, files a design under it and filters by it', async () => {
    await mounted()
    fireEvent.change(screen.getByLabelText('New project name'), { target: { value: 'RA macrophage series' } })
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }))
    await waitFor(() => expect(screen.getByRole('option', { name: 'RA macrophage series (0)' })).toBeTruthy())
    const row = openActions('Large PLGA')
    fireEvent.change(within(row).getByLabelText('Project'), { target: { value: 'p-1' } })
    await waitFor(() => expect(screen.getByRole('option', { name: 'RA macrophage series (1)' })).toBeTruthy())
    expect(api.stored.get('d-2')?.projectId).toBe('p-1')
    fireEvent.change(screen.getByLabelText('Filter by project'), { target: { value: 'p-1' } })
    await waitFor(() => expect(names()).toEqual(['Large PLGA']))
  })

  it('refuses a project without a name', async () => {
    await mounted()
    fireEvent.click(screen.getByRole('button', { name: 'Create project' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/Project not created: type a name first/)
    expect(api.calls.some((c) => c.method === 'createProject')).toBe(false)
  })
})

describe('library panel: row actions', () => {
  it('duplicates and renames a design', async () => {
    await mounted()
    fireEvent.click(within(openActions('Medium liposome')).getByRole('button', { name: 'Duplicate' }))
    await waitFor(() => expect(names()).toContain('Medium liposome (copy)'))
    expect(names()).toHaveLength(4)

    const row = openActions('Large PLGA')
    fireEvent.click(within(row).getByRole('button', { name: 'Rename…' }))
    fireEvent.change(within(row).getByLabelText('New name'), { target: { value: 'Large PLGA, renamed' } })
    fireEvent.click(within(row).getByRole('button', { name: 'Save name' }))
    await waitFor(() => expect(names()).toContain('Large PLGA, renamed'))
    expect(screen.getByRole('status').textContent).toMatch(/saved as version 2/)
  })

  it('refuses an empty name without calling the host', async () => {
    await mounted()
    const row = openActions('Large PLGA')
    fireEvent.click(within(row).getByRole('button', { name: 'Rename…' }))
    fireEvent.change(within(row).getByLabelText('New name'), { target: { value: '   ' } })
    fireEvent.click(within(row).getByRole('button', { name: 'Save name' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be empty/)
    expect(api.calls.some((c) => c.method === 'renameDesign')).toBe(false)
    expect(names()).toContain('Large PLGA')
  })

  it('moves a design to the trash and restores it from the Trash view', async () => {
    await mounted()
    fireEvent.click(within(openActions('Small gold')).getByRole('button', { name: 'Move to trash' }))
    await waitFor(() => expect(names()).not.toContain('Small gold'))
    fireEvent.click(screen.getByRole('button', { name: /^Trash/ }))
    const trash = await screen.findByRole('list', { name: 'Designs in the trash' })
    await waitFor(() => expect(within(trash).getByText('Small gold')).toBeTruthy())
    fireEvent.click(within(trash).getByRole('button', { name: 'Restore Small gold' }))
    await waitFor(() => expect(within(trash).queryByText('Small gold')).toBeNull())
    fireEvent.click(screen.getByRole('button', { name: 'Designs' }))
    await waitFor(() => expect(names()).toContain('Small gold'))
  })

  it('adds and removes tags, and the tag filter follows', async () => {
    await mounted()
    const row = openActions('Large PLGA')
    fireEvent.change(within(row).getByLabelText('New tag'), { target: { value: 'in vivo' } })
    fireEvent.click(within(row).getByRole('button', { name: 'Add tag' }))
    await waitFor(() => expect(screen.getByRole('option', { name: 'in vivo (1)' })).toBeTruthy())
    const tagged = within(list()).getByRole('button', { name: /Large PLGA/ }).closest('li')!
    expect(within(tagged).getByRole('list', { name: 'Tags' }).textContent).toContain('in vivo')
    fireEvent.click(within(tagged).getByRole('button', { name: 'Remove tag in vivo' }))
    await waitFor(() => expect(screen.queryByRole('option', { name: 'in vivo (1)' })).toBeNull())
    expect(api.stored.get('d-2')?.tags).toEqual([])
  })

  it('saves a design note and shows it under the design', async () => {
    await mounted()
    const row = openActions('Medium liposome')
    const save = within(row).getByRole('button', { name: 'Save note' }) as HTMLButtonElement
    expect(save.disabled).toBe(true)
    fireEvent.change(within(row).getByLabelText('Design note'), { target: { value: 'Batch 7: PDI 0.12' } })
    fireEvent.click(save)
    await waitFor(() => expect(row.querySelector('.library-note')?.textContent).toBe('Batch 7: PDI 0.12'))
    expect(api.stored.get('d-3')?.note).toBe('Batch 7: PDI 0.12')
    expect(api.stored.get('d-3')?.versions).toHaveLength(1) // a design note is not a new version
  })

  it('exports one design from its row as a bundle download', async () => {
    const offered: string[] = []
    URL.createObjectURL = () => 'blob:fake'
    URL.revokeObjectURL = () => undefined
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      offered.push(this.download)
    })
    await mounted()
    fireEvent.click(within(openActions('Small gold')).getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(offered).toEqual(['fake-bundle.json']))
    expect(api.calls.find((c) => c.method === 'exportBundle')?.req).toEqual({ designIds: ['d-1'] })
    expect(screen.getByRole('status').textContent).toMatch(/Exported 1 design, 1 version and 0 measurements/)
    click.mockRestore()
  })

  it('reports a host failure and leaves the list as it was', async () => {
    await mounted()
    api.failNext = { method: 'trashDesign', message: 'the library is read-only' }
    fireEvent.click(within(openActions('Small gold')).getByRole('button', { name: 'Move to trash' }))
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not moved to the trash: the library is read-only/)
    expect(names()).toHaveLength(3)
  })

  it('enables Compare only for two to four ticked designs', async () => {
    await mounted()
    const compare = screen.getByRole('button', { name: /Compare selected/ }) as HTMLButtonElement
    expect(compare.disabled).toBe(true)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Small gold' }))
    expect(compare.disabled).toBe(true)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Large PLGA' }))
    expect(compare.disabled).toBe(false)
    expect(compare.textContent).toBe('Compare selected (2)')
  })
})
