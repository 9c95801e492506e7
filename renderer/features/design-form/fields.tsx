import { useId, type ChangeEvent, type ReactNode } from 'react'
import type { DesignIssue } from '../../../shared/design/types'

/** `coatings[0].x` and `coatings.0.x` are the same place; compare paths in dotted form. */
export function normalizePath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1').replace(/^\$\.?/, '')
}

/**
 * Issues that concern one field: exact path matches, anything below it, and any extra
 * whole-object paths the field answers for (e.g. the PEG switch answers for `coatings`).
 *
 * Why: validation messages are shown next to the control they concern (issue 6, property
 * panel), matched by the validator's JSON path, so the scientist sees the sentence where
 * the number is typed.
 */
export function issuesAt(
  issues: ReadonlyArray<DesignIssue>,
  paths: ReadonlyArray<string>,
  exactOnly: ReadonlyArray<string> = [],
): DesignIssue[] {
  const wanted = paths.map(normalizePath)
  const exact = exactOnly.map(normalizePath)
  return issues.filter((i) => {
    const p = normalizePath(i.path)
    return exact.includes(p) || wanted.some((w) => p === w || p.startsWith(`${w}.`))
  })
}

/** Props shared by every field. */
interface FieldBase {
  /** Accessible name, with the unit: "Core diameter (nm)". */
  readonly label: string
  /** Validation errors shown under the control (already filtered to this field). */
  readonly errors?: ReadonlyArray<DesignIssue>
  readonly disabled?: boolean
  /** Short help shown under the control. */
  readonly hint?: ReactNode
}

/** The error list under a control; its id is referenced by the control's aria-describedby. */
export function FieldErrors({ id, errors }: { readonly id: string; readonly errors: ReadonlyArray<DesignIssue> }): React.JSX.Element | null {
  if (errors.length === 0) return null
  return (
    <ul id={id} className="field-errors">
      {errors.map((e, i) => <li key={`${e.path}-${i}`}>{e.message}</li>)}
    </ul>
  )
}

function describedBy(errorId: string, hintId: string, errors: number, hint: boolean): string | undefined {
  const ids = [errors > 0 ? errorId : '', hint ? hintId : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

/** Props of {@link NumberField}. */
export interface NumberFieldProps extends FieldBase {
  readonly value: number
  readonly onChange: (value: number) => void
  readonly min?: number
  readonly max?: number
  readonly step?: number | 'any'
  /** An optional slider shown beside the number box (same value), with its own accessible name. */
  readonly slider?: SliderScale & { readonly label: string }
  /** Called when a slider gesture ends (pointer or key released): ends one undo step. */
  readonly onGestureEnd?: () => void
}

/** Maps a value to a slider position 0..steps and back. */
export interface SliderScale {
  readonly steps: number
  readonly toPosition: (value: number) => number
  readonly fromPosition: (position: number) => number
}

/** Text of a number in the box; NaN (empty or unparseable input) shows as empty. */
function numberText(v: number): string {
  return Number.isFinite(v) ? String(v) : ''
}

/**
 * A labelled number input (optionally with a slider) whose invalid values still reach the
 * design, so the validator's message appears at the field instead of the input silently
 * refusing.
 */
export function NumberField({ label, value, onChange, min, max, step = 'any', errors = [], disabled, hint, slider, onGestureEnd }: NumberFieldProps): React.JSX.Element {
  const id = useId()
  const errorId = `${id}-errors`
  const hintId = `${id}-hint`
  const onText = (e: ChangeEvent<HTMLInputElement>): void => {
    const raw = e.target.value.trim()
    onChange(raw === '' ? Number.NaN : Number(raw))
  }
  return (
    <div className={`field field-number${errors.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        {slider && (
          <input
            type="range"
            aria-label={slider.label}
            min={0}
            max={slider.steps}
            step={1}
            value={Number.isFinite(value) ? Math.round(Math.min(slider.steps, Math.max(0, slider.toPosition(value)))) : 0}
            aria-valuetext={Number.isFinite(value) ? `${value} ${unitOf(label)}`.trim() : 'not set'}
            disabled={disabled}
            onChange={(e) => onChange(slider.fromPosition(Number(e.target.value)))}
            onPointerUp={onGestureEnd}
            onKeyUp={onGestureEnd}
          />
        )}
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={numberText(value)}
          min={min}
          max={max}
          step={step}
          disabled={disabled}
          aria-invalid={errors.length > 0 || undefined}
          aria-describedby={describedBy(errorId, hintId, errors.length, Boolean(hint))}
          onChange={onText}
          onBlur={onGestureEnd}
        />
      </div>
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

/** "Core diameter (nm)" → "nm". */
function unitOf(label: string): string {
  return /\(([^)]*)\)\s*$/.exec(label)?.[1] ?? ''
}

/** One choice of a {@link SelectField}. */
export interface Option<T extends string> {
  readonly value: T
  readonly label: string
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps<T extends string> extends FieldBase {
  readonly value: T
  readonly options: ReadonlyArray<Option<T>>
  readonly onChange: (value: T) => void
}

/** A labelled native select (keyboard and screen-reader friendly without extra code). */
export function SelectField<T extends string>({ label, value, options, onChange, errors = [], disabled, hint }: SelectFieldProps<T>): React.JSX.Element {
  const id = useId()
  const errorId = `${id}-errors`
  const hintId = `${id}-hint`
  return (
    <div className={`field field-select${errors.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(errorId, hintId, errors.length, Boolean(hint))}
        onChange={(e) => {
          const chosen = options.find((o) => o.value === e.target.value)
          if (chosen) onChange(chosen.value)
        }}
      >
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

/** Props of {@link TextField}. */
export interface TextFieldProps extends FieldBase {
  readonly value: string
  readonly onChange: (value: string) => void
  readonly maxLength?: number
}

/** A labelled single-line text input. */
export function TextField({ label, value, onChange, errors = [], disabled, maxLength, hint }: TextFieldProps): React.JSX.Element {
  const id = useId()
  const errorId = `${id}-errors`
  const hintId = `${id}-hint`
  return (
    <div className={`field field-text${errors.length ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        maxLength={maxLength}
        disabled={disabled}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={describedBy(errorId, hintId, errors.length, Boolean(hint))}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && <p id={hintId} className="field-hint">{hint}</p>}
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

/** Props of {@link CheckboxField}. */
export interface CheckboxFieldProps extends FieldBase {
  readonly checked: boolean
  readonly onChange: (checked: boolean) => void
}

/** A labelled checkbox (an on/off switch for an optional part of the design). */
export function CheckboxField({ label, checked, onChange, errors = [], disabled }: CheckboxFieldProps): React.JSX.Element {
  const id = useId()
  const errorId = `${id}-errors`
  return (
    <div className={`field field-checkbox${errors.length ? ' has-error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errors.length ? errorId : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  )
}

/**
 * A log-scale slider mapping for a positive range (e.g. 1-5000 nm in 1000 steps).
 *
 * Why: core diameters span three and a half decades; a linear slider would spend almost
 * all its travel on sizes nobody makes.
 */
export function logSlider(min: number, max: number, steps: number, decimals: (v: number) => number): SliderScale {
  const lo = Math.log10(min)
  const span = Math.log10(max) - lo
  return {
    steps,
    toPosition: (v) => ((Math.log10(Math.max(v, min)) - lo) / span) * steps,
    fromPosition: (p) => {
      const v = 10 ** (lo + (p / steps) * span)
      const f = 10 ** decimals(v)
      return Math.min(max, Math.max(min, Math.round(v * f) / f))
    },
  }
}

/**
 * A linear slider mapping (e.g. 0-60 % in 600 steps), rounded to `decimals`.
 *
 * Why: loading and grafting density are used across their whole range, so linear travel
 * is what a scientist expects.
 */
export function linearSlider(min: number, max: number, steps: number, decimals: number): SliderScale {
  const f = 10 ** decimals
  return {
    steps,
    toPosition: (v) => ((v - min) / (max - min)) * steps,
    fromPosition: (p) => Math.min(max, Math.max(min, Math.round((min + (p / steps) * (max - min)) * f) / f)),
  }
}
