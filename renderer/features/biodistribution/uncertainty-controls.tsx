import { useId, useState } from 'react'
import './uncertainty.css'
import { bandCoverageSentence, foldErrorSentence } from '../../../shared/engine/validation/measured-accuracy'
import { DEFAULT_UNCERTAINTY, UNCERTAINTY_SAMPLE_LIMITS, selectCurrentBand, useEstimateStore } from '../../stores/estimate-store'

/** Parses the sample-count field; returns the count or the message to show. */
export function parseSampleCount(text: string): { readonly samples: number } | { readonly error: string } {
  const trimmed = text.trim()
  const { min, max } = UNCERTAINTY_SAMPLE_LIMITS
  if (!/^\d+$/.test(trimmed)) return { error: `Enter a whole number of samples from ${min} to ${max}.` }
  const samples = Number(trimmed)
  if (samples < min || samples > max) return { error: `Samples must be from ${min} to ${max} (got ${samples}).` }
  return { samples }
}

/**
 * Monte Carlo controls: sample count, "Compute uncertainty (N samples)", a progress bar and
 * Cancel. The run happens in its own worker, so the 3D view and the form stay responsive;
 * Cancel terminates that worker at once.
 */
export function UncertaintyControls(): React.JSX.Element {
  const id = useId()
  const [text, setText] = useState(String(DEFAULT_UNCERTAINTY.samples))
  const parsed = parseSampleCount(text)
  const progress = useEstimateStore((s) => s.uncertaintyProgress)
  const status = useEstimateStore((s) => s.uncertaintyStatus)
  const runError = useEstimateStore((s) => s.uncertaintyError)
  const band = useEstimateStore(selectCurrentBand)
  const elapsedMs = useEstimateStore((s) => s.uncertaintyElapsedMs)
  const hasDesign = useEstimateStore((s) => s.requestedDesign !== null)
  const running = status === 'running'
  const samplesLabel = 'samples' in parsed ? `${parsed.samples} samples` : 'N samples'

  let summary = `No uncertainty band yet: the curves are the nominal estimate. ${foldErrorSentence()}`
  if (running && progress) summary = `Computing the band: ${progress.done} of ${progress.total} samples…`
  else if (band) summary = `95 % band (2.5–97.5 %) from ${band.samples} Monte Carlo samples, seed ${band.seed}${elapsedMs !== null ? `, ${(elapsedMs / 1000).toFixed(1)} s` : ''}. ${bandCoverageSentence()}`
  else if (status === 'cancelled') summary = 'Uncertainty run cancelled; no band shown.'
  else if (status === 'error') summary = `Uncertainty run failed: ${runError ?? 'unknown error'}`

  return (
    <div className="uncertainty-controls">
      <label htmlFor={`${id}-n`}>Monte Carlo samples</label>
      <input
        id={`${id}-n`}
        type="number"
        inputMode="numeric"
        min={UNCERTAINTY_SAMPLE_LIMITS.min}
        max={UNCERTAINTY_SAMPLE_LIMITS.max}
        step={1}
        value={text}
        aria-invalid={'error' in parsed}
        aria-describedby={'error' in parsed ? `${id}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      <button
        type="button"
        disabled={!hasDesign || 'error' in parsed}
        onClick={() => {
          if ('samples' in parsed) void useEstimateStore.getState().runUncertainty(null, parsed.samples)
        }}
      >
        Compute uncertainty ({samplesLabel})
      </button>
      {running ? (
        <>
          <div
            className="uncertainty-progress"
            role="progressbar"
            aria-label="Uncertainty progress (samples)"
            aria-valuemin={0}
            aria-valuemax={progress?.total ?? 0}
            aria-valuenow={progress?.done ?? 0}
            aria-valuetext={`${progress?.done ?? 0} of ${progress?.total ?? 0} samples`}
          >
            <div className="uncertainty-progress-fill" style={{ width: `${progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0}%` }} />
          </div>
          <button type="button" onClick={() => useEstimateStore.getState().cancelUncertainty()}>Cancel</button>
        </>
      ) : null}
      {'error' in parsed ? <span id={`${id}-err`} className="uncertainty-error" role="alert">{parsed.error}</span> : null}
      <p className="uncertainty-summary" aria-live="polite">{summary}</p>
    </div>
  )
}
