import { describe, expect, it } from 'vitest'
import { rovingTarget } from '../../../../renderer/features/palette/palette'

describe('roving focus in the palette', () => {
  it('moves by one with ←/→ and by a row with ↑/↓ in a 4-column grid of 13 cards', () => {
    expect(rovingTarget('ArrowRight', 0, 13, 4)).toBe(1)
    expect(rovingTarget('ArrowLeft', 5, 13, 4)).toBe(4)
    expect(rovingTarget('ArrowDown', 1, 13, 4)).toBe(5)
    expect(rovingTarget('ArrowUp', 9, 13, 4)).toBe(5)
    // No row below the last card of a column: stays (null = nothing to do).
    expect(rovingTarget('ArrowDown', 10, 13, 4)).toBeNull()
    expect(rovingTarget('Home', 7, 13, 4)).toBe(0)
    expect(rovingTarget('End', 2, 13, 4)).toBe(12)
    expect(rovingTarget('Enter', 2, 13, 4)).toBeNull()
  })

  it('skips disabled cards (the current core) and wraps at the ends with ←/→', () => {
    const usable = (i: number): boolean => i !== 0 && i !== 3
    expect(rovingTarget('ArrowRight', 2, 6, 3, usable)).toBe(4)
    expect(rovingTarget('ArrowRight', 5, 6, 3, usable)).toBe(1)
    expect(rovingTarget('ArrowLeft', 1, 6, 3, usable)).toBe(5)
    expect(rovingTarget('Home', 4, 6, 3, usable)).toBe(1)
    expect(rovingTarget('ArrowDown', 0, 6, 3, usable)).toBeNull()
    expect(rovingTarget('ArrowRight', 1, 2, 1, (i) => i === 1)).toBeNull()
  })
})
