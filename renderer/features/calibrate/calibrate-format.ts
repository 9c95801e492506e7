/**
 * Words and numbers of the Calibrate dialog and the profile picker: parameter names instead of
 * ids, shares as percentages, medians with their 95 % intervals, the "far from the profile's
 * designs" warnings with display names, and the log axis of the prior-vs-posterior chart.
 */
import type { Design } from '../../../shared/design/types'
import { deriveProperties } from '../../../shared/design/derived'
import { fieldDef } from '../../../shared/design/fields'
import { DIAMETER_TOLERANCE, surfaceOf, type DesignDomain } from '../../../shared/engine/calibrate/domain'
import { CALIBRATION_PARAMETER_IDS, CALIBRATION_PARAMETER_LABELS, type CalibrationParameterId } from '../../../shared/engine/calibrate/parameters'
import type { CalibrationProfileListItem } from '../../../shared/ipc/channels/profile'
import { displayName } from '../../lib/display-names'
import { formatValue } from '../biodistribution/biodistribution-model'
import { METRIC_IDS, getMetric } from '../../../shared/metrics/registry'

/** The display name of a calibration parameter (never its id on screen). */
export function parameterName(id: string): string {
  return (CALIBRATION_PARAMETER_LABELS as Readonly<Record<string, string>>)[id] ?? id
}

/** Parameter ids in a sentence replaced by their names ("R-hat of liverKMax is …" → "R-hat of Liver phagocytic uptake (K_max) is …"). */
export function withParameterNames(text: string): string {
  let out = text
  for (const id of CALIBRATION_PARAMETER_IDS) out = out.replace(new RegExp(`\\b${id}\\b`, 'g'), CALIBRATION_PARAMETER_LABELS[id])
  return out
}

/** A share 0–1 as a whole percentage ("89 %"), or "—" when not computed. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(100 * share)} %`
}

/** A multiplier median and its 95 % interval: "1.9 (1.5–2.3)". */
export function formatInterval(x: { readonly median: number; readonly ci95: readonly [number, number] } | null): string {
  return x === null ? '—' : `${formatValue(x.median)} (${formatValue(x.ci95[0])}–${formatValue(x.ci95[1])})`
}

/** R-hat to 3 decimals, ESS as a whole number; "—" when undefined. */
export function formatRHat(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3)
}
export function formatEss(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : String(Math.round(v))
}

/** One line of the profile picker: "lab A, version 2 (3 designs): within 2-fold 72 % → 91 %, held out 88 %". */
export function profileOptionText(p: CalibrationProfileListItem): string {
  if (p.problem !== undefined) return `${p.name}, version ${p.version}: cannot be read by this version of NanoForge`
  const w = p.within2Fold
  const checks = w ? `: within 2-fold ${formatShare(w.before)} → ${formatShare(w.after)}${w.leaveOneOut !== null ? `, held out ${formatShare(w.leaveOneOut)}` : ''}` : ''
  return `${p.name}, version ${p.version} (${p.designs} design${p.designs === 1 ? '' : 's'})${checks}`
}

const named = (id: string): string => displayName(id) ?? id

/** The outer surface as words: "PEG", "Red blood cell membrane", "Chitosan coating", "bare core". */
function surfaceName(surface: string): string {
  if (surface === 'bare') return 'bare core'
  if (surface === 'peg') return 'PEG'
  const [kind, id] = surface.split(':')
  const name = named(id ?? '')
  return kind === 'membrane' ? name : `${name} coating`
}

/**
 * The ways a design lies outside a profile's training designs, in words (the checks of
 * domainWarnings, shared/engine/calibrate/domain.ts, with display names in place of ids).
 */
export function profileDomainWarnings(design: Design, domain: DesignDomain): string[] {
  const out: string[] = []
  const d = deriveProperties(design).hydrodynamicDiameterNm
  const [lo, hi] = domain.hydrodynamicDiameterNm
  if (d < lo / DIAMETER_TOLERANCE || d > hi * DIAMETER_TOLERANCE) {
    const range = lo === hi ? `${formatValue(lo)} nm` : `${formatValue(lo)}–${formatValue(hi)} nm`
    out.push(`Hydrodynamic diameter ${formatValue(d)} nm is outside the profile's designs (${range}, ×/÷ ${DIAMETER_TOLERANCE} allowed).`)
  }
  const outside = (what: string, value: string, known: ReadonlyArray<string>, name: (v: string) => string = named): void => {
    if (!known.includes(value)) out.push(`${what} ${name(value)} is not among the profile's designs (${known.map(name).join(', ')}).`)
  }
  const label = (path: string): string => fieldDef(path)?.label ?? path
  outside(label('core.material'), design.core.material, domain.coreMaterials)
  outside('Outer surface', surfaceOf(design), domain.surfaces, surfaceName)
  outside(label('context.species'), design.context.species, domain.species)
  outside(label('context.disease'), design.context.disease, domain.diseases)
  return out
}

/** A log axis for multipliers: bounds at 1-2-5 steps around the values, and ticks on them. */
export interface LogAxis {
  readonly min: number
  readonly max: number
  readonly ticks: ReadonlyArray<number>
  /** Position 0–1 of a value on the axis (clamped). */
  position(value: number): number
}

const STEPS = [1, 2, 5] as const

/** The 1-2-5 value at or below v (or at or above with `up`). */
function step125(v: number, up: boolean): number {
  const decade = Math.pow(10, Math.floor(Math.log10(v)))
  const candidates = [-1, 0, 1].flatMap((k) => STEPS.map((s) => s * decade * Math.pow(10, k)))
  const fit = up ? candidates.filter((c) => c >= v * (1 - 1e-12)) : candidates.filter((c) => c <= v * (1 + 1e-12))
  return up ? Math.min(...fit) : Math.max(...fit)
}

/** The axis covering every value (all > 0) and 1, the engine's nominal multiplier. */
export function logAxis(values: ReadonlyArray<number>): LogAxis {
  const positive = values.filter((v) => v > 0 && Number.isFinite(v))
  const min = step125(Math.min(1, ...positive), false)
  const max = step125(Math.max(1, ...positive), true)
  const ticks: number[] = []
  for (let e = Math.floor(Math.log10(min)) - 1; e <= Math.ceil(Math.log10(max)); e++) {
    for (const s of STEPS) {
      const t = s * Math.pow(10, e)
      if (t >= min * (1 - 1e-9) && t <= max * (1 + 1e-9)) ticks.push(Number(t.toPrecision(6)))
    }
  }
  const lnMin = Math.log(min)
  const span = Math.log(max) - lnMin
  return { min, max, ticks, position: (v) => Math.min(1, Math.max(0, (Math.log(Math.max(v, 1e-300)) - lnMin) / span)) }
}

/** The parameters offered in the dialog, in the engine's order, with their names. */
export const PARAMETER_CHOICES: ReadonlyArray<{ readonly id: CalibrationParameterId; readonly name: string }> =
  CALIBRATION_PARAMETER_IDS.map((id) => ({ id, name: CALIBRATION_PARAMETER_LABELS[id] }))

/**
 * A sentence of the engine's reports in words: metric ids become their names ("t50InflamedH" →
 * "t50 in inflamed tissue"), parameter ids their names, and the library ids in `names`
 * (measurements, designs) the names people know them by.
 */
export function humanizeReport(text: string, names: ReadonlyMap<string, string> = new Map()): string {
  let out = withParameterNames(text)
  for (const id of METRIC_IDS) out = out.replace(new RegExp(`\\b${id}\\b`, 'g'), getMetric(id).label)
  for (const [id, name] of names) out = out.split(id).join(name)
  return out
}
