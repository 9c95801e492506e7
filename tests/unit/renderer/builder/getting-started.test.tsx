// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { validateDesign } from '../../../../shared/design/schema'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { EXAMPLE_DESIGNS } from '../../../../renderer/features/welcome/examples'
import { GETTING_STARTED_KEY, GettingStarted } from '../../../../renderer/features/welcome/getting-started'
import { newDesign } from '../../../../shared/design/defaults'
import { useDesignStore } from '../../../../renderer/stores/design-store'

/** A Storage stand-in that keeps values in a Map. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { readonly values: Map<string, string> } {
  const values = new Map<string, string>()
  return { values, getItem: (k) => values.get(k) ?? null, setItem: (k, v) => void values.set(k, v) }
}

beforeEach(() => {
  useDesignStore.getState().replace(newDesign(), null, null)
})
afterEach(() => cleanup())

describe('example designs', () => {
  it('are valid designs the engine estimates, each different', () => {
    const names = new Set<string>()
    for (const e of EXAMPLE_DESIGNS) {
      const v = validateDesign(e.design())
      expect(v.valid, `${e.id}: ${v.valid ? '' : JSON.stringify(v.errors)}`).toBe(true)
      if (!v.valid) continue
      const sim = simulateDesign(v.design)
      expect(Number.isFinite(sim.selectivity.selectivityIndex)).toBe(true)
      names.add(v.design.name)
    }
    expect(names.size).toBe(EXAMPLE_DESIGNS.length)
  })

  it('the PEG-liposome example states the composition it is modelled on', () => {
    const lipo = EXAMPLE_DESIGNS.find((e) => e.id === 'peg-liposome-arthritis')!.design()
    // DPPC : cholesterol : PEG-DSPE = 1.85 : 1 : 0.15 → cholesterol 1 / 3 of all lipid = 33 %, 35 % of the bilayer lipids without PEG-DSPE (1 / 2.85).
    expect(lipo.core.bilayer?.cholesterolMolPct).toBeCloseTo(100 / 2.85, -0.5)
    expect(lipo.context.species).toBe('rat')
  })
})

describe('guided start', () => {
  it('is open on first launch, opens an example as a new unsaved design, and stays folded once put away', () => {
    const storage = memoryStorage()
    render(<GettingStarted storage={storage} />)
    const panel = screen.getByRole('region', { name: 'Getting started' })
    expect(within(panel).getAllByRole('listitem').length).toBeGreaterThanOrEqual(3 + EXAMPLE_DESIGNS.length)
    fireEvent.click(within(panel).getByRole('button', { name: /PEG-liposome/ }))
    const s = useDesignStore.getState()
    expect(s.design.core.material).toBe('liposome')
    expect(s.designId).toBeNull()
    expect(s.status).toEqual({ kind: 'opened', message: expect.stringMatching(/as a new, unsaved design$/) })

    fireEvent.click(screen.getByRole('button', { name: 'Put away' }))
    expect(storage.values.get(GETTING_STARTED_KEY)).toBe('1')
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull()
    expect(screen.getByText('Examples and getting started')).toBeTruthy()
    cleanup()
    render(<GettingStarted storage={storage} />)
    expect(screen.queryByRole('region', { name: 'Getting started' })).toBeNull()
  })
})
