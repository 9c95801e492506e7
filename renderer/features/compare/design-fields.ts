import type { Coating, Design } from '../../../shared/design/types'
import { catalogName } from '../../scene/scene-palette'

/** One parameter of a design as the history diff and the comparison show it. */
export interface DesignField {
  /** JSON path in the design document (`core.diameterNm`, `coatings[0].molecularWeightDa`). */
  readonly path: string
  /** What a scientist calls it, without the unit ("Core diameter"). */
  readonly label: string
  /** Unit of the value ("nm", "Da", "% w/w"), or '' for names and categories. */
  readonly unit: string
  /** The value as shown (catalog names instead of ids, numbers as entered). */
  readonly text: string
}

const TRIGGER_NAMES: Readonly<Record<string, string>> = { none: 'none', ph: 'pH', ros: 'ROS', mmp: 'MMP' }
const COATING_NAMES: Readonly<Record<Coating['kind'], string>> = { peg: 'PEG', membrane: 'cell membrane', polymer: 'polymer shell', lipid: 'lipid shell' }

/** A number as entered: no trailing zeros, no rounding beyond 6 significant digits. */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return String(Number(value.toPrecision(6)))
}

function coatingFields(c: Coating, i: number): DesignField[] {
  const at = `coatings[${i}]`
  const n = `Coating ${i + 1}`
  const kind: DesignField = { path: `${at}.kind`, label: `${n} kind`, unit: '', text: COATING_NAMES[c.kind] ?? c.kind }
  switch (c.kind) {
    case 'peg':
      return [
        kind,
        { path: `${at}.molecularWeightDa`, label: `${n} PEG molecular weight`, unit: 'Da', text: numberText(c.molecularWeightDa) },
        { path: `${at}.graftingDensityPerNm2`, label: `${n} PEG grafting density`, unit: 'chains/nm²', text: numberText(c.graftingDensityPerNm2) },
      ]
    case 'membrane':
      return [kind, { path: `${at}.source`, label: `${n} membrane source`, unit: '', text: catalogName(c.source) }]
    case 'polymer':
      return [
        kind,
        { path: `${at}.material`, label: `${n} polymer`, unit: '', text: catalogName(c.material) },
        { path: `${at}.thicknessNm`, label: `${n} thickness`, unit: 'nm', text: numberText(c.thicknessNm) },
      ]
    case 'lipid':
      return [kind, { path: `${at}.material`, label: `${n} lipid`, unit: '', text: catalogName(c.material) }]
    default:
      return [kind]
  }
}

/**
 * Flattens a design into labelled parameters with units, in form order.
 *
 * Why: the history diff ("field by field, with units") and the side-by-side comparison must
 * name the same parameters the same way the form does; a flat list keyed by JSON path makes
 * "which parameters differ" a plain comparison of texts per path. Layers and ligands are
 * keyed by position, as in the design file (design-format.md).
 */
export function designFields(design: Design): DesignField[] {
  const fields: DesignField[] = [
    { path: 'name', label: 'Design name', unit: '', text: design.name },
    { path: 'core.material', label: 'Core material', unit: '', text: catalogName(design.core.material) },
    { path: 'core.diameterNm', label: 'Core diameter', unit: 'nm', text: numberText(design.core.diameterNm) },
  ]
  fields.push({ path: 'coatings.length', label: 'Coating layers', unit: '', text: String(design.coatings.length) })
  design.coatings.forEach((c, i) => fields.push(...coatingFields(c, i)))
  fields.push({ path: 'ligands.length', label: 'Ligand types', unit: '', text: String(design.ligands.length) })
  design.ligands.forEach((l, i) => {
    fields.push({ path: `ligands[${i}].ligand`, label: `Ligand ${i + 1}`, unit: '', text: catalogName(l.ligand) })
    fields.push({ path: `ligands[${i}].perParticle`, label: `Ligand ${i + 1} count`, unit: 'per particle', text: numberText(l.perParticle) })
  })
  fields.push(
    { path: 'payload.drug', label: 'Drug', unit: '', text: catalogName(design.payload.drug) },
    { path: 'payload.loadingPctWw', label: 'Drug loading', unit: '% w/w', text: numberText(design.payload.loadingPctWw) },
    { path: 'payload.trigger', label: 'Release trigger', unit: '', text: TRIGGER_NAMES[design.payload.trigger] ?? design.payload.trigger },
    { path: 'context.disease', label: 'Disease', unit: '', text: catalogName(design.context.disease) },
    { path: 'context.species', label: 'Species', unit: '', text: design.context.species },
    { path: 'context.goal', label: 'Goal', unit: '', text: design.context.goal },
    { path: 'context.dose.mgPerKg', label: 'Dose', unit: 'mg/kg', text: numberText(design.context.dose.mgPerKg) },
    { path: 'context.dose.basis', label: 'Dose basis', unit: '', text: design.context.dose.basis },
  )
  if (design.notes !== undefined && design.notes !== '') fields.push({ path: 'notes', label: 'Notes', unit: '', text: design.notes })
  return fields
}

/** One row of a side-by-side table: a parameter and its text in each design ('—' when absent). */
export interface FieldRow {
  readonly path: string
  readonly label: string
  readonly unit: string
  readonly texts: ReadonlyArray<string>
  /** True when at least two designs show different texts (absent counts as different). */
  readonly differs: boolean
}

/** Text shown for a parameter a design does not have (e.g. a third coating). */
export const ABSENT = '—'

/**
 * Aligns the parameters of several designs by path, in order of first appearance.
 *
 * Why: the comparison highlights exactly the parameters that differ, and the history diff is
 * the same table with two columns filtered to `differs`; one function keeps both honest.
 */
export function alignFields(designs: ReadonlyArray<Design>): FieldRow[] {
  const perDesign = designs.map((d) => new Map(designFields(d).map((f) => [f.path, f])))
  const order: DesignField[] = []
  const seen = new Set<string>()
  for (const m of perDesign) {
    for (const f of m.values()) {
      if (!seen.has(f.path)) {
        seen.add(f.path)
        order.push(f)
      }
    }
  }
  return order.map((f) => {
    const texts = perDesign.map((m) => m.get(f.path)?.text ?? ABSENT)
    return { path: f.path, label: f.label, unit: f.unit, texts, differs: new Set(texts).size > 1 }
  })
}

/** Label with its unit in brackets, as the form labels its controls ("Core diameter (nm)"). */
export function labelWithUnit(row: { readonly label: string; readonly unit: string }): string {
  return row.unit ? `${row.label} (${row.unit})` : row.label
}
