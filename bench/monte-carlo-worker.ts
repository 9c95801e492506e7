/**
 * Worker of the Monte Carlo benchmark: answers `{ id, design, samples, seed, hours, from, to }`
 * with the raw samples of that range (shared/engine/simulate.ts designUncertaintySamples).
 */
import { parentPort } from 'node:worker_threads'
import type { Design } from '../shared/design/types'
import { designUncertaintySamples } from '../shared/engine/simulate'

interface Request { id: number; design: Design; samples: number; seed: number; hours: number; from: number; to: number }

parentPort?.on('message', (r: Request) => {
  const samples = designUncertaintySamples(r.design, { samples: r.samples, seed: r.seed, hours: r.hours, from: r.from, to: r.to })
  parentPort?.postMessage({ id: r.id, samples })
})
