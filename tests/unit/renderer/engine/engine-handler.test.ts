import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { predictRelease } from '../../../../shared/engine/release'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { handleEngineRequest } from '../../../../renderer/engine/engine-handler'
import type { EngineResponse } from '../../../../renderer/engine/protocol'
import { releaseAtHorizon } from '../../../../renderer/engine/release-horizon'
import { createEngineClient, STALE } from '../../../../renderer/engine/engine-client'
import { workerFactory } from './in-process-worker'

/** A matrix that releases over weeks: a 2 µm PCL particle (t80 far beyond 72 h). */
function slowDesign(): Design {
  const d = newDesign()
  return { ...d, core: { material: 'pcl', diameterNm: 2000 } }
}

function answers(request: Parameters<typeof handleEngineRequest>[0]): EngineResponse[] {
  const out: EngineResponse[] = []
  handleEngineRequest(request, (m) => out.push(m))
  return out
}

describe('engine worker: release at the chart horizon', () => {
  it('auto picks a longer horizon for a slow matrix, and the curves are the release model\'s own at that horizon', () => {
    const design = slowDesign()
    const engine72 = predictRelease(design, { hours: 72 })
    expect(engine72.environments.plasma.t80H).toBeNull()
    const view = releaseAtHorizon(design, engine72, 'auto')
    expect(view.error).toBeNull()
    expect(view.hours).toBeGreaterThan(72)
    const direct = predictRelease(design, { hours: view.hours })
    expect(view.release.environments.plasma.fractionReleased).toEqual(direct.environments.plasma.fractionReleased)
    expect(view.release.environments.plasma.timesH.at(-1)).toBe(view.hours)
  })

  it('a fixed horizon equal to the engine\'s reuses its prediction; another is predicted', () => {
    const design = newDesign()
    const engine72 = predictRelease(design, { hours: 72 })
    expect(releaseAtHorizon(design, engine72, 72).release).toBe(engine72)
    const week = releaseAtHorizon(design, engine72, 168)
    expect(week.hours).toBe(168)
    expect(week.release.environments.plasma.timesH.at(-1)).toBe(168)
  })

  it('sends the release view with the simulation, for the horizon asked', () => {
    const [answer] = answers({ id: 3, kind: 'simulate', design: slowDesign(), hours: 72, releaseHorizon: 336 })
    if (answer?.kind !== 'simulation') throw new Error(`expected a simulation, got ${answer?.kind}`)
    expect(answer.id).toBe(3)
    expect(answer.result.release.environments.plasma.timesH.at(-1)).toBe(72)
    expect(answer.releaseView.hours).toBe(336)
  })
})

describe('engine worker: several designs in one call', () => {
  it('answers one batch message with one estimate per design, in order, equal to simulating each alone', () => {
    const a = newDesign()
    const b = { ...newDesign(), core: { ...a.core, diameterNm: 200 } }
    const out = answers({ id: 9, kind: 'simulate-batch', designs: [a, b], hours: 48 })
    expect(out).toHaveLength(1)
    const batch = out[0]
    if (batch?.kind !== 'batch') throw new Error('expected a batch answer')
    expect(batch.items.map((i) => i.ok)).toEqual([true, true])
    const selectivity = batch.items.map((i) => (i.ok ? i.result.selectivity.selectivityIndex : NaN))
    expect(selectivity[0]).toBeCloseTo(simulateDesign(a, { hours: 48 }).selectivity.selectivityIndex, 12)
    expect(selectivity[1]).toBeCloseTo(simulateDesign(b, { hours: 48 }).selectivity.selectivityIndex, 12)
    expect(selectivity[0]).not.toBeCloseTo(selectivity[1]!, 3)
  })

  it('one design that cannot be estimated does not cost the others theirs', () => {
    const broken = { ...newDesign(), core: { material: 'no-such-core', diameterNm: 100 } } as unknown as Design
    const out = answers({ id: 1, kind: 'simulate-batch', designs: [newDesign(), broken], hours: 24 })
    const batch = out[0]
    if (batch?.kind !== 'batch') throw new Error('expected a batch answer')
    expect(batch.items[0]!.ok).toBe(true)
    expect(batch.items[1]!.ok).toBe(false)
    if (!batch.items[1]!.ok) expect(batch.items[1]!.message.length).toBeGreaterThan(0)
  })

  it('the client sends the whole batch as one message to a worker of its own, and a cancel terminates it', async () => {
    const factory = workerFactory('auto')
    const client = createEngineClient(factory.make)
    const run = client.simulateBatch([newDesign(), newDesign()], 24)
    const items = await run.promise
    expect(items).not.toBe(STALE)
    expect(factory.workers).toHaveLength(1)
    expect(factory.workers[0]!.received.map((r) => r.kind)).toEqual(['simulate-batch'])
    expect(factory.workers[0]!.terminated).toBe(true)

    const manual = workerFactory('manual')
    const client2 = createEngineClient(manual.make)
    const pending = client2.simulateBatch([newDesign()], 24)
    pending.cancel()
    expect(await pending.promise).toBe(STALE)
    expect(manual.workers[0]!.terminated).toBe(true)
    client.dispose()
    client2.dispose()
  })
})
