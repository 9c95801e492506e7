// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { DesignForm } from '../../../../renderer/features/design-form/design-form'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { useViewStore } from '../../../../renderer/stores/view-store'
import { newDesign } from '../../../../shared/design/defaults'

beforeEach(() => {
  useDesignStore.getState().replace(newDesign(), null, null)
  useViewStore.setState({ selection: null, selectionSource: null })
})
afterEach(cleanup)

describe('property panel', () => {
  it('adds coatings up to three, each with its own labelled controls, and shows the limit', () => {
    render(<DesignForm />)
    fireEvent.change(screen.getByLabelText('New coating kind'), { target: { value: 'polymer' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add coating' }))
    expect(useDesignStore.getState().design.coatings.map((c) => c.kind)).toEqual(['polymer', 'peg'])
    const thickness = screen.getByLabelText('Coating 1 thickness (nm)')
    fireEvent.change(thickness, { target: { value: '600' } })
    // The validator's sentence shows at the field, and the value is kept, not refused.
    expect(thickness.getAttribute('aria-invalid')).toBe('true')
    expect(useDesignStore.getState().design.coatings[0]).toMatchObject({ kind: 'polymer', thicknessNm: 600 })
    fireEvent.change(thickness, { target: { value: '12' } })
    fireEvent.change(screen.getByLabelText('New coating kind'), { target: { value: 'membrane' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add coating' }))
    expect(screen.getByLabelText('Coating 2 membrane source')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Add coating' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText('At most 3 coatings.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Remove coating 1' }))
    expect(useDesignStore.getState().design.coatings.map((c) => c.kind)).toEqual(['membrane', 'peg'])
  })

  it('adds a second ligand type with its own count and slider', () => {
    render(<DesignForm />)
    fireEvent.change(screen.getByLabelText('Another ligand type'), { target: { value: 'rgd' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add ligand type' }))
    const count = screen.getByRole('spinbutton', { name: 'Ligand 2 per particle' })
    fireEvent.change(count, { target: { value: '900' } })
    expect(useDesignStore.getState().design.ligands).toEqual([
      { ligand: 'folate', perParticle: 250 }, { ligand: 'rgd', perParticle: 900 },
    ])
    expect(screen.getByLabelText('Ligand 2 per particle slider')).toBeTruthy()
  })

  it('highlights the section picked in the scene, and focusing a section selects it', () => {
    render(<DesignForm />)
    act(() => useViewStore.getState().select({ kind: 'coating', index: 0 }, 'scene'))
    const section = document.querySelector('[data-section="coating-0"]')
    expect(section?.classList.contains('is-selected')).toBe(true)
    expect(document.querySelector('[data-section="core"]')?.classList.contains('is-selected')).toBe(false)
    fireEvent.focus(screen.getByLabelText('Core diameter (nm)'))
    expect(useViewStore.getState().selection).toEqual({ kind: 'core' })
    expect(useViewStore.getState().selectionSource).toBe('panel')
    expect(document.querySelector('[data-section="core"]')?.classList.contains('is-selected')).toBe(true)
  })
})
