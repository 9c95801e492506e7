import { beforeEach, describe, expect, it } from 'vitest'
import { catalog } from '../../../../shared/catalog'
import { newDesign } from '../../../../shared/design/defaults'
import { addPaletteItem } from '../../../../renderer/features/palette/palette'
import { paletteBlocker, paletteItems } from '../../../../renderer/features/palette/palette-items'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { fileStem, pngPixelSize } from '../../../../renderer/features/export/export-scene'

beforeEach(() => {
  useDesignStore.getState().replace(newDesign(), null, null)
})

describe('component palette', () => {
  it('offers every catalog core, coating, ligand and payload with sourced, evidence-tagged details', () => {
    const items = paletteItems()
    const count = (g: string): number => items.filter((i) => i.group === g).length
    expect(count('Cores')).toBe(catalog.cores.length)
    expect(count('Coatings')).toBe(1 + catalog.membranes.length + catalog.polymerCoatings.length + catalog.lipidCoatings.length)
    expect(count('Ligands')).toBe(catalog.ligands.length)
    expect(count('Payloads')).toBe(catalog.drugs.length)
    const folate = items.find((i) => i.key === 'ligand:folate')
    expect(folate?.details).toMatch(/Length: [\d.]+ nm \[[VCDU]\] — /)
  })

  it('adds by key through one undoable edit and says why an item is blocked', () => {
    expect(addPaletteItem('coating:membrane:red-blood-cell')).toBeNull()
    expect(addPaletteItem('ligand:rgd')).toBeNull()
    expect(addPaletteItem('core:gold')).toBeNull()
    const d = useDesignStore.getState().design
    expect(d.coatings.map((c) => c.kind)).toEqual(['membrane', 'peg'])
    expect(d.ligands.map((l) => l.ligand)).toEqual(['folate', 'rgd'])
    expect(d.core.material).toBe('gold')
    const name = (id: string): string => [...catalog.membranes, ...catalog.ligands, ...catalog.cores].find((e) => e.id === id)?.name ?? id
    expect(useDesignStore.getState().past.map((p) => p.label)).toEqual([
      `Add ${name('red-blood-cell')}`, `Add ligand: ${name('rgd')}`, `Core: ${name('gold')}`,
    ])
    expect(addPaletteItem('ligand:rgd')).toMatch(/Already on the particle/)
    expect(addPaletteItem('coating:peg')).toMatch(/PEG is already on/)
    expect(addPaletteItem('coating:lipid:lipid-bilayer')).toBeNull()
    const item = paletteItems().find((i) => i.key === 'coating:polymer:chitosan')
    if (!item) throw new Error('chitosan expected')
    expect(paletteBlocker(item, useDesignStore.getState().design)).toMatch(/At most 3 coatings/)
    expect(addPaletteItem('nope')).toBe('Unknown component')
  })
})

describe('export helpers', () => {
  it('sizes PNG exports at screen, 2x and 4K', () => {
    expect(pngPixelSize('screen', 800.4, 600)).toEqual({ width: 800, height: 600 })
    expect(pngPixelSize('2x', 800, 600)).toEqual({ width: 1600, height: 1200 })
    expect(pngPixelSize('4k', 800, 600)).toEqual({ width: 3840, height: 2160 })
    expect(fileStem('Folate–PEG / PLGA #2')).toBe('folate-peg-plga-2')
    expect(fileStem('***')).toBe('nanoforge-design')
  })
})
