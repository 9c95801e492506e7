/**
 * A design's release hazard answers the PBPK solver's three-environment call (allEnvironments:
 * one erosion clock for the three rates, the last age's rates kept) with exactly what the
 * plain per-environment function gives: the rates to the bit, the slopes as the forward
 * difference pbpk/system.ts takes of a plain hazard, and so the same biodistribution to the
 * bit whichever path the solver takes. Checked on designs whose release takes different
 * branches: erosion-coupled diffusion (PLGA), pH-triggered liposome permeation, and no drug.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../../shared/design/defaults'
import { deriveProperties } from '../../../../../shared/design/derived'
import { validateDesign } from '../../../../../shared/design/schema'
import type { Design } from '../../../../../shared/design/types'
import { biodistributionInputFromDesign, simulateBiodistribution } from '../../../../../shared/engine/pbpk'
import { releaseHazard } from '../../../../../shared/engine/release'

function valid(raw: unknown, what: string): Design {
  const v = validateDesign(raw)
  if (!v.valid) throw new Error(`${what} is not a valid design: ${JSON.stringify(v)}`)
  return v.design
}

const base = newDesign()
const DESIGNS: ReadonlyArray<readonly [string, Design]> = [
  ['default PLGA (erosion-coupled diffusion)', valid(base, 'default design')],
  ['RA folate PEG-liposome (pH-triggered permeation)', valid(JSON.parse(readFileSync(join(__dirname, '../../../../../resources/examples/ra-folate-peg-liposome.nanoforge.json'), 'utf8')), 'liposome example')],
  ['PLGA at 300 nm in an inflamed joint', valid({ ...base, core: { ...base.core, diameterNm: 300 } }, '300 nm design')],
]
const ENVIRONMENTS = ['plasma', 'inflamed', 'endolysosome'] as const
const AGES_H = [0, 1e-5, 1 / 3600, 0.01, 0.25, 1, 1, 3.7, 24, 24, 71.9, 500]

describe('release hazard: the three-environment call equals the plain one', () => {
  for (const [name, design] of DESIGNS) {
    it(`${name}: rates to the bit, slopes as the forward difference`, () => {
      const fast = releaseHazard(design)
      const plain = releaseHazard(design)
      const rates = new Float64Array(3)
      const slopes = new Float64Array(3)
      for (const t of AGES_H) {
        // the rates alone, then with slopes at the same age (the solver's order: right-hand side, then ∂f/∂t)
        fast.allEnvironments(t, rates)
        ENVIRONMENTS.forEach((env, e) => expect(Object.is(rates[e], plain(env, t))).toBe(true))
        fast.allEnvironments(t, rates, slopes)
        const dt = 1e-6 * Math.max(1, Math.abs(t))
        ENVIRONMENTS.forEach((env, e) => {
          expect(Object.is(rates[e], plain(env, t))).toBe(true)
          expect(Object.is(slopes[e], (plain(env, t + dt) - plain(env, t)) / dt)).toBe(true)
        })
        // the single-environment calls in between do not disturb the kept rates
        expect(fast('inflamed', t + 5)).toBe(plain('inflamed', t + 5))
      }
    })

    it(`${name}: the biodistribution is the same to the bit through either path`, () => {
      const hazard = releaseHazard(design)
      const input = biodistributionInputFromDesign(design, deriveProperties(design), hazard)
      // a plain function of the same hazard: the solver takes its per-environment path
      const plainInput = { ...input, releaseHazard: (env: (typeof ENVIRONMENTS)[number], t: number) => hazard(env, t) }
      const a = simulateBiodistribution(input, { hours: 72 })
      const b = simulateBiodistribution(plainInput, { hours: 72 })
      expect(a.solver).toEqual(b.solver)
      expect(a.bloodHalfLifeH).toBe(b.bloodHalfLifeH)
      expect(a.encapsulatedDrug).toEqual(b.encapsulatedDrug)
      expect(a.percentDose).toEqual(b.percentDose)
      expect(a.selectivity).toEqual(b.selectivity)
    })
  }
})
