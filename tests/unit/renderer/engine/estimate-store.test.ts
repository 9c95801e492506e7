import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { createEngineClient } from '../../../../renderer/engine/engine-client'
import { estimateKey, selectCurrentBand, setEngineClient, useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { workerFactory, type InProcessWorker } from './in-process-worker'

/** The default design with another PEG grafting density (a different estimate). */
function withPegDensity(perNm2: number): Design {
  const d = newDesign()
  return { ...d, coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: perNm2 }] }
}

const INITIAL = useEstimateStore.getInitialState()
let factory: { readonly make: () => InProcessWorker; readonly workers: InProcessWorker[] }

beforeEach(() => {
  useEstimateStore.setState({ ...INITIAL, hours: 12 })
})

afterEach(() => {
  setEngineClient(null)
})

function install(mode: 'manual' | 'auto'): void {
  factory = workerFactory(mode)
  setEngineClient(createEngineClient(factory.make))
}

describe('estimate store with an in-process engine worker', () => {
  it('shows "running" until the answer of the latest design arrives, then that answer', async () => {
    install('auto')
    const a = withPegDensity(0.5)
    const b = withPegDensity(0.05)
    const pa = useEstimateStore.getState().evaluate(a)
    expect(useEstimateStore.getState().status).toBe('running')
    const pb = useEstimateStore.getState().evaluate(b)
    await Promise.all([pa, pb])
    const s = useEstimateStore.getState()
    expect(s.status).toBe('ready')
    expect(s.simulatedDesign).toBe(b)
    expect(s.simulationKey).toBe(estimateKey(b, 12))
  })

  it('keeps the band for its own design and clears it the moment the design changes', async () => {
    install('auto')
    const a = withPegDensity(0.5)
    await useEstimateStore.getState().evaluate(a)
    await useEstimateStore.getState().runUncertainty(null, 5)
    let s = useEstimateStore.getState()
    expect(s.uncertaintyStatus).toBe('done')
    expect(selectCurrentBand(s)?.samples).toBe(5)

    // Renaming changes nothing the engine sees: the band stays.
    await useEstimateStore.getState().evaluate({ ...a, name: 'Renamed' })
    expect(selectCurrentBand(useEstimateStore.getState())).not.toBeNull()

    // A physical change drops the band at once, before the new estimate arrives.
    const pending = useEstimateStore.getState().evaluate(withPegDensity(0.05))
    s = useEstimateStore.getState()
    expect(s.uncertainty).toBeNull()
    expect(selectCurrentBand(s)).toBeNull()
    await pending
    expect(selectCurrentBand(useEstimateStore.getState())).toBeNull()
  })

  it('cancels a Monte Carlo run of the old design when the design changes, and never shows its result', async () => {
    install('manual')
    const a = withPegDensity(0.5)
    const first = useEstimateStore.getState().evaluate(a)
    const fast = factory.workers[0]
    fast.answer(fast.received[0])
    await first
    const run = useEstimateStore.getState().runUncertainty(null, 8)
    const mcWorker = factory.workers[1]
    expect(useEstimateStore.getState().uncertaintyStatus).toBe('running')
    mcWorker.send({ id: mcWorker.received[0].id, kind: 'progress', done: 2, total: 8 })
    expect(useEstimateStore.getState().uncertaintyProgress).toEqual({ done: 2, total: 8 })

    const second = useEstimateStore.getState().evaluate(withPegDensity(0.05))
    expect(mcWorker.terminated).toBe(true)
    // Whatever the terminated worker would still have said is dropped.
    mcWorker.answer(mcWorker.received[0])
    await run
    const s = useEstimateStore.getState()
    expect(s.uncertainty).toBeNull()
    expect(s.uncertaintyProgress).toBeNull()
    expect(s.uncertaintyStatus).toBe('idle')
    fast.answer(fast.received[1])
    await second
  })

  it('cancel stops the run, and a new run replaces an old one', async () => {
    install('manual')
    const a = newDesign()
    void useEstimateStore.getState().evaluate(a)
    const first = useEstimateStore.getState().runUncertainty(null, 40)
    const w1 = factory.workers[1]
    useEstimateStore.getState().cancelUncertainty()
    await first
    expect(w1.terminated).toBe(true)
    expect(useEstimateStore.getState().uncertaintyStatus).toBe('cancelled')
    expect(useEstimateStore.getState().uncertaintyProgress).toBeNull()

    const second = useEstimateStore.getState().runUncertainty(null, 40)
    const w2 = factory.workers[2]
    const third = useEstimateStore.getState().runUncertainty(null, 4)
    const w3 = factory.workers[3]
    expect(w2.terminated).toBe(true)
    expect(useEstimateStore.getState().uncertaintyProgress).toEqual({ done: 0, total: 4 })
    w3.answer(w3.received[0])
    await Promise.all([second, third])
    expect(useEstimateStore.getState().uncertainty?.samples).toBe(4)
  })
})
