import { create } from 'zustand'
import {
  coreHasBilayer,
  type Coating, type CoreSpec, type Design, type DesignIssue, type LigandSpec, type PegCoating,
} from '../../shared/design/types'
import type {
  BilayerLipidId, CoreMaterialId, DiseaseId, DoseBasisId, DrugId, GoalId, LigandId, LipidCoatingId, MembraneSourceId,
  PolymerCoatingId, SpeciesId, TriggerId,
} from '../../shared/catalog/ids'
import { getPolymerCoating } from '../../shared/catalog'
import { DESIGN_LIMITS, validateDesign, type DesignValidation } from '../../shared/design/schema'
import { deriveProperties, type DerivedProperties } from '../../shared/design/derived'
import { newDesign as makeNewDesign, newLiposomeBilayer } from '../../shared/design/defaults'
import { upgradeStoredDesign } from '../../shared/design/stored'
import { getApi } from '../bridge'
import { CONTROL_LABELS, lowerFirst, optionLabel, pathLabel, requireField } from '../../shared/design/fields'
import { savedButBackupFailedText, useAppInfoStore } from './app-info-store'

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
  /** Saved, but the backup that save triggered failed (the footer keeps the standing warning). */
  | { readonly kind: 'warning'; readonly message: string }
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
  /** True when the form differs from {@link baseline} (or there is no baseline to compare with). */
  readonly dirty: boolean
  /**
   * The design as last saved or opened (for a new design, as started); `dirty` compares the
   * form with it, so setting a value back clears "unsaved changes". Null after restoring a
   * draft, whose saved version is not in memory: it stays unsaved until saved.
   */
  readonly baseline: Design | null
  readonly status: DesignStatus
  /** Per-path problems the host reported on the last save (shown at the fields too). */
  readonly serverIssues: ReadonlyArray<DesignIssue>
  /** Undo stack, oldest first: the design before each applied edit, with the edit's name. */
  readonly past: ReadonlyArray<HistoryEntry>
  /** Redo stack, most recently undone last. */
  readonly future: ReadonlyArray<HistoryEntry>

  /** Apply one named edit (the only way the form changes the design). */
  applyEdit: (edit: DesignEdit) => void
  /** Undo the last edit (or merged gesture); no-op with nothing to undo. */
  undo: () => void
  /** Redo the last undone edit; no-op with nothing to redo. */
  redo: () => void
  /** End the current gesture: the next edit starts a new undo step even with the same merge key. */
  sealHistory: () => void
  /** Replace the whole design (load, new); not an undoable edit. */
  replace: (design: Design, designId: string | null, version: number | null) => void
  /** Start a fresh unsaved design from the defaults, or from `from` (an example); asks before discarding changes. */
  newDesign: (from?: Design) => void
  /** Save as a new design, or as the next version of the open one. */
  save: () => Promise<boolean>
  /**
   * Save the form as a new design (its own id, version 1), leaving the open design's history
   * untouched; the new design becomes the open one.
   */
  saveAsNew: () => Promise<boolean>
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

/**
 * One undo (or redo) step: the design to go back to and the name of the edit it undoes.
 *
 * Why: storing whole immutable designs (a few hundred bytes each, structurally shared) is
 * simpler and safer than inverse commands, and lets undo restore exactly what was there.
 */
export interface HistoryEntry {
  readonly label: string
  readonly mergeKey?: string
  readonly design: Design
  /** When the entry was last extended, ms (Date.now); gestures merge within {@link MERGE_WINDOW_MS}. */
  readonly at: number
}

/** Most undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 200
/** Edits with the same merge key this close together (and not sealed) form one undo step. */
export const MERGE_WINDOW_MS = 1500

/** Coating kinds a design can stack (inner to outer), at most {@link DESIGN_LIMITS.maxCoatings}. */
export type CoatingKind = Coating['kind']

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

function updateCoatingAt<K extends Coating['kind']>(
  design: Design, index: number, kind: K, patch: Partial<Omit<Extract<Coating, { kind: K }>, 'kind'>>,
): Design {
  const c = design.coatings[index]
  if (c?.kind !== kind) return design
  return { ...design, coatings: design.coatings.map((x, i) => (i === index ? ({ ...x, ...patch } as Coating) : x)) }
}

/**
 * The core after choosing a material: a liposome keeps its bilayer or gets the default one
 * (HSPC, 38 mol % cholesterol); any other core loses it (format version 2: only a liposome has
 * a bilayer), so switching material never produces an invalid design by itself.
 */
function coreWithMaterial(core: CoreSpec, material: CoreMaterialId): CoreSpec {
  if (coreHasBilayer(material)) return { material, diameterNm: core.diameterNm, bilayer: core.bilayer ?? newLiposomeBilayer() }
  return { material, diameterNm: core.diameterNm }
}

/** The design with its liposome bilayer patched; unchanged when the core has no bilayer. */
function updateBilayer(design: Design, patch: { lipid?: BilayerLipidId; cholesterolMolPct?: number }): Design {
  const bilayer = design.core.bilayer
  if (bilayer === undefined) return design
  return { ...design, core: { ...design.core, bilayer: { ...bilayer, ...patch } } }
}

/** Display name of a coating kind ("PEG corona", "Cell membrane"), from the field definitions. */
export function coatingKindName(kind: Coating['kind']): string {
  return optionLabel('coatings[].kind', kind)
}

/** A new coating of a kind with catalog defaults (polymer thickness from the catalog). */
export function defaultCoating(kind: Coating['kind']): Coating {
  switch (kind) {
    case 'peg': return DEFAULT_PEG
    case 'membrane': return { kind: 'membrane', source: 'red-blood-cell' }
    case 'polymer': return { kind: 'polymer', material: 'chitosan', thicknessNm: getPolymerCoating('chitosan').defaultThicknessNm.value }
    case 'lipid': return { kind: 'lipid', material: 'lipid-bilayer' }
  }
}

/** The label of a field, from the one source of field definitions (an undo step is named like its field). */
const F = (key: string): string => requireField(key).label

/**
 * Edit factories, one per form field. Pure, so tests, undo/redo and scripted changes can
 * build and replay them without the store.
 */
export const edits = {
  name: (name: string): DesignEdit => ({ label: F('name'), mergeKey: 'name', apply: (d) => ({ ...d, name }) }),
  coreMaterial: (material: CoreMaterialId): DesignEdit => ({
    label: F('core.material'), apply: (d) => ({ ...d, core: coreWithMaterial(d.core, material) }),
  }),
  bilayerLipid: (lipid: BilayerLipidId): DesignEdit => ({
    label: F('core.bilayer.lipid'), apply: (d) => updateBilayer(d, { lipid }),
  }),
  cholesterolMolPct: (cholesterolMolPct: number): DesignEdit => ({
    label: F('core.bilayer.cholesterolMolPct'), mergeKey: 'core.bilayer.cholesterol', apply: (d) => updateBilayer(d, { cholesterolMolPct }),
  }),
  coreDiameterNm: (diameterNm: number): DesignEdit => ({
    label: F('core.diameterNm'), mergeKey: 'core.diameterNm', apply: (d) => ({ ...d, core: { ...d.core, diameterNm } }),
  }),
  pegEnabled: (enabled: boolean): DesignEdit => ({
    label: `${enabled ? 'Add' : 'Remove'} ${lowerFirst(CONTROL_LABELS.pegCoating)}`,
    apply: (d) => {
      const has = pegIndex(d) >= 0
      if (enabled === has) return d
      // PEG is the outer corona: appended after any other layer; removal keeps the others.
      return { ...d, coatings: enabled ? [...d.coatings, DEFAULT_PEG] : d.coatings.filter((c) => c.kind !== 'peg') }
    },
  }),
  pegMolecularWeightDa: (molecularWeightDa: number): DesignEdit => ({
    label: F('coatings[].molecularWeightDa'), mergeKey: 'peg.mw', apply: (d) => updatePeg(d, { molecularWeightDa }),
  }),
  pegGraftingDensity: (graftingDensityPerNm2: number): DesignEdit => ({
    label: F('coatings[].graftingDensityPerNm2'), mergeKey: 'peg.density', apply: (d) => updatePeg(d, { graftingDensityPerNm2 }),
  }),
  ligand: (ligand: LigandId | null): DesignEdit => ({
    label: F('ligands[].ligand'),
    apply: (d) => {
      if (ligand === null) return { ...d, ligands: [] }
      const perParticle = d.ligands[0]?.perParticle ?? DEFAULT_LIGAND_COUNT
      const first: LigandSpec = { ligand, perParticle }
      return { ...d, ligands: [first, ...d.ligands.slice(1).filter((l) => l.ligand !== ligand)] }
    },
  }),
  ligandCount: (perParticle: number): DesignEdit => ({
    label: F('ligands[].perParticle'),
    mergeKey: 'ligands.count',
    apply: (d) => (d.ligands.length === 0 ? d : { ...d, ligands: d.ligands.map((l, i) => (i === 0 ? { ...l, perParticle } : l)) }),
  }),
  addCoating: (coating: Coating): DesignEdit => ({
    label: `Add ${lowerFirst(coatingKindName(coating.kind))}`,
    apply: (d) => {
      if (d.coatings.length >= DESIGN_LIMITS.maxCoatings) return d
      if (coating.kind === 'peg' && pegIndex(d) >= 0) return d
      // PEG stays the outer corona: other layers go beneath it.
      const peg = pegIndex(d)
      const coatings = coating.kind !== 'peg' && peg >= 0
        ? [...d.coatings.slice(0, peg), coating, ...d.coatings.slice(peg)]
        : [...d.coatings, coating]
      return { ...d, coatings }
    },
  }),
  removeCoating: (index: number): DesignEdit => ({
    label: 'Remove coating',
    apply: (d) => (index < 0 || index >= d.coatings.length ? d : { ...d, coatings: d.coatings.filter((_, i) => i !== index) }),
  }),
  moveCoating: (index: number, by: -1 | 1): DesignEdit => ({
    label: by < 0 ? 'Move coating inward' : 'Move coating outward',
    apply: (d) => {
      const j = index + by
      if (index < 0 || j < 0 || j >= d.coatings.length || index >= d.coatings.length) return d
      const coatings = [...d.coatings]
      const a = coatings[index]
      coatings[index] = coatings[j]
      coatings[j] = a
      return { ...d, coatings }
    },
  }),
  membraneSource: (index: number, source: MembraneSourceId): DesignEdit => ({
    label: pathLabel(`coatings[${index}].source`), apply: (d) => updateCoatingAt(d, index, 'membrane', { source }),
  }),
  polymerMaterial: (index: number, material: PolymerCoatingId): DesignEdit => ({
    label: pathLabel(`coatings[${index}].material`), apply: (d) => updateCoatingAt(d, index, 'polymer', { material }),
  }),
  polymerThicknessNm: (index: number, thicknessNm: number): DesignEdit => ({
    label: pathLabel(`coatings[${index}].thicknessNm`), mergeKey: `coatings.${index}.thickness`, apply: (d) => updateCoatingAt(d, index, 'polymer', { thicknessNm }),
  }),
  lipidMaterial: (index: number, material: LipidCoatingId): DesignEdit => ({
    label: pathLabel(`coatings[${index}].material`), apply: (d) => updateCoatingAt(d, index, 'lipid', { material }),
  }),
  addLigand: (ligand: LigandId, perParticle = DEFAULT_LIGAND_COUNT): DesignEdit => ({
    label: 'Add ligand type',
    apply: (d) => (d.ligands.some((l) => l.ligand === ligand) ? d : { ...d, ligands: [...d.ligands, { ligand, perParticle }] }),
  }),
  removeLigand: (index: number): DesignEdit => ({
    label: 'Remove ligand type',
    apply: (d) => (index < 0 || index >= d.ligands.length ? d : { ...d, ligands: d.ligands.filter((_, i) => i !== index) }),
  }),
  ligandTypeAt: (index: number, ligand: LigandId): DesignEdit => ({
    label: pathLabel(`ligands[${index}].ligand`),
    apply: (d) => {
      if (index < 0 || index >= d.ligands.length || d.ligands.some((l, i) => i !== index && l.ligand === ligand)) return d
      return { ...d, ligands: d.ligands.map((l, i) => (i === index ? { ...l, ligand } : l)) }
    },
  }),
  ligandCountAt: (index: number, perParticle: number): DesignEdit => ({
    label: pathLabel(`ligands[${index}].perParticle`),
    mergeKey: `ligands.${index}.count`,
    apply: (d) => (index < 0 || index >= d.ligands.length ? d : { ...d, ligands: d.ligands.map((l, i) => (i === index ? { ...l, perParticle } : l)) }),
  }),
  drug: (drug: DrugId): DesignEdit => ({ label: F('payload.drug'), apply: (d) => ({ ...d, payload: { ...d.payload, drug } }) }),
  loadingPctWw: (loadingPctWw: number): DesignEdit => ({
    label: F('payload.loadingPctWw'), mergeKey: 'payload.loading', apply: (d) => ({ ...d, payload: { ...d.payload, loadingPctWw } }),
  }),
  trigger: (trigger: TriggerId): DesignEdit => ({ label: F('payload.trigger'), apply: (d) => ({ ...d, payload: { ...d.payload, trigger } }) }),
  disease: (disease: DiseaseId): DesignEdit => ({ label: F('context.disease'), apply: (d) => ({ ...d, context: { ...d.context, disease } }) }),
  species: (species: SpeciesId): DesignEdit => ({ label: F('context.species'), apply: (d) => ({ ...d, context: { ...d.context, species } }) }),
  goal: (goal: GoalId): DesignEdit => ({ label: F('context.goal'), apply: (d) => ({ ...d, context: { ...d.context, goal } }) }),
  doseMgPerKg: (mgPerKg: number): DesignEdit => ({
    label: F('context.dose.mgPerKg'), mergeKey: 'dose', apply: (d) => ({ ...d, context: { ...d.context, dose: { ...d.context.dose, mgPerKg } } }),
  }),
  doseBasis: (basis: DoseBasisId): DesignEdit => ({
    label: F('context.dose.basis'), apply: (d) => ({ ...d, context: { ...d.context, dose: { ...d.context.dose, basis } } }),
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

/** Asks the user whether unsaved changes may be discarded (resolves true to go ahead). */
export type DiscardGuard = (action: 'new' | 'open') => Promise<boolean>

let discardGuard: DiscardGuard | null = null

/**
 * Install the question asked before New or Open throws away unsaved changes; returns the
 * uninstall function.
 *
 * Why: the store cannot show UI, the app can; without a guard (tests, CLI-like use) the
 * actions proceed at once, as before.
 */
export function setDiscardGuard(guard: DiscardGuard | null): () => void {
  discardGuard = guard
  return () => {
    if (discardGuard === guard) discardGuard = null
  }
}

/** JSON with object keys sorted, so two designs with the same content compare equal whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v))
}

/**
 * True when `design` differs in content from `baseline` (always true without a baseline).
 *
 * Why content, not identity: undoing to the saved state, or typing the saved value back,
 * leaves nothing to save, and "unsaved changes" must not say otherwise.
 */
export function differsFrom(design: Design, baseline: Design | null): boolean {
  if (baseline === null) return true
  return design !== baseline && canonical(design) !== canonical(baseline)
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
  // Set by undo/redo/replace/sealHistory: the next edit starts a new step (not React state).
  let sealed = false

  /** Saves the form as the next version of `designId`, or as a new design when null. */
  const saveWith = async (designId: string | null): Promise<boolean> => {
    const { design, validation } = get()
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
      const asNew = designId === null && get().designId !== null
      const savedText = asNew ? `Saved as a new design (version ${res.value.version})` : `Saved version ${res.value.version}`
      const backupWarning = res.value.backupWarning
      // Edits made while the save was in flight keep the form dirty (compared with what was saved).
      set((s) => ({
        designId: res.value.designId,
        version: res.value.version,
        baseline: design,
        dirty: differsFrom(s.design, design),
        serverIssues: [],
        status: backupWarning === undefined
          ? { kind: 'saved', message: savedText }
          : { kind: 'warning', message: savedButBackupFailedText(savedText, backupWarning) },
      }))
      void useAppInfoStore.getState().noteWrite(res.value)
      return true
    } catch (e) {
      set({ status: { kind: 'error', message: `Not saved: ${messageOf(e)}` } })
      return false
    }
  }

  return {
    design: initial,
    ...evaluate(initial, null),
    designId: null,
    version: null,
    dirty: false,
    baseline: initial,
    status: { kind: 'idle' },
    serverIssues: [],
    past: [],
    future: [],

    applyEdit: (e) => {
      const { design, lastValid, past } = get()
      const next = e.apply(design)
      // Same content (e.g. re-choosing the current option) is not a change: no undo step, not dirty.
      if (next === design || JSON.stringify(next) === JSON.stringify(design)) return
      const now = Date.now()
      const top = past[past.length - 1]
      const merge = e.mergeKey !== undefined && !sealed && top?.mergeKey === e.mergeKey && now - top.at <= MERGE_WINDOW_MS
      const nextPast = merge
        ? [...past.slice(0, -1), { ...top, at: now }]
        : [...past, { label: e.label, mergeKey: e.mergeKey, design, at: now }].slice(-HISTORY_LIMIT)
      sealed = false
      set({ design: next, ...evaluate(next, lastValid), dirty: differsFrom(next, get().baseline), serverIssues: [], past: nextPast, future: [] })
    },

    undo: () => {
      const { past, future, design, lastValid } = get()
      const top = past[past.length - 1]
      if (!top) return
      sealed = true
      set({
        design: top.design, ...evaluate(top.design, lastValid), dirty: differsFrom(top.design, get().baseline), serverIssues: [],
        past: past.slice(0, -1), future: [...future, { label: top.label, design, at: Date.now() }],
      })
    },

    redo: () => {
      const { past, future, design, lastValid } = get()
      const top = future[future.length - 1]
      if (!top) return
      sealed = true
      set({
        design: top.design, ...evaluate(top.design, lastValid), dirty: differsFrom(top.design, get().baseline), serverIssues: [],
        future: future.slice(0, -1), past: [...past, { label: top.label, design, at: Date.now() }],
      })
    },

    sealHistory: () => {
      sealed = true
    },

    replace: (design, designId, version) => {
      sealed = true
      set({ design, ...evaluate(design, null), designId, version, dirty: false, baseline: design, serverIssues: [], past: [], future: [] })
    },

    newDesign: (from) => {
      const start = (): void => {
        get().replace(from ?? makeNewDesign(), null, null)
        set({ status: from ? { kind: 'opened', message: `Opened “${from.name}” as a new, unsaved design` } : { kind: 'idle' } })
      }
      if (!get().dirty || !discardGuard) {
        start()
        return
      }
      void discardGuard('new').then((ok) => {
        if (ok) start()
      })
    },

    save: () => saveWith(get().designId),
    saveAsNew: () => saveWith(null),

    open: async (designId, version) => {
      if (get().dirty && discardGuard && !(await discardGuard('open'))) return false
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

/** localStorage key of the autosaved working draft. */
export const DRAFT_KEY = 'nanoforge.draft.v1'

/** What the autosave keeps: the design, where it came from, and when. */
export interface StoredDraft {
  readonly design: Design
  readonly designId: string | null
  readonly version: number | null
  readonly savedAt: string
}

/**
 * Read the autosaved draft, if any and if it still validates as a design object.
 *
 * Why: a crash or reload must lose nothing (issue 6); the draft is offered back on start.
 * Damaged storage yields null instead of throwing.
 */
export function readDraft(storage: Pick<Storage, 'getItem'> = localStorage): StoredDraft | null {
  try {
    const raw = storage.getItem(DRAFT_KEY)
    if (!raw) return null
    const parsed = JSON.parse(raw) as Partial<StoredDraft>
    if (!parsed || typeof parsed !== 'object' || !parsed.design || typeof parsed.design !== 'object') return null
    return {
      design: parsed.design,
      designId: typeof parsed.designId === 'string' ? parsed.designId : null,
      version: typeof parsed.version === 'number' ? parsed.version : null,
      savedAt: typeof parsed.savedAt === 'string' ? parsed.savedAt : '',
    }
  } catch {
    return null
  }
}

/** Forget the autosaved draft (after a save, or when the user declines to restore it). */
export function clearDraft(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  try {
    storage.removeItem(DRAFT_KEY)
  } catch {
    // Storage unavailable: nothing to clear.
  }
}

/**
 * Keep the working draft in localStorage while it has unsaved changes; clear it once clean.
 * Returns the unsubscribe function.
 *
 * Why: every dirty design is written (debounced) so a crash or reload loses nothing;
 * a clean design needs no draft, so a stale one is never offered after a save.
 */
export function startAutosave(storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage, delayMs = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  const write = (): void => {
    timer = null
    const { design, designId, version, dirty } = useDesignStore.getState()
    try {
      if (dirty) storage.setItem(DRAFT_KEY, JSON.stringify({ design, designId, version, savedAt: new Date().toISOString() }))
      else storage.removeItem(DRAFT_KEY)
    } catch {
      // Quota or privacy mode: autosave is best effort, the app keeps working.
    }
  }
  const unsubscribe = useDesignStore.subscribe((s, prev) => {
    if (s.design === prev.design && s.dirty === prev.dirty) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(write, delayMs)
  })
  const flush = (): void => {
    if (timer) {
      clearTimeout(timer)
      write()
    }
  }
  window.addEventListener('beforeunload', flush)
  return () => {
    unsubscribe()
    window.removeEventListener('beforeunload', flush)
    if (timer) clearTimeout(timer)
  }
}

/**
 * Put a restored draft back as the working design, marked unsaved.
 *
 * Why: the draft may be for a saved design (keep its id so Save makes the next version) or
 * for a never-saved one; either way it differs from the library, so it is dirty.
 */
export function restoreDraft(draft: StoredDraft): void {
  // A draft autosaved by an older build is upgraded (e.g. a version-1 liposome gets its bilayer).
  useDesignStore.getState().replace(upgradeStoredDesign(draft.design), draft.designId, draft.version)
  useDesignStore.setState({ dirty: true, baseline: null, status: { kind: 'opened', message: 'Restored the unsaved draft' } })
}
