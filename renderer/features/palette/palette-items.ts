import { catalog, type Cited } from '../../../shared/catalog'
import { formatQuantity } from '../../../shared/design/format'
import { unitText } from '../../lib/display-names'
import { DESIGN_LIMITS } from '../../../shared/design/schema'
import type { Design } from '../../../shared/design/types'
import { defaultCoating, edits, pegIndex, type DesignEdit } from '../../stores/design-store'

/** Palette groups, in display order. */
export type PaletteGroup = 'Cores' | 'Coatings' | 'Ligands' | 'Payloads'

/** One component the palette offers. */
export interface PaletteItem {
  /** Unique key, also the drag payload ("core:plga-50-50"). */
  readonly key: string
  readonly group: PaletteGroup
  readonly name: string
  /** Key property in a few words, shown under the name. */
  readonly summary: string
  /** Tooltip: key properties with units, evidence tags and sources. */
  readonly details: string
  readonly colour?: string
  /** The edit that adds this component to the design. */
  readonly edit: DesignEdit
}

/** "8 nm [U] (source)". */
function cited(label: string, c: Cited | undefined): string {
  if (!c) return ''
  return `${label}: ${formatQuantity(c.value)} ${unitText(c.unit)} [${c.evidence}] — ${c.source}`
}

/** A class id as words ("lipid-vesicle" → "lipid vesicle"): no code words on screen. */
function words(id: string): string {
  return id.replace(/-/g, ' ')
}

function lines(...xs: ReadonlyArray<string>): string {
  return xs.filter(Boolean).join('\n')
}

/**
 * Every catalog component as a palette item with its key properties and sources.
 *
 * Why: the palette is the catalog made touchable; tooltips carry each value's evidence tag
 * ([V] verified, [C] code, [D] derived, [U] unverified) so the scientist sees how much to
 * trust a number before using it (product vision, "Honest science").
 */
export function paletteItems(): ReadonlyArray<PaletteItem> {
  const items: PaletteItem[] = []
  for (const c of catalog.cores) {
    items.push({
      key: `core:${c.id}`, group: 'Cores', name: c.name, colour: c.colour,
      summary: `${words(c.class)}, ${c.densityGPerCm3.value} ${unitText(c.densityGPerCm3.unit)}`,
      details: lines(c.description, cited('Density', c.densityGPerCm3), cited('Typical ζ', c.typicalZetaMv),
        cited('Max loading', c.typicalMaxLoadingPctWw), `Diameters: ${c.diameterRangeNm.min.value}-${c.diameterRangeNm.max.value} nm [${c.diameterRangeNm.min.evidence}]`),
      edit: { ...edits.coreMaterial(c.id), label: `Core: ${c.name}` },
    })
  }
  const peg = catalog.peg
  items.push({
    key: 'coating:peg', group: 'Coatings', name: peg.name, colour: peg.colour,
    summary: 'PEG corona, 2 kDa brush',
    details: lines(peg.description, cited('Packing limit', peg.packingLimitPerNm2), cited('Flory constant', peg.floryConstantNm), cited('Typical ζ', peg.typicalZetaMv)),
    edit: edits.addCoating(defaultCoating('peg')),
  })
  for (const m of catalog.membranes) {
    items.push({
      key: `coating:membrane:${m.id}`, group: 'Coatings', name: m.name, colour: m.colour,
      summary: `membrane, ${m.thicknessNm.value} nm`,
      details: lines(m.description, cited('Thickness', m.thicknessNm), cited('ζ', m.zetaMv), cited('Phagocyte uptake ×', m.phagocyteUptakeMultiplier)),
      edit: { ...edits.addCoating({ kind: 'membrane', source: m.id }), label: `Add ${m.name}` },
    })
  }
  for (const p of catalog.polymerCoatings) {
    items.push({
      key: `coating:polymer:${p.id}`, group: 'Coatings', name: p.name, colour: p.colour,
      summary: `polymer, ${p.charge}, ${p.defaultThicknessNm.value} nm`,
      details: lines(p.description, cited('Default thickness', p.defaultThicknessNm), cited('ζ', p.zetaMv), cited('Density', p.densityGPerCm3)),
      edit: { ...edits.addCoating({ kind: 'polymer', material: p.id, thicknessNm: p.defaultThicknessNm.value }), label: `Add ${p.name}` },
    })
  }
  for (const l of catalog.lipidCoatings) {
    items.push({
      key: `coating:lipid:${l.id}`, group: 'Coatings', name: l.name, colour: l.colour,
      summary: `lipid, ${l.thicknessNm.value} nm`,
      details: lines(l.description, cited('Thickness', l.thicknessNm), cited('ζ', l.zetaMv)),
      edit: { ...edits.addCoating({ kind: 'lipid', material: l.id }), label: `Add ${l.name}` },
    })
  }
  for (const l of catalog.ligands) {
    items.push({
      key: `ligand:${l.id}`, group: 'Ligands', name: l.name, colour: l.colour,
      summary: `→ ${l.receptor}, ${l.lengthNm.value} nm`,
      details: lines(l.description, `Receptor: ${l.receptor}`, cited('Length', l.lengthNm), cited('Footprint', l.footprintNm2),
        cited('Monovalent Kd', l.monovalentKdNm), `Off-target: ${l.offTarget}`),
      edit: { ...edits.addLigand(l.id), label: `Add ligand: ${l.name}` },
    })
  }
  for (const d of catalog.drugs) {
    items.push({
      key: `payload:${d.id}`, group: 'Payloads', name: d.name,
      summary: `${words(d.class)}${d.isAntigen ? ', antigen' : ''}, ${Math.round(d.molecularWeightDa.value)} Da`,
      details: lines(d.description, cited('Molecular weight', d.molecularWeightDa), cited('logP', d.logP)),
      edit: { ...edits.drug(d.id), label: `Payload: ${d.name}` },
    })
  }
  return items
}

/**
 * Why an item cannot be added to this design right now, or null when it can.
 *
 * Why: a disabled button must say why (three coatings is the limit; PEG or a ligand type
 * can be present only once), instead of silently doing nothing.
 */
export function paletteBlocker(item: PaletteItem, design: Design): string | null {
  if (item.group === 'Coatings') {
    if (design.coatings.length >= DESIGN_LIMITS.maxCoatings) return `At most ${DESIGN_LIMITS.maxCoatings} coatings`
    if (item.key === 'coating:peg' && pegIndex(design) >= 0) return 'PEG is already on'
  }
  if (item.group === 'Ligands' && design.ligands.some((l) => `ligand:${l.ligand}` === item.key)) return 'Already on the particle'
  if (item.group === 'Cores' && `core:${design.core.material}` === item.key) return 'Current core'
  if (item.group === 'Payloads' && `payload:${design.payload.drug}` === item.key) return 'Current payload'
  return null
}
