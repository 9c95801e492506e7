/**
 * The goal editor's model (issue 13, Find designs): a draft built from a design, the goal
 * file it writes (always checked by shared/analysis/goal.ts), the example goal file read and
 * written back unchanged, problems in the editor's words with their JSON paths, and the note
 * a found design carries so that saving it records the goal and the seed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import { parseGoal } from '../../../../shared/analysis/goal'
import {
  checkDraft, draftFromDesign, draftFromGoalText, draftIssueText, draftToGoalDocument, foundDesign, foundNotes, validOptions, type GoalDraft,
} from '../../../../renderer/features/analysis/goal-draft'
import { axisGuides } from '../../../../renderer/features/analysis/find-designs-panel'

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'resources', 'goals', 'ra-selectivity.nanoforge-goal.json')
const exampleText = readFileSync(EXAMPLE, 'utf8')

describe('a draft from the open design', () => {
  it('lists every numeric knob at x/2 to 2x and the choice knobs with the options that give a valid design; size and PEG density on', () => {
    const design = newDesign()
    const draft = draftFromDesign(design)
    const diameter = draft.knobs.find((k) => k.path === 'core.diameterNm')
    // the default design's core is 120 nm: 60 to 240 nm
    expect(diameter).toMatchObject({ kind: 'number', enabled: true, min: '60', max: '240', unit: 'nm' })
    expect(draft.knobs.find((k) => k.path === 'coatings[0].graftingDensityPerNm2')).toMatchObject({ enabled: true, min: '0.25', max: '1' })
    expect(draft.knobs.filter((k) => k.enabled).map((k) => k.path)).toEqual(['core.diameterNm', 'coatings[0].graftingDensityPerNm2'])
    const material = draft.knobs.find((k) => k.path === 'core.material')
    expect(material?.kind).toBe('choice')
    // a liposome needs its bilayer: not offered on a PLGA base (the validator would reject it)
    if (material?.kind === 'choice') {
      expect(material.options).toContain('plga-75-25')
      expect(material.options).not.toContain('liposome')
      expect(material.options).toEqual(validOptions(design, 'core.material'))
    }
    // the issue's example objectives and a blood half-life floor PEG-PLGA can meet, checked by the one parser
    const checked = checkDraft(draft)
    expect(checked.ok).toBe(true)
    if (checked.ok) {
      expect(checked.goal.knobs.map((k) => k.path)).toEqual(['core.diameterNm', 'coatings[0].graftingDensityPerNm2'])
      expect(checked.goal.objectives).toEqual([{ metric: 'selectivityIndex', sense: 'max' }, { metric: 't50InflamedH', target: 48 }])
      expect(checked.goal.constraints).toEqual([{ metric: 'bloodHalfLifeH', min: 2 }])
    }
  })
})

describe('guides on the front', () => {
  it("draws each plotted metric's constraint bounds and targets, and nothing for the others", () => {
    const read = draftFromGoalText(exampleText)
    if (!read.ok) throw new Error('example goal file does not parse')
    const checked = checkDraft(read.draft)
    if (!checked.ok) throw new Error('example goal does not check')
    expect(axisGuides(checked.goal, ['bloodHalfLifeH', 't50InflamedH'])).toEqual([
      { axis: 'x', value: 2, label: '≥ 2 h' },
      { axis: 'y', value: 48, label: 'target 48 h' },
    ])
    expect(axisGuides(checked.goal, ['selectivityIndex', 'hydrodynamicDiameterNm'])).toEqual([])
  })
})

describe('choice knobs', () => {
  it('a ticked choice knob with two options becomes a categorical knob of the goal', () => {
    const base = draftFromDesign(newDesign())
    const draft: GoalDraft = {
      ...base,
      knobs: base.knobs.map((k) => (k.path === 'core.material' && k.kind === 'choice' ? { ...k, enabled: true, chosen: ['plga-50-50', 'pla'] } : k)),
    }
    const checked = checkDraft(draft)
    expect(checked.ok).toBe(true)
    if (checked.ok) expect(checked.goal.knobs.find((k) => k.path === 'core.material')).toEqual({ path: 'core.material', kind: 'categorical', unit: '', options: ['plga-50-50', 'pla'] })
    // one option is no choice: reported at the knob's options
    const one = { ...draft, knobs: draft.knobs.map((k) => (k.path === 'core.material' && k.kind === 'choice' ? { ...k, chosen: ['pla'] } : k)) }
    const bad = checkDraft(one)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors.map((e) => draftIssueText(one, e))).toEqual(['Core material, options: give at least two options to choose between'])
  })
})

describe('goal files', () => {
  it('the example goal file reads into the editor and writes back as the same goal', () => {
    const read = draftFromGoalText(exampleText)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    const original = parseGoal(JSON.parse(exampleText))
    const again = parseGoal(draftToGoalDocument(read.draft))
    expect(original.ok && again.ok).toBe(true)
    if (!original.ok || !again.ok) return
    expect(again.goal.base).toEqual(original.goal.base)
    expect(again.goal.knobs).toEqual(original.goal.knobs)
    expect(again.goal.objectives).toEqual(original.goal.objectives)
    expect(again.goal.constraints).toEqual(original.goal.constraints)
  })

  it('a bad goal file is reported at its JSON paths, and nothing is applied', () => {
    const doc = JSON.parse(exampleText)
    doc.vary[0].min = 0
    doc.vary[2].options[1] = 'plga-7525'
    doc.objectives[1].metric = 't50Inflamed'
    const read = draftFromGoalText(JSON.stringify(doc))
    expect(read.ok).toBe(false)
    if (read.ok) return
    const paths = read.errors.map((e) => e.path)
    expect(paths).toContain('objectives[1].metric')
    expect(read.errors.find((e) => e.path === 'objectives[1].metric')?.message).toMatch(/did you mean "t50InflamedH"/)
    expect(paths.some((p) => p.startsWith('vary['))).toBe(true)
    expect(draftFromGoalText('{ not json').ok).toBe(false)
  })

  it("the editor's problems name the row in words and keep the JSON path's field", () => {
    const base = draftFromDesign(newDesign())
    const draft: GoalDraft = {
      ...base,
      knobs: base.knobs.map((k) => (k.path === 'coatings[0].graftingDensityPerNm2' && k.kind === 'number' ? { ...k, min: '2', max: '1' } : k)),
      objectives: [{ metric: 'selectivityIndex', mode: 'max', target: '' }, { metric: 't50InflamedH', mode: 'target', target: 'soon' }],
    }
    const texts = (d: GoalDraft): string[] => {
      const checked = checkDraft(d)
      return checked.ok ? [] : checked.errors.map((e) => draftIssueText(d, e))
    }
    // the file's shape is checked first (a word where a number belongs), then the knobs
    expect(texts(draft)).toEqual(['Objective 2 (t50 in inflamed tissue), target: Invalid input: expected number, received string'])
    const knobsOnly = { ...draft, objectives: base.objectives }
    expect(texts(knobsOnly)).toEqual(['Coating 1 PEG grafting density (chains/nm²), max: max (1) must be greater than min (2)'])
  })
})

describe('a design opened from the front', () => {
  const read = draftFromGoalText(exampleText)
  if (!read.ok) throw new Error('example goal file does not parse')
  const checked = checkDraft(read.draft)
  if (!checked.ok) throw new Error('example goal does not check')
  const record = { goal: checked.goal, goalDocument: checked.document, seed: 7, evaluations: 600, hours: 72, point: 3, frontSize: 12, feasible: true }

  it('records the goal in words, the seed and budget, and the goal file that re-runs it', () => {
    const notes = foundNotes(undefined, record)
    expect(notes).toMatch(/^Found with Find designs \(NSGA-II\): front point 3 of 12, seed 7, 600 evaluations, 72 h horizon\./)
    expect(notes).toContain('Objectives: Selectivity index: maximise; t50 in inflamed tissue: bring to 48 h.')
    expect(notes).toContain('Constraints: Blood half-life ≥ 2 h.')
    expect(notes).toContain('Varied: Core diameter 50 to 250 nm; Coating 1 PEG grafting density 0.05 to 1 chains/nm²; Core material: PLGA 50:50, PLGA 75:25, PLA (poly-DL-lactide).')
    const line = notes.split('\n').find((l) => l.startsWith('Goal file'))!
    const again = parseGoal(JSON.parse(line.slice(line.indexOf('{'))))
    expect(again.ok && again.goal.knobs).toEqual(checked.goal.knobs)
    expect(again.ok && again.goal.base).toEqual(checked.goal.base)
  })

  it('keeps the base notes first, and stays a valid design within the notes limit', () => {
    const design = foundDesign({ ...checked.goal.base, core: { ...checked.goal.base.core, diameterNm: 87.5 } }, 'Batch 12 from the March run.', checked.goal.base.name, record)
    expect(design.name).toBe(`${checked.goal.base.name} (found 3)`)
    expect(design.notes!.startsWith('Batch 12 from the March run.\n\nFound with Find designs')).toBe(true)
    expect(validateDesign(design).valid).toBe(true)
    // base notes near the limit: the goal file's line gives way, the words and the seed stay
    const long = 'x'.repeat(19_000)
    const notes = foundNotes(long, record)
    expect(notes.length).toBeLessThanOrEqual(20_000)
    expect(notes).toContain('seed 7')
    expect(notes).not.toContain('Goal file')
    expect(validateDesign({ ...design, notes }).valid).toBe(true)
    // a 200-character name keeps its suffix
    expect(foundDesign(design, undefined, 'n'.repeat(200), record).name).toMatch(/^n+ \(found 3\)$/)
    expect(foundDesign(design, undefined, 'n'.repeat(200), record).name.length).toBe(200)
  })
})
