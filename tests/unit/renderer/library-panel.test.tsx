// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { LibraryPanel } from '../../../renderer/features/library/library-panel'
import { useDesignStore } from '../../../renderer/stores/design-store'
import { useLibraryStore } from '../../../renderer/stores/library-store'
import { newDesign } from '../../../shared/design/defaults'
import type { Design } from '../../../shared/design/types'
import { createFakeNanoApi } from './support/fake-nano-api'

const a: Design = { ...newDesign(), name: 'Alpha gold imaging', core: { material: 'gold', diameterNm: 40 } }
const b: Design = { ...newDesign(), name: 'Beta liposome', core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } } }

beforeEach(() => {
  window.nanoApi = createFakeNanoApi([a, b])
  useDesignStore.getState().newDesign()
  useLibraryStore.setState({ items: [], total: 0, query: '', loading: false, error: null, loaded: false })
})

afterEach(() => {
  cleanup()
  delete window.nanoApi
})

describe('LibraryPanel', () => {
  it('lists saved designs, filters by search text, and opens one into the design store', async () => {
    render(<LibraryPanel />)
    await useLibraryStore.getState().refresh()
    const list = await screen.findByRole('list', { name: 'Saved designs' })
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(2))
    expect(within(list).getByRole('button', { name: /Alpha gold imaging/ }).textContent).toMatch(/Gold.*40 nm.*version 1/)

    fireEvent.change(screen.getByLabelText('Search designs'), { target: { value: 'lipo' } })
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(1))
    const item = within(list).getByRole('button', { name: /Beta liposome/ })
    fireEvent.click(item)
    await waitFor(() => expect(useDesignStore.getState().design.name).toBe('Beta liposome'))
    expect(useDesignStore.getState().design.core).toEqual({ material: 'liposome', diameterNm: 100, bilayer: { lipid: 'hspc', cholesterolMolPct: 38 } })
    expect(useDesignStore.getState().version).toBe(1)
    expect(useDesignStore.getState().dirty).toBe(false)
    await waitFor(() => expect(item.getAttribute('aria-current')).toBe('true'))
  })

  it('says when nothing matches', async () => {
    render(<LibraryPanel />)
    fireEvent.change(screen.getByLabelText('Search designs'), { target: { value: 'zzz' } })
    expect(await screen.findByText('No design matches the search.')).toBeTruthy()
    expect(within(screen.getByRole('list', { name: 'Saved designs' })).queryAllByRole('button')).toHaveLength(0)
  })
})
