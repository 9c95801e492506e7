// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { newDesign } from '../../../../shared/design/defaults'
import { Palette } from '../../../../renderer/features/palette/palette'
import { STATUS_MESSAGE_MS } from '../../../../renderer/lib/use-expiring-message'
import { useDesignStore } from '../../../../renderer/stores/design-store'

beforeEach(() => {
  vi.useFakeTimers()
  useDesignStore.getState().replace(newDesign(), null, null)
})

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('palette status line', () => {
  it('says what was added, then clears itself after the status lifetime (issue 12: messages expire)', () => {
    render(<Palette />)
    fireEvent.click(screen.getByRole('tab', { name: 'Ligands' }))
    const rgd = screen.getAllByRole('button').find((b) => /^Add Cyclic RGD/.test(b.getAttribute('aria-label') ?? ''))
    if (!rgd) throw new Error('RGD ligand button expected in the palette')
    fireEvent.click(rgd)
    const status = document.querySelector('.palette-status')
    expect(status?.textContent).toMatch(/^Added Cyclic RGD/)
    act(() => vi.advanceTimersByTime(STATUS_MESSAGE_MS - 100))
    expect(status?.textContent).toMatch(/^Added/)
    act(() => vi.advanceTimersByTime(200))
    expect(status?.textContent).toBe('')
  })
})
