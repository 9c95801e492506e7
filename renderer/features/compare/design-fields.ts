import type { Coating, Design } from '../../../shared/design/types'
import { fieldDef, labelWithUnit as sharedLabelWithUnit, pathLabel } from '../../../shared/design/fields'
import { formatFieldValue } from '../../../shared/design/format'

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

/** A number as entered: no trailing zeros, no rounding beyond 6 significant digits (×10ⁿ when huge or tiny). */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return formatFieldValue('', value)
}

/**
 * One parameter from its field definition: label (with the position of a layer or ligand),
 * unit and display value all come from shared/design/fields.ts, as in the form.
 */
function field(path: string, value: unknown): DesignField {
  const def = fieldDef(path)
  const indexed = /^(coatings|ligands)\[\d+\]/.test(path)
  return {
    path,
    label: indexed ? pathLabel(path) : def?.label ?? path,
    unit: def?.unit ?? '',
    text: typeof value === 'number' ? numberText(value) : formatFieldValue(path, value),
  }
}

function coatingFields(c: Coating, i: number): DesignField[] {
  const at = `coatings[${i}]`
  const kind = field(`${at}.kind`, c.kind)
  switch (c.kind) {
    case 'peg':
      return [kind, field(`${at}.molecularWeightDa`, c.molecularWeightDa), field(`${at}.graftingDensityPerNm2`, c.graftingDensityPerNm2)]
    case 'membrane':
      return [kind, field(`${at}.source`, c.source)]
    case 'polymer':
      return [kind, field(`${at}.material`, c.material), field(`${at}.thicknessNm`, c.thicknessNm)]
    case 'lipid':
      return [kind, field(`${at}.material`, c.material)]
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
 * keyed by position, as in the design file (docs/design-format.md).
 */
export function designFields(design: Design): DesignField[] {
  const fields: DesignField[] = [
    field('name', design.name),
    field('core.material', design.core.material),
    field('core.diameterNm', design.core.diameterNm),
  ]
  if (design.core.bilayer) {
    fields.push(field('core.bilayer.lipid', design.core.bilayer.lipid), field('core.bilayer.cholesterolMolPct', design.core.bilayer.cholesterolMolPct))
  }
  fields.push({ path: 'coatings.length', label: 'Coating layers', unit: '', text: String(design.coatings.length) })
  design.coatings.forEach((c, i) => fields.push(...coatingFields(c, i)))
  fields.push({ path: 'ligands.length', label: 'Ligand types', unit: '', text: String(design.ligands.length) })
  design.ligands.forEach((l, i) => {
    fields.push(field(`ligands[${i}].ligand`, l.ligand), field(`ligands[${i}].perParticle`, l.perParticle))
  })
  fields.push(
    field('payload.drug', design.payload.drug),
    field('payload.loadingPctWw', design.payload.loadingPctWw),
    field('payload.trigger', design.payload.trigger),
    field('context.disease', design.context.disease),
    field('context.species', design.context.species),
    field('context.goal', design.context.goal),
    field('context.dose.mgPerKg', design.context.dose.mgPerKg),
    field('context.dose.basis', design.context.dose.basis),
  )
  if (design.notes !== undefined && design.notes !== '') fields.push(field('notes', design.notes))
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
export const labelWithUnit = sharedLabelWithUnit
