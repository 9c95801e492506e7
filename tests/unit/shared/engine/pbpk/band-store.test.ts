/**
 * The pool's summary (curves copied into one time-major store, bands computed for shares of
 * the curves, result assembled from those bands) gives exactly what summarizeMonteCarlo gives
 * on one thread, whatever the split of the samples or of the curves, cancelled runs included.
 */
import { describe, expect, it } from 'vitest'
import { summarizeMonteCarlo, type CurveBand, type MonteCarloSamples } from '../../../../../shared/engine/pbpk'
import {
  curveBandsOf, joinedSampleCount, MONTE_CARLO_CURVES, monteCarloStoreBytes, storePiece, summarizeWithCurveBands, type MonteCarloStore,
} from '../../../../../shared/engine/pbpk/monte-carlo'
import { mulberry32 } from '../../../../../shared/engine/pbpk/random'
import { BIODISTRIBUTION_KEYS } from '../../../../../shared/engine/pbpk/types'

const SCALARS = [...BIODISTRIBUTION_KEYS.map((k) => `auc.${k}`), 'bloodHalfLifeH',
  ...['targetAucPercentDoseH', 'selectivityIndex', 'targetToLiverSpleenAucRatio', 'targetPeakPercentDose',
    'drugReleasedInTargetPercentDose', 'drugReleasedInBloodPercentDose', 'drugReleasedOffTargetPercentDose'].map((m) => `sel.${m}`)]

/** Pieces [from, to) of a run of `total` samples at 4 output times, values with ties and zeros of both signs. */
function run(total: number, seed: number): (from: number, to: number, cancelledAt?: number) => MonteCarloSamples {
  const nT = 4
  const u = mulberry32(seed)
  const value = (): number => { const r = u(); return r < 0.1 ? (r < 0.05 ? -0 : 0) : r < 0.3 ? Math.round(u() * 3) : u() * 50 }
  const curves = Object.fromEntries(MONTE_CARLO_CURVES.map((c) => [c, Float64Array.from({ length: total * nT }, value)]))
  const scalars = Object.fromEntries(SCALARS.map((c) => [c, Float64Array.from({ length: total }, value)]))
  return (from, to, cancelledAt) => {
    const end = cancelledAt ?? to
    return {
      from, count: end - from, timesH: [0, 1, 2, 3], cancelled: cancelledAt !== undefined,
      curves: Object.fromEntries(Object.entries(curves).map(([k, v]) => [k, v.slice(from * nT, to * nT)])),
      scalars: Object.fromEntries(Object.entries(scalars).map(([k, v]) => [k, v.slice(from, to)])),
    }
  }
}

function pooled(pieces: MonteCarloSamples[], total: number, shares: number): ReturnType<typeof summarizeMonteCarlo> {
  const store: MonteCarloStore = { samples: total, timesH: pieces[0]!.timesH, buffer: new SharedArrayBuffer(monteCarloStoreBytes(total, pieces[0]!.timesH.length)) }
  for (const p of [...pieces].reverse()) storePiece(store, p) // in any order of arrival
  const done = joinedSampleCount(pieces, total)
  const bands: Record<string, CurveBand> = {}
  for (let w = 0; w < shares; w++) Object.assign(bands, curveBandsOf(store, MONTE_CARLO_CURVES.filter((_, c) => c % shares === w), done))
  return summarizeWithCurveBands(pieces, total, 9, bands)
}

describe('the pool summary from a shared store', () => {
  it('equals the one-thread summary for any split of samples and curves', () => {
    const total = 157
    const piece = run(total, 3)
    const pieces = [piece(0, 40), piece(40, 41), piece(41, 120), piece(120, total)]
    const serial = summarizeMonteCarlo(pieces, total, 9)
    // (toEqual tells −0 from 0, so a zero's sign must come through too)
    for (const shares of [1, 2, 3, 8]) expect(pooled(pieces, total, shares)).toEqual(serial)
  })

  it('counts a cancelled run up to its first cancelled piece, as the one-thread summary does', () => {
    const total = 90
    const piece = run(total, 4)
    const pieces = [piece(0, 30), piece(30, 60, 47), piece(60, 90)]
    const serial = summarizeMonteCarlo(pieces, total, 9)
    expect(serial.samples).toBe(47)
    expect(serial.cancelled).toBe(true)
    expect(pooled(pieces, total, 2)).toEqual(serial)
  })

  it('refuses a piece beyond the store', () => {
    const piece = run(20, 5)
    const store: MonteCarloStore = { samples: 10, timesH: [0, 1, 2, 3], buffer: new ArrayBuffer(monteCarloStoreBytes(10, 4)) }
    expect(() => storePiece(store, piece(5, 20))).toThrow(/beyond the store/)
  })
})
