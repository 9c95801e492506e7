/** Names of fixed design paths, as the form labels them (design-format.md field list). */
const FIXED: Readonly<Record<string, string>> = {
  name: 'Design name',
  notes: 'Notes',
  'core.material': 'Core material',
  'core.diameterNm': 'Core diameter',
  'payload.drug': 'Drug',
  'payload.loadingPctWw': 'Drug loading',
  'payload.trigger': 'Release trigger',
  'context.disease': 'Disease',
  'context.species': 'Species',
  'context.goal': 'Goal',
  'context.dose.mgPerKg': 'Dose',
  'context.dose.basis': 'Dose basis',
  coatings: 'Coatings',
  ligands: 'Ligands',
}

const COATING_FIELDS: Readonly<Record<string, string>> = {
  kind: 'kind',
  molecularWeightDa: 'PEG molecular weight',
  graftingDensityPerNm2: 'PEG grafting density',
  source: 'membrane source',
  material: 'material',
  thicknessNm: 'thickness',
}

const LIGAND_FIELDS: Readonly<Record<string, string>> = { ligand: '', perParticle: 'count' }

/**
 * A readable name for a JSON path of a design (`coatings[1].thicknessNm` → "Coating 2
 * thickness"); unknown paths are returned as they are.
 *
 * Why: the history diff comes from the host as paths; scientists read field names, so the
 * diff shows this name with the path beside it for whoever needs the exact field.
 */
export function fieldLabel(path: string): string {
  const fixed = FIXED[path]
  if (fixed) return fixed
  const coating = /^coatings\[(\d+)\](?:\.(\w+))?$/.exec(path)
  if (coating) {
    const n = `Coating ${Number(coating[1]) + 1}`
    if (!coating[2]) return n
    const f = COATING_FIELDS[coating[2]]
    return f ? `${n} ${f}` : `${n} ${coating[2]}`
  }
  const ligand = /^ligands\[(\d+)\](?:\.(\w+))?$/.exec(path)
  if (ligand) {
    const n = `Ligand ${Number(ligand[1]) + 1}`
    if (!ligand[2]) return n
    const f = LIGAND_FIELDS[ligand[2]]
    return f === undefined ? `${n} ${ligand[2]}` : f ? `${n} ${f}` : n
  }
  return path
}
