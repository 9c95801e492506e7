// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { cleanup, renderHook } from '@testing-library/react'
import type { Design } from '../../../../shared/design/types'
import { newDesign } from '../../../../shared/design/defaults'
import { useLiveEstimate } from '../../../../renderer/engine/use-live-estimate'
import type { EngineClient } from '../../../../renderer/engine/engine-client'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { setEngineClient, useEstimateStore } from '../../../../renderer/stores/estimate-store'

/** An engine that records what it is asked and never answers (the request is what matters). */
function recordingEngine(): { readonly client: EngineClient; readonly asked: Array<{ design: Design; hours: number | undefined }> } {
  const asked: Array<{ design: Design; hours: number | undefined }> = []
  const client: EngineClient = {
    simulate: (design, hours) => {
      asked.push({ design, hours })
      return new Promise(() => undefined)
    },
    uncertainty: () => ({ promise: new Promise(() => undefined), cancel: () => undefined }),
    simulateBatch: () => ({ promise: new Promise(() => undefined), cancel: () => undefined }),
    dispose: () => undefined,
  }
  return { client, asked }
}

let engine: ReturnType<typeof recordingEngine>

beforeEach(() => {
  useDesignStore.getState().replace(newDesign(), null, null)
  useEstimateStore.setState({ ...useEstimateStore.getInitialState(), hours: 72 })
  engine = recordingEngine()
  setEngineClient(engine.client)
})
afterEach(() => {
  cleanup()
  setEngineClient(null)
})

describe('live estimate', () => {
  it('asks the engine inside the edit itself, before React renders anything', () => {
    renderHook(() => useLiveEstimate())
    expect(engine.asked).toHaveLength(1)
    useDesignStore.getState().setCoreDiameterNm(230)
    // No act(), no await: the request went out synchronously with the store update.
    expect(engine.asked).toHaveLength(2)
    expect(engine.asked[1].design.core.diameterNm).toBe(230)
  })

  it('does not ask again for an edit that leaves the design invalid, and asks again when the horizon changes', () => {
    renderHook(() => useLiveEstimate())
    useDesignStore.getState().setCoreDiameterNm(-5)
    expect(engine.asked).toHaveLength(1)
    useEstimateStore.getState().setHours(24)
    expect(engine.asked).toHaveLength(2)
    expect(engine.asked[1].hours).toBe(24)
  })

  it('stops asking once unmounted', () => {
    const hook = renderHook(() => useLiveEstimate())
    hook.unmount()
    useDesignStore.getState().setCoreDiameterNm(260)
    expect(engine.asked).toHaveLength(1)
  })
})
