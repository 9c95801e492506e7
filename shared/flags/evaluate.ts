/**
 * Evaluates the translation flags (rules.ts) on one validated design: builds the rules'
 * context from the design, its derived properties and the catalog, then runs every rule.
 * Pure and fast (no simulation), so the app can show the flags live while the design changes.
 */
import { getCore, getDrug, getLigand, getMembrane } from '../catalog/index'
import { deriveProperties } from '../design/derived'
import { optionLabel } from '../design/fields'
import type { Design } from '../design/types'
import { particleDoseMgPerKg, surfaceZetaMv } from '../engine/pbpk/from-design'
import { FLAG_RULES, FLAG_SEVERITIES, type Flag, type FlagContext } from './rules'

/**
 * 1 nm³ of a material of 1 g/cm³ weighs 1e-21 g = 1e-6 fg (the same conversion as the
 * design's mass model in shared/design/derived.ts).
 */
const FG_PER_NM3_PER_G_CM3 = 1e-6

/** The context the rules read. */
export function flagContextOf(design: Design): FlagContext {
  const derived = deriveProperties(design)
  const core = getCore(design.core.material)
  const r = design.core.diameterNm / 2
  const wall = core.class === 'lipid-vesicle' ? Math.min(r, core.wallThicknessNm?.value ?? 0) : r
  const coreVolumeNm3 = (4 / 3) * Math.PI * (r ** 3 - (r - wall) ** 3)
  const coreMassFg = coreVolumeNm3 * core.densityGPerCm3.value * FG_PER_NM3_PER_G_CM3
  const drug = getDrug(design.payload.drug)
  return {
    coreClass: core.class,
    coreName: core.name,
    coreDegradable: core.degradable,
    ironOxide: design.core.material === 'iron-oxide',
    coatingKinds: design.coatings.map((c) => c.kind),
    zetaMv: surfaceZetaMv(design),
    hydrodynamicDiameterNm: derived.hydrodynamicDiameterNm,
    pegPresent: design.coatings.some((c) => c.kind === 'peg'),
    membraneNames: design.coatings.flatMap((c) => (c.kind === 'membrane' ? [getMembrane(c.source).name.toLowerCase()] : [])),
    antibodyLigands: design.ligands
      .map((l) => getLigand(l.ligand))
      .filter((l) => l.kind === 'antibody')
      .map((l) => ({ id: l.id, name: l.name })),
    drugClass: drug.class,
    drugName: drug.name,
    goal: design.context.goal,
    goalName: optionLabel('context.goal', design.context.goal),
    disease: design.context.disease,
    species: design.context.species,
    particleDoseMgPerKg: particleDoseMgPerKg(design),
    coreMassFraction: Math.min(1, coreMassFg / derived.particleMassFg),
  }
}

/** Every flag the design raises, most serious first (rule order within a severity). */
export function evaluateFlags(design: Design): Flag[] {
  const c = flagContextOf(design)
  const raised: Flag[] = []
  for (const rule of FLAG_RULES) {
    const why = rule.why(c)
    if (why === null) continue
    raised.push({ id: rule.id, severity: rule.severity, title: rule.title, why, source: rule.source, evidence: rule.evidence, measure: rule.measure })
  }
  const rank = (f: Flag): number => FLAG_SEVERITIES.indexOf(f.severity)
  return raised
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(b.f) - rank(a.f) || a.i - b.i)
    .map(({ f }) => f)
}
