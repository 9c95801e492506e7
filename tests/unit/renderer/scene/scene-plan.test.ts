import { describe, expect, it } from 'vitest'
import { IcosahedronGeometry, InstancedMesh, Matrix4, MeshStandardMaterial, Vector3 } from 'three'
import { deriveProperties } from '../../../../shared/design/derived'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { sceneModelFromDesign } from '../../../../renderer/scene/scene-model'
import {
  capacityFor, fillLigandInstances, fillPayloadInstances, fillPegInstances, planDrawCalls, planScene,
} from '../../../../renderer/scene/scene-plan'
import { MAX_DRAWN_PEG_CHAINS } from '../../../../shared/geometry/peg-chains'

function withLigands(count: number, design: Design = newDesign()): Design {
  return { ...design, ligands: [{ ligand: 'folate', perParticle: count }] }
}

function modelOf(design: Design): ReturnType<typeof sceneModelFromDesign> {
  return sceneModelFromDesign(design, deriveProperties(design))
}

describe('scene plan: instancing keeps draw calls independent of counts', () => {
  it('draws 250 and 20,000 ligands with the same items, one instanced mesh holding all ligands', () => {
    const small = planScene(modelOf(withLigands(250)), { cutaway: false })
    const large = planScene(modelOf(withLigands(20_000)), { cutaway: false })
    expect(large.map((i) => i.key)).toEqual(small.map((i) => i.key))
    expect(planDrawCalls(large)).toBe(planDrawCalls(small))
    const ligands = large.filter((i) => i.role === 'ligands')
    expect(ligands).toHaveLength(1)
    expect(ligands[0]).toMatchObject({ kind: 'instanced', instances: 20_000 })
    expect(small.find((i) => i.role === 'ligands')?.instances).toBe(250)
  })

  it('fills a real InstancedMesh with 20,000 ligands on the outer surface, at the true count', () => {
    const model = modelOf(withLigands(20_000))
    const mesh = new InstancedMesh(new IcosahedronGeometry(1, 0), new MeshStandardMaterial(), capacityFor(20_000))
    const n = fillLigandInstances(mesh, model.ligands, model.outerRadiusNm, model.ligandSpacingNm)
    expect(n).toBe(20_000)
    expect(mesh.count).toBe(20_000)
    const m = new Matrix4()
    const p = new Vector3()
    for (const i of [0, 9_999, 19_999]) {
      mesh.getMatrixAt(i, m)
      p.setFromMatrixPosition(m)
      expect(p.length()).toBeCloseTo(model.outerRadiusNm, 3)
    }
    expect(mesh.instanceColor).not.toBeNull()
  })

  it('adds cutaway caps per layer (not per ligand) and draws PEG chains as one instanced item, capped', () => {
    const design: Design = { ...withLigands(250), core: { material: 'plga-50-50', diameterNm: 400 } }
    const model = modelOf(design)
    const cut = planScene(model, { cutaway: true })
    expect(cut.filter((i) => i.role === 'cap')).toHaveLength(1 + model.shells.length)
    const peg = cut.filter((i) => i.role === 'peg-chains')
    expect(peg).toHaveLength(1)
    expect(peg[0].instances).toBe(MAX_DRAWN_PEG_CHAINS)
    expect(model.peg?.chainCount).toBeGreaterThan(MAX_DRAWN_PEG_CHAINS)
    expect(peg[0].selection).toEqual({ kind: 'coating', index: 0 })
  })

  it('places PEG chains on the graft surface pointing outward, and payload dots inside the core', () => {
    const model = modelOf(withLigands(250))
    const peg = model.peg
    expect(peg?.regime).toBe('brush')
    if (!peg || !model.core) throw new Error('default design has PEG and a core')
    const chains = new InstancedMesh(new IcosahedronGeometry(1, 0), undefined, capacityFor(peg.drawnChainCount))
    expect(fillPegInstances(chains, peg.drawnChainCount, peg.graftRadiusNm, peg.heightNm)).toBe(peg.drawnChainCount)
    const m = new Matrix4()
    const pos = new Vector3()
    const tip = new Vector3()
    chains.getMatrixAt(7, m)
    pos.setFromMatrixPosition(m)
    expect(pos.length()).toBeCloseTo(peg.graftRadiusNm, 3)
    tip.set(0, 1, 0).applyMatrix4(m)
    expect(tip.length()).toBeCloseTo(peg.graftRadiusNm + peg.heightNm, 2)

    const dots = new InstancedMesh(new IcosahedronGeometry(1, 0), undefined, 1024)
    const n = fillPayloadInstances(dots, 500, model.core.radiusNm)
    expect(n).toBe(500)
    for (let i = 0; i < n; i++) {
      dots.getMatrixAt(i, m)
      expect(pos.setFromMatrixPosition(m).length()).toBeLessThan(model.core.radiusNm)
    }
  })

  it('maps picked items to panel selections, and a design without ligands or PEG has no instanced ligand or chain item', () => {
    const bare: Design = { ...newDesign(), coatings: [{ kind: 'membrane', source: 'red-blood-cell' }], ligands: [] }
    const plan = planScene(modelOf(bare), { cutaway: false })
    expect(plan.map((i) => i.role)).toEqual(['core', 'shell', 'payload'])
    expect(plan[0].selection).toEqual({ kind: 'core' })
    expect(plan[1].selection).toEqual({ kind: 'coating', index: 0 })
  })
})
