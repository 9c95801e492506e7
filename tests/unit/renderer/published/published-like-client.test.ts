/**
 * The published-experiments client (renderer/features/published/published-like-client.ts): rows
 * chosen on the UI thread, the engine run in the pool's protocol by the real worker handler
 * (in-process stand-in), latest design wins, refusals and broken workers become a message, and
 * the validation table comes back as the CLI's.
 */
import { describe, expect, it, vi } from 'vitest'
import type { Design } from '../../../../shared/design/types'
import { inVivoRows, IN_VIVO_ROW_FILES } from '../../../../shared/engine/validation/in-vivo-rows'
import { publishedExperimentsLike } from '../../../../shared/engine/validation/published-like'
import { designOfRow } from '../../../../shared/engine/validation/published-rows'
import { validationTable } from '../../../../shared/engine/validation/validation-table'
import { createPublishedLikeClient, loadPublishedRows, loadValidationTable, type PublishedLikeAnswer } from '../../../../renderer/features/published/published-like-client'
import type { WorkerLike } from '../../../../renderer/engine/engine-client'
import { workerFactory } from '../engine/in-process-worker'

const rows = [...inVivoRows('calibration'), ...inVivoRows('validation')]
const designOf = (id: string): Design => designOfRow(Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows).find((r) => r.id === id)!)
const lobatto = designOf('lobatto2015-lnplp-rat-8mgkg-thalf')
const arnida = designOf('arnida2011-peg5kau50nm-liver-pergram-24h')

describe('published-experiments client', () => {
  it('loads every representable row once, by file, with the papers\' disagreements', async () => {
    const loaded = await loadPublishedRows()
    expect(loaded.files.map(([f]) => f)).toEqual(Object.keys(IN_VIVO_ROW_FILES))
    expect(loaded.files.flatMap(([, r]) => r).length).toBe(rows.length)
    expect(loaded.all.length).toBe(rows.length)
    expect(await loadPublishedRows()).toBe(loaded)
    // Li 2018's 61 nm PEG-gold spleen against Arnida 2011's (39.8 against 2.96 %ID/g)
    const li = rows.find((r) => r.id === 'li2018-pegau61p2nm-mouse-spleen-pergram-24h')!
    expect(loaded.disagreement(li)?.other.id).toBe('arnida2011-peg5kau50nm-spleen-pergram-24h')
    expect(loaded.disagreement(rows.find((r) => r.id === 'onivyde-human-70mgm2-thalf')!)).toBeUndefined()
  })

  it('answers the latest design only, with the lookup the CLI makes: a burst costs at most one extra lookup', async () => {
    const answers: PublishedLikeAnswer[] = []
    const pool = workerFactory('auto')
    const client = createPublishedLikeClient((a) => answers.push(a), pool.make)
    client.ask(arnida)
    client.ask({ ...arnida, name: 'second' })
    client.ask(lobatto)
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 10_000 })
    await new Promise((r) => setTimeout(r, 50))
    expect(answers).toHaveLength(1)
    // the first and the last design reached the worker; the second was replaced while waiting
    const sent = pool.workers.flatMap((w) => w.received).filter((r) => r.kind === 'published-rows')
    expect(sent.map((r) => (r.kind === 'published-rows' ? r.design?.name : ''))).toEqual([arnida.name, lobatto.name])
    expect(answers[0]).toEqual({ ok: true, experiments: publishedExperimentsLike(lobatto, rows) })
    client.dispose()
    expect(pool.workers.every((w) => w.terminated)).toBe(true)
  })

  it('answers a design like nothing published without a worker', async () => {
    const answers: PublishedLikeAnswer[] = []
    const pool = workerFactory('auto')
    const client = createPublishedLikeClient((a) => answers.push(a), pool.make)
    // no published PEG-gold in people
    client.ask({ ...arnida, context: { ...arnida.context, species: 'human' } })
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 10_000 })
    expect(answers[0]).toEqual({ ok: true, experiments: [] })
    expect(pool.workers).toHaveLength(0)
    client.dispose()
  })

  it('passes an engine error and a broken worker on as messages, then starts a fresh worker', async () => {
    const answers: PublishedLikeAnswer[] = []
    let made = 0
    const good = workerFactory('auto')
    const client = createPublishedLikeClient((a) => answers.push(a), () => {
      made++
      if (made === 1) {
        const broken: WorkerLike = { onmessage: null, onerror: null, postMessage() { setTimeout(() => broken.onerror?.({ message: 'out of memory' } as ErrorEvent), 0) }, terminate() {} }
        return broken
      }
      if (made === 2) {
        const refusing: WorkerLike = { onmessage: null, postMessage(r) { setTimeout(() => refusing.onmessage?.({ data: { id: r.id, kind: 'error', message: 'engine refused' } } as MessageEvent), 0) }, terminate() {} }
        return refusing
      }
      return good.make()
    })
    client.ask(arnida)
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 10_000 })
    expect(answers[0]).toEqual({ ok: false, message: 'The engine worker failed: out of memory' })
    client.ask(arnida)
    await vi.waitFor(() => expect(answers).toHaveLength(2), { timeout: 10_000 })
    expect(answers[1]).toEqual({ ok: false, message: 'engine refused' })
    client.dispose()
  })

  it('loads every published row beside the engine in one pool task, as nanoforge validation prints it', async () => {
    const pool = workerFactory('auto')
    const table = await loadValidationTable(pool.make).promise
    expect(table).toEqual(validationTable())
    expect(pool.workers).toHaveLength(1)
    expect(pool.workers[0]!.terminated).toBe(true)
  })
})
