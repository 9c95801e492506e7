import { describe, expect, it } from 'vitest'
import { deriveProperties } from '../../../../shared/design/derived'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { fitLabelColumn, labelLayers } from '../../../../renderer/scene/layer-label-placement'
import { buildSceneModel, sceneModelFromDesign } from '../../../../renderer/scene/scene-model'

const name = (id: string): string => `<${id}>`

function twoShells(): Design {
  const d = newDesign()
  return { ...d, coatings: [{ kind: 'membrane', source: 'red-blood-cell' }, ...d.coatings] }
}

describe('layer labels', () => {
  it('labels the core and every shell, each pointing into its own layer', () => {
    const model = sceneModelFromDesign(twoShells(), deriveProperties(twoShells()))
    const layers = labelLayers(model, name)
    expect(layers.map((l) => l.key)).toEqual(['core', 'shell-0', 'shell-1'])
    expect(layers[0].text).toMatch(/^Core: <.+>, Ø \d/)
    expect(layers[1].text).toMatch(/^<red-blood-cell>: [\d.]+ nm shell$/)
    const R = model.outerRadiusNm
    const column = fitLabelColumn(layers, layers.map(() => 8), { outerRadiusNm: R, halfWidthNm: 6 * R, halfHeightNm: 3 * R, nmPerPx: R / 100 }, 15)
    const core = model.core
    if (!core) throw new Error('no core')
    expect(Math.hypot(...column.anchors[0])).toBeLessThan(core.radiusNm)
    model.shells.forEach((s, i) => {
      const r = Math.hypot(...column.anchors[i + 1])
      expect(r).toBeGreaterThan(s.innerRadiusNm)
      expect(r).toBeLessThan(s.outerRadiusNm)
    })
  })

  it('stacks the labels outside the particle without overlap', () => {
    const model = sceneModelFromDesign(twoShells(), deriveProperties(twoShells()))
    const layers = labelLayers(model, name)
    const R = model.outerRadiusNm
    // A wide view (12 R across): the column sits right of the particle, labels one height apart or more.
    const column = fitLabelColumn(layers, layers.map(() => 8), { outerRadiusNm: R, halfWidthNm: 6 * R, halfHeightNm: 3 * R, nmPerPx: R / 100 }, 15)
    expect(column.x).toBeGreaterThan(R)
    for (let i = 1; i < column.ys.length; i++) expect(column.ys[i]! - column.ys[i - 1]!).toBeGreaterThan(column.heightNm)
  })

  it('draws no labels for an empty model', () => {
    expect(labelLayers(buildSceneModel([], 0, []), name)).toEqual([])
  })
})
