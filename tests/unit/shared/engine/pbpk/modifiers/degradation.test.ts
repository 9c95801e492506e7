import { describe, expect, it } from 'vitest'
import { PBPK_DATA, resolveParameters, type PbpkCoreClass } from '../../../../../../shared/engine/pbpk'
import { degradationModifier } from '../../../../../../shared/engine/pbpk/modifiers/degradation'
import { BARE, ctxFor, expectCited } from './helpers'

const CLASSES = Object.keys(PBPK_DATA.modifiers.degradation) as PbpkCoreClass[]
const run = (core: typeof BARE.core) => {
  const input = { ...BARE, core }
  return degradationModifier(input, ctxFor(input))
}

describe('degradation modifier (brief §2.4.6)', () => {
  for (const coreClass of CLASSES) {
    it(`${coreClass}: degradable → the class rate from the catalog, cited; non-degradable → 0`, () => {
      const r = run({ coreClass, imaging: false, degradable: true })
      expect(r.scalars).toEqual({ degradationPerH: PBPK_DATA.modifiers.degradation[coreClass]!.value })
      expect(r.assumptions.map((a) => a.id)).toEqual([`modifier.degradation.${coreClass}`])
      expectCited(r)
      const inert = run({ coreClass, imaging: false, degradable: false })
      expect(inert.scalars).toEqual({ degradationPerH: 0 })
      expect(inert.assumptions).toEqual([])
    })
  }

  it('an input rate overrides the class default and is not reported as a catalog assumption', () => {
    const r = run({ coreClass: 'polymer-matrix', imaging: false, degradable: true, degradationPerH: 0.123 })
    expect(r.scalars.degradationPerH).toBe(0.123)
    expect(r.assumptions).toEqual([])
  })

  it('composed: every compartment degrades at the one rate', () => {
    const p = resolveParameters({ ...BARE, core: { coreClass: 'polymer-matrix', imaging: false, degradable: true, degradationPerH: 0.05 } }).params
    expect(new Set(p.compartments.map((c) => c.degradationPerH))).toEqual(new Set([0.05]))
  })
})
