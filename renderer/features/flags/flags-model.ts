/**
 * What the flag panel shows (issue #16): the translation flags of the open design, most
 * serious first, each severity with an icon shape and a word (never colour alone), and the
 * count the estimate tab's label carries.
 *
 * Why a model apart from the component: the ordering, the counts and the tab label are the
 * facts a reviewer relies on, so they are pure functions tested against `evaluateFlags`.
 *
 * Cost: `evaluateFlags` builds its context from the catalog and the derived properties
 * without a simulation. Measured on this machine (2 shared cores, Node 22, tsx, 2000 calls
 * after 200 warm-up calls on the default design and the three examples): median 10–18 µs,
 * 99th percentile 65–115 µs per call. That is far below one 16 ms frame, so it runs on the UI
 * thread, memoised per design object (one evaluation per edit, shared by the tab label, the
 * panel and presentation mode), and not in the engine worker.
 */
import type { Design } from '../../../shared/design/types'
import { evaluateFlags } from '../../../shared/flags/evaluate'
import { FLAG_SEVERITIES, type Flag, type FlagSeverity } from '../../../shared/flags/rules'
import { OKABE_ITO } from '../../lib/palette'

/** How one severity is shown: a word, an icon shape (drawn by the panel) and a colour. */
export interface SeverityDisplay {
  /** The word beside the icon ("Concern"). */
  readonly word: string
  /** The word for more than one ("2 cautions"), for the summary line. */
  readonly plural: string
  /** Icon shape, so the severity reads without colour: circle, triangle, octagon. */
  readonly shape: 'circle' | 'triangle' | 'octagon'
  /** Okabe–Ito colour of the icon and the card's edge (Okabe & Ito 2008). */
  readonly colour: string
  /** What the severity means (rules.ts: info, caution, concern), for the legend and tooltip. */
  readonly meaning: string
}

/**
 * Severities as shown. Colours: Okabe–Ito sky blue, yellow and vermillion (renderer/lib/
 * palette.ts), which stay apart under deuteranopia and protanopia; each is drawn with its own
 * shape and named by its word, so colour is never the only cue (WCAG 2.1 SC 1.4.1).
 */
export const SEVERITY_DISPLAY: Readonly<Record<FlagSeverity, SeverityDisplay>> = {
  info: { word: 'Info', plural: 'info', shape: 'circle', colour: OKABE_ITO.skyBlue, meaning: 'a quality attribute the guidance expects to be measured' },
  caution: { word: 'Caution', plural: 'cautions', shape: 'triangle', colour: OKABE_ITO.yellow, meaning: 'a known risk of this kind of particle' },
  concern: { word: 'Concern', plural: 'concerns', shape: 'octagon', colour: OKABE_ITO.vermillion, meaning: 'a risk that can stop development' },
}

/** Evidence tags of a flag's source, in words (rules.ts, `Flag.evidence`). */
const FLAG_EVIDENCE_TEXT: Readonly<Record<Flag['evidence'], string>> = {
  V: 'verified in the source',
  U: 'recalled, not yet re-read against the publication',
}

/** A flag's evidence tag in words. */
export function flagEvidenceText(tag: Flag['evidence']): string {
  return FLAG_EVIDENCE_TEXT[tag]
}

/** The panel's content for one design. */
export interface FlagPanelModel {
  /** Flags most serious first; rule order within a severity. */
  readonly flags: ReadonlyArray<Flag>
  /** How many flags of each severity. */
  readonly counts: Readonly<Record<FlagSeverity, number>>
  /** Caution and concern flags: the risks, counted in the tab label (info flags are routine). */
  readonly attentionCount: number
  /** The estimate tab's label: "Flags (n)" with n = {@link attentionCount}. */
  readonly tabLabel: string
  /** One line over the list: how many of each severity, most serious first. */
  readonly summary: string
}

/** Severity rank: 0 for info, larger is more serious. */
const rank = (s: FlagSeverity): number => FLAG_SEVERITIES.indexOf(s)

/** Severities counted in the tab label. */
const ATTENTION: ReadonlyArray<FlagSeverity> = ['caution', 'concern']

/** The tab label for a number of caution and concern flags. */
export function flagsTabLabel(attentionCount: number): string {
  return `Flags (${attentionCount})`
}

/**
 * The panel model of a list of flags. The order is made here too (stable: most serious
 * first, the given order within a severity), so the panel does not depend on the evaluator
 * having sorted.
 */
export function flagPanelModel(raised: ReadonlyArray<Flag>): FlagPanelModel {
  const flags = raised.map((f, i) => ({ f, i })).sort((a, b) => rank(b.f.severity) - rank(a.f.severity) || a.i - b.i).map(({ f }) => f)
  const counts = { info: 0, caution: 0, concern: 0 } as Record<FlagSeverity, number>
  for (const f of flags) counts[f.severity] += 1
  const attentionCount = ATTENTION.reduce((n, s) => n + counts[s], 0)
  const parts = [...FLAG_SEVERITIES].reverse().filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${counts[s] === 1 ? SEVERITY_DISPLAY[s].word.toLowerCase() : SEVERITY_DISPLAY[s].plural}`)
  const summary = flags.length === 0 ? 'This design raises no translation flag.' : `This design raises ${flags.length} ${flags.length === 1 ? 'flag' : 'flags'}: ${parts.join(', ')}.`
  return { flags, counts, attentionCount, tabLabel: flagsTabLabel(attentionCount), summary }
}

/**
 * The flags of a design, evaluated once per design object: the design store makes a new
 * object on every edit, so the tab label, the panel and presentation mode share one
 * evaluation per edit, and a discarded design is garbage-collected with its entry.
 */
const cache = new WeakMap<Design, FlagPanelModel>()

/** {@link flagPanelModel} of `evaluateFlags(design)`, memoised per design object. */
export function designFlagModel(design: Design): FlagPanelModel {
  let model = cache.get(design)
  if (!model) {
    model = flagPanelModel(evaluateFlags(design))
    cache.set(design, model)
  }
  return model
}
