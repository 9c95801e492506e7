import { create } from 'zustand'
import type {
  Coating, Design, DesignIssue, LigandSpec, PegCoating,
} from '../../shared/design/types'
import type {
  CoreMaterialId, DiseaseId, DoseBasisId, DrugId, GoalId, LigandId, SpeciesId, TriggerId,
} from '../../shared/catalog/ids'
import { validateDesign, type DesignValidation } from '../../shared/design/schema'
import { deriveProperties, type DerivedProperties } from '../../shared/design/derived'
import { newDesign as makeNewDesign } from '../../shared/design/defaults'
import { getApi } from '../bridge'

export type { DerivedProperties, DesignValidation }

/**
 * One named change to the working design: a pure function from design to design.
 *
 * Why: every edit of the design goes through {@link DesignState.applyEdit}, so undo/redo
 * (issue 6) can be added as a command history in one place: record `{ label, before, after }`
 * per applied edit, and merge consecutive edits with the same `mergeKey` (one slider drag
 * becomes one undo step). Loading or starting a design uses `replace`, which would reset it.
 */
export interface DesignEdit {
  /** What the user did, for an undo menu ("Core diameter"). */
  readonly label: string
  /** Consecutive edits with the same key belong to one gesture (e.g. a slider drag). */
  readonly mergeKey?: string
  readonly apply: (design: Design) => Design
}

/** Defaults used when the PEG coating is switched on (a common 2 kDa brush). */
export const DEFAULT_PEG: PegCoating = { kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }
/** Count used when a ligand type is first chosen. */
export const DEFAULT_LIGAND_COUNT = 250

/** What the last save/open did, shown next to the buttons. */
export type DesignStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly message: string }
  | { readonly kind: 'saved'; readonly message: string }
  | { readonly kind: 'opened'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string }

/** The working design, what the engine makes of it, and where it lives in the library. */
export interface DesignState {
  readonly design: Design
  readonly validation: DesignValidation
  /** Derived properties of the current design; null while it is invalid. */
  readonly derived: DerivedProperties | null
  /** The last valid design and its derived properties, so the 3D view stays up while typing. */
  readonly lastValid: { readonly design: Design; readonly derived: DerivedProperties } | null
  /** Library id of the open design; null for a design never saved. */
  readonly designId: string | null
  /** Version the form was loaded from or last saved as. */
  readonly version: number | null
  /** True when the form differs from `version` (or was never saved). */
  readonly dirty: boolean
  readonly status: DesignStatus
  /** Per-path problems the host reported on the last save (shown at the fields too). */
  readonly serverIssues: ReadonlyArray<DesignIssue>

  /** Apply one named edit (the only way the form changes the design). */
  applyEdit: (edit: DesignEdit) => void
  /** Replace the whole design (load, new); not an undoable edit. */
  replace: (design: Design, designId: string | null, version: number | null) => void
  /** Start a fresh unsaved design from the defaults. */
  newDesign: () => void
  /** Save as a new design, or as the next version of the open one. */
  save: () => Promise<boolean>
  /** Load a saved design (latest version unless `version` is given) into the form. */
  open: (designId: string, version?: number) => Promise<boolean>

  setName: (name: string) => void
  setCoreMaterial: (material: CoreMaterialId) => void
  setCoreDiameterNm: (diameterNm: number) => void
  setPegEnabled: (enabled: boolean) => void
  setPegMolecularWeightDa: (da: number) => void
  setPegGraftingDensity: (perNm2: number) => void
  /** Choose the ligand type, or null for none (keeps the count when switching type). */
  setLigand: (ligand: LigandId | null) => void
  setLigandCount: (perParticle: number) => void
  setDrug: (drug: DrugId) => void
  setLoadingPctWw: (pct: number) => void
  setTrigger: (trigger: TriggerId) => void
  setDisease: (disease: DiseaseId) => void
  setSpecies: (species: SpeciesId) => void
  setGoal: (goal: GoalId) => void
  setDoseMgPerKg: (mgPerKg: number) => void
  setDoseBasis: (basis: DoseBasisId) => void
}

/** Index of the PEG layer in the coatings, or -1. */
export function pegIndex(design: Design): number {
  return design.coatings.findIndex((c) => c.kind === 'peg')
}

function updatePeg(design: Design, patch: Partial<Omit<PegCoating, 'kind'>>): Design {
  const i = pegIndex(design)
  if (i < 0) return design
  const coatings = design.coatings.map((c, j): Coating => (j === i && c.kind === 'peg' ? { ...c, ...patch } : c))
  return { ...design, coatings }
}

/**
 * Edit factories, one per form field. Pure, so tests, undo/redo and scripted changes can
 * build and replay them without the store.
 */
export const edits = {
  name: (name: string): DesignEdit => ({ label: 'Design name', mergeKey: 'name', apply: (d) => ({ ...d, name }) }),
  coreMaterial: (material: CoreMaterialId): DesignEdit => ({
    label: 'Core material', apply: (d) => ({ ...d, core: { ...d.core, material } }),
  }),
  coreDiameterNm: (diameterNm: number): DesignEdit => ({
    label: 'Core diameter', mergeKey: 'core.diameterNm', apply: (d) => ({ ...d, core: { ...d.core, diameterNm } }),
  }),
  pegEnabled: (enabled: boolean): DesignEdit => ({
    label: enabled ? 'Add PEG coating' : 'Remove PEG coating',
    apply: (d) => {
      const has = pegIndex(d) >= 0
      if (enabled === has) return d
      // PEG is the outer corona: appended after any other layer; removal keeps the others.
      return { ...d, coatings: enabled ? [...d.coatings, DEFAULT_PEG] : d.coatings.filter((c) => c.kind !== 'peg') }
    },
  }),
  pegMolecularWeightDa: (molecularWeightDa: number): DesignEdit => ({
    label: 'PEG molecular weight', mergeKey: 'peg.mw', apply: (d) => updatePeg(d, { molecularWeightDa }),
  }),
  pegGraftingDensity: (graftingDensityPerNm2: number): DesignEdit => ({
    label: 'PEG grafting density', mergeKey: 'peg.density', apply: (d) => updatePeg(d, { graftingDensityPerNm2 }),
  }),
  ligand: (ligand: LigandId | null): DesignEdit => ({
    label: 'Ligand type',
    apply: (d) => {
      if (ligand === null) return { ...d, ligands: [] }
      const perParticle = d.ligands[0]?.perParticle ?? DEFAULT_LIGAND_COUNT
      const first: LigandSpec = { ligand, perParticle }
      return { ...d, ligands: [first, ...d.ligands.slice(1).filter((l) => l.ligand !== ligand)] }
    },
  }),
  ligandCount: (perParticle: number): DesignEdit => ({
    label: 'Ligands per particle',
    mergeKey: 'ligands.count',
    apply: (d) => (d.ligands.length === 0 ? d : { ...d, ligands: d.ligands.map((l, i) => (i === 0 ? { ...l, perParticle } : l)) }),
  }),
  drug: (drug: DrugId): DesignEdit => ({ label: 'Drug', apply: (d) => ({ ...d, payload: { ...d.payload, drug } }) }),
  loadingPctWw: (loadingPctWw: number): DesignEdit => ({
    label: 'Drug loading', mergeKey: 'payload.loading', apply: (d) => ({ ...d, payload: { ...d.payload, loadingPctWw } }),
  }),
  trigger: (trigger: TriggerId): DesignEdit => ({ label: 'Trigger', apply: (d) => ({ ...d, payload: { ...d.payload, trigger } }) }),
  disease: (disease: DiseaseId): DesignEdit => ({ label: 'Disease', apply: (d) => ({ ...d, context: { ...d.context, disease } }) }),
  species: (species: SpeciesId): DesignEdit => ({ label: 'Species', apply: (d) => ({ ...d, context: { ...d.context, species } }) }),
  goal: (goal: GoalId): DesignEdit => ({ label: 'Goal', apply: (d) => ({ ...d, context: { ...d.context, goal } }) }),
  doseMgPerKg: (mgPerKg: number): DesignEdit => ({
    label: 'Dose', mergeKey: 'dose', apply: (d) => ({ ...d, context: { ...d.context, dose: { ...d.context.dose, mgPerKg } } }),
  }),
  doseBasis: (basis: DoseBasisId): DesignEdit => ({
    label: 'Dose basis', apply: (d) => ({ ...d, context: { ...d.context, dose: { ...d.context.dose, basis } } }),
  }),
} as const

/** Validate and derive in one step; derive only what the validator accepted. */
function evaluate(design: Design, lastValid: DesignState['lastValid']): Pick<DesignState, 'validation' | 'derived' | 'lastValid'> {
  const validation = validateDesign(design)
  let derived: DerivedProperties | null = null
  if (validation.valid) {
    try {
      derived = deriveProperties(validation.design)
    } catch {
      derived = null
    }
  }
  return { validation, derived, lastValid: derived ? { design, derived } : lastValid }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/**
 * The working design store (zustand, one store per concern; actions live in the store).
 *
 * Why: the form, the 3D view and the derived panel all read one design; validation and
 * derived properties are recomputed synchronously on each edit (the validator and the
 * derivations are pure and fast), so every view is consistent within one render. Saves go
 * through the bridge and never overwrite a version: an open design saves as its next one.
 */
export const useDesignStore = create<DesignState>()((set, get) => {
  const initial = makeNewDesign()
  const edit = (e: DesignEdit): void => get().applyEdit(e)
  return {
    design: initial,
    ...evaluate(initial, null),
    designId: null,
    version: null,
    dirty: false,
    status: { kind: 'idle' },
    serverIssues: [],

    applyEdit: (e) => {
      const { design, lastValid } = get()
      const next = e.apply(design)
      if (next === design) return
      set({ design: next, ...evaluate(next, lastValid), dirty: true, serverIssues: [] })
    },

    replace: (design, designId, version) => {
      set({ design, ...evaluate(design, null), designId, version, dirty: false, serverIssues: [] })
    },

    newDesign: () => {
      get().replace(makeNewDesign(), null, null)
      set({ status: { kind: 'idle' } })
    },

    save: async () => {
      const { design, designId, validation } = get()
      if (!validation.valid) {
        const n = validation.errors.length
        set({ status: { kind: 'error', message: `Not saved: fix the ${n} problem${n === 1 ? '' : 's'} marked in the form.` } })
        return false
      }
      set({ status: { kind: 'busy', message: 'Saving…' } })
      try {
        const res = await getApi().saveDesign(designId ? { design, designId } : { design })
        if (!res.ok) {
          set({ status: { kind: 'error', message: `Not saved: ${res.message}` }, serverIssues: res.issues ?? [] })
          return false
        }
        // Edits made while the save was in flight keep the form dirty.
        set((s) => ({
          designId: res.value.designId,
          version: res.value.version,
          dirty: s.design !== design,
          serverIssues: [],
          status: { kind: 'saved', message: `Saved version ${res.value.version}` },
        }))
        return true
      } catch (e) {
        set({ status: { kind: 'error', message: `Not saved: ${messageOf(e)}` } })
        return false
      }
    },

    open: async (designId, version) => {
      set({ status: { kind: 'busy', message: 'Opening…' } })
      try {
        const res = await getApi().getDesign(version === undefined ? { designId } : { designId, version })
        if (!res.ok) {
          set({ status: { kind: 'error', message: `Could not open the design: ${res.message}` } })
          return false
        }
        const checked = validateDesign(res.value.design)
        if (!checked.valid) {
          const first = checked.errors[0]
          set({ status: { kind: 'error', message: `The stored design is not valid (${first ? `${first.path}: ${first.message}` : 'unknown problem'}).` } })
          return false
        }
        get().replace(checked.design, res.value.designId, res.value.version)
        set({ status: { kind: 'opened', message: `Opened version ${res.value.version}` } })
        return true
      } catch (e) {
        set({ status: { kind: 'error', message: `Could not open the design: ${messageOf(e)}` } })
        return false
      }
    },

    setName: (name) => edit(edits.name(name)),
    setCoreMaterial: (m) => edit(edits.coreMaterial(m)),
    setCoreDiameterNm: (v) => edit(edits.coreDiameterNm(v)),
    setPegEnabled: (on) => edit(edits.pegEnabled(on)),
    setPegMolecularWeightDa: (v) => edit(edits.pegMolecularWeightDa(v)),
    setPegGraftingDensity: (v) => edit(edits.pegGraftingDensity(v)),
    setLigand: (l) => edit(edits.ligand(l)),
    setLigandCount: (v) => edit(edits.ligandCount(v)),
    setDrug: (v) => edit(edits.drug(v)),
    setLoadingPctWw: (v) => edit(edits.loadingPctWw(v)),
    setTrigger: (v) => edit(edits.trigger(v)),
    setDisease: (v) => edit(edits.disease(v)),
    setSpecies: (v) => edit(edits.species(v)),
    setGoal: (v) => edit(edits.goal(v)),
    setDoseMgPerKg: (v) => edit(edits.doseMgPerKg(v)),
    setDoseBasis: (v) => edit(edits.doseBasis(v)),
  }
})
