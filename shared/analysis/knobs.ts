/**
 * Knobs with ranges: what a sensitivity analysis or the optimiser varies, and how a point of
 * the unit hypercube [0, 1]^k becomes a design (issue 13).
 *
 * A numeric knob is sampled uniformly on [min, max], or log-uniformly when the range spans
 * a decade or more (max/min ≥ 10, min > 0): a ligand count from 10 to 10,000 or a dose from
 * 0.1 to 10 mg/kg matters per factor, not per unit, and a linear sample would put 99 % of
 * the points in the top decade. A goal file may force either with `"scale"`. Whole-number
 * knobs are rounded after mapping. A categorical knob maps u to option ⌊u·n⌋.
 */
import { nearest } from '../design/nearest-id'
import type { Design, DesignIssue } from '../design/types'
import type { DesignValidation } from '../design/schema'
import { KnobPathError, describeKnob, getKnob, numericKnobPaths, setKnob, setKnobs, type KnobValue } from './design-paths'

/** Sampling scale of a numeric knob. */
export type KnobScale = 'linear' | 'log'

/** A `vary` entry as written: a numeric range or a list of options. */
export type VarySpec =
  | { readonly path: string; readonly min: number; readonly max: number; readonly scale?: KnobScale }
  | { readonly path: string; readonly options: ReadonlyArray<string> }

/** A knob ready to sample. */
export type Knob =
  | { readonly path: string; readonly kind: 'continuous' | 'integer'; readonly unit: string; readonly min: number; readonly max: number; readonly scale: KnobScale }
  | { readonly path: string; readonly kind: 'categorical'; readonly unit: ''; readonly options: ReadonlyArray<string> }

/** Range ratio from which a numeric knob is sampled log-uniformly by default. */
export const LOG_SCALE_MIN_RATIO = 10

/** The default scale of a numeric range: log when it spans a decade and is positive. */
export function defaultScale(min: number, max: number): KnobScale {
  return min > 0 && max / min >= LOG_SCALE_MIN_RATIO ? 'log' : 'linear'
}

/** The value of a knob at u ∈ [0, 1]. */
export function knobValue(knob: Knob, u: number): KnobValue {
  const v = Math.min(1, Math.max(0, u))
  if (knob.kind === 'categorical') return knob.options[Math.min(knob.options.length - 1, Math.floor(v * knob.options.length))]!
  const x = knob.scale === 'log'
    ? Math.exp(Math.log(knob.min) + v * (Math.log(knob.max) - Math.log(knob.min)))
    : knob.min + v * (knob.max - knob.min)
  // exp/log round-off must not step outside the validated range; 12 significant digits
  // (1e-12 relative, far below any knob's meaning) make round trips exact (0.5, not
  // 0.49999999999999994), so the base design maps back to itself and prints as written
  const clipped = Math.min(knob.max, Math.max(knob.min, Number(x.toPrecision(12))))
  return knob.kind === 'integer' ? Math.min(knob.max, Math.max(knob.min, Math.round(clipped))) : clipped
}

/**
 * The unit coordinate of a value (the inverse of {@link knobValue}), clipped to [0, 1]; for a
 * categorical knob, the middle of the option's interval, or null when the value is not one
 * of its options.
 */
export function knobUnit(knob: Knob, value: KnobValue): number | null {
  if (knob.kind === 'categorical') {
    const i = knob.options.indexOf(String(value))
    return i < 0 ? null : (i + 0.5) / knob.options.length
  }
  const x = Number(value)
  const u = knob.scale === 'log'
    ? (Math.log(x) - Math.log(knob.min)) / (Math.log(knob.max) - Math.log(knob.min))
    : (x - knob.min) / (knob.max - knob.min)
  return Math.min(1, Math.max(0, u))
}

/** The design at unit point `u` (one coordinate per knob), validated. */
export function designAt(base: Design, knobs: ReadonlyArray<Knob>, u: ReadonlyArray<number>): DesignValidation {
  return setKnobs(base, knobs.map((k, i) => [k.path, knobValue(k, u[i]!)] as const))
}

/** Result of {@link resolveKnobs}: knobs, or every problem with its JSON path. */
export type KnobResolution =
  | { readonly ok: true; readonly knobs: Knob[] }
  | { readonly ok: false; readonly errors: DesignIssue[] }

/**
 * Checks `vary` entries against a base design and returns knobs: each path must be a knob of
 * the base, a numeric range must have min < max inside the validator's limits and give a
 * valid design at both ends, and every option must be a known id that gives a valid design
 * on the base. Errors carry JSON paths under `where` (`vary[2].options[1]`). A null entry
 * (one the caller already rejected) is skipped but keeps its index, so paths stay true.
 */
export function resolveKnobs(base: Design, vary: ReadonlyArray<VarySpec | null>, where = 'vary'): KnobResolution {
  const errors: DesignIssue[] = []
  const knobs: Knob[] = []
  const seen = new Map<string, number>()
  vary.forEach((spec, i) => {
    if (spec === null) return
    const at = `${where}[${i}]`
    let info
    try {
      info = describeKnob(base, spec.path)
    } catch (error) {
      if (error instanceof KnobPathError) {
        errors.push({ path: `${at}.path`, message: error.message })
        return
      }
      throw error
    }
    const earlier = seen.get(spec.path)
    if (earlier !== undefined) {
      errors.push({ path: `${at}.path`, message: `${spec.path} is already varied by ${where}[${earlier}]` })
      return
    }
    seen.set(spec.path, i)
    const rejected = (value: KnobValue): string | undefined => {
      const checked = setKnob(base, spec.path, value)
      return checked.valid ? undefined : checked.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    }
    if (info.kind === 'categorical') {
      if (!('options' in spec)) {
        errors.push({ path: at, message: `${spec.path} is a choice of ids, so give "options": [...] instead of min and max${info.options ? ` (known: ${info.options.join(', ')})` : ''}` })
        return
      }
      let ok = true
      if (spec.options.length < 2) {
        errors.push({ path: `${at}.options`, message: 'give at least two options to choose between' })
        ok = false
      }
      spec.options.forEach((option, j) => {
        if (spec.options.indexOf(option) !== j) {
          errors.push({ path: `${at}.options[${j}]`, message: `"${option}" is listed twice` })
          ok = false
          return
        }
        if (info.options && !info.options.includes(option)) {
          const guess = nearest(option, info.options)
          errors.push({ path: `${at}.options[${j}]`, message: `"${option}" is not a known id for ${spec.path}${guess ? `; did you mean "${guess}"?` : ''} (known: ${info.options.join(', ')})` })
          ok = false
          return
        }
        const why = rejected(option)
        if (why !== undefined) {
          errors.push({ path: `${at}.options[${j}]`, message: `${spec.path} = "${option}" does not give a valid design from the base: ${why}` })
          ok = false
        }
      })
      if (ok) knobs.push({ path: spec.path, kind: 'categorical', unit: '', options: [...spec.options] })
      return
    }
    if (!('min' in spec)) {
      errors.push({ path: at, message: `${spec.path} is a number, so give "min" and "max" instead of options` })
      return
    }
    const unit = info.unit ? ` ${info.unit}` : ''
    let ok = true
    if (!(spec.min < spec.max)) {
      errors.push({ path: `${at}.max`, message: `max (${spec.max}) must be greater than min (${spec.min})` })
      ok = false
    }
    if (info.min !== undefined && (info.minExclusive ? spec.min <= info.min : spec.min < info.min)) {
      errors.push({ path: `${at}.min`, message: `${spec.path} must be ${info.minExclusive ? 'greater than' : 'at least'} ${info.min}${unit}, got ${spec.min}` })
      ok = false
    }
    if (info.max !== undefined && spec.max > info.max) {
      errors.push({ path: `${at}.max`, message: `${spec.path} must be at most ${info.max}${unit}, got ${spec.max}` })
      ok = false
    }
    if (info.kind === 'integer' && (!Number.isInteger(spec.min) || !Number.isInteger(spec.max))) {
      errors.push({ path: `${at}.min`, message: `${spec.path} is a whole number, so min and max must be whole numbers` })
      ok = false
    }
    const scale = spec.scale ?? defaultScale(spec.min, spec.max)
    if (scale === 'log' && !(spec.min > 0)) {
      errors.push({ path: `${at}.scale`, message: `a log scale needs min > 0, got ${spec.min}` })
      ok = false
    }
    if (!ok) return
    for (const end of ['min', 'max'] as const) {
      const why = rejected(spec[end])
      if (why !== undefined) {
        errors.push({ path: `${at}.${end}`, message: `${spec.path} = ${spec[end]} does not give a valid design from the base: ${why}` })
        ok = false
      }
    }
    if (ok) knobs.push({ path: spec.path, kind: info.kind, unit: info.unit, min: spec.min, max: spec.max, scale })
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, knobs }
}

/** Default half-width of a design's ranges, as a factor: [x/2, 2x]. */
export const DEFAULT_RANGE_FACTOR = 2

/**
 * Every numeric knob of a design ({@link numericKnobPaths}) with the range [x/f, x·f]
 * (default f = 2, a factor of 4 end to end, sampled log-uniformly so the base design sits in
 * the middle), clipped to the validator's limits and rounded for whole-number knobs. Knobs at
 * 0 (no loading) cannot be scaled and are left out; the caller can name them in a vary list.
 */
export function defaultKnobs(design: Design, factor = DEFAULT_RANGE_FACTOR): Knob[] {
  const out: Knob[] = []
  for (const path of numericKnobPaths(design)) {
    const x = getKnob(design, path) as number
    if (!(x > 0)) continue
    const info = describeKnob(design, path)
    let min = x / factor
    let max = x * factor
    if (info.min !== undefined) min = Math.max(min, info.minExclusive ? Math.min(x, info.min + 1e-9 * x) : info.min)
    if (info.max !== undefined) max = Math.min(max, info.max)
    if (info.kind === 'integer') {
      min = Math.max(info.min ?? 1, Math.round(min))
      max = Math.round(max)
    }
    if (!(min < max)) continue
    // keep only ranges whose ends the validator accepts (a vesicle cannot shrink below its wall)
    if (!setKnob(design, path, min).valid || !setKnob(design, path, max).valid) {
      const lo = setKnob(design, path, min).valid ? min : x
      const hi = setKnob(design, path, max).valid ? max : x
      if (!(lo < hi)) continue
      min = lo
      max = hi
    }
    out.push({ path, kind: info.kind === 'integer' ? 'integer' : 'continuous', unit: info.unit, min, max, scale: 'log' })
  }
  return out
}
