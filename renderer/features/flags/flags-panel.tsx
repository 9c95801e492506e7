import type { Design } from '../../../shared/design/types'
import type { Flag, FlagSeverity } from '../../../shared/flags/rules'
import { useDesignStore, type DesignState } from '../../stores/design-store'
import { SEVERITY_DISPLAY, designFlagModel, flagEvidenceText } from './flags-model'
import './flags.css'

/**
 * The design the flags are shown for: the form's design when it is valid, else the last
 * valid one (the rules need a validated design; the panel says which it shows).
 */
export function flagDesignOf(s: Pick<DesignState, 'validation' | 'lastValid'>): Design | null {
  return s.validation.valid ? s.validation.design : s.lastValid?.design ?? null
}

/** Caution and concern flags of the open design, for the tab label; null with no valid design yet. */
export function useFlagAttentionCount(): number | null {
  return useDesignStore((s) => {
    const design = flagDesignOf(s)
    return design ? designFlagModel(design).attentionCount : null
  })
}

/**
 * The severity icon: a shape per severity (circle, triangle, octagon) in its colour, with a
 * mark inside, so severities differ in shape and word as well as colour. Decorative: the
 * word beside it carries the meaning for screen readers.
 */
export function SeverityIcon({ severity, sizePx = 18 }: { readonly severity: FlagSeverity; readonly sizePx?: number }): React.JSX.Element {
  const { shape, colour } = SEVERITY_DISPLAY[severity]
  return (
    <svg className="flag-icon" width={sizePx} height={sizePx} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {shape === 'circle' && <circle cx="10" cy="10" r="9" fill={colour} />}
      {shape === 'triangle' && <polygon points="10,1 19.5,18.5 0.5,18.5" fill={colour} />}
      {shape === 'octagon' && <polygon points="6,1 14,1 19,6 19,14 14,19 6,19 1,14 1,6" fill={colour} />}
      {shape === 'circle'
        ? <><rect x="8.8" y="8.5" width="2.4" height="7" fill="#000" /><circle cx="10" cy="5.4" r="1.4" fill="#000" /></>
        : <><rect x="8.8" y={shape === 'triangle' ? 6.5 : 4.5} width="2.4" height="7" fill={shape === 'octagon' ? '#fff' : '#000'} /><circle cx="10" cy={shape === 'triangle' ? 16 : 15.6} r="1.4" fill={shape === 'octagon' ? '#fff' : '#000'} /></>}
    </svg>
  )
}

/** A severity as icon and word ("▲ Caution"), with its meaning as the tooltip. */
export function SeverityBadge({ severity }: { readonly severity: FlagSeverity }): React.JSX.Element {
  const d = SEVERITY_DISPLAY[severity]
  return (
    <span className={`flag-severity is-${severity}`} title={`${d.word}: ${d.meaning}`}>
      <SeverityIcon severity={severity} />
      <span className="flag-severity-word">{d.word}</span>
    </span>
  )
}

function FlagCard({ flag }: { readonly flag: Flag }): React.JSX.Element {
  return (
    <li className={`flag-card is-${flag.severity}`} style={{ borderLeftColor: SEVERITY_DISPLAY[flag.severity].colour }}>
      <h3 className="flag-title"><SeverityBadge severity={flag.severity} /> {flag.title}</h3>
      <p className="flag-why">{flag.why}</p>
      <dl className="flag-facts">
        <dt>Measure next</dt>
        <dd>{flag.measure}</dd>
        <dt>Source</dt>
        <dd>
          {flag.source}{' '}
          <span className={`evidence-tag flag-evidence evidence-${flag.evidence}`} title={flagEvidenceText(flag.evidence)}>[{flag.evidence}]</span>{' '}
          <span className="flag-evidence-text">{flagEvidenceText(flag.evidence)}</span>
        </dd>
      </dl>
    </li>
  )
}

/**
 * The translation flags of the open design (issue #16), live: recomputed as the form changes
 * (pure rules, no simulation; cost measured in flags-model.ts), most serious first, each with
 * its severity (icon and word), title, the design-specific reason, what to measure next and
 * its source with the evidence tag.
 */
export function FlagsPanel(): React.JSX.Element {
  const design = useDesignStore(flagDesignOf)
  const formValid = useDesignStore((s) => s.validation.valid)
  if (!design) return <p className="estimate-empty">The form has errors: flags appear once the design is valid.</p>
  const model = designFlagModel(design)
  return (
    <div className="flags">
      <p className="estimate-note flags-summary" aria-live="polite">
        {model.summary}{formValid ? '' : ' The form has errors: these are the flags of the last valid design.'}
      </p>
      <p className="estimate-note flags-legend">
        {(['concern', 'caution', 'info'] as const).map((s) => (
          <span key={s} className="flags-legend-item"><SeverityBadge severity={s} /> {SEVERITY_DISPLAY[s].meaning}</span>
        ))}
      </p>
      {model.flags.length > 0 && (
        <ol className="flag-list" aria-label="Translation flags, most serious first">
          {model.flags.map((f) => <FlagCard key={f.id} flag={f} />)}
        </ol>
      )}
    </div>
  )
}
