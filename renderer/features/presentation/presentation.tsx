import { useEffect, useMemo, useRef, useState } from 'react'
import type { MonteCarloResult } from '../../../shared/engine/pbpk/monte-carlo'
import type { DesignSimulation } from '../../../shared/engine/simulate'
import { estimateAt, useDesignEstimates } from '../../engine/design-estimates'
import { validateDesign } from '../../../shared/design/schema'
import { deriveProperties, type DerivedProperties } from '../../../shared/design/derived'
import type { Design } from '../../../shared/design/types'
import { getApi } from '../../bridge'
import { createCameraLink, type CameraLink } from '../../scene/camera-link'
import { ParticleView } from '../../scene/particle-view'
import { sceneModelFromDesign } from '../../scene/scene-model'
import { useDesignStore } from '../../stores/design-store'
import { DEFAULT_UNCERTAINTY, selectCurrentBand, useEstimateStore } from '../../stores/estimate-store'
import { STALE, createEngineClient, defaultUncertaintyWorkers, type EngineClient, type UncertaintyRun } from '../../engine/engine-client'
import { useLibraryStore } from '../../stores/library-store'
import { CAMERA_PRESET_LABELS, useViewStore } from '../../stores/view-store'
import { designFlagModel } from '../flags/flags-model'
import { SeverityBadge } from '../flags/flags-panel'
import { keyNumbers } from './presentation-numbers'
import { designSeriesStyle, OverlayChart, targetOverlay } from './overlay-chart'
import './presentation.css'
import { useFontPx } from '../../lib/type-scale'
import { betweenStudySentence, foldErrorSentence, predictionIntervalSentence, predictionIntervalShort, withinStudySentence, withinStudyShort } from '../../../shared/engine/validation/measured-accuracy'

interface Shown {
  readonly key: string
  readonly design: Design
  readonly derived: DerivedProperties
}

/** Most designs side by side. */
export const MAX_SIDE_BY_SIDE = 4

/**
 * Presentation mode: full screen (Fullscreen API, or a full-window overlay where it is not
 * allowed), large type, high contrast; the open design with its key numbers, or two to four
 * saved designs side by side under the same camera. Arrow keys step through the camera
 * presets (handled by the app's shortcuts), Esc or "Exit presentation" leaves.
 *
 * Why: design reviews happen on a projector; everything here is readable from the back of
 * the room, and side-by-side views share one camera so differences are real, not angles.
 */
export function Presentation(): React.JSX.Element {
  const root = useRef<HTMLDivElement>(null)
  const setPresentation = useViewStore((s) => s.setPresentation)
  const preset = useViewStore((s) => s.cameraRequest.preset)
  const lastValid = useDesignStore((s) => s.lastValid)
  const simulation = useEstimateStore((s) => s.simulation)
  const simulatedDesign = useEstimateStore((s) => s.simulatedDesign)
  const library = useLibraryStore((s) => s.items)
  const [chosen, setChosen] = useState<ReadonlyArray<string>>([])
  const [others, setOthers] = useState<ReadonlyArray<Shown>>([])
  const [message, setMessage] = useState('')

  useEffect(() => {
    const el = root.current
    // Fullscreen needs a user gesture and may be refused (tests, kiosk): the overlay already fills the window.
    if (el && document.fullscreenEnabled && !document.fullscreenElement) el.requestFullscreen?.().catch(() => undefined)
    const onChange = (): void => {
      // Leaving browser full screen with Esc also leaves presentation mode.
      if (!document.fullscreenElement && wasFull) setPresentation(false)
      wasFull = document.fullscreenElement !== null
    }
    let wasFull = false
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
    }
  }, [setPresentation])

  useEffect(() => {
    let cancelled = false
    void (async () => {
      const loaded: Shown[] = []
      for (const id of chosen) {
        try {
          const res = await getApi().getDesign({ designId: id })
          if (!res.ok) continue
          const checked = validateDesign(res.value.design)
          if (!checked.valid) continue
          loaded.push({ key: id, design: checked.design, derived: deriveProperties(checked.design) })
        } catch {
          // Skip a design that cannot be read; the message says how many are shown.
        }
      }
      if (cancelled) return
      setOthers(loaded)
      setMessage(chosen.length && loaded.length < chosen.length ? `${chosen.length - loaded.length} design(s) could not be loaded.` : '')
    })()
    return () => {
      cancelled = true
    }
  }, [chosen])

  const current: Shown | null = lastValid ? { key: 'current', design: lastValid.design, derived: lastValid.derived } : null
  const shown: ReadonlyArray<Shown> = others.length >= 2 ? others : current ? [current] : []
  // One camera for every design side by side, framing the largest, so sizes compare to scale.
  const cameraLink = useMemo(() => createCameraLink(), [])
  const frameRadiusNm = Math.max(0, ...shown.map((s) => s.derived.outerRadiusNm))
  const currentBand = useEstimateStore(selectCurrentBand)
  const hours = useEstimateStore((s) => s.hours)
  // The saved designs side by side: one worker call for all of them, at the builder's horizon
  // (the same hook the compare dialog uses).
  const otherDesigns = useMemo(() => others.map((o) => o.design), [others])
  const sideBySide = useDesignEstimates(otherDesigns, hours)
  const failures = (sideBySide.items ?? []).flatMap((item, i) => (item.ok ? [] : [`${others[i]?.design.name ?? ''}: ${item.message}`]))
  const estimateError = sideBySide.error ?? (failures.length ? failures.join('; ') : null)
  const simFor = (s: Shown): DesignSimulation | null =>
    s.key === 'current' ? (simulatedDesign === s.design ? simulation : null) : estimateAt(sideBySide, others.indexOf(s))
  // 95 % bands of the saved designs side by side: run on request, one design after the other,
  // in Monte Carlo workers of their own (the builder's band and live estimate are untouched),
  // with the builder's seed, sample count and horizon. Dropped when the designs or horizon change.
  const bandClient = useRef<EngineClient | null>(null)
  const bandRun = useRef<UncertaintyRun | null>(null)
  // Bands belong to one set of designs at one horizon: kept with that key, shown only while it holds.
  const bandKey = `${others.map((o) => o.key).join('|')}@${hours}`
  const [bandState, setBandState] = useState<{ readonly key: string; readonly bands: Readonly<Record<string, MonteCarloResult>>; readonly status: string }>({ key: '', bands: {}, status: '' })
  const sideBands = bandState.key === bandKey ? bandState.bands : {}
  const bandStatus = bandState.key === bandKey ? bandState.status : ''
  useEffect(() => () => {
    bandRun.current?.cancel()
    bandClient.current?.dispose()
  }, [])
  // A run for designs no longer shown is stopped (its answer would be ignored anyway).
  useEffect(() => () => bandRun.current?.cancel(), [bandKey])
  const computeBands = async (): Promise<void> => {
    bandRun.current?.cancel()
    bandClient.current ??= createEngineClient(undefined, defaultUncertaintyWorkers())
    const client = bandClient.current
    const key = bandKey
    const found: Record<string, MonteCarloResult> = {}
    for (const [i, o] of others.entries()) {
      setBandState({ key, bands: { ...found }, status: `Computing 95 % bands: design ${i + 1} of ${others.length}…` })
      const run = client.uncertainty(o.design, { samples: DEFAULT_UNCERTAINTY.samples, seed: DEFAULT_UNCERTAINTY.seed, hours })
      bandRun.current = run
      try {
        const result = await run.promise
        if (result === STALE || bandRun.current !== run) return
        found[o.key] = result
      } catch (error) {
        if (bandRun.current === run) setBandState({ key, bands: { ...found }, status: `Could not compute the band of ${o.design.name}: ${error instanceof Error ? error.message : String(error)}` })
        return
      }
    }
    bandRun.current = null
    setBandState({ key, bands: found, status: `95 % bands from ${DEFAULT_UNCERTAINTY.samples} Monte Carlo samples per design (seed ${DEFAULT_UNCERTAINTY.seed}).` })
  }
  const bandFor = (s: Shown): MonteCarloResult | null => (s.key === 'current' ? (simulatedDesign === s.design ? currentBand : null) : sideBands[s.key] ?? null)
  // Side by side: one chart with every design's curve in its target, in the designs' colours.
  const overlay = shown.length > 1 ? targetOverlay(others.map((o, i) => ({ name: o.design.name, simulation: estimateAt(sideBySide, i) }))) : null

  return (
    <div ref={root} className="presentation" role="dialog" aria-modal="true" aria-label="Presentation mode">
      <header className="presentation-bar">
        <h1>{shown.length === 1 ? shown[0].design.name : `${shown.length} designs side by side`}</h1>
        <p className="presentation-view" role="status">View: {CAMERA_PRESET_LABELS[preset]} · ← → change view · Esc exits</p>
        <button type="button" onClick={() => setPresentation(false)}>Exit presentation</button>
      </header>
      <div className={`presentation-grid count-${shown.length}`}>
        {shown.map((s) => (
          <PresentedDesign
            key={s.key}
            shown={s}
            simulation={simFor(s)}
            band={bandFor(s)}
            compact={shown.length > 1}
            estimating={s.key !== 'current' && sideBySide.pending}
            cameraLink={shown.length > 1 ? { link: cameraLink, id: s.key } : undefined}
            frameRadiusNm={shown.length > 1 ? frameRadiusNm : undefined}
            seriesIndex={shown.length > 1 ? others.indexOf(s) : undefined}
          />
        ))}
      </div>
      {overlay && overlay.series.length > 0 && <OverlayChart model={overlay} hours={hours} />}
      {/* a review reads the estimates with how far published values fell from them */}
      {/* side by side, a review reads differences: how often the engine had their direction right */}
      <p className="presentation-accuracy" title={`${predictionIntervalSentence()} ${shown.length > 1 ? `${withinStudySentence()} ` : ''}${foldErrorSentence()} ${betweenStudySentence()}`}>
        Estimates: {predictionIntervalShort()}{shown.length > 1 ? `; ${withinStudyShort()}` : ''}.
      </p>
      <details className="presentation-pick">
        <summary>Compare saved designs (2–{MAX_SIDE_BY_SIDE})</summary>
        <fieldset>
          <legend>Designs shown side by side</legend>
          {library.length === 0 && <p>No saved designs yet.</p>}
          {library.map((item) => {
            const on = chosen.includes(item.designId)
            return (
              <label key={item.designId} className="presentation-choice">
                <input
                  type="checkbox"
                  checked={on}
                  disabled={!on && chosen.length >= MAX_SIDE_BY_SIDE}
                  onChange={(e) => setChosen((c) => (e.target.checked ? [...c, item.designId] : c.filter((x) => x !== item.designId)))}
                />
                {item.name}
              </label>
            )
          })}
          <p role="status">{chosen.length === 1 ? 'Choose at least one more design.' : message}{estimateError ? ` Could not estimate ${estimateError}.` : ''}</p>
          {others.length >= 2 && (
            <p className="presentation-bands">
              <button type="button" onClick={() => void computeBands()} disabled={bandStatus.startsWith('Computing')}>Compute 95 % bands</button>
              {' '}<span role="status">{bandStatus}</span>
            </p>
          )}
        </fieldset>
      </details>
    </div>
  )
}

/** A label's plate is this many times its text's height (renderer/scene/scene-label.ts draws the text at 1/1.4 of the plate). */
const LABEL_PLATE_PER_TEXT = 1.4

/**
 * Layer labels in presentation mode: their text as large as the mode's own labels, whose size
 * the mode's stylesheet sets (presentation.css: 1.4vw, at least 18 px), read from the element
 * and followed as the window is resized. Why: the labels' plates were 1.1vw with their text at
 * 1/1.4 of that, so in a review on a shared screen the names of the core and shells were the
 * smallest text on it (15 px at 1920 × 1080 beside 27 px labels). Side by side (`compact`) each
 * view is a fraction of the screen, and labels that large stood over the particles (at 1280 ×
 * 720 a view is 130 px tall); there the plate, not the text, is the labels' size, which still
 * keeps the column beside the particle.
 */
function usePresentationLabelPx(element: React.RefObject<HTMLElement | null>, compact: boolean): number {
  const textPx = useFontPx(element)
  return Math.round(compact ? textPx : LABEL_PLATE_PER_TEXT * textPx)
}

function PresentedDesign({ shown, simulation, band, compact, estimating, cameraLink, frameRadiusNm, seriesIndex }: {
  readonly shown: Shown
  readonly simulation: DesignSimulation | null
  readonly band: MonteCarloResult | null
  readonly compact: boolean
  readonly estimating: boolean
  readonly cameraLink?: { readonly link: CameraLink; readonly id: string }
  readonly frameRadiusNm?: number
  /** Position side by side: the design's colour and dash in the overlaid chart. */
  readonly seriesIndex?: number
}): React.JSX.Element {
  const model = useMemo(() => sceneModelFromDesign(shown.design, shown.derived), [shown])
  const numbers = keyNumbers(shown.derived, simulation, band, compact)
  // The risks a review must see (caution and concern flags, most serious first); info flags
  // are routine measurements and stay in the builder's Flags tab.
  const risks = designFlagModel(shown.design).flags.filter((f) => f.severity !== 'info')
  const section = useRef<HTMLElement>(null)
  const labelPx = usePresentationLabelPx(section, compact)
  return (
    <section ref={section} className="presented" aria-label={shown.design.name}>
      <div className="presented-view">
        <ParticleView
          model={model}
          caption={false}
          probe={!compact}
          title={`3D view of ${shown.design.name}`}
          cameraLink={cameraLink}
          frameRadiusNm={frameRadiusNm}
          labelPx={labelPx}
        />
      </div>
      <h2>
        {seriesIndex !== undefined && seriesIndex >= 0 && (
          <svg className="presented-key" viewBox="0 0 48 12" aria-hidden="true"><line x1="0" x2="48" y1="6" y2="6" stroke={designSeriesStyle(seriesIndex).colour} strokeWidth="4" strokeDasharray={designSeriesStyle(seriesIndex).dash.split(' ').filter(Boolean).map((n) => 2 * Number(n)).join(' ') || undefined} /></svg>
        )}
        {shown.design.name}
      </h2>
      <dl className="presented-numbers">
        {numbers.map((n) => (
          <div key={n.label} className={`presented-number is-${n.kind}`}>
            <dt>{n.label}</dt>
            <dd><span className="presented-figure">{n.value}</span>{n.unit ? <>{' '}<span className="presented-unit">{n.unit}</span></> : null}{n.band ? <span className="presented-band">{n.band}</span> : null}</dd>
          </div>
        ))}
      </dl>
      {risks.length > 0 && (
        <ul className="presented-flags" aria-label={`Translation flags of ${shown.design.name}`}>
          {risks.map((f) => <li key={f.id}><SeverityBadge severity={f.severity} /> {f.title}</li>)}
        </ul>
      )}
      {estimating ? <p className="presented-note" role="status">Estimating outcomes…</p> : null}
    </section>
  )
}
