// @vitest-environment jsdom
/**
 * The font size hooks that canvas-drawn text (chart axes, 3D labels) reads, since a canvas does
 * not follow CSS: an element's computed size, followed as the window is resized.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { act, cleanup, render, screen } from '@testing-library/react'
import { useRef } from 'react'
import { fontPxOf, typeScale, useFontPx, useRootFontPx } from '../../../../renderer/lib/type-scale'

afterEach(() => {
  cleanup()
  document.documentElement.style.fontSize = ''
})

function SectionProbe({ px }: { readonly px: string }): React.JSX.Element {
  const ref = useRef<HTMLElement>(null)
  const fontPx = useFontPx(ref)
  return <section ref={ref} style={{ fontSize: px }}><output data-testid="px">{fontPx}</output></section>
}

function RootProbe(): React.JSX.Element {
  return <output data-testid="root">{useRootFontPx()}</output>
}

describe('useFontPx', () => {
  it('reads the referenced element, not the root, once it is mounted', () => {
    document.documentElement.style.fontSize = '14px'
    render(<SectionProbe px="27px" />)
    expect(screen.getByTestId('px').textContent).toBe('27')
  })

  it('follows a resize: the size read again after the stylesheet changed it', () => {
    const view = render(<SectionProbe px="18px" />)
    expect(screen.getByTestId('px').textContent).toBe('18')
    view.rerender(<SectionProbe px="30px" />)
    act(() => { window.dispatchEvent(new Event('resize')) })
    expect(screen.getByTestId('px').textContent).toBe('30')
  })

  it('without an element reads the root font size, and follows it', () => {
    document.documentElement.style.fontSize = '16px'
    render(<RootProbe />)
    expect(screen.getByTestId('root').textContent).toBe('16')
    document.documentElement.style.fontSize = '21px'
    act(() => { window.dispatchEvent(new Event('resize')) })
    expect(screen.getByTestId('root').textContent).toBe('21')
  })
})

describe('fontPxOf and typeScale', () => {
  it('falls back to the 14 px design size when the size cannot be read', () => {
    const el = document.createElement('div')
    el.style.fontSize = 'large'
    expect(fontPxOf(el)).toBe(14)
  })

  it('scales only above the 14 px design size', () => {
    expect(typeScale(28)).toBe(2)
    expect(typeScale(12)).toBe(1)
    expect(typeScale(Number.NaN)).toBe(1)
  })
})
