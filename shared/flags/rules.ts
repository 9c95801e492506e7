/**
 * Translation flags (issue #16): risks on the road from a design to the clinic that a
 * formulation review should see while the particle is drawn. Each rule names its source (the
 * publication or regulatory guidance it rests on), says why it applies to this design and
 * what to measure next. Rules are pure predicates on a {@link FlagContext}; the thresholds
 * they use are named constants with their sources beside them.
 *
 * Severity: `info` (a quality attribute the guidance expects to be measured), `caution` (a
 * known risk of this kind of particle), `concern` (a risk that can stop development).
 */
import type { CoreClass, DrugClass } from '../catalog/index'
import type { CoatingKind, DiseaseId, GoalId, LigandId, SpeciesId } from '../catalog/ids'

/** Flag severities, least to most serious. */
export const FLAG_SEVERITIES = ['info', 'caution', 'concern'] as const
/** One of {@link FLAG_SEVERITIES}. */
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number]

/** What the rules read about one design (built by evaluate.ts from the design and catalog). */
export interface FlagContext {
  readonly coreClass: CoreClass
  readonly coreName: string
  readonly coreDegradable: boolean
  readonly ironOxide: boolean
  readonly coatingKinds: ReadonlyArray<CoatingKind>
  /** Outer-surface zeta potential from the catalog materials, mV. */
  readonly zetaMv: number
  readonly hydrodynamicDiameterNm: number
  readonly pegPresent: boolean
  readonly membraneNames: ReadonlyArray<string>
  readonly antibodyLigands: ReadonlyArray<{ readonly id: LigandId; readonly name: string }>
  readonly drugClass: DrugClass
  readonly drugName: string
  readonly goal: GoalId
  /** The goal's display name (shared/design/fields.ts), for the texts. */
  readonly goalName: string
  readonly disease: DiseaseId
  readonly species: SpeciesId
  /** Particle dose, mg per kg body weight. */
  readonly particleDoseMgPerKg: number
  /** Core share of the particle's dry mass (0-1). */
  readonly coreMassFraction: number
}

/** One raised flag. */
export interface Flag {
  readonly id: string
  readonly severity: FlagSeverity
  readonly title: string
  /** Why it applies to this design (with the design's numbers). */
  readonly why: string
  /** The publication or guidance the rule rests on. */
  readonly source: string
  /** Evidence tag of the source: U = recalled here, not yet re-read against the publication. */
  readonly evidence: 'V' | 'U'
  /** What to measure next to settle it. */
  readonly measure: string
}

/** A rule: its fixed texts and a predicate giving the design-specific "why" (null: not raised). */
export interface FlagRule {
  readonly id: string
  readonly severity: FlagSeverity
  readonly title: string
  readonly source: string
  readonly evidence: 'V' | 'U'
  readonly measure: string
  readonly why: (c: FlagContext) => string | null
}

/**
 * Cationic threshold, mV: the engine's charge rule (pbpk.json modifiers.charge, +15 mV) —
 * the same number, so the flag and the estimate agree on what counts as cationic.
 */
export const CATIONIC_ZETA_MV = 15
/** Splenic red-pulp slits retain rigid particles above about this size (Moghimi 1995). */
export const SPLENIC_FILTRATION_NM = 200
/**
 * Largest approved single intravenous iron-oxide dose: ferumoxytol 510 mg Fe (Feraheme US
 * prescribing information, 2009/2022) for a 70 kg adult = 7.3 mg Fe/kg [D].
 */
export const MAX_HUMAN_IRON_MG_PER_KG = 510 / 70
/** Iron mass fraction of magnetite, Fe3O4: 3 × 55.845 / 231.53 = 0.724 [D]. */
export const FE_FRACTION_OF_MAGNETITE = (3 * 55.845) / 231.533
/**
 * Body-surface-area factors K_m (kg/m²) for human-equivalent doses: mouse 3, rat 6, human 37
 * (FDA 2005, Guidance for Industry: Estimating the Maximum Safe Starting Dose in Initial
 * Clinical Trials for Therapeutics in Adult Healthy Volunteers, Table 1).
 */
export const KM_FACTOR: Readonly<Record<SpeciesId, number>> = { mouse: 3, rat: 6, human: 37 }

const fmt = (x: number): string => Number(x.toPrecision(3)).toString()

/** The rule set, in display order. */
export const FLAG_RULES: ReadonlyArray<FlagRule> = [
  {
    id: 'cationic-surface',
    severity: 'caution',
    title: 'Cationic surface',
    source: 'Fröhlich E 2012, Int J Nanomedicine 7:5577-5591 (cationic particles: higher uptake, membrane damage, haemolysis and platelet aggregation)',
    evidence: 'U',
    measure: 'Zeta potential in the dosing medium and in serum; haemolysis and platelet aggregation in human blood; cytotoxicity in the target cells',
    why: (c) => (c.zetaMv > CATIONIC_ZETA_MV
      ? `The outer surface is ${c.zetaMv > 0 ? '+' : ''}${fmt(c.zetaMv)} mV (above +${CATIONIC_ZETA_MV} mV): positively charged particles bind cell membranes and blood components, raising toxicity and liver and lung uptake.`
      : null),
  },
  {
    id: 'complement-activation',
    severity: 'caution',
    title: 'Complement activation-related pseudoallergy (CARPA)',
    source: 'Szebeni J 2014, Mol Immunol 61:163-173 (infusion reactions to PEGylated liposomes and other nanomedicines through complement activation)',
    evidence: 'U',
    measure: 'Complement activation in human serum in vitro (SC5b-9, C3a); slow initial infusion rate in first-in-human dosing',
    why: (c) => {
      if (c.pegPresent) return 'PEGylated particles can activate complement in sensitive patients (hypersensitivity on the first infusion).'
      if (c.coreClass === 'lipid-vesicle' && Math.abs(c.zetaMv) >= 30) return `A strongly charged liposome (${fmt(c.zetaMv)} mV) can activate complement on infusion.`
      return null
    },
  },
  {
    id: 'accelerated-blood-clearance',
    severity: 'caution',
    title: 'Accelerated blood clearance on repeated dosing (anti-PEG antibodies)',
    source: 'Ishida T, Kiwada H 2008, Int J Pharm 354:56-62 (a second dose of PEGylated liposomes is cleared fast by anti-PEG IgM)',
    evidence: 'U',
    measure: 'Anti-PEG IgM and IgG before and after dosing; blood kinetics of a second dose given 5-7 days after the first',
    why: (c) => (c.pegPresent ? 'The particle carries PEG: if it is dosed repeatedly, as chronic autoimmune disease requires, a second dose may be cleared within hours.' : null),
  },
  {
    id: 'persistent-core',
    severity: 'caution',
    title: 'Non-degradable core persists in liver and spleen',
    source: 'Sadauskas E et al. 2009, Nanomedicine 5:162-169 (gold nanoparticles retained in the liver for six months); FDA 2022, Drug Products, Including Biological Products, that Contain Nanomaterials — Guidance for Industry',
    evidence: 'U',
    measure: 'Long-term biodistribution (months) and excretion of the core element; histology of liver and spleen after repeated dosing',
    // iron oxide is excluded: it dissolves into the body's iron pool (the iron-load rule covers it)
    why: (c) => (!c.coreDegradable && !c.ironOxide ? `${c.coreName} does not degrade in the body: what the liver and spleen take up stays there, and repeated dosing accumulates it.` : null),
  },
  {
    id: 'splenic-filtration',
    severity: 'info',
    title: 'Splenic filtration above ~200 nm',
    source: 'Moghimi SM 1995, Adv Drug Deliv Rev 17:103-115 (red-pulp inter-endothelial slits retain rigid particles above ~200 nm)',
    evidence: 'U',
    measure: 'Size distribution (not only the mean: the upper tail), particle deformability, spleen %ID/g',
    why: (c) => (c.hydrodynamicDiameterNm > SPLENIC_FILTRATION_NM
      ? `The hydrodynamic diameter is ${fmt(c.hydrodynamicDiameterNm)} nm: the spleen's red pulp retains particles this size, so spleen exposure is high (wanted for tolerance, unwanted for delivery elsewhere).`
      : null),
  },
  {
    id: 'iron-load',
    severity: 'concern',
    title: 'Iron dose above the largest approved single iron-oxide dose',
    source: 'Feraheme (ferumoxytol) US prescribing information (largest single dose 510 mg Fe; boxed warning for serious hypersensitivity); human-equivalent dose by body-surface factors, FDA 2005, Estimating the Maximum Safe Starting Dose in Initial Clinical Trials — Guidance for Industry',
    evidence: 'U',
    measure: 'Serum iron, transferrin saturation and ferritin after dosing; iron in liver and spleen; hypersensitivity monitoring',
    why: (c) => {
      if (!c.ironOxide) return null
      const ironMgPerKg = c.particleDoseMgPerKg * c.coreMassFraction * FE_FRACTION_OF_MAGNETITE
      const humanEquivalent = ironMgPerKg * KM_FACTOR[c.species] / KM_FACTOR.human
      if (humanEquivalent <= MAX_HUMAN_IRON_MG_PER_KG) return null
      const he = c.species === 'human' ? '' : ` (human-equivalent ${fmt(humanEquivalent)} mg Fe/kg by body-surface area)`
      return `The dose carries ${fmt(ironMgPerKg)} mg Fe/kg${he}, above the 7.3 mg Fe/kg of the largest approved single dose (ferumoxytol 510 mg).`
    },
  },
  {
    id: 'cell-membrane-immunogenicity',
    severity: 'caution',
    title: 'Cell-membrane coat: donor matching and immunogenicity',
    source: 'Fang RH, Kroll AV, Gao W, Zhang L 2018, Adv Mater 30:1706759 (cell-membrane-coated nanoparticles: source cells, antigens carried over, translation)',
    evidence: 'U',
    measure: 'Membrane source and its matching (blood group for red cells); antibodies against the membrane after repeated dosing; membrane protein orientation and coverage',
    why: (c) => (c.membraneNames.length > 0
      ? `The particle is coated with ${c.membraneNames.join(' and ')}: foreign membrane antigens can raise antibodies, and the source cells must be matched to the patient.`
      : null),
  },
  {
    id: 'antibody-immunogenicity',
    severity: 'caution',
    title: 'Antibody ligands: anti-drug antibodies',
    source: 'FDA 2014, Immunogenicity Assessment for Therapeutic Protein Products — Guidance for Industry',
    evidence: 'U',
    measure: 'Anti-drug antibody assay after repeated dosing; species of the antibody (humanised for people); Fc effects',
    why: (c) => (c.antibodyLigands.length > 0
      ? `The particle carries ${c.antibodyLigands.map((l) => l.name).join(' and ')}: antibodies on a particle are presented densely and can raise anti-drug antibodies that neutralise targeting or speed clearance.`
      : null),
  },
  {
    id: 'tolerance-not-sensitisation',
    severity: 'caution',
    title: 'Antigen-specific design: confirm tolerance, not sensitisation',
    source: 'Kishimoto TK, Maldonado RA 2018, Front Immunol 9:230 (nanoparticles for antigen-specific tolerance: carrier, route and size decide between tolerance and immunisation); Getts DR et al. 2012, Nat Biotechnol 30:1217-1224',
    evidence: 'U',
    measure: 'Antigen-specific T-cell responses (regulatory vs effector), antigen-specific IgE/IgG after repeated dosing, anaphylaxis on re-exposure in the disease model',
    why: (c) => {
      if (c.drugClass !== 'peptide-antigen') return null
      const risks: string[] = []
      if (c.zetaMv > CATIONIC_ZETA_MV) risks.push('a cationic surface (adjuvant-like)')
      if (c.goal !== 'tolerize') risks.push(`the goal is "${c.goalName}", not tolerance`)
      return `${c.drugName} is an autoantigen: delivered with the wrong carrier, dose or timing it can immunise instead of tolerise${risks.length > 0 ? `; here: ${risks.join(', ')}` : ''}.`
    },
  },
  {
    id: 'liposome-cqas',
    severity: 'info',
    title: 'Liposome quality attributes the FDA guidance names',
    source: 'FDA 2018, Liposome Drug Products: Chemistry, Manufacturing, and Controls; Human Pharmacokinetics and Bioavailability; and Labeling Documentation — Guidance for Industry',
    evidence: 'U',
    measure: 'Lipid composition and ratios, drug-to-lipid ratio, encapsulation efficiency and free-drug fraction, size distribution, lamellarity, phase transition temperature, in-vitro release and leakage in plasma, lipid degradation products',
    why: (c) => (c.coreClass === 'lipid-vesicle' ? 'A liposome: its release in plasma (leakage) and the free-drug fraction decide exposure as much as the particle\'s own kinetics.' : null),
  },
  {
    id: 'nanomaterial-cqas',
    severity: 'info',
    title: 'Nanomaterial quality attributes the FDA guidance names',
    source: 'FDA 2022, Drug Products, Including Biological Products, that Contain Nanomaterials — Guidance for Industry',
    evidence: 'U',
    measure: 'Size distribution and polydispersity, surface charge, surface coating and its density, drug loading and release, stability in the dosing medium and in plasma, sterility and endotoxin',
    why: (c) => (c.coreClass !== 'lipid-vesicle' ? `Core: ${c.coreName}. The guidance asks for the particle's size distribution, surface and release to be characterised in the media it meets.` : null),
  },
]
