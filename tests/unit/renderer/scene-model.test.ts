import { describe, expect, it } from 'vitest'
import {
  MAX_DRAWN_LIGANDS, buildSceneModel, describeScene, interleaveLigandTypes, type LayerInput,
} from '../../../renderer/scene/scene-model'
import { deriveProperties } from '../../../shared/design/derived'
import { newDesign } from '../../../shared/design/defaults'

const layers: LayerInput[] = [
  { kind: 'core', material: 'plga-50-50', innerRadiusNm: 0, outerRadiusNm: 60 },
  { kind: 'membrane', material: 'red-blood-cell', innerRadiusNm: 60, outerRadiusNm: 68 },
  { kind: 'peg', material: 'peg', innerRadiusNm: 68, outerRadiusNm: 74 },
]

describe('scene model', () => {
  it('takes core, shells and ligands from the derived layers of a real design', () => {
    const design = newDesign()
    const d = deriveProperties(design)
    const m = buildSceneModel(d.layers, d.outerRadiusNm, design.ligands)
    expect(m.core).toEqual({ material: 'plga-50-50', radiusNm: 60 })
    expect(m.shells.map((s) => s.kind)).toEqual(['peg'])
    expect(m.outerRadiusNm).toBeCloseTo(d.outerRadiusNm, 10)
    expect(m.ligandCount).toBe(250)
    expect(m.drawnLigandCount).toBe(250)
    expect(m.ligandSpacingNm).toBeCloseTo(d.ligandSpacingNm ?? Number.NaN, 6)
    expect(describeScene(m)).toBe('1 core, 1 shell, 250 ligands')
  })

  it('describes what is drawn in words, with plurals', () => {
    expect(describeScene(buildSceneModel(layers, 74, [{ ligand: 'rgd', perParticle: 1 }]))).toBe('1 core, 2 shells, 1 ligand')
    expect(describeScene(buildSceneModel(layers.slice(0, 1), 60, []))).toBe('1 core, 0 shells, 0 ligands')
    expect(describeScene(buildSceneModel([], 0, []))).toBe('0 cores, 0 shells, 0 ligands')
  })

  it('caps the drawn ligands and says so, keeping the true count', () => {
    const m = buildSceneModel(layers, 74, [{ ligand: 'folate', perParticle: 300_000 }, { ligand: 'rgd', perParticle: 100_000 }])
    expect(m.ligandCount).toBe(400_000)
    expect(m.drawnLigandCount).toBeLessThanOrEqual(MAX_DRAWN_LIGANDS)
    expect(m.ligands.map((l) => l.perParticle)).toEqual([150_000, 50_000])
    expect(describeScene(m)).toBe('1 core, 2 shells, 400,000 ligands (200,000 ligands drawn)')
  })

  it('drops non-finite and empty entries instead of drawing them', () => {
    const m = buildSceneModel(
      [...layers, { kind: 'polymer', material: 'chitosan', innerRadiusNm: 74, outerRadiusNm: Number.NaN }],
      Number.NaN,
      [{ ligand: 'folate', perParticle: Number.NaN }, { ligand: 'rgd', perParticle: 0 }],
    )
    expect(m.shells).toHaveLength(2)
    expect(m.ligandCount).toBe(0)
    expect(m.outerRadiusNm).toBe(74)
  })

  it('interleaves ligand types evenly with their exact counts', () => {
    const types = interleaveLigandTypes([{ ligand: 'a', perParticle: 300 }, { ligand: 'b', perParticle: 100 }])
    expect(types.length).toBe(400)
    expect(types.filter((t) => t === 1).length).toBe(100)
    // Evenly mixed: every block of 40 consecutive lattice points holds about 10 of type b.
    for (let start = 0; start < 400; start += 40) {
      const b = types.slice(start, start + 40).filter((t) => t === 1).length
      expect(b).toBeGreaterThanOrEqual(9)
      expect(b).toBeLessThanOrEqual(11)
    }
  })
})
