// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { DesignForm } from '../../../renderer/features/design-form/design-form'
import { useDesignStore } from '../../../renderer/stores/design-store'
import { useLibraryStore } from '../../../renderer/stores/library-store'
import { useAppInfoStore } from '../../../renderer/stores/app-info-store'
import { createFakeNanoApi, type FakeNanoApi } from './support/fake-nano-api'

let api: FakeNanoApi

beforeEach(() => {
  api = createFakeNanoApi()
  window.nanoApi = api
  useDesignStore.getState().newDesign()
  useLibraryStore.setState({ items: [], total: 0, query: '', loading: false, error: null, loaded: false })
})

afterEach(() => {
  cleanup()
  delete window.nanoApi
  useAppInfoStore.setState({ info: null, error: null })
})

/** The value cell of one derived-properties row, found by its term. */
function derivedValue(term: string): HTMLElement {
  const panel = screen.getByRole('region', { name: 'Derived properties' })
  return within(panel).getByLabelText(term)
}

/** The count input (the derived panel has a row of the same name). */
function ligandCount(): HTMLElement {
  return screen.getByRole('spinbutton', { name: 'Ligands per particle' })
}

/** The error text attached to a control through aria-describedby. */
function describedText(el: HTMLElement): string {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ')
}

describe('DesignForm', () => {
  it('updates the hydrodynamic diameter live when the core diameter changes', () => {
    render(<DesignForm />)
    const before = derivedValue('Hydrodynamic diameter').textContent
    expect(before).toMatch(/nm$/)
    fireEvent.change(screen.getByLabelText('Core diameter (nm)'), { target: { value: '200' } })
    const after = derivedValue('Hydrodynamic diameter').textContent
    expect(after).not.toBe(before)
    // 200 nm core + 2 × (PEG layer + folate length) — larger than the 200 nm core itself.
    expect(Number.parseFloat((after ?? '').replace(/,/g, ''))).toBeGreaterThan(200)
    expect(useDesignStore.getState().design.core.diameterNm).toBe(200)
    expect(useDesignStore.getState().dirty).toBe(true)
  })

  it('moves the diameter with the log slider too', () => {
    render(<DesignForm />)
    const slider = screen.getByLabelText('Core diameter slider (nm)')
    fireEvent.change(slider, { target: { value: '1000' } })
    expect((screen.getByLabelText('Core diameter (nm)') as HTMLInputElement).value).toBe('5000')
    fireEvent.change(slider, { target: { value: '0' } })
    expect((screen.getByLabelText('Core diameter (nm)') as HTMLInputElement).value).toBe('1')
  })

  it('shows an invalid value’s message at the field and withholds derived numbers', () => {
    render(<DesignForm />)
    const diameter = screen.getByLabelText('Core diameter (nm)')
    fireEvent.change(diameter, { target: { value: '-5' } })
    expect(diameter.getAttribute('aria-invalid')).toBe('true')
    expect(describedText(diameter)).toMatch(/between 1 and 5000 nm, got -5/)
    expect(screen.getByText(/Fix the problems marked in the form/)).toBeTruthy()
    // Other fields carry no error.
    expect(screen.getByLabelText('Drug loading (% w/w)').getAttribute('aria-invalid')).toBeNull()

    fireEvent.change(screen.getByLabelText('PEG grafting density (chains/nm²)'), { target: { value: '50' } })
    expect(describedText(screen.getByLabelText('PEG grafting density (chains/nm²)'))).not.toBe('')

    fireEvent.change(diameter, { target: { value: '' } })
    expect(describedText(diameter)).toMatch(/must be a number/)
  })

  it('toggles PEG and the ligand type, and the derived panel follows', () => {
    render(<DesignForm />)
    expect(derivedValue('PEG regime').textContent).toMatch(/brush|mushroom/)
    fireEvent.click(screen.getByLabelText('PEG coating'))
    expect(screen.queryByLabelText('PEG molecular weight (Da)')).toBeNull()
    expect(derivedValue('PEG regime').textContent).toBe('no PEG')
    fireEvent.click(screen.getByLabelText('PEG coating'))
    expect((screen.getByLabelText('PEG molecular weight (Da)') as HTMLInputElement).value).toBe('2000')

    fireEvent.change(screen.getByLabelText('Ligand type'), { target: { value: 'none' } })
    expect((ligandCount() as HTMLInputElement).disabled).toBe(true)
    expect(derivedValue('Ligands per particle').textContent).toBe('0')
    fireEvent.change(screen.getByLabelText('Ligand type'), { target: { value: 'rgd' } })
    fireEvent.change(ligandCount(), { target: { value: '1200' } })
    expect(derivedValue('Ligands per particle').textContent).toBe('1,200')
    expect(useDesignStore.getState().design.ligands).toEqual([{ ligand: 'rgd', perParticle: 1200 }])
  })

  it('gives every control an accessible name, with units on the numbers', () => {
    const { container } = render(<DesignForm />)
    for (const label of [
      'Design name', 'Core material', 'Core diameter (nm)', 'Core diameter slider (nm)', 'PEG coating',
      'PEG molecular weight (Da)', 'PEG grafting density (chains/nm²)', 'Ligand type',
      'Drug', 'Drug loading (% w/w)', 'Release trigger', 'Disease', 'Species', 'Goal', 'Dose (mg/kg)', 'Dose basis',
    ]) {
      expect(screen.getByLabelText(label)).toBeTruthy()
    }
    expect(ligandCount()).toBeTruthy()
    const controls = [...container.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')]
    expect(controls.length).toBeGreaterThan(10)
    for (const c of controls) {
      expect((c.labels?.length ?? 0) > 0 || Boolean(c.getAttribute('aria-label'))).toBe(true)
    }
  })

  it('saves a new design, then saves the next version of it, and refreshes the library', async () => {
    render(<DesignForm />)
    fireEvent.change(screen.getByLabelText('Design name'), { target: { value: 'Form test design' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved version 1')
    expect(useDesignStore.getState().dirty).toBe(false)
    await waitFor(() => expect(useLibraryStore.getState().items.map((i) => i.name)).toEqual(['Form test design']))

    fireEvent.change(screen.getByLabelText('Core diameter (nm)'), { target: { value: '90' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved version 2')
    expect(api.stored.size).toBe(1)
    const versions = [...api.stored.values()][0]!.versions
    expect(versions.map((v) => v.design.core.diameterNm)).toEqual([120, 90])

    fireEvent.click(screen.getByRole('button', { name: 'New design' }))
    expect(useDesignStore.getState().designId).toBeNull()
    expect((screen.getByLabelText('Core diameter (nm)') as HTMLInputElement).value).toBe('120')
  })

  it('in a read-only library, Save and Save as new design are disabled up front with the host\'s reason, and enabled again when it is writable', async () => {
    const reason = 'written by a newer NanoForge (library schema version 99)'
    useAppInfoStore.setState({ info: { appVersion: 'test', engineVersion: 'test', databasePath: '/x/library.db', readOnly: true, readOnlyReason: reason, host: 'web' } })
    useDesignStore.setState({ designId: 'd1', version: 1 })
    render(<DesignForm />)
    fireEvent.change(screen.getByLabelText('Core diameter (nm)'), { target: { value: '150' } })
    expect(useDesignStore.getState().dirty).toBe(true)
    const save = screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement
    const saveAsNew = screen.getByRole('button', { name: 'Save as new design' }) as HTMLButtonElement
    for (const b of [save, saveAsNew]) {
      expect(b.disabled).toBe(true)
      expect(describedText(b)).toBe(`The library is read-only: ${reason}. Nothing can be changed in it here.`)
    }
    // the same form in a writable library: an edited design can be saved, and no reason is shown
    useAppInfoStore.setState({ info: { appVersion: 'test', engineVersion: 'test', databasePath: '/x/library.db', readOnly: false, host: 'web' } })
    await waitFor(() => expect((screen.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(false))
    expect(screen.getByRole('button', { name: 'Save' }).getAttribute('aria-describedby')).toBeNull()
    expect(screen.queryByTestId('form-read-only')).toBeNull()
  })

  it('refuses to save an invalid design and shows host-reported problems at their fields', async () => {
    render(<DesignForm />)
    fireEvent.change(screen.getByLabelText('Design name'), { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText(/Not saved: fix the 1 problem/)
    expect(api.calls).not.toContain('saveDesign')
    fireEvent.change(screen.getByLabelText('Design name'), { target: { value: 'ok' } })

    api.failNextSave = { code: 'invalid-design', message: 'rejected by the host', issues: [{ path: 'payload.loadingPctWw', message: 'host says the loading is too high' }] }
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Not saved: rejected by the host')
    expect(describedText(screen.getByLabelText('Drug loading (% w/w)'))).toBe('host says the loading is too high')
  })
})

describe('DesignForm: liposome bilayer (design format version 2) and field definitions', () => {
  it('shows a Bilayer group for a liposome core only, starting at HSPC with 38 mol % cholesterol, and edits it', () => {
    render(<DesignForm />)
    expect(screen.queryByRole('group', { name: 'Bilayer' })).toBeNull()
    fireEvent.change(screen.getByLabelText('Core material'), { target: { value: 'liposome' } })
    const group = screen.getByRole('group', { name: 'Bilayer' })
    const lipid = within(group).getByLabelText('Bilayer lipid') as HTMLSelectElement
    expect(lipid.value).toBe('hspc')
    // Display names with the transition temperature, never the bare id.
    expect(within(lipid).getByRole('option', { name: /^DSPC .*Tm 55 °C$/ })).toBeTruthy()
    const chol = within(group).getByRole('spinbutton', { name: 'Cholesterol (mol %)' }) as HTMLInputElement
    expect(chol.value).toBe('38')
    expect(derivedValue('Bilayer at 37 °C').textContent).toMatch(/liquid-ordered/)
    fireEvent.change(chol, { target: { value: '0' } })
    fireEvent.change(lipid, { target: { value: 'dopc' } })
    expect(useDesignStore.getState().design.core.bilayer).toEqual({ lipid: 'dopc', cholesterolMolPct: 0 })
    expect(derivedValue('Bilayer at 37 °C').textContent).toMatch(/^fluid/)
    // The engine's ordered share sits beside the phase: DOPC with 45 mol % cholesterol reads
    // liquid-ordered (the phase rule) yet ~0 for clearance (unsaturated chains, bilayer.ts)
    expect(derivedValue('Ordered share (clearance)').textContent).toBe('0.00')
    fireEvent.change(chol, { target: { value: '45' } })
    expect(derivedValue('Bilayer at 37 °C').textContent).toMatch(/liquid-ordered/)
    expect(derivedValue('Ordered share (clearance)').textContent).toBe('0.00')
    fireEvent.change(lipid, { target: { value: 'dspc' } })
    expect(Number(derivedValue('Ordered share (clearance)').textContent)).toBeGreaterThan(0.98)
    fireEvent.change(chol, { target: { value: '70' } })
    expect(describedText(chol)).toMatch(/must be between 0 and 60 mol %, got 70/)
    fireEvent.change(screen.getByLabelText('Core material'), { target: { value: 'gold' } })
    expect(screen.queryByRole('group', { name: 'Bilayer' })).toBeNull()
    expect(useDesignStore.getState().design.core.bilayer).toBeUndefined()
  })

  it('labels its number fields with the field definitions\' label and unit', async () => {
    const { DESIGN_FIELDS, labelWithUnit } = await import('../../../shared/design/fields')
    render(<DesignForm />)
    fireEvent.change(screen.getByLabelText('Core material'), { target: { value: 'liposome' } })
    const shown = ['core.diameterNm', 'core.bilayer.cholesterolMolPct', 'coatings[].molecularWeightDa', 'coatings[].graftingDensityPerNm2',
      'ligands[].perParticle', 'payload.loadingPctWw', 'context.dose.mgPerKg']
    for (const key of shown) {
      const def = DESIGN_FIELDS.find((f) => f.key === key)!
      const input = screen.getByRole('spinbutton', { name: labelWithUnit(def) }) as HTMLInputElement
      expect(input.max === '' ? undefined : Number(input.max), key).toBe(key === 'ligands[].perParticle' ? undefined : def.max)
    }
  })
})

describe('DesignForm: list fields and the form\'s own controls are labelled from shared/design/fields.ts', () => {
  it('names a coating\'s and a second ligand\'s controls as the history diff names them, and the PEG and add controls from CONTROL_LABELS', async () => {
    const { CONTROL_LABELS, pathLabel, pathLabelWithUnit, optionLabel } = await import('../../../shared/design/fields')
    render(<DesignForm />)
    expect(screen.getByRole('checkbox', { name: CONTROL_LABELS.pegCoating })).toBeTruthy()
    fireEvent.change(screen.getByLabelText(CONTROL_LABELS.newCoatingKind), { target: { value: 'polymer' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add coating' }))
    const design = useDesignStore.getState().design
    const i = design.coatings.findIndex((c) => c.kind === 'polymer')
    expect(i).toBeGreaterThanOrEqual(0)
    // The polymer's controls: "Coating 1 material", "Coating 1 thickness (nm)" and its slider.
    expect(screen.getByRole('combobox', { name: pathLabelWithUnit(`coatings[${i}].material`) })).toBeTruthy()
    expect(screen.getByRole('spinbutton', { name: 'Coating 1 thickness (nm)' })).toBeTruthy()
    expect(screen.getByLabelText('Coating 1 thickness slider (nm)')).toBeTruthy()
    // The section says the kind by its display name, never the id.
    expect(screen.getByRole('group', { name: `${pathLabel(`coatings[${i}]`)}: ${optionLabel('coatings[].kind', 'polymer')}` })).toBeTruthy()
    expect(screen.queryByRole('group', { name: /: polymer$/ })).toBeNull()

    fireEvent.change(screen.getByLabelText(CONTROL_LABELS.anotherLigandType), { target: { value: 'rgd' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add ligand type' }))
    expect((screen.getByRole('combobox', { name: 'Ligand 2 type' }) as HTMLSelectElement).value).toBe('rgd')
    expect(screen.getByRole('spinbutton', { name: pathLabelWithUnit('ligands[1].perParticle') })).toBeTruthy()
    // Its undo step is named like the field.
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Ligand 2 per particle' }), { target: { value: '40' } })
    expect(useDesignStore.getState().past.at(-1)?.label).toBe('Ligand 2 per particle')
  })
})
