/**
 * The goal editor's state (issue 13, "Find designs"): which knobs of a starting design vary
 * and over what, the objectives and the constraints, as the form holds them (numbers as
 * typed), and the two ways between it and a goal file (`nanoforge.goal` version 1):
 * {@link draftToGoalDocument} writes the document, which is always checked by the one parser
 * (shared/analysis/goal.ts, errors with JSON paths), and {@link draftFromGoalDocument} reads
 * an imported one.
 *
 * Why the document is the hand-off: the app and `nanoforge optimize` then run the very same
 * goal, the export is exactly what ran, and a design found here records a goal that the CLI
 * can re-run.
 */
import type { Design, DesignIssue } from '../../../shared/design/types'
import { GOAL_FORMAT, GOAL_VERSION, parseGoal, type Goal } from '../../../shared/analysis/goal'
import { describeKnob, getKnob, numericKnobPaths, setKnob } from '../../../shared/analysis/design-paths'
import { defaultKnobs } from '../../../shared/analysis/knobs'
import { pathLabel, optionLabel } from '../../../shared/design/fields'
import { formatQuantity, listText } from '../../../shared/design/format'
import { METRIC_IDS, getMetric, isMetricId, type MetricId } from '../../../shared/metrics/registry'
import { knobLabel } from './analysis-format'

/** One knob row of the editor. */
export type KnobDraft =
  | { readonly path: string; readonly kind: 'number'; readonly enabled: boolean; readonly min: string; readonly max: string; readonly unit: string }
  | { readonly path: string; readonly kind: 'choice'; readonly enabled: boolean; readonly options: ReadonlyArray<string>; readonly chosen: ReadonlyArray<string> }

/** One objective row: maximise, minimise or bring to a target. */
export interface ObjectiveDraft {
  readonly metric: MetricId
  readonly mode: 'max' | 'min' | 'target'
  readonly target: string
}

/** One constraint row: a lower and/or upper bound ('' = none). */
export interface ConstraintDraft {
  readonly metric: MetricId
  readonly min: string
  readonly max: string
}

/** The whole editor. */
export interface GoalDraft {
  /** The design the search starts from (its knob values seed the first population). */
  readonly base: Design
  readonly knobs: ReadonlyArray<KnobDraft>
  readonly objectives: ReadonlyArray<ObjectiveDraft>
  readonly constraints: ReadonlyArray<ConstraintDraft>
}

/** Choice fields the optimiser can switch (materials, ligands, trigger); context fields are the question. */
const CHOICE_KNOB = /^(core\.material|coatings\[\d+\]\.(material|source)|ligands\[\d+\]\.ligand|payload\.trigger)$/

/** Choice knob paths of a design, in document order. */
export function choiceKnobPaths(design: Design): string[] {
  const out = ['core.material']
  design.coatings.forEach((c, i) => {
    if (c.kind === 'polymer' || c.kind === 'lipid') out.push(`coatings[${i}].material`)
    if (c.kind === 'membrane') out.push(`coatings[${i}].source`)
  })
  design.ligands.forEach((_l, i) => out.push(`ligands[${i}].ligand`))
  out.push('payload.trigger')
  return out.filter((p) => CHOICE_KNOB.test(p))
}

/** The options of a choice knob that give a valid design from `base` (a liposome needs its bilayer, so it is left out of a PLGA base). */
export function validOptions(base: Design, path: string): string[] {
  const info = describeKnob(base, path)
  return (info.options ?? []).filter((o) => setKnob(base, path, o).valid)
}

/** A number as the editor's box holds it: what a person would type (no float noise). */
function inputText(v: number): string {
  return String(Number(v.toPrecision(6)))
}

/** A number in a sentence: a few significant digits, ×10ⁿ when huge or tiny (never e-notation). */
function numberText(v: number): string {
  return formatQuantity(v)
}

/** The issue's example objectives and constraint (issue 13): the editor's starting point. */
export const DEFAULT_OBJECTIVES: ReadonlyArray<ObjectiveDraft> = [
  { metric: 'selectivityIndex', mode: 'max', target: '' },
  { metric: 't50InflamedH', mode: 'target', target: '48' },
]
// A PEG-PLGA particle in a mouse circulates for hours, not a day (Panagi Z et al. 2001, Int J Pharm
// 221:143: blood halves by ~2.6 h), and the engine reads the default design's family at 0.4-4 h
// over 50-250 nm: a 2-h floor is a constraint such designs can meet (6 h, the issue's example,
// is met by none and leaves a front of one least-violating design).
export const DEFAULT_CONSTRAINTS: ReadonlyArray<ConstraintDraft> = [{ metric: 'bloodHalfLifeH', min: '2', max: '' }]

/** Knobs switched on when a draft is made from a design: the size and the PEG density, as in the issue's example. */
const DEFAULT_ON = /^(core\.diameterNm|coatings\[\d+\]\.graftingDensityPerNm2)$/

/**
 * A draft from a design: every numeric knob with the range x/2 to 2x (clipped to what the
 * validator accepts, shared/analysis/knobs.ts defaultKnobs), every choice knob with the
 * options that give a valid design; the size and PEG density switched on.
 */
export function draftFromDesign(design: Design): GoalDraft {
  const ranges = new Map(defaultKnobs(design).map((k) => [k.path, k]))
  const knobs: KnobDraft[] = []
  for (const path of numericKnobPaths(design)) {
    const r = ranges.get(path)
    if (!r || r.kind === 'categorical') continue
    knobs.push({ path, kind: 'number', enabled: DEFAULT_ON.test(path), min: inputText(r.min), max: inputText(r.max), unit: r.unit })
  }
  for (const path of choiceKnobPaths(design)) {
    const options = validOptions(design, path)
    if (options.length < 2) continue
    knobs.push({ path, kind: 'choice', enabled: false, options, chosen: options })
  }
  return { base: design, knobs, objectives: DEFAULT_OBJECTIVES, constraints: DEFAULT_CONSTRAINTS }
}

/** A typed number, or the text itself so the parser reports it at its JSON path. */
function typed(text: string): number | string {
  const t = text.trim()
  if (t === '') return t
  const n = Number(t)
  return Number.isFinite(n) ? n : t
}

/** The goal file of a draft (only the enabled knobs; the base as it is). */
export function draftToGoalDocument(draft: GoalDraft): Record<string, unknown> {
  const vary = draft.knobs.filter((k) => k.enabled).map((k) => (k.kind === 'number'
    ? { path: k.path, min: typed(k.min), max: typed(k.max) }
    : { path: k.path, options: [...k.chosen] }))
  const objectives = draft.objectives.map((o) => (o.mode === 'target' ? { metric: o.metric, target: typed(o.target) } : { metric: o.metric, sense: o.mode }))
  const constraints = draft.constraints
    .filter((c) => c.min.trim() !== '' || c.max.trim() !== '')
    .map((c) => ({ metric: c.metric, ...(c.min.trim() !== '' ? { min: typed(c.min) } : {}), ...(c.max.trim() !== '' ? { max: typed(c.max) } : {}) }))
  return { format: GOAL_FORMAT, version: GOAL_VERSION, base: draft.base, vary, objectives, ...(constraints.length > 0 ? { constraints } : {}) }
}

/** The draft's goal checked by the one parser: the goal, or every problem at its JSON path. */
export function checkDraft(draft: GoalDraft): { ok: true; goal: Goal; document: Record<string, unknown> } | { ok: false; errors: DesignIssue[] } {
  const document = draftToGoalDocument(draft)
  const parsed = parseGoal(document)
  return parsed.ok ? { ok: true, goal: parsed.goal, document } : { ok: false, errors: parsed.errors }
}

/**
 * A problem of the editor's goal in the editor's words: `vary[1].min` → "PEG grafting density
 * (chains/nm²), min: …", `objectives[0].target` → "Objective 1 (t50 in inflamed tissue),
 * target: …". The JSON path stays in the message for the goal file's sake.
 */
export function draftIssueText(draft: GoalDraft, issue: DesignIssue): string {
  const enabled = draft.knobs.filter((k) => k.enabled)
  const m = /^(vary|objectives|constraints)\[(\d+)\](?:\.(\w+))?/.exec(issue.path)
  if (!m) return issue.path ? `${issue.path}: ${issue.message}` : issue.message
  const i = Number(m[2])
  const field = m[3] ? `, ${m[3]}` : ''
  if (m[1] === 'vary') {
    const k = enabled[i]
    return `${k ? knobLabel(k.path) : `Knob ${i + 1}`}${field}: ${issue.message}`
  }
  const row = m[1] === 'objectives' ? draft.objectives[i] : draft.constraints.filter((c) => c.min.trim() !== '' || c.max.trim() !== '')[i]
  const what = m[1] === 'objectives' ? 'Objective' : 'Constraint'
  return `${what} ${i + 1}${row && isMetricId(row.metric) ? ` (${getMetric(row.metric).label})` : ''}${field}: ${issue.message}`
}

/** Result of reading a goal file's text. */
export type GoalImport = { readonly ok: true; readonly draft: GoalDraft } | { readonly ok: false; readonly errors: DesignIssue[] }

/**
 * An imported goal file → a draft: its base, its knobs switched on with their ranges or
 * options, the base's other knobs listed switched off; its objectives and constraints. Any
 * problem comes back with its JSON path (shared/analysis/goal.ts), nothing is half-applied.
 */
export function draftFromGoalText(text: string): GoalImport {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` }] }
  }
  const parsed = parseGoal(json)
  if (!parsed.ok) return { ok: false, errors: parsed.errors }
  return { ok: true, draft: draftFromGoal(parsed.goal) }
}

/** A checked goal → a draft (see {@link draftFromGoalText}). */
export function draftFromGoal(goal: Goal): GoalDraft {
  const fromBase = draftFromDesign(goal.base)
  const knobs: KnobDraft[] = fromBase.knobs.map((k) => ({ ...k, enabled: false }))
  for (const k of goal.knobs) {
    const at = knobs.findIndex((d) => d.path === k.path)
    const row: KnobDraft = k.kind === 'categorical'
      ? { path: k.path, kind: 'choice', enabled: true, options: validOptions(goal.base, k.path), chosen: [...k.options] }
      : { path: k.path, kind: 'number', enabled: true, min: inputText(k.min), max: inputText(k.max), unit: k.unit }
    if (at >= 0) knobs[at] = row
    else knobs.push(row)
  }
  return {
    base: goal.base,
    knobs,
    objectives: goal.objectives.map((o) => ('target' in o ? { metric: o.metric, mode: 'target', target: String(o.target) } : { metric: o.metric, mode: o.sense, target: '' })),
    constraints: goal.constraints.map((c) => ({ metric: c.metric, min: c.min !== undefined ? String(c.min) : '', max: c.max !== undefined ? String(c.max) : '' })),
  }
}

/** An objective in words: "Selectivity index: maximise", "t50 in inflamed tissue: 48 h". */
export function objectiveText(o: Goal['objectives'][number]): string {
  const m = getMetric(o.metric)
  if ('target' in o) return `${m.label}: bring to ${numberText(o.target)}${m.unit ? ` ${m.unit}` : ''}`
  return `${m.label}: ${o.sense === 'max' ? 'maximise' : 'minimise'}`
}

/** A constraint in words: "Blood half-life ≥ 6 h". */
export function constraintText(c: Goal['constraints'][number]): string {
  const m = getMetric(c.metric)
  const u = m.unit ? ` ${m.unit}` : ''
  const parts: string[] = []
  if (c.min !== undefined) parts.push(`≥ ${numberText(c.min)}${u}`)
  if (c.max !== undefined) parts.push(`≤ ${numberText(c.max)}${u}`)
  return `${m.label} ${parts.join(' and ')}`
}

/** A varied knob in words: "Core diameter 50 to 250 nm", "Core material: PLGA 50:50, PLA". */
export function knobRangeText(k: Goal['knobs'][number]): string {
  if (k.kind === 'categorical') return `${pathLabel(k.path)}: ${k.options.map((o) => optionLabel(k.path, o)).join(', ')}`
  return `${pathLabel(k.path)} ${numberText(k.min)} to ${numberText(k.max)}${k.unit ? ` ${k.unit}` : ''}`
}

/** Greatest length of a design's notes (the validator's limit, shared/design/fields.ts). */
const NOTES_MAX_CHARS = 20_000
/** Greatest length of a design's name. */
const NAME_MAX_CHARS = 200

/** What the design found at one front point records about how it was found. */
export interface FoundRecord {
  readonly goal: Goal
  readonly goalDocument: Record<string, unknown>
  readonly seed: number
  readonly evaluations: number
  readonly hours: number
  /** 1-based position on the front as listed, and the front's size. */
  readonly point: number
  readonly frontSize: number
  readonly feasible: boolean
}

/**
 * The note that travels with a design opened from the front: the goal in words, the seed
 * and budget, and the goal file itself on one line, so that saving the design records how it
 * was found and `nanoforge optimize` (or Import goal) can run it again. The design format
 * has a `notes` field and no other place for this; the base design's own notes come first.
 * Within the notes limit: when the goal file does not fit, its line is left out (the words
 * and the seed stay).
 */
export function foundNotes(baseNotes: string | undefined, r: FoundRecord): string {
  const words = [
    `Found with Find designs (NSGA-II): front point ${r.point} of ${r.frontSize}${r.feasible ? '' : ' (misses a constraint)'}, seed ${r.seed}, ${r.evaluations} evaluations, ${r.hours} h horizon.`,
    `Objectives: ${r.goal.objectives.map(objectiveText).join('; ')}.`,
    ...(r.goal.constraints.length > 0 ? [`Constraints: ${r.goal.constraints.map(constraintText).join('; ')}.`] : []),
    `Varied: ${r.goal.knobs.map(knobRangeText).join('; ')}.`,
  ].join('\n')
  const file = `Goal file (nanoforge.goal version ${GOAL_VERSION}): ${JSON.stringify(r.goalDocument)}`
  const prefix = baseNotes && baseNotes.trim() !== '' ? `${baseNotes.trimEnd()}\n\n` : ''
  const full = `${prefix}${words}\n${file}`
  if (full.length <= NOTES_MAX_CHARS) return full
  const short = `${prefix}${words}`
  return short.length <= NOTES_MAX_CHARS ? short : words.slice(0, NOTES_MAX_CHARS)
}

/** The name of a design opened from the front: the base's name and the point's number. */
export function foundName(baseName: string, point: number): string {
  const suffix = ` (found ${point})`
  return `${baseName.slice(0, NAME_MAX_CHARS - suffix.length)}${suffix}`
}

/** The design a front point opens as: the point's design with the found name and notes. */
export function foundDesign(design: Design, baseNotes: string | undefined, baseName: string, r: FoundRecord): Design {
  return { ...design, name: foundName(baseName, r.point), notes: foundNotes(baseNotes, r) }
}

/** A knob value in the front's hover text: a display name for a choice, the number with its unit. */
export function knobValueText(path: string, value: number | string): string {
  if (typeof value === 'string') return optionLabel(path, value)
  const unit = describeUnit(path)
  return `${numberText(value)}${unit ? ` ${unit}` : ''}`
}

function describeUnit(path: string): string {
  const m = /\(([^)]*)\)$/.exec(knobLabel(path))
  return m ? m[1]! : ''
}

/** A summary of a goal for the panel ("2 objectives, 1 constraint, 3 knobs"). */
export function goalSummaryText(goal: Goal): string {
  const n = (k: number, w: string): string => `${k} ${w}${k === 1 ? '' : 's'}`
  return `${n(goal.objectives.length, 'objective')}, ${n(goal.constraints.length, 'constraint')}, ${n(goal.knobs.length, 'knob')}: ${listText(goal.knobs.map((k) => pathLabel(k.path)))}`
}

/** Metric ids offered in objective and constraint choosers, in registry order. */
export const METRIC_CHOICES: ReadonlyArray<MetricId> = METRIC_IDS

/** A knob's current value in the base, as text ("120 nm", "PLGA 50:50"). */
export function baseValueText(base: Design, path: string): string {
  return knobValueText(path, getKnob(base, path))
}
