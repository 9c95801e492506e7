/**
 * TEMPORARY golden test: pins every number the PBPK engine computes while the modifier layer
 * is split into named modifiers (issue #10 item 1, brief H1). The refactor must change no
 * number, so this file compares today's outputs — every compartment parameter, the reported
 * curves and metrics, Monte Carlo bands, warnings and assumptions — with snapshots in
 * `__golden__/` that were generated from the code BEFORE any move (commit "Pin PBPK outputs
 * with a temporary golden test").
 *
 * It is not a validation test: the snapshots are the old code's own output, which is exactly
 * what a no-change refactor must reproduce. The lead removes this file and `__golden__/` when
 * the science changes (saturation, stealth, size).
 *
 * Tolerance: relative 1e-9 with an absolute floor of 1e-12 (in the unit of the number; %ID for
 * states), so round-off of a reordered product passes and any real change fails. Warnings are
 * compared as a sorted list (their order follows the order modifiers run in, which is not
 * meaningful); assumptions in order, with their texts.
 *
 * To write missing snapshots (never overwrites): NANOFORGE_WRITE_GOLDEN=1 npx vitest run
 * --project unit tests/unit/shared/engine/pbpk/golden.test.ts
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  monteCarloBiodistribution, resolveParameters, samplePerturbation, simulateBiodistribution,
  type BiodistributionInput, type ReleaseHazard,
} from '../../../../../shared/engine/pbpk'
import { mulberry32 } from '../../../../../shared/engine/pbpk/random'

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '__golden__')
const WRITE = process.env.NANOFORGE_WRITE_GOLDEN === '1'
const REL_TOL = 1e-9
const ABS_TOL = 1e-12

/** A fixed release hazard, h⁻¹ (couples the drug block of the state vector). */
const HAZARD: ReleaseHazard = (env, tH) => (env === 'plasma' ? 0.02 : env === 'inflamed' ? 0.08 : 0.3) * (1 + 0.5 * Math.exp(-tH))

const LIPOSOME = { coreClass: 'lipid-vesicle', imaging: false, degradable: true } as const
const PLGA = { coreClass: 'polymer-matrix', imaging: false, degradable: true } as const
const GOLD = { coreClass: 'inorganic-solid', imaging: true, degradable: false } as const
const SILICA = { coreClass: 'inorganic-porous', imaging: false, degradable: true } as const

interface GoldenCase {
  readonly name: string
  readonly input: BiodistributionInput
  /** Also run a small seeded Monte Carlo (pins ParameterPerturbation). */
  readonly monteCarlo?: boolean
}

const base = { membraneCloak: null, ligands: [] } as const

const CASES: ReadonlyArray<GoldenCase> = [
  { name: 'mouse-healthy-peg-liposome', input: { ...base, species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 100, pegCoverageRatio: 2, zetaMv: -5, core: LIPOSOME, particleDoseMgPerKg: 10 } },
  { name: 'mouse-ra-gold-4nm-image', input: { ...base, species: 'mouse', disease: 'rheumatoid-arthritis', goal: 'image', hydrodynamicDiameterNm: 4, pegCoverageRatio: 0, zetaMv: -20, core: GOLD, particleDoseMgPerKg: 1 } },
  { name: 'mouse-ra-folate-peg-plga-release', monteCarlo: true, input: { ...base, species: 'mouse', disease: 'rheumatoid-arthritis', goal: 'deliver', hydrodynamicDiameterNm: 150, pegCoverageRatio: 1, zetaMv: -10, ligands: [{ ligand: 'folate', perParticle: 200 }], core: PLGA, particleDoseMgPerKg: 20, releaseHazard: HAZARD } },
  { name: 'rat-lupus-icam-liposome', input: { ...base, species: 'rat', disease: 'lupus-nephritis', goal: 'deliver', hydrodynamicDiameterNm: 120, pegCoverageRatio: 1.5, zetaMv: -8, ligands: [{ ligand: 'anti-icam-1', perParticle: 50 }], core: LIPOSOME, particleDoseMgPerKg: 5 } },
  { name: 'human-ms-dense-peg-liposome', input: { ...base, species: 'human', disease: 'multiple-sclerosis', goal: 'deliver', hydrodynamicDiameterNm: 90, pegCoverageRatio: 3.5, zetaMv: -40, core: LIPOSOME, particleDoseMgPerKg: 2 } },
  { name: 'mouse-t1d-cationic-silica', input: { ...base, species: 'mouse', disease: 'type-1-diabetes', goal: 'deliver', hydrodynamicDiameterNm: 60, pegCoverageRatio: 0, zetaMv: 30, core: SILICA, particleDoseMgPerKg: 50 } },
  { name: 'mouse-ibd-anionic-mannose-plga-250nm', input: { ...base, species: 'mouse', disease: 'inflammatory-bowel-disease', goal: 'deliver', hydrodynamicDiameterNm: 250, pegCoverageRatio: 0, zetaMv: -35, ligands: [{ ligand: 'mannose', perParticle: 100 }], core: PLGA, particleDoseMgPerKg: 100 } },
  { name: 'mouse-psoriasis-rbc-cloak-tolerize', input: { ...base, species: 'mouse', disease: 'psoriasis', goal: 'tolerize', hydrodynamicDiameterNm: 180, pegCoverageRatio: 0, zetaMv: -12, membraneCloak: 'red-blood-cell', core: PLGA, particleDoseMgPerKg: 10 } },
  { name: 'rat-ra-neutrophil-cloak-gold-image', input: { ...base, species: 'rat', disease: 'rheumatoid-arthritis', goal: 'image', hydrodynamicDiameterNm: 20, pegCoverageRatio: 0.5, zetaMv: -25, membraneCloak: 'neutrophil', core: GOLD, particleDoseMgPerKg: 1 } },
  { name: 'human-healthy-doxil-like-tolerize', input: { ...base, species: 'human', disease: 'healthy', goal: 'tolerize', hydrodynamicDiameterNm: 100, pegCoverageRatio: 2, zetaMv: -5, core: LIPOSOME, particleDoseMgPerKg: 1 } },
  { name: 'mouse-ra-platelet-400nm-two-ligands', input: { ...base, species: 'mouse', disease: 'rheumatoid-arthritis', goal: 'deliver', hydrodynamicDiameterNm: 400, pegCoverageRatio: 0.3, zetaMv: 70, membraneCloak: 'platelet', ligands: [{ ligand: 'anti-icam-1', perParticle: 80 }, { ligand: 'folate', perParticle: 300, monovalentKdNm: 5 }], core: LIPOSOME, particleDoseMgPerKg: 3, bodyWeightKg: 0.03 } },
  { name: 'mouse-healthy-gold-3nm-degradation-override', input: { ...base, species: 'mouse', disease: 'healthy', goal: 'deliver', hydrodynamicDiameterNm: 3, pegCoverageRatio: 0.8, zetaMv: -65, core: { ...SILICA, degradationPerH: 0.05 }, particleDoseMgPerKg: 150 } },
  { name: 'mouse-ms-macrophage-cloak-ha', input: { ...base, species: 'mouse', disease: 'multiple-sclerosis', goal: 'deliver', hydrodynamicDiameterNm: 45, pegCoverageRatio: 0, zetaMv: 20, membraneCloak: 'macrophage', ligands: [{ ligand: 'hyaluronic-acid', perParticle: 40 }, { ligand: 'anti-cd4', perParticle: 20 }], core: PLGA, particleDoseMgPerKg: 1 } },
  { name: 'human-ra-folate-liposome-6nm', input: { ...base, species: 'human', disease: 'rheumatoid-arthritis', goal: 'deliver', hydrodynamicDiameterNm: 6, pegCoverageRatio: 1.2, zetaMv: 0, ligands: [{ ligand: 'folate', perParticle: 30 }], core: LIPOSOME, particleDoseMgPerKg: 0.5 } },
]

/** Everything the engine computes for one case, as plain JSON (non-finite numbers as strings). */
function snapshotOf(c: GoldenCase): unknown {
  const resolved = resolveParameters(c.input)
  const perturbed = resolveParameters(c.input, samplePerturbation(mulberry32(11)))
  const r = simulateBiodistribution(c.input)
  const mc = c.monteCarlo ? monteCarloBiodistribution(c.input, { samples: 4, seed: 3, timesH: [1, 4, 24, 72] }) : null
  const { releaseHazard, ...inputData } = c.input
  return JSON.parse(JSON.stringify({
    input: { ...inputData, releaseHazard: releaseHazard ? 'HAZARD' : null },
    resolved: { params: resolved.params, assumptions: resolved.assumptions, warnings: [...resolved.warnings].sort() },
    perturbedParams: perturbed.params,
    result: {
      timesH: r.timesH, percentDose: r.percentDose, bloodHalfLifeH: r.bloodHalfLifeH, aucPercentDoseH: r.aucPercentDoseH,
      tissueMassG: r.tissueMassG, degradedInTissuePercentDose: r.degradedInTissuePercentDose, selectivity: r.selectivity,
      imaging: r.imaging ?? null, warnings: [...r.warnings].sort(), assumptionIds: r.assumptions.map((a) => a.id), solver: r.solver,
    },
    monteCarlo: mc,
  }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)))
}

/** Paths where `actual` differs from `expected` (numbers within the tolerance are equal). */
function differences(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (out.length > 20) return
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(expected - actual) > REL_TOL * Math.max(Math.abs(expected), Math.abs(actual)) + ABS_TOL) {
      out.push(`${path}: expected ${expected}, got ${actual}`)
    }
    return
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) { out.push(`${path}: length ${expected.length} → ${actual.length}`); return }
    expected.forEach((e, i) => differences(e, actual[i], `${path}[${i}]`, out))
    return
  }
  if (expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const e = expected as Record<string, unknown>
    const a = actual as Record<string, unknown>
    const keys = new Set([...Object.keys(e), ...Object.keys(a)])
    for (const k of keys) {
      if (!(k in e)) out.push(`${path}.${k}: unexpected (new) key`)
      else if (!(k in a)) out.push(`${path}.${k}: missing`)
      else differences(e[k], a[k], `${path}.${k}`, out)
    }
    return
  }
  if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
}

describe('PBPK golden outputs (temporary, pins the modifier refactor)', () => {
  it('covers the case list with one snapshot each', () => {
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length)
    expect(CASES.length).toBeGreaterThanOrEqual(12)
  })

  for (const c of CASES) {
    it(`${c.name}: parameters, curves, metrics and assumptions match the pre-refactor snapshot`, () => {
      const file = join(GOLDEN_DIR, `${c.name}.json`)
      const actual = snapshotOf(c)
      if (!existsSync(file)) {
        if (!WRITE) throw new Error(`golden snapshot ${file} is missing (write it once from the pre-refactor code with NANOFORGE_WRITE_GOLDEN=1)`)
        mkdirSync(GOLDEN_DIR, { recursive: true })
        writeFileSync(file, `${JSON.stringify(actual, null, 1)}\n`)
      }
      const expected: unknown = JSON.parse(readFileSync(file, 'utf8'))
      const diffs: string[] = []
      differences(expected, actual, c.name, diffs)
      expect(diffs).toEqual([])
    })
  }
})
