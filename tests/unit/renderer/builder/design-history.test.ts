import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  DRAFT_KEY, clearDraft, edits, readDraft, restoreDraft, setDiscardGuard, startAutosave, useDesignStore,
} from '../../../../renderer/stores/design-store'
import { newDesign } from '../../../../shared/design/defaults'

const store = (): ReturnType<typeof useDesignStore.getState> => useDesignStore.getState()

beforeEach(() => {
  setDiscardGuard(null)
  store().replace(newDesign(), null, null)
})

describe('undo/redo over applyEdit', () => {
  it('undoes and redoes each named edit, restoring the exact designs and naming the action', () => {
    const start = store().design
    store().setCoreMaterial('gold')
    store().setDrug('methotrexate')
    expect(store().past.map((p) => p.label)).toEqual(['Core material', 'Drug'])

    store().undo()
    expect(store().design.payload.drug).toBe(start.payload.drug)
    expect(store().design.core.material).toBe('gold')
    expect(store().future.map((f) => f.label)).toEqual(['Drug'])
    store().undo()
    expect(store().design).toBe(start)
    expect(store().past).toHaveLength(0)

    store().redo()
    store().redo()
    expect(store().design.core.material).toBe('gold')
    expect(store().design.payload.drug).toBe('methotrexate')
    expect(store().future).toHaveLength(0)
  })

  it('merges a slider drag (same merge key, one gesture) into one undo step', () => {
    const before = store().design.core.diameterNm
    for (const v of [130, 150, 170, 190, 210]) store().setCoreDiameterNm(v)
    expect(store().past).toHaveLength(1)
    expect(store().past[0].label).toBe('Core diameter')
    store().undo()
    expect(store().design.core.diameterNm).toBe(before)
  })

  it('starts a new step after the gesture ends (sealHistory) or after another field', () => {
    store().setCoreDiameterNm(150)
    store().sealHistory()
    store().setCoreDiameterNm(160)
    store().setLoadingPctWw(8)
    store().setCoreDiameterNm(170)
    expect(store().past.map((p) => p.label)).toEqual(['Core diameter', 'Core diameter', 'Drug loading', 'Core diameter'])
  })

  it('drops the redo stack on a new edit, ignores no-op edits, and keeps derived properties in step', () => {
    store().setCoreDiameterNm(300)
    const hd300 = store().derived?.hydrodynamicDiameterNm
    store().undo()
    expect(store().derived?.hydrodynamicDiameterNm).not.toBe(hd300)
    store().redo()
    expect(store().derived?.hydrodynamicDiameterNm).toBe(hd300)
    store().undo()
    store().setDrug('methotrexate')
    expect(store().future).toHaveLength(0)
    const depth = store().past.length
    store().setDrug('methotrexate') // same value: no new step
    expect(store().past).toHaveLength(depth)
  })

  it('undoes coating and ligand list edits, and a load/new clears the history', () => {
    store().applyEdit(edits.addCoating({ kind: 'membrane', source: 'red-blood-cell' }))
    // PEG stays outermost: the membrane goes beneath it.
    expect(store().design.coatings.map((c) => c.kind)).toEqual(['membrane', 'peg'])
    store().applyEdit(edits.addLigand('rgd'))
    expect(store().design.ligands.map((l) => l.ligand)).toEqual(['folate', 'rgd'])
    store().applyEdit(edits.addCoating({ kind: 'lipid', material: 'lipid-bilayer' }))
    store().applyEdit(edits.addCoating({ kind: 'polymer', material: 'chitosan', thicknessNm: 5 }))
    expect(store().design.coatings).toHaveLength(3) // the fourth was refused
    store().undo()
    store().undo()
    store().undo()
    expect(store().design.coatings.map((c) => c.kind)).toEqual(['peg'])
    store().replace(newDesign(), null, null)
    expect(store().past).toHaveLength(0)
    expect(store().future).toHaveLength(0)
  })
})

describe('discard guard', () => {
  it('asks before New discards unsaved changes and keeps them when declined', async () => {
    const guard = vi.fn(async () => false)
    setDiscardGuard(guard)
    store().setCoreDiameterNm(333)
    store().newDesign()
    await vi.waitFor(() => expect(guard).toHaveBeenCalledWith('new'))
    await Promise.resolve()
    expect(store().design.core.diameterNm).toBe(333)
    guard.mockImplementation(async () => true)
    store().newDesign()
    await vi.waitFor(() => expect(store().design.core.diameterNm).toBe(newDesign().core.diameterNm))
  })

  it('does not ask when nothing is unsaved', () => {
    const guard = vi.fn(async () => false)
    setDiscardGuard(guard)
    store().newDesign()
    expect(guard).not.toHaveBeenCalled()
  })
})

describe('autosave of the working draft', () => {
  let data: Map<string, string>
  const storage = {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
  let stop: (() => void) | null = null
  beforeEach(() => {
    data = new Map()
    vi.stubGlobal('window', { addEventListener: () => undefined, removeEventListener: () => undefined })
  })
  afterEach(() => {
    stop?.()
    stop = null
    vi.unstubAllGlobals()
  })

  it('writes the dirty design, reads it back, and restores it as an unsaved design', async () => {
    stop = startAutosave(storage, 0)
    store().setName('Draft that must survive')
    await vi.waitFor(() => expect(data.has(DRAFT_KEY)).toBe(true))
    const draft = readDraft(storage)
    expect(draft?.design.name).toBe('Draft that must survive')

    store().replace(newDesign(), null, null)
    await vi.waitFor(() => expect(data.has(DRAFT_KEY)).toBe(false)) // a clean design needs no draft
    if (!draft) throw new Error('draft expected')
    restoreDraft(draft)
    expect(store().design.name).toBe('Draft that must survive')
    expect(store().dirty).toBe(true)
  })

  it('treats damaged storage as no draft', () => {
    data.set(DRAFT_KEY, '{not json')
    expect(readDraft(storage)).toBeNull()
    data.set(DRAFT_KEY, JSON.stringify({ design: 3 }))
    expect(readDraft(storage)).toBeNull()
    clearDraft(storage)
    expect(data.has(DRAFT_KEY)).toBe(false)
  })
})
