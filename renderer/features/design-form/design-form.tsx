import { getLipid } from '../../../shared/catalog'
import {
  POLYMER_COATING_IDS,
  type BilayerLipidId, type CoreMaterialId, type DiseaseId, type DoseBasisId, type DrugId, type GoalId, type LigandId,
  type LipidCoatingId, type MembraneSourceId, type PolymerCoatingId, type SpeciesId, type TriggerId,
} from '../../../shared/catalog/ids'
import {
  CONTROL_LABELS, fieldDef, labelWithUnit, pathLabel, pathLabelWithUnit, requireField, sliderLabel,
} from '../../../shared/design/fields'
import { coreHasBilayer, type DesignIssue } from '../../../shared/design/types'
import { DESIGN_LIMITS } from '../../../shared/design/schema'
import { useEffect, useId, useRef } from 'react'
import type { Coating } from '../../../shared/design/types'
import {
  coatingKindName, defaultCoating, edits, pegIndex, useDesignStore, type CoatingKind,
} from '../../stores/design-store'
import { selectionKey, useViewStore, type Selection } from '../../stores/view-store'
import { useLibraryStore } from '../../stores/library-store'
import { useLibraryReadOnlyReason } from '../../stores/library-read-only'
import {
  CheckboxField, NumberField, SelectField, TextField, issuesAt, linearSlider, logSlider, normalizePath, type Option,
} from './fields'
import { DerivedPanel } from './derived-panel'
import './design-form.css'
import { IssueList } from './issue-list'

/** Label with unit of a field, from the one source of field definitions. */
const L = (key: string): string => labelWithUnit(requireField(key))
/** Accessible name of a field's slider: "Core diameter slider (nm)". */
function S(key: string): string {
  const def = requireField(key)
  return sliderLabel(def.label, def.unit)
}
/** Label with unit of a list field at its position: "Coating 2 thickness (nm)", "Ligand 2 type". */
const P = (path: string): string => pathLabelWithUnit(path)
/** Slider name of a list field at its position: "Ligand 2 per particle slider". */
function SP(path: string): string {
  return sliderLabel(pathLabel(path), fieldDef(path)?.unit ?? '')
}
/** Choices of a choice field with their display names, from the field definitions. */
function optionsOf<T extends string>(key: string): ReadonlyArray<Option<T>> {
  return (requireField(key).options ?? []) as ReadonlyArray<Option<T>>
}

const CORE_OPTIONS = optionsOf<CoreMaterialId>('core.material')
const NO_LIGAND = 'none'
const LIGAND_TYPE_OPTIONS = optionsOf<LigandId>('ligands[].ligand')
const LIGAND_OPTIONS: ReadonlyArray<Option<LigandId | typeof NO_LIGAND>> = [{ value: NO_LIGAND, label: 'None' }, ...LIGAND_TYPE_OPTIONS]
const DRUG_OPTIONS = optionsOf<DrugId>('payload.drug')
const DISEASE_OPTIONS = optionsOf<DiseaseId>('context.disease')
const TRIGGER_OPTIONS = optionsOf<TriggerId>('payload.trigger')
const SPECIES_OPTIONS = optionsOf<SpeciesId>('context.species')
const GOAL_OPTIONS = optionsOf<GoalId>('context.goal')
const BASIS_OPTIONS = optionsOf<DoseBasisId>('context.dose.basis')

const { coreDiameterNm: DIAMETER, pegMolecularWeightDa: PEG_MW, loadingPctWw: LOADING } = DESIGN_LIMITS
/** Core diameter slider: log scale over the validator's limits (1-5000 nm), 1000 steps. */
const DIAMETER_SLIDER = logSlider(DIAMETER.min, DIAMETER.max, 1000, (v) => (v < 10 ? 1 : 0))
const PEG_MW_SLIDER = logSlider(PEG_MW.min, PEG_MW.max, 500, (v) => (v < 1000 ? -1 : -2))
const PEG_DENSITY_SLIDER = linearSlider(0.01, DESIGN_LIMITS.pegGraftingDensityMaxPerNm2, 112, 2)
const LIGAND_COUNT_SLIDER = logSlider(1, 100_000, 500, () => 0)
const LOADING_SLIDER = linearSlider(LOADING.min, LOADING.max, 600, 1)
const THICKNESS_SLIDER = logSlider(0.5, DESIGN_LIMITS.polymerThicknessNm.max, 400, (v) => (v < 10 ? 1 : 0))
const DOSE_SLIDER = logSlider(0.01, DESIGN_LIMITS.doseMgPerKg.max, 500, (v) => (v < 1 ? 2 : v < 10 ? 1 : 0))

/** Cholesterol slider: linear over the validator's 0-60 mol %, whole mol % steps. */
const CHOLESTEROL_SLIDER = linearSlider(DESIGN_LIMITS.cholesterolMolPct.min, DESIGN_LIMITS.cholesterolMolPct.max, 60, 0)
/** Bilayer lipids with their main transition, which decides fluid vs gel at 37 °C. */
const BILAYER_LIPID_OPTIONS = optionsOf<BilayerLipidId>('core.bilayer.lipid').map((o) => ({
  ...o,
  label: `${o.label}, Tm ${getLipid(o.value).mainTransitionTemperatureC.value} °C`,
}))

const MEMBRANE_OPTIONS = optionsOf<MembraneSourceId>('coatings[].source')
const POLYMER_IDS: ReadonlyArray<string> = POLYMER_COATING_IDS
const POLYMER_OPTIONS = optionsOf<PolymerCoatingId>('coatings[].material').filter((o) => POLYMER_IDS.includes(o.value))
const LIPID_OPTIONS = optionsOf<LipidCoatingId>('coatings[].material').filter((o) => !POLYMER_IDS.includes(o.value))
/** Coating kinds offered by "Add coating": the other layers first, PEG (the outer corona) last. */
const COATING_KIND_OPTIONS: ReadonlyArray<Option<CoatingKind>> = [
  ...optionsOf<CoatingKind>('coatings[].kind').filter((o) => o.value !== 'peg'),
  ...optionsOf<CoatingKind>('coatings[].kind').filter((o) => o.value === 'peg'),
]

/**
 * A panel section that can be selected from the 3D view and selects itself there when
 * focused: highlighted while selected, scrolled into view when picked in the scene.
 */
function Section({ selection, legend, children, className = '' }: {
  readonly selection: Selection
  readonly legend: string
  readonly children: React.ReactNode
  readonly className?: string
}): React.JSX.Element {
  const key = selectionKey(selection)
  const selected = useViewStore((v) => selectionKey(v.selection) === key)
  const fromScene = useViewStore((v) => v.selectionSource === 'scene')
  const ref = useRef<HTMLFieldSetElement>(null)
  useEffect(() => {
    if (selected && fromScene) ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' })
  }, [selected, fromScene])
  return (
    <fieldset
      ref={ref}
      className={`panel-section${selected ? ' is-selected' : ''} ${className}`.trim()}
      data-section={key ?? undefined}
      aria-current={selected ? 'true' : undefined}
      onFocus={() => {
        if (!selected) useViewStore.getState().select(selection, 'panel')
      }}
    >
      <legend>{legend}</legend>
      {children}
    </fieldset>
  )
}

/**
 * The property panel: core, up to three coatings (PEG, membrane, polymer, lipid), any number
 * of ligand types, payload, context and name, with Save / New design and the
 * derived-properties panel.
 *
 * Why: every control is a labelled native input whose accessible name carries its unit
 * ("Core diameter (nm)"), so it is keyboard reachable, readable by screen readers and
 * addressable by tests. Numbers have a slider beside the box; one drag is one undo step.
 * Invalid values still reach the store so the validator's sentence appears at the field
 * (matched by JSON path). Sections highlight when their part is picked in the 3D view.
 */
export function DesignForm(): React.JSX.Element {
  const s = useDesignStore()
  const refreshLibrary = useLibraryStore((l) => l.refresh)
  const { design, validation } = s
  const errors: ReadonlyArray<DesignIssue> = [...(validation.valid ? [] : validation.errors), ...s.serverIssues]
  const warnings: ReadonlyArray<DesignIssue> = validation.warnings
  const seal = s.sealHistory

  const peg = pegIndex(design)
  const pegOn = peg >= 0
  const ligand = design.ligands[0]

  // Paths each field answers for; anything left over is listed under "Other problems".
  const fieldPaths: ReadonlyArray<string> = [
    'name', 'core.material', 'core.diameterNm', 'core.bilayer', 'payload.drug', 'payload.loadingPctWw', 'payload.trigger',
    'context.disease', 'context.species', 'context.goal', 'context.dose.mgPerKg', 'context.dose.basis',
    ...design.coatings.map((_, i) => `coatings.${i}`),
    ...design.ligands.map((_, i) => `ligands.${i}`),
  ]
  const pegExact = ['coatings']
  const ligandCountExact = ['ligands']
  const at = (path: string): DesignIssue[] => issuesAt(errors, [path])
  const other = errors.filter((e) => {
    const p = normalizePath(e.path)
    return !fieldPaths.some((f) => p === f || p.startsWith(`${f}.`)) && ![...pegExact, ...ligandCountExact].includes(p)
  })

  const busy = s.status.kind === 'busy'
  // A read-only library refuses every save: say so before anything is typed, as the CQA editors do
  // (the host's reason names the way out), instead of answering "Not saved" after the click.
  const readOnly = useLibraryReadOnlyReason()
  const readOnlyId = useId()
  const saveBlocked = readOnly !== null ? { 'aria-describedby': readOnlyId } : {}
  const onSave = async (): Promise<void> => {
    if (await s.save()) await refreshLibrary()
  }
  const onSaveAsNew = async (): Promise<void> => {
    if (await s.saveAsNew()) await refreshLibrary()
  }
  const full = design.coatings.length >= DESIGN_LIMITS.maxCoatings

  return (
    <form
      className="design-form"
      aria-label="Design"
      noValidate
      onSubmit={(e) => {
        e.preventDefault()
        void onSave()
      }}
    >
      <header className="form-header">
        <p className="form-title">
          {s.designId ? `Version ${s.version ?? '?'}` : 'New design'}
          {s.dirty && <span className="dirty-flag"> · unsaved changes</span>}
        </p>
        <div className="form-actions">
          {/* A clean, already-saved design has nothing new to save (no duplicate versions). */}
          <button type="submit" disabled={busy || readOnly !== null || (s.designId !== null && !s.dirty)} title="Save (Ctrl+S)" {...saveBlocked}>Save</button>
          {/* Renaming and saving would add a version to the open design; this starts a design of its own. */}
          {s.designId !== null && (
            <button type="button" onClick={() => void onSaveAsNew()} disabled={busy || readOnly !== null} title="Save the form as a new design; the open design keeps its versions" {...saveBlocked}>Save as new design</button>
          )}
          <button type="button" onClick={() => s.newDesign()} disabled={busy} title="New design (Alt+N)">New design</button>
        </div>
        {/* One line in the form, the host's whole reason (its path and the way out, which the CQA
            panel also shows) one click away: quoted in full it took six lines above the fields at
            1280 × 720. The buttons are described by the whole reason. */}
        {readOnly !== null ? (
          <details className="attach-reason form-read-only">
            <summary>The library is read-only: nothing can be saved here.</summary>
            <p id={readOnlyId} data-testid="form-read-only">{readOnly}</p>
          </details>
        ) : null}
        <p role="status" className={`save-status status-${s.status.kind}`}>
          {s.status.kind === 'idle' ? '' : s.status.message}
        </p>
      </header>

      <TextField label={L('name')} value={design.name} onChange={s.setName} errors={at('name')} maxLength={200} />

      <Section selection={{ kind: 'core' }} legend="Core">
        <SelectField label={L('core.material')} value={design.core.material} options={CORE_OPTIONS} onChange={s.setCoreMaterial} errors={[...at('core.material'), ...issuesAt(errors, [], ['core.bilayer'])]} />
        <NumberField
          label={L('core.diameterNm')}
          value={design.core.diameterNm}
          onChange={s.setCoreDiameterNm}
          min={DIAMETER.min}
          max={DIAMETER.max}
          step="any"
          errors={at('core.diameterNm')}
          slider={{ ...DIAMETER_SLIDER, label: S('core.diameterNm') }}
          onGestureEnd={seal}
        />
        {coreHasBilayer(design.core.material) && design.core.bilayer && (
          <fieldset className="bilayer-group">
            <legend>Bilayer</legend>
            <SelectField
              label={L('core.bilayer.lipid')}
              value={design.core.bilayer.lipid}
              options={BILAYER_LIPID_OPTIONS}
              onChange={(v) => s.applyEdit(edits.bilayerLipid(v))}
              errors={at('core.bilayer.lipid')}
            />
            <NumberField
              label={L('core.bilayer.cholesterolMolPct')}
              value={design.core.bilayer.cholesterolMolPct}
              onChange={(v) => s.applyEdit(edits.cholesterolMolPct(v))}
              min={DESIGN_LIMITS.cholesterolMolPct.min}
              max={DESIGN_LIMITS.cholesterolMolPct.max}
              step={1}
              errors={at('core.bilayer.cholesterolMolPct')}
              slider={{ ...CHOLESTEROL_SLIDER, label: S('core.bilayer.cholesterolMolPct') }}
              onGestureEnd={seal}
            />
          </fieldset>
        )}
      </Section>

      <fieldset className="coatings-group">
        <legend>Coatings (inner to outer, up to {DESIGN_LIMITS.maxCoatings})</legend>
        <CheckboxField
          label={CONTROL_LABELS.pegCoating}
          checked={pegOn}
          onChange={s.setPegEnabled}
          disabled={!pegOn && full}
          errors={issuesAt(errors, [], pegExact)}
        />
        {design.coatings.map((c, i) => (
          <CoatingSection key={`${i}-${c.kind}`} coating={c} index={i} count={design.coatings.length} errors={errors} />
        ))}
        <AddCoating disabled={full} />
      </fieldset>

      <Section selection={{ kind: 'ligands' }} legend="Ligands">
        <SelectField
          label={L('ligands[].ligand')}
          value={ligand?.ligand ?? NO_LIGAND}
          options={LIGAND_OPTIONS}
          onChange={(v) => s.setLigand(v === NO_LIGAND ? null : v)}
          errors={at('ligands.0.ligand')}
        />
        <NumberField
          label={L('ligands[].perParticle')}
          value={ligand?.perParticle ?? 0}
          onChange={s.setLigandCount}
          min={0}
          step={1}
          disabled={!ligand}
          errors={[...at('ligands.0.perParticle'), ...issuesAt(errors, [], [...ligandCountExact, 'ligands.0'])]}
          slider={{ ...LIGAND_COUNT_SLIDER, label: S('ligands[].perParticle') }}
          onGestureEnd={seal}
        />
        {design.ligands.slice(1).map((l, k) => {
          const i = k + 1
          return (
            <div className="extra-ligand" key={`${i}-${l.ligand}`}>
              <SelectField
                label={P(`ligands[${i}].ligand`)}
                value={l.ligand}
                options={LIGAND_TYPE_OPTIONS}
                onChange={(v) => s.applyEdit(edits.ligandTypeAt(i, v))}
                errors={at(`ligands.${i}.ligand`)}
              />
              <NumberField
                label={P(`ligands[${i}].perParticle`)}
                value={l.perParticle}
                onChange={(v) => s.applyEdit(edits.ligandCountAt(i, v))}
                min={0}
                step={1}
                errors={[...at(`ligands.${i}.perParticle`), ...issuesAt(errors, [], [`ligands.${i}`])]}
                slider={{ ...LIGAND_COUNT_SLIDER, label: SP(`ligands[${i}].perParticle`) }}
                onGestureEnd={seal}
              />
              <button type="button" className="small" onClick={() => s.applyEdit(edits.removeLigand(i))}>Remove ligand {i + 1}</button>
            </div>
          )
        })}
        {ligand && (
          <AddLigand existing={design.ligands.map((l) => l.ligand)} />
        )}
      </Section>

      <Section selection={{ kind: 'payload' }} legend="Payload">
        <SelectField label={L('payload.drug')} value={design.payload.drug} options={DRUG_OPTIONS} onChange={s.setDrug} errors={at('payload.drug')} />
        <NumberField
          label={L('payload.loadingPctWw')}
          value={design.payload.loadingPctWw}
          onChange={s.setLoadingPctWw}
          min={LOADING.min}
          max={LOADING.max}
          step={0.1}
          errors={at('payload.loadingPctWw')}
          slider={{ ...LOADING_SLIDER, label: S('payload.loadingPctWw') }}
          onGestureEnd={seal}
        />
        <SelectField label={L('payload.trigger')} value={design.payload.trigger} options={TRIGGER_OPTIONS} onChange={s.setTrigger} errors={at('payload.trigger')} />
      </Section>

      <fieldset>
        <legend>Context</legend>
        <SelectField label={L('context.disease')} value={design.context.disease} options={DISEASE_OPTIONS} onChange={s.setDisease} errors={at('context.disease')} />
        <SelectField label={L('context.species')} value={design.context.species} options={SPECIES_OPTIONS} onChange={s.setSpecies} errors={at('context.species')} />
        <SelectField label={L('context.goal')} value={design.context.goal} options={GOAL_OPTIONS} onChange={s.setGoal} errors={at('context.goal')} />
        <NumberField
          label={L('context.dose.mgPerKg')}
          value={design.context.dose.mgPerKg}
          onChange={s.setDoseMgPerKg}
          min={0}
          max={DESIGN_LIMITS.doseMgPerKg.max}
          step={0.1}
          errors={at('context.dose.mgPerKg')}
          slider={{ ...DOSE_SLIDER, label: S('context.dose.mgPerKg') }}
          onGestureEnd={seal}
        />
        <SelectField label={L('context.dose.basis')} value={design.context.dose.basis} options={BASIS_OPTIONS} onChange={s.setDoseBasis} errors={at('context.dose.basis')} />
      </fieldset>

      <IssueList title="Other problems" issues={other} tone="error" />
      <IssueList title="Warnings" issues={warnings} tone="warning" />
      <DerivedPanel derived={s.derived} />
    </form>
  )
}

/** The controls of one coating layer, by kind, with move and remove buttons. */
function CoatingSection({ coating, index, count, errors }: {
  readonly coating: Coating
  readonly index: number
  readonly count: number
  readonly errors: ReadonlyArray<DesignIssue>
}): React.JSX.Element {
  const applyEdit = useDesignStore((s) => s.applyEdit)
  const seal = useDesignStore((s) => s.sealHistory)
  const at = (field: string): DesignIssue[] => issuesAt(errors, [`coatings.${index}.${field}`])
  const n = index + 1
  const name = coatingKindName(coating.kind)
  return (
    <Section selection={{ kind: 'coating', index }} legend={`${pathLabel(`coatings[${index}]`)}: ${name}`} className="coating-section">
      {coating.kind === 'peg' && (
        <>
          <NumberField
            label={L('coatings[].molecularWeightDa')}
            value={coating.molecularWeightDa}
            onChange={(v) => applyEdit(edits.pegMolecularWeightDa(v))}
            min={PEG_MW.min}
            max={PEG_MW.max}
            step={100}
            errors={at('molecularWeightDa')}
            slider={{ ...PEG_MW_SLIDER, label: S('coatings[].molecularWeightDa') }}
            onGestureEnd={seal}
          />
          <NumberField
            label={L('coatings[].graftingDensityPerNm2')}
            value={coating.graftingDensityPerNm2}
            onChange={(v) => applyEdit(edits.pegGraftingDensity(v))}
            min={0}
            max={DESIGN_LIMITS.pegGraftingDensityMaxPerNm2}
            step={0.01}
            errors={at('graftingDensityPerNm2')}
            slider={{ ...PEG_DENSITY_SLIDER, label: S('coatings[].graftingDensityPerNm2') }}
            onGestureEnd={seal}
          />
        </>
      )}
      {coating.kind === 'membrane' && (
        <SelectField label={P(`coatings[${index}].source`)} value={coating.source} options={MEMBRANE_OPTIONS} onChange={(v) => applyEdit(edits.membraneSource(index, v))} errors={at('source')} />
      )}
      {coating.kind === 'polymer' && (
        <>
          <SelectField label={P(`coatings[${index}].material`)} value={coating.material} options={POLYMER_OPTIONS} onChange={(v) => applyEdit(edits.polymerMaterial(index, v))} errors={at('material')} />
          <NumberField
            label={P(`coatings[${index}].thicknessNm`)}
            value={coating.thicknessNm}
            onChange={(v) => applyEdit(edits.polymerThicknessNm(index, v))}
            min={0}
            max={DESIGN_LIMITS.polymerThicknessNm.max}
            step="any"
            errors={at('thicknessNm')}
            slider={{ ...THICKNESS_SLIDER, label: SP(`coatings[${index}].thicknessNm`) }}
            onGestureEnd={seal}
          />
        </>
      )}
      {coating.kind === 'lipid' && (
        <SelectField label={P(`coatings[${index}].material`)} value={coating.material} options={LIPID_OPTIONS} onChange={(v) => applyEdit(edits.lipidMaterial(index, v))} errors={at('material')} />
      )}
      <FieldErrorsAt errors={issuesAt(errors, [], [`coatings.${index}`, `coatings.${index}.kind`])} />
      <div className="coating-actions">
        <button type="button" className="small" disabled={index === 0} onClick={() => applyEdit(edits.moveCoating(index, -1))}>Move coating {n} inward</button>
        <button type="button" className="small" disabled={index >= count - 1} onClick={() => applyEdit(edits.moveCoating(index, 1))}>Move coating {n} outward</button>
        <button type="button" className="small" onClick={() => applyEdit(edits.removeCoating(index))}>Remove coating {n}</button>
      </div>
    </Section>
  )
}

function FieldErrorsAt({ errors }: { readonly errors: ReadonlyArray<DesignIssue> }): React.JSX.Element | null {
  if (errors.length === 0) return null
  return <ul className="field-errors">{errors.map((e, i) => <li key={i}>{e.message}</li>)}</ul>
}

/** "Add coating" kind chooser and button (the palette offers the same with materials). */
function AddCoating({ disabled }: { readonly disabled: boolean }): React.JSX.Element {
  const design = useDesignStore((s) => s.design)
  const applyEdit = useDesignStore((s) => s.applyEdit)
  const hasPeg = pegIndex(design) >= 0
  const options = COATING_KIND_OPTIONS.filter((o) => o.value !== 'peg' || !hasPeg)
  const ref = useRef<HTMLSelectElement>(null)
  return (
    <div className="add-row">
      <label htmlFor="add-coating-kind">{CONTROL_LABELS.newCoatingKind}</label>
      <select id="add-coating-kind" ref={ref} disabled={disabled} defaultValue="membrane">
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          const kind = (ref.current?.value ?? 'membrane') as CoatingKind
          applyEdit(edits.addCoating(defaultCoating(kind)))
        }}
      >
        Add coating
      </button>
      {disabled && <span className="field-hint">At most {DESIGN_LIMITS.maxCoatings} coatings.</span>}
    </div>
  )
}

/** "Add ligand type" chooser for a second, third… ligand. */
function AddLigand({ existing }: { readonly existing: ReadonlyArray<string> }): React.JSX.Element | null {
  const applyEdit = useDesignStore((s) => s.applyEdit)
  const ref = useRef<HTMLSelectElement>(null)
  const options = LIGAND_TYPE_OPTIONS.filter((o) => !existing.includes(o.value))
  if (options.length === 0) return null
  return (
    <div className="add-row">
      <label htmlFor="add-ligand-type">{CONTROL_LABELS.anotherLigandType}</label>
      <select id="add-ligand-type" ref={ref} key={existing.join(',')} defaultValue={options[0]?.value}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <button
        type="button"
        onClick={() => {
          const v = options.find((o) => o.value === ref.current?.value)?.value
          if (v) applyEdit(edits.addLigand(v))
        }}
      >
        Add ligand type
      </button>
    </div>
  )
}
