import { parentPort } from 'node:worker_threads'
import type { Design } from '../../../shared/design/types'
import { evaluateOutcome } from '../../../shared/analysis/evaluate'
import { messageOf } from '../../../shared/ipc/result'

/**
 * One worker of the design pool (design-pool.ts): evaluates each design of a chunk with the
 * same pure function as the main thread and sends the outcomes back in order.
 */
parentPort?.on('message', (msg: { id: number; designs: Design[]; hours: number }) => {
  try {
    parentPort!.postMessage({ id: msg.id, outcomes: msg.designs.map((d) => evaluateOutcome(d, msg.hours)) })
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: messageOf(error) })
  }
})
