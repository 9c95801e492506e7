import { catalog } from '../../../shared/catalog'
import {
  DOSE_BASIS_IDS, GOAL_IDS, SPECIES_IDS, TRIGGER_IDS,
  type DoseBasisId, type GoalId, type LigandId, type SpeciesId, type TriggerId,
} from '../../../shared/catalog/ids'
import type { DesignIssue } from '../../../shared/design/types'
import { DESIGN_LIMITS } from '../../../shared/design/schema'
import { pegIndex, useDesignStore } from '../../stores/design-store'
import { useLibraryStore } from '../../stores/library-store'
import {
  CheckboxField, NumberField, SelectField, TextField, issuesAt, logSlider, normalizePath, type Option,
} from './fields'
import { DerivedPanel } from './derived-panel'
import { IssueList } from './issue-list'

const TRIGGER_LABELS: Readonly<Record<TriggerId, string>> = {
  none: 'None',
  ph: 'Acidic pH',
  ros: 'Reactive oxygen species',
  mmp: 'MMP enzyme',
}
const SPECIES_LABELS: Readonly<Record<SpeciesId, string>> = { mouse: 'Mouse', rat: 'Rat', human: 'Human' }
const GOAL_LABELS: Readonly<Record<GoalId, string>> = {
  deliver: 'Deliver a drug to the target',
  tolerize: 'Induce antigen tolerance',
  image: 'Imaging',
}
const BASIS_LABELS: Readonly<Record<DoseBasisId, string>> = {
  drug: 'Drug mass per kg',
  particle: 'Particle mass per kg',
}

const CORE_OPTIONS = catalog.cores.map((c) => ({ value: c.id, label: c.name }))
const NO_LIGAND = 'none'
const LIGAND_OPTIONS: ReadonlyArray<Option<LigandId | typeof NO_LIGAND>> = [
  { value: NO_LIGAND, label: 'None' },
  ...catalog.ligands.map((l) => ({ value: l.id, label: `${l.name} (${l.receptor})` })),
]
const DRUG_OPTIONS = catalog.drugs.map((d) => ({ value: d.id, label: d.name }))
const DISEASE_OPTIONS = catalog.diseases.map((d) => ({ value: d.id, label: d.name }))
const TRIGGER_OPTIONS = TRIGGER_IDS.map((id) => ({ value: id, label: TRIGGER_LABELS[id] }))
const SPECIES_OPTIONS = SPECIES_IDS.map((id) => ({ value: id, label: SPECIES_LABELS[id] }))
const GOAL_OPTIONS = GOAL_IDS.map((id) => ({ value: id, label: GOAL_LABELS[id] }))
const BASIS_OPTIONS = DOSE_BASIS_IDS.map((id) => ({ value: id, label: BASIS_LABELS[id] }))

const { coreDiameterNm: DIAMETER, pegMolecularWeightDa: PEG_MW, loadingPctWw: LOADING } = DESIGN_LIMITS
/** Core diameter slider: log scale over the validator's limits (1-5000 nm), 1000 steps. */
const DIAMETER_SLIDER = logSlider(DIAMETER.min, DIAMETER.max, 1000, (v) => (v < 10 ? 1 : 0))

/**
 * The first design form: core, PEG coating, one ligand type, payload, context and name,
 * with Save / New design and the derived-properties panel.
 *
 * Why: every control is a labelled native input whose accessible name carries its unit
 * ("Core diameter (nm)"), so it is keyboard reachable, readable by screen readers and
 * addressable by tests. Invalid values still reach the store so the validator's sentence
 * appears at the field (matched by JSON path); issue 6's property panel grows from here.
 */
export function DesignForm(): React.JSX.Element {
  const s = useDesignStore()
  const refreshLibrary = useLibraryStore((l) => l.refresh)
  const { design, validation } = s
  const errors: ReadonlyArray<DesignIssue> = [...(validation.valid ? [] : validation.errors), ...s.serverIssues]
  const warnings: ReadonlyArray<DesignIssue> = validation.warnings

  const peg = pegIndex(design)
  const pegLayer = peg >= 0 ? design.coatings[peg] : undefined
  const pegOn = pegLayer?.kind === 'peg'
  const ligand = design.ligands[0]

  // Paths each field answers for; anything left over is listed under "Other problems".
  const fieldPaths: ReadonlyArray<string> = [
    'name', 'core.material', 'core.diameterNm', 'payload.drug', 'payload.loadingPctWw', 'payload.trigger',
    'context.disease', 'context.species', 'context.goal', 'context.dose.mgPerKg', 'context.dose.basis',
    'ligands.0.ligand', 'ligands.0.perParticle',
    ...(pegOn ? [`coatings.${peg}.molecularWeightDa`, `coatings.${peg}.graftingDensityPerNm2`] : []),
  ]
  const pegExact = ['coatings', ...(pegOn ? [`coatings.${peg}`] : [])]
  const ligandCountExact = ['ligands', 'ligands.0']
  const at = (path: string): DesignIssue[] => issuesAt(errors, [path])
  const other = errors.filter((e) => {
    const p = normalizePath(e.path)
    return !fieldPaths.some((f) => p === f || p.startsWith(`${f}.`)) && ![...pegExact, ...ligandCountExact].includes(p)
  })

  const busy = s.status.kind === 'busy'
  const onSave = async (): Promise<void> => {
    if (await s.save()) await refreshLibrary()
  }

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
          <button type="submit" disabled={busy || (s.designId !== null && !s.dirty)}>Save</button>
          <button type="button" onClick={() => s.newDesign()} disabled={busy}>New design</button>
        </div>
        <p role="status" className={`save-status status-${s.status.kind}`}>
          {s.status.kind === 'idle' ? '' : s.status.message}
        </p>
      </header>

      <TextField label="Design name" value={design.name} onChange={s.setName} errors={at('name')} maxLength={200} />

      <fieldset>
        <legend>Core</legend>
        <SelectField label="Core material" value={design.core.material} options={CORE_OPTIONS} onChange={s.setCoreMaterial} errors={at('core.material')} />
        <NumberField
          label="Core diameter (nm)"
          value={design.core.diameterNm}
          onChange={s.setCoreDiameterNm}
          min={DIAMETER.min}
          max={DIAMETER.max}
          step="any"
          errors={at('core.diameterNm')}
          slider={{ ...DIAMETER_SLIDER, label: 'Core diameter slider (nm)' }}
        />
      </fieldset>

      <fieldset>
        <legend>Coating</legend>
        <CheckboxField label="PEG coating" checked={pegOn} onChange={s.setPegEnabled} errors={issuesAt(errors, [], pegExact)} />
        {pegOn && pegLayer?.kind === 'peg' && (
          <>
            <NumberField
              label="PEG molecular weight (Da)"
              value={pegLayer.molecularWeightDa}
              onChange={s.setPegMolecularWeightDa}
              min={PEG_MW.min}
              max={PEG_MW.max}
              step={100}
              errors={at(`coatings.${peg}.molecularWeightDa`)}
            />
            <NumberField
              label="PEG grafting density (chains/nm²)"
              value={pegLayer.graftingDensityPerNm2}
              onChange={s.setPegGraftingDensity}
              min={0}
              max={DESIGN_LIMITS.pegGraftingDensityMaxPerNm2}
              step={0.01}
              errors={at(`coatings.${peg}.graftingDensityPerNm2`)}
            />
          </>
        )}
      </fieldset>

      <fieldset>
        <legend>Ligands</legend>
        <SelectField
          label="Ligand type"
          value={ligand?.ligand ?? NO_LIGAND}
          options={LIGAND_OPTIONS}
          onChange={(v) => s.setLigand(v === NO_LIGAND ? null : v)}
          errors={at('ligands.0.ligand')}
        />
        <NumberField
          label="Ligands per particle"
          value={ligand?.perParticle ?? 0}
          onChange={s.setLigandCount}
          min={0}
          step={1}
          disabled={!ligand}
          errors={[...at('ligands.0.perParticle'), ...issuesAt(errors, [], ligandCountExact)]}
        />
      </fieldset>

      <fieldset>
        <legend>Payload</legend>
        <SelectField label="Drug" value={design.payload.drug} options={DRUG_OPTIONS} onChange={s.setDrug} errors={at('payload.drug')} />
        <NumberField label="Drug loading (% w/w)" value={design.payload.loadingPctWw} onChange={s.setLoadingPctWw} min={LOADING.min} max={LOADING.max} step={0.1} errors={at('payload.loadingPctWw')} />
        <SelectField label="Release trigger" value={design.payload.trigger} options={TRIGGER_OPTIONS} onChange={s.setTrigger} errors={at('payload.trigger')} />
      </fieldset>

      <fieldset>
        <legend>Context</legend>
        <SelectField label="Disease" value={design.context.disease} options={DISEASE_OPTIONS} onChange={s.setDisease} errors={at('context.disease')} />
        <SelectField label="Species" value={design.context.species} options={SPECIES_OPTIONS} onChange={s.setSpecies} errors={at('context.species')} />
        <SelectField label="Goal" value={design.context.goal} options={GOAL_OPTIONS} onChange={s.setGoal} errors={at('context.goal')} />
        <NumberField label="Dose (mg/kg)" value={design.context.dose.mgPerKg} onChange={s.setDoseMgPerKg} min={0} step={0.1} errors={at('context.dose.mgPerKg')} />
        <SelectField label="Dose basis" value={design.context.dose.basis} options={BASIS_OPTIONS} onChange={s.setDoseBasis} errors={at('context.dose.basis')} />
      </fieldset>

      <IssueList title="Other problems" issues={other} tone="error" />
      <IssueList title="Warnings" issues={warnings} tone="warning" />
      <DerivedPanel derived={s.derived} />
    </form>
  )
}
