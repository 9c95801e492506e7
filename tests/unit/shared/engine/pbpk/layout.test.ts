import { describe, expect, it } from 'vitest'
import { PBPK_DATA, simulateBiodistribution } from '../../../../../shared/engine/pbpk'
import { createStateLayout } from '../../../../../shared/engine/pbpk/system'
import { PEG_LIPOSOME } from './fixtures'

describe('state layout accessors', () => {
  for (const coupled of [false, true]) {
    it(`every state has exactly one name (${coupled ? 'with' : 'without'} the drug block)`, () => {
      const nC = 13
      const L = createStateLayout(nC, coupled)
      const names: number[] = []
      for (let j = 0; j < nC; j++) names.push(L.capillary(j), L.tissue(j), L.phagocytes(j), L.degradedIn(j))
      names.push(L.arterial, L.venous, L.urine, L.feces)
      expect(L.transportStates).toBe(3 * nC + 2)
      if (coupled) {
        for (let i = 0; i < L.transportStates; i++) names.push(L.drugIn(i))
        names.push(L.drugExcreted, L.releasedBlood, L.releasedTarget, L.releasedOther)
      } else {
        expect(L.drugIn(0)).toBe(-1)
        expect(L.releasedBlood).toBe(-1)
      }
      expect([...names].sort((a, b) => a - b)).toEqual(Array.from({ length: L.size }, (_, i) => i))
      expect(L.particleStates).toBe(4 * nC + 4)
      // the transport states come first, so the drug block can mirror them by index
      for (let j = 0; j < nC; j++) for (const i of [L.capillary(j), L.tissue(j), L.phagocytes(j)]) expect(i).toBeLessThan(L.transportStates)
      expect(L.venous).toBe(L.transportStates - 1)
    })
  }

  it('the structural blood assumption shows the arterial share of the physiology table', () => {
    const r = simulateBiodistribution(PEG_LIPOSOME, { timesH: [1] })
    const arterialPercent = 100 * PBPK_DATA.species.mouse.arterialFractionOfBlood.value
    expect(r.assumptions.find((a) => a.id === 'structure.bloodConvention')!.description).toContain(`split ${arterialPercent}/${100 - arterialPercent} arterial/venous`)
  })
})
