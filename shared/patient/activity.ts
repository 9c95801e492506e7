/**
 * Disease-activity scales of a virtual patient and how each maps to the lesion's activity
 * scale s (IndividualPhysiology.lesionActivityScale; 1 = the catalog's established disease).
 *
 * Relation (stated, not published): s = max(0, (value − noLesion) / (reference − noLesion)),
 * linear between the scale's remission threshold (s = 0: no inflamed excess) and the activity
 * the catalog's disease multipliers stand for (s = 1). No published relation between a
 * clinical activity score and nanoparticle extravasation or phagocyte load was found, so
 * every mapping is an assumption [U] listed with the patient's physiology. Where a score does
 * not measure the lesion (EDSS measures disability; T1D stage the metabolic course) s = 1 at
 * every value: the catalog lesion, unchanged.
 */
import type { Cited } from '../catalog/cited'
import type { DiseaseId } from '../catalog/ids'

/** One activity scale of a disease. */
export interface ActivityScale {
  readonly id: string
  readonly label: string
  readonly unit: string
  /** The scale's own bounds (a value outside is impossible). */
  readonly min: number
  readonly max: number
  /** 'linear' maps by noLesion/reference; 'constant' gives s = 1 at every value. */
  readonly mapping: 'linear' | 'constant'
  /** Value at which the inflamed excess vanishes (s = 0). */
  readonly noLesion?: Cited
  /** Value the catalog's disease multipliers stand for (s = 1). */
  readonly reference: Cited
}

const RECALLED = 'recalled, not re-read'

/** The activity scales of each disease (the patient file's `activity.scale`). */
export const ACTIVITY_SCALES: Readonly<Record<DiseaseId, ReadonlyArray<ActivityScale>>> = {
  'healthy': [
    { id: 'none', label: 'No disease', unit: '', min: 0, max: 0, mapping: 'constant',
      reference: { value: 0, unit: '', source: 'No lesion in a healthy person (the engine models none)', evidence: 'D' } },
  ],
  'rheumatoid-arthritis': [
    { id: 'DAS28', label: 'DAS28', unit: 'score', min: 0, max: 10, mapping: 'linear',
      noLesion: { value: 2.6, unit: 'DAS28', source: `Fransen J, Creemers MCW, van Riel PLCM 2004, Rheumatology 43:1252, doi:10.1093/rheumatology/keh297 (remission DAS28 < 2.6; ${RECALLED})`, evidence: 'U' },
      reference: { value: 5.1, unit: 'DAS28', source: `van Gestel AM, Haagsma CJ, van Riel PLCM 1998, Arthritis Rheum 41:1845, doi:10.1002/1529-0131(199810)41:10<1845::AID-ART17>3.0.CO;2-K (high activity DAS28 > 5.1; ${RECALLED}); the catalog's inflamed-joint multipliers taken to stand for it`, evidence: 'U' } },
  ],
  'lupus-nephritis': [
    { id: 'SLEDAI-2K', label: 'SLEDAI-2K', unit: 'score', min: 0, max: 105, mapping: 'linear',
      noLesion: { value: 0, unit: 'SLEDAI-2K', source: `Gladman DD, Ibañez D, Urowitz MB 2002, J Rheumatol 29:288 (score 0 = no activity; ${RECALLED})`, evidence: 'U' },
      reference: { value: 12, unit: 'SLEDAI-2K', source: 'NanoForge estimate: a flare with active nephritis (renal items 4 × 4 = 16 at most) taken as the catalog lesion', evidence: 'U' } },
    { id: 'proteinuria', label: 'Proteinuria', unit: 'g/day', min: 0, max: 30, mapping: 'linear',
      noLesion: { value: 0.5, unit: 'g/day', source: `KDIGO 2021 Clinical Practice Guideline for the Management of Glomerular Diseases, Kidney Int 100(4S):S1, doi:10.1016/j.kint.2021.05.021 (complete renal response < 0.5 g/day; ${RECALLED})`, evidence: 'U' },
      reference: { value: 3.5, unit: 'g/day', source: `KDIGO 2021 (nephrotic-range proteinuria ≥ 3.5 g/day; ${RECALLED}); taken as the catalog lesion`, evidence: 'U' } },
  ],
  'inflammatory-bowel-disease': [
    { id: 'Mayo', label: 'Mayo score', unit: 'score', min: 0, max: 12, mapping: 'linear',
      noLesion: { value: 2, unit: 'Mayo', source: `Schroeder KW, Tremaine WJ, Ilstrup DM 1987, N Engl J Med 317:1625, doi:10.1056/NEJM198712243172603 (score 0-12; remission ≤ 2 as used in trials; ${RECALLED})`, evidence: 'U' },
      reference: { value: 8, unit: 'Mayo', source: 'NanoForge estimate: moderately-to-severely active colitis (6-12) taken as the catalog lesion', evidence: 'U' } },
  ],
  'psoriasis': [
    { id: 'PASI', label: 'PASI', unit: 'score', min: 0, max: 72, mapping: 'linear',
      noLesion: { value: 0, unit: 'PASI', source: `Fredriksson T, Pettersson U 1978, Dermatologica 157:238, doi:10.1159/000250839 (0 = clear; ${RECALLED})`, evidence: 'U' },
      reference: { value: 10, unit: 'PASI', source: `Finlay AY 2005, Br J Dermatol 152:861, doi:10.1111/j.1365-2133.2005.06502.x ("rule of tens": PASI > 10 severe; ${RECALLED}); taken as the catalog lesion`, evidence: 'U' } },
    { id: 'BSA', label: 'Body surface affected', unit: '%', min: 0, max: 100, mapping: 'linear',
      noLesion: { value: 0, unit: '%', source: 'No plaques: no lesion', evidence: 'D' },
      reference: { value: 10, unit: '%', source: `Finlay AY 2005, Br J Dermatol 152:861 (BSA > 10 % severe; ${RECALLED}); taken as the catalog lesion`, evidence: 'U' } },
  ],
  'multiple-sclerosis': [
    { id: 'relapse', label: 'Relapse (0 no, 1 yes)', unit: '', min: 0, max: 1, mapping: 'linear',
      noLesion: { value: 0, unit: '', source: 'NanoForge estimate: no relapse, no blood-brain-barrier leak in the model lesion', evidence: 'U' },
      reference: { value: 1, unit: '', source: 'NanoForge estimate: the catalog lesion is an active (relapsing) lesion', evidence: 'U' } },
    { id: 'EDSS', label: 'EDSS', unit: 'score', min: 0, max: 10, mapping: 'constant',
      reference: { value: 3.5, unit: 'EDSS', source: `Kurtzke JF 1983, Neurology 33:1444, doi:10.1212/WNL.33.11.1444 (EDSS measures disability, not lesion activity; ${RECALLED}): the catalog lesion at every value`, evidence: 'U' } },
  ],
  'type-1-diabetes': [
    { id: 'stage', label: 'Stage (1-3)', unit: '', min: 1, max: 3, mapping: 'constant',
      reference: { value: 2, unit: 'stage', source: `Insel RA et al. 2015, Diabetes Care 38:1964, doi:10.2337/dc15-1419 (stages 1-3 of type 1 diabetes; ${RECALLED}); no relation of stage to insulitis extent: the catalog lesion at every stage`, evidence: 'U' } },
  ],
}

/** The scale `id` of `disease`, or undefined. */
export function activityScaleOf(disease: DiseaseId, id: string): ActivityScale | undefined {
  return ACTIVITY_SCALES[disease].find((s) => s.id === id)
}

/**
 * Lesion activity scale s of a value on `scale` (see the module comment):
 * linear: s = max(0, (v − v₀) / (v_ref − v₀)); constant: 1.
 */
export function lesionActivityScale(scale: ActivityScale, value: number): number {
  if (scale.mapping === 'constant' || scale.noLesion === undefined) return 1
  const v0 = scale.noLesion.value
  return Math.max(0, (value - v0) / (scale.reference.value - v0))
}
