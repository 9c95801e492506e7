// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, renderHook } from '@testing-library/react'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { SCENE_WAITS_FOR_ESTIMATE_MS, useSceneAfterEstimate } from '../../../../renderer/scene/scene-schedule'
import { useEstimateStore } from '../../../../renderer/stores/estimate-store'

const a = { design: newDesign() }
const b = { design: { ...newDesign(), core: { material: 'plga-50-50', diameterNm: 200 } } as Design }

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] })
  useEstimateStore.setState({ ...useEstimateStore.getInitialState(), simulatedDesign: a.design, status: 'ready' })
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('the 3D view is redrawn after the estimate of the new design', () => {
  it('keeps the old particle until the estimate of the new design arrives, then shows it a frame later', () => {
    const { result, rerender } = renderHook(({ latest }) => useSceneAfterEstimate(latest), { initialProps: { latest: a } })
    expect(result.current).toBe(a)
    rerender({ latest: b })
    act(() => vi.advanceTimersByTime(20))
    expect(result.current).toBe(a) // the engine has not answered for b yet
    act(() => useEstimateStore.setState({ simulatedDesign: b.design }))
    expect(result.current).toBe(a) // the estimate's own frame comes first
    act(() => vi.advanceTimersByTime(40)) // the next animation frame, then a task
    expect(result.current).toBe(b)
  })

  it('does not wait longer than the bound when the engine is slow', () => {
    const { result, rerender } = renderHook(({ latest }) => useSceneAfterEstimate(latest), { initialProps: { latest: a } })
    rerender({ latest: b })
    act(() => vi.advanceTimersByTime(SCENE_WAITS_FOR_ESTIMATE_MS - 5))
    expect(result.current).toBe(a)
    act(() => vi.advanceTimersByTime(60))
    expect(result.current).toBe(b)
  })

  it('does not wait at all when the estimate failed', () => {
    useEstimateStore.setState({ status: 'error' })
    const { result, rerender } = renderHook(({ latest }) => useSceneAfterEstimate(latest), { initialProps: { latest: a } })
    rerender({ latest: b })
    act(() => vi.advanceTimersByTime(40))
    expect(result.current).toBe(b)
  })
})
