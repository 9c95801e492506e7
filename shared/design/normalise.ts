import type { Coating, Design } from './types'

/** Rebuilds a coating with its keys in the canonical order of docs/design-format.md. */
function normaliseCoating(c: Coating): Coating {
  switch (c.kind) {
    case 'peg': return { kind: 'peg', molecularWeightDa: c.molecularWeightDa, graftingDensityPerNm2: c.graftingDensityPerNm2 }
    case 'membrane': return { kind: 'membrane', source: c.source }
    case 'polymer': return { kind: 'polymer', material: c.material, thicknessNm: c.thicknessNm }
    case 'lipid': return { kind: 'lipid', material: c.material }
  }
}

/**
 * The canonical form of a valid design, as stored in the database and written on export:
 * keys in the order of docs/design-format.md, name trimmed, `notes` omitted when blank, and
 * ligands sorted by id (one entry per type, so their order carries no meaning; coating order
 * does — inner to outer — and is kept). Idempotent.
 */
export function normaliseDesign(design: Design): Design {
  const notes = design.notes !== undefined && design.notes.trim().length > 0 ? design.notes : undefined
  return {
    format: design.format,
    version: design.version,
    name: design.name.trim(),
    ...(notes !== undefined ? { notes } : {}),
    core: {
      material: design.core.material,
      diameterNm: design.core.diameterNm,
      ...(design.core.bilayer !== undefined
        ? { bilayer: { lipid: design.core.bilayer.lipid, cholesterolMolPct: design.core.bilayer.cholesterolMolPct } }
        : {}),
    },
    coatings: design.coatings.map(normaliseCoating),
    ligands: [...design.ligands]
      .sort((a, b) => (a.ligand < b.ligand ? -1 : a.ligand > b.ligand ? 1 : 0))
      .map((l) => ({ ligand: l.ligand, perParticle: l.perParticle })),
    payload: { drug: design.payload.drug, loadingPctWw: design.payload.loadingPctWw, trigger: design.payload.trigger },
    context: {
      disease: design.context.disease,
      species: design.context.species,
      goal: design.context.goal,
      dose: { mgPerKg: design.context.dose.mgPerKg, basis: design.context.dose.basis },
    },
  }
}

/** JSON with object keys sorted at every level and no whitespace; arrays keep their order. */
function stableStringify(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableStringify).join(',')}]`
  if (x !== null && typeof x === 'object') {
    const entries = Object.entries(x as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(x)
}

/**
 * A stable text for hashing and de-duplicating designs: the normalised design serialised with
 * keys sorted alphabetically at every level. Two designs that differ only in key order, name
 * padding, blank notes or ligand order give the same string.
 */
export function canonicalDesignJson(design: Design): string {
  return stableStringify(normaliseDesign(design))
}
