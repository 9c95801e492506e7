/**
 * The flag panel's model (issue #16, brief H17): order, counts and tab label, checked against
 * `evaluateFlags` on real designs (the defaults, the three examples, designs built to raise a
 * concern or no caution), and the severity display checked for the cues a colour-blind reader
 * needs (shape and word, not colour alone) and for contrast on the panel.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { evaluateFlags } from '../../../../shared/flags/evaluate'
import { FLAG_RULES, type Flag, type FlagSeverity } from '../../../../shared/flags/rules'
import { OKABE_ITO } from '../../../../renderer/lib/palette'
import { SEVERITY_DISPLAY, designFlagModel, flagPanelModel, flagsTabLabel } from '../../../../renderer/features/flags/flags-model'
import { draftDesign } from '../../support/design-draft'

const EXAMPLES = join(__dirname, '..', '..', '..', '..', 'resources', 'examples')


const design = draftDesign

function example(file: string): Design {
  const v = validateDesign(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')))
  if (!v.valid) throw new Error(`${file} invalid`)
  return v.design
}

/** A bare iron-oxide core (all core: iron is 0.724 of the particle mass) at 20 mg/kg in a person: 14.5 mg Fe/kg, twice ferumoxytol's 7.3. */
const ironHuman = design((d) => {
  d.name = 'Iron oxide 20 mg/kg human'
  d.coatings = []; d.ligands = []
  d.core = { material: 'iron-oxide', diameterNm: 20 }
  d.payload.loadingPctWw = 0
  d.context.species = 'human'
  d.context.dose = { mgPerKg: 20, basis: 'particle' }
})
/** A bare PLGA particle, no PEG, no ligand, 120 nm: only the nanomaterial guidance's info flag. */
const plain = design((d) => { d.name = 'Plain PLGA'; d.coatings = []; d.ligands = [] })
/** Many flags of every severity at once: cationic chitosan shell on a 400 nm gold core with an antibody. */
const crowded = design((d) => {
  d.core = { material: 'gold', diameterNm: 400 }
  d.coatings = [{ kind: 'polymer', material: 'chitosan', thicknessNm: 5 }, { kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }]
})

const DESIGNS: ReadonlyArray<Design> = [
  newDesign(), ironHuman, plain, crowded,
  example('lupus-rbc-silica.nanoforge.json'), example('ra-folate-peg-liposome.nanoforge.json'), example('t1d-tolerogenic-plga.nanoforge.json'),
]

const SEVERITY_RANK: Readonly<Record<FlagSeverity, number>> = { info: 0, caution: 1, concern: 2 }

describe('flag panel model against evaluateFlags', () => {
  it.each(DESIGNS.map((d) => [d.name, d] as const))('%s: every raised flag once, most serious first, counted right', (_name, d) => {
    const raised = evaluateFlags(d)
    const model = flagPanelModel(raised)
    // The same flags, nothing lost or added.
    expect([...model.flags].map((f) => f.id).sort()).toEqual(raised.map((f) => f.id).sort())
    // Severity never rises down the list.
    for (let i = 1; i < model.flags.length; i++) {
      expect(SEVERITY_RANK[model.flags[i].severity], `${model.flags[i - 1].id} before ${model.flags[i].id}`).toBeLessThanOrEqual(SEVERITY_RANK[model.flags[i - 1].severity])
    }
    // Within a severity, the rule set's order (rules.ts: "in display order").
    const ruleIndex = (f: Flag): number => FLAG_RULES.findIndex((r) => r.id === f.id)
    for (let i = 1; i < model.flags.length; i++) {
      if (model.flags[i].severity === model.flags[i - 1].severity) expect(ruleIndex(model.flags[i])).toBeGreaterThan(ruleIndex(model.flags[i - 1]))
    }
    // Counts by an independent tally.
    for (const s of ['info', 'caution', 'concern'] as const) expect(model.counts[s]).toBe(raised.filter((f) => f.severity === s).length)
    const attention = raised.filter((f) => f.severity !== 'info').length
    expect(model.attentionCount).toBe(attention)
    expect(model.tabLabel).toBe(`Flags (${attention})`)
  })

  it('an iron-oxide core at 20 mg/kg in a person: the iron-load concern comes first and is counted in the tab', () => {
    const model = designFlagModel(ironHuman)
    expect(model.flags[0].id).toBe('iron-load')
    expect(model.flags[0].severity).toBe('concern')
    // 20 mg/kg × 0.724 Fe = 14.5 mg Fe/kg (bare magnetite core, 3 × 55.845 / 231.53)
    expect(model.flags[0].why).toContain('14.5 mg Fe/kg')
    expect(model.counts.concern).toBe(1)
    expect(model.tabLabel).toBe(`Flags (${model.counts.concern + model.counts.caution})`)
    expect(model.summary).toMatch(/^This design raises \d+ flags: 1 concern, /)
  })

  it('a bare PLGA particle raises no caution or concern: "Flags (0)", the info flag still listed', () => {
    const model = designFlagModel(plain)
    expect(model.tabLabel).toBe('Flags (0)')
    expect(model.flags.map((f) => f.severity)).toEqual(['info'])
    expect(model.summary).toBe('This design raises 1 flag: 1 info.')
  })

  it('the default design (PEG brush, folate, PLGA): the two PEG cautions and the nanomaterial info, counted in words', () => {
    expect(designFlagModel(newDesign()).summary).toBe('This design raises 3 flags: 2 cautions, 1 info.')
    expect(designFlagModel(newDesign()).tabLabel).toBe('Flags (2)')
  })

  it('orders by severity whatever order the flags come in (stable within a severity)', () => {
    const raised = evaluateFlags(crowded)
    expect(new Set(raised.map((f) => f.severity)).size).toBeGreaterThanOrEqual(2)
    const model = flagPanelModel([...raised].reverse())
    const bySeverity = (s: FlagSeverity): string[] => model.flags.filter((f) => f.severity === s).map((f) => f.id)
    // Reversed input: the order within a severity is the input's (reversed rule order), the severities still most serious first.
    for (const s of ['concern', 'caution', 'info'] as const) expect(bySeverity(s)).toEqual([...raised].reverse().filter((f) => f.severity === s).map((f) => f.id))
    expect(model.flags.map((f) => f.severity)).toEqual([...model.flags.map((f) => f.severity)].sort((a, b) => SEVERITY_RANK[b] - SEVERITY_RANK[a]))
  })

  it('no flags: an empty list, "Flags (0)" and a sentence saying so', () => {
    const model = flagPanelModel([])
    expect(model.flags).toEqual([])
    expect(model.tabLabel).toBe(flagsTabLabel(0))
    expect(model.tabLabel).toBe('Flags (0)')
    expect(model.summary).toBe('This design raises no translation flag.')
  })

  it('evaluates once per design object: the same model for the same design, a new one after an edit', () => {
    const d = design()
    expect(designFlagModel(d)).toBe(designFlagModel(d))
    const edited: Design = { ...d, context: { ...d.context, species: 'human' } }
    expect(designFlagModel(edited)).not.toBe(designFlagModel(d))
  })
})

/** WCAG 2.1 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}
const contrast = (a: string, b: string): number => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('severity display', () => {
  it('each severity has its own word, shape and colour, the colours from the Okabe–Ito set', () => {
    const all = Object.values(SEVERITY_DISPLAY)
    for (const key of ['word', 'shape', 'colour'] as const) expect(new Set(all.map((d) => d[key])).size).toBe(3)
    const okabeIto: string[] = Object.values(OKABE_ITO)
    for (const d of all) expect(okabeIto).toContain(d.colour)
  })

  it('icons keep 3:1 contrast on the flag cards (WCAG 2.1 SC 1.4.11; card background #1a2231)', () => {
    // Sanity of the contrast formula against WCAG's own extremes: white on black is 21:1.
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 6)
    for (const d of Object.values(SEVERITY_DISPLAY)) expect(contrast(d.colour, '#1a2231'), d.word).toBeGreaterThanOrEqual(3)
  })
})
