import { describe, expect, it } from 'vitest'
import { deriveProperties } from '../../../../shared/design/derived'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { LABEL_HEIGHT, layerLabelPlacements } from '../../../../renderer/scene/layer-label-placement'
import { buildSceneModel, sceneModelFromDesign } from '../../../../renderer/scene/scene-model'

const name = (id: string): string => `<${id}>`

function twoShells(): Design {
  const d = newDesign()
  return { ...d, coatings: [{ kind: 'membrane', source: 'red-blood-cell' }, ...d.coatings] }
}

describe('layer labels', () => {
  it('labels the core and every shell, each pointing into its own layer', () => {
    const model = sceneModelFromDesign(twoShells(), deriveProperties(twoShells()))
    const labels = layerLabelPlacements(model, name)
    expect(labels.map((l) => l.key)).toEqual(['core', 'shell-0', 'shell-1'])
    expect(labels[0].text).toMatch(/^Core: <.+>, Ø \d/)
    expect(labels[1].text).toMatch(/^<red-blood-cell>: [\d.]+ nm shell$/)
    const core = model.core
    if (!core) throw new Error('no core')
    expect(Math.hypot(...labels[0].anchor)).toBeLessThan(core.radiusNm)
    model.shells.forEach((s, i) => {
      const r = Math.hypot(...labels[i + 1].anchor)
      expect(r).toBeGreaterThan(s.innerRadiusNm)
      expect(r).toBeLessThan(s.outerRadiusNm)
    })
  })

  it('stacks the labels outside the particle without overlap', () => {
    const model = sceneModelFromDesign(twoShells(), deriveProperties(twoShells()))
    const labels = layerLabelPlacements(model, name)
    for (const l of labels) expect(l.at[0]).toBeGreaterThan(model.outerRadiusNm)
    for (let i = 1; i < labels.length; i++) {
      expect(labels[i].at[1] - labels[i - 1].at[1]).toBeGreaterThan(model.outerRadiusNm * LABEL_HEIGHT)
    }
  })

  it('draws no labels for an empty model', () => {
    expect(layerLabelPlacements(buildSceneModel([], 0, []), name)).toEqual([])
  })
})
