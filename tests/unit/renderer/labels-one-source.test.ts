import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CONTROL_LABELS, DERIVED_QUANTITIES, DESIGN_FIELDS, labelWithUnit, pathLabel, pathLabelWithUnit, sliderLabel,
} from '../../../shared/design/fields'
import { METRICS } from '../../../shared/metrics/registry'
import { findTypedLabels, normalizeLabel, typedTexts } from './support/typed-labels'
import { viewMeasurements } from '../../../renderer/scene/view-measurements'
import { SORT_LABELS } from '../../../renderer/stores/library-store'
import { releaseSegments } from '../../../renderer/features/selectivity/selectivity-model'
import { newDesign } from '../../../shared/design/defaults'
import { deriveProperties } from '../../../shared/design/derived'

/**
 * Brief H14 item 2 (issue 12, "nothing types a label or unit twice"): a label that has a
 * source — the design fields, the form's other controls and the derived quantities
 * (shared/design/fields.ts), the metrics (shared/metrics/registry.ts) — is never typed again
 * in a renderer component. The scan reads every renderer source file's string literals,
 * templates and JSX text (TypeScript's parser) and compares them, digits and interpolations
 * written `#`, with every spelling a source gives: the label, with its unit, its slider name,
 * its short name, and a list field at a position ("Ligand 2 type").
 */

const REPO = join(__dirname, '..', '..', '..')
const RENDERER = join(REPO, 'renderer')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(p)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

/** Every spelling of every label that has a source (list fields at a position apart). */
function sourceLabels(): string[] {
  const out: string[] = []
  for (const def of DESIGN_FIELDS) {
    out.push(def.label, labelWithUnit(def), sliderLabel(def.label, def.unit))
    if (def.shortLabel) out.push(def.shortLabel)
  }
  out.push(...Object.values(CONTROL_LABELS))
  for (const q of Object.values(DERIVED_QUANTITIES)) {
    out.push(q.label, labelWithUnit(q))
    if ('shortLabel' in q) out.push(q.shortLabel)
  }
  for (const m of METRICS) out.push(m.label, labelWithUnit(m))
  return out
}

/** Every spelling of a list field's label at a position: "Ligand 2 type", "Coating 1 thickness (nm)". */
function positionalLabels(): string[] {
  return DESIGN_FIELDS.filter((def) => /^(coatings|ligands)\[\]\./.test(def.key)).flatMap((def) => {
    const path = def.key.replace('[]', '[1]')
    return [pathLabel(path), pathLabelWithUnit(path), sliderLabel(pathLabel(path), def.unit)]
  })
}

/**
 * Texts that equal a source label by coincidence, with why they are not a label typed twice.
 * Keep this short: each entry is a place the scan cannot tell apart.
 */
const NOT_LABELS: ReadonlyArray<{ readonly file: string; readonly text: string; readonly why: string }> = [
  { file: 'renderer/features/measurements/add-readings.tsx', text: 'Notes', why: 'the notes of a measurement, not the design\'s `notes` field' },
  { file: 'renderer/features/palette/palette-items.ts', text: 'Thickness', why: 'the cited catalog thickness of a membrane or lipid shell, not the polymer shell\'s `coatings[].thicknessNm` field' },
]

describe('labels are read from their one source', () => {
  const files = new Map(sourceFiles(RENDERER).map((f) => [relative(REPO, f), readFileSync(f, 'utf8')]))

  it('scans the renderer (the form, the selectivity card and the 3D view among them)', () => {
    expect(files.size).toBeGreaterThan(60)
    for (const f of ['renderer/features/design-form/design-form.tsx', 'renderer/features/selectivity/selectivity-card.tsx', 'renderer/scene/view-measurements.ts', 'renderer/scene/particle-model.tsx']) {
      expect(files.has(f), f).toBe(true)
    }
  })

  it('no renderer component types a label that shared/design/fields.ts or shared/metrics/registry.ts has', () => {
    const found = findTypedLabels(files, sourceLabels(), positionalLabels())
      .filter((t) => !NOT_LABELS.some((n) => n.file === t.file && n.text === t.text))
      .map((t) => `${t.file}:${t.line} types "${t.text}" (the source has "${t.label}")`)
    expect(found).toEqual([])
  })

  it('the scan finds a typed label in every form a component could write it', () => {
    const labels = sourceLabels()
    const fixture = [
      'const a = "PEG coating"',
      'const b = <label htmlFor="x">New coating kind</label>',
      'const c = <SelectField label={`Ligand ${i + 1} type`} />',
      'const d = <label>Coating {n} thickness (nm)</label>',
      "const e = { label: 'Core Ø', value }",
      "const f = 'Hydrodynamic diameter (nm)'",
      'const g = <Metric term="Target AUC" unit="%ID·h" />',
      "const h = makeLabel(`Outer Ø ${formatNm(d)}`)",
      "const i = { label: 't80 in plasma' }",
    ].join('\n')
    const found = findTypedLabels(new Map([['fixture.tsx', fixture]]), labels, positionalLabels())
    expect(found.map((t) => t.line).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7])
    // Line 8 types "Outer Ø #": the label with its value, which the source's short name alone does not equal.
    expect(typedTexts('fixture.tsx', fixture).some((t) => normalizeLabel(t.text) === 'Outer Ø #')).toBe(true)
    // Line 9 is another metric ("t80", not the registry's "t50 in plasma"): numbers count outside list positions.
    // Imports are paths, not text: a module named like a label is not a label.
    expect(findTypedLabels(new Map([['m.ts', "import x from './Ligand spacing'"]]), labels)).toEqual([])
  })
})

describe('what the app shows is the source\'s spelling', () => {
  it('the 3D view\'s measurements are named by the field and derived-quantity definitions', () => {
    const derived = deriveProperties(newDesign())
    expect(viewMeasurements(derived).map((m) => m.label)).toEqual([
      DESIGN_FIELDS.find((f) => f.key === 'core.diameterNm')!.shortLabel,
      DERIVED_QUANTITIES.shellThicknessNm.label,
      DERIVED_QUANTITIES.hydrodynamicDiameterNm.shortLabel,
      DERIVED_QUANTITIES.ligandSpacingNm.label,
    ])
    // The spellings a reader knows from the export (export-overlay.test.ts) stay as they were.
    expect(viewMeasurements(derived).map((m) => m.label)).toEqual(['Core Ø', 'Shell thickness', 'Hydrodynamic Ø', 'Ligand spacing'])
  })

  it('list fields at a position read as the form labels them, and the history diff names them alike', () => {
    expect(pathLabel('ligands[1].ligand')).toBe('Ligand 2 type')
    expect(pathLabel('ligands[1].perParticle')).toBe('Ligand 2 per particle')
    expect(pathLabelWithUnit('coatings[1].thicknessNm')).toBe('Coating 2 thickness (nm)')
    expect(sliderLabel(pathLabel('coatings[1].thicknessNm'), 'nm')).toBe('Coating 2 thickness slider (nm)')
    expect(pathLabel('coatings[0].source')).toBe('Coating 1 membrane source')
    expect(pathLabel('coatings[2].material')).toBe('Coating 3 material')
  })

  it('the library\'s metric sorts and the release bar\'s shares use the registry\'s labels and units', () => {
    const byId = new Map(METRICS.map((m) => [m.id, m]))
    expect(SORT_LABELS.bloodHalfLifeH).toBe(`${byId.get('bloodHalfLifeH')!.label} (h)`)
    expect(SORT_LABELS.selectivityIndex).toBe('Selectivity index')
    expect(SORT_LABELS.hydrodynamicDiameterNm).toBe('Hydrodynamic diameter (nm)')
    const segments = releaseSegments({
      drugReleasedInTargetPercentDose: 1, drugReleasedInBloodPercentDose: 2, drugReleasedOffTargetPercentDose: 3,
      drugRemainingInParticlesPercentDose: 4, drugExcretedInParticlesPercentDose: 90,
    })
    expect(segments.find((s) => s.key === 'target')?.label).toBe(byId.get('drugReleasedInTargetPercentDose')!.label)
    expect(segments.find((s) => s.key === 'blood')?.label).toBe(byId.get('drugReleasedInBloodPercentDose')!.label)
  })
})
