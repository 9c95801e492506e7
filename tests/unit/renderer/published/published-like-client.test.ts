/**
 * The published-experiments client (renderer/features/published/published-like-client.ts):
 * latest design wins, an error answer and a broken worker become a message, and dispose ends the
 * worker. The stand-in worker answers with the real lookup (published-like.ts), one task at a time.
 */
import { describe, expect, it, vi } from 'vitest'
import type { Design } from '../../../../shared/design/types'
import { inVivoRows, IN_VIVO_ROW_FILES } from '../../../../shared/engine/validation/in-vivo-rows'
import { publishedExperimentsLike } from '../../../../shared/engine/validation/published-like'
import { designOfRow } from '../../../../shared/engine/validation/published-rows'
import { createPublishedLikeClient, loadValidationTable, type PublishedLikeAnswer, type PublishedLikeWorker } from '../../../../renderer/features/published/published-like-client'
import { validationTable } from '../../../../shared/engine/validation/validation-table'
import type { PublishedLikeRequest, PublishedLikeResponse } from '../../../../renderer/features/published/published-like-protocol'

const rows = [...inVivoRows('calibration'), ...inVivoRows('validation')]
const designOf = (id: string): Design => designOfRow(Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows).find((r) => r.id === id)!)
const lobatto = designOf('lobatto2015-lnplp-rat-8mgkg-thalf')
const arnida = designOf('arnida2011-peg5kau50nm-liver-pergram-24h')

/** A worker that answers each request on a later turn, with the real lookup, and counts what it was asked. */
function standIn(fail?: (r: PublishedLikeRequest) => string | null): { make: () => PublishedLikeWorker; asked: Design[]; terminated: () => boolean } {
  const asked: Design[] = []
  let terminated = false
  const make = (): PublishedLikeWorker => {
    const w: PublishedLikeWorker = {
      onmessage: null,
      postMessage(r) {
        if (r.kind !== 'all') asked.push(r.design)
        setTimeout(() => {
          if (terminated) return
          const problem = fail?.(r) ?? null
          const m: PublishedLikeResponse = problem !== null
            ? { id: r.id, ok: false, message: problem }
            : r.kind === 'all'
              ? { id: r.id, ok: true, rows: validationTable(), elapsedMs: 1 }
              : { id: r.id, ok: true, experiments: publishedExperimentsLike(r.design, rows), elapsedMs: 1 }
          w.onmessage?.({ data: m } as MessageEvent<PublishedLikeResponse>)
        }, 0)
      },
      terminate() { terminated = true },
    }
    return w
  }
  return { make, asked, terminated: () => terminated }
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 50))

describe('published-experiments client', () => {
  it('answers the latest design only: a burst costs at most one extra lookup', async () => {
    const answers: PublishedLikeAnswer[] = []
    const w = standIn()
    const client = createPublishedLikeClient((a) => answers.push(a), w.make)
    client.ask(arnida)
    client.ask({ ...arnida, name: 'second' })
    client.ask(lobatto)
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 10_000 })
    await settle()
    // the first went out at once, the second was replaced while waiting, the last was sent after
    expect(w.asked.map((d) => d.name)).toEqual([arnida.name, lobatto.name])
    expect(answers).toHaveLength(1)
    expect(answers[0]!.ok).toBe(true)
    if (answers[0]!.ok) expect(answers[0]!.experiments[0]!.id.startsWith('lobatto2015')).toBe(true)
    client.dispose()
    expect(w.terminated()).toBe(true)
    client.ask(arnida)
    await settle()
    expect(answers).toHaveLength(1)
  })

  it('passes the worker\'s refusal on as a message', async () => {
    const answers: PublishedLikeAnswer[] = []
    const client = createPublishedLikeClient((a) => answers.push(a), standIn(() => 'design does not validate').make)
    client.ask(arnida)
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 10_000 })
    expect(answers).toEqual([{ ok: false, message: 'design does not validate' }])
    client.dispose()
  })

  it('reports a broken worker and starts a fresh one for the next design', async () => {
    const answers: PublishedLikeAnswer[] = []
    let made = 0
    const good = standIn()
    const client = createPublishedLikeClient((a) => answers.push(a), () => {
      made++
      if (made > 1) return good.make()
      const broken: PublishedLikeWorker = { onmessage: null, onerror: null, postMessage() { setTimeout(() => broken.onerror?.({ message: 'out of memory' } as ErrorEvent), 0) }, terminate() {} }
      return broken
    })
    client.ask(arnida)
    await vi.waitFor(() => expect(answers).toHaveLength(1), { timeout: 10_000 })
    expect(answers).toEqual([{ ok: false, message: 'The published-experiments worker failed: out of memory' }])
    client.ask(arnida)
    await vi.waitFor(() => expect(answers).toHaveLength(2), { timeout: 10_000 })
    expect(made).toBe(2)
    expect(answers[1]!.ok).toBe(true)
    client.dispose()
  })

  it('loads every published row from a worker of its own, ended after; a refusal is an error', async () => {
    const w = standIn()
    const table = await loadValidationTable(w.make).promise
    expect(table).toEqual(validationTable())
    expect(w.terminated()).toBe(true)
    await expect(loadValidationTable(standIn(() => 'out of rows').make).promise).rejects.toThrow('out of rows')
  })
})
