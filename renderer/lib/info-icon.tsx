/**
 * A small "information" icon drawn as inline SVG (a circle with an i), sized to the text.
 *
 * Why not the ⓘ character: it is missing from common Linux fonts and renders as an empty box;
 * an SVG needs no font and obeys the CSP (attributes, no inline style). Decorative: the
 * element it decorates carries the explanation (title or text).
 */
export function InfoIcon(): React.JSX.Element {
  return (
    <svg className="info-icon" viewBox="0 0 16 16" width="0.9em" height="0.9em" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8" cy="4.6" r="1.1" fill="currentColor" />
      <rect x="7" y="6.8" width="2" height="5.6" rx="0.6" fill="currentColor" />
    </svg>
  )
}
