/**
 * Human pharmacokinetics of the catalog's small-molecule drugs given as free drug (issue #15):
 * clearance, volume, fraction unbound, fraction excreted unchanged in urine, and the population
 * they were measured in. Numbers marked [V] were read in the cited abstract or label table;
 * the published half-lives beside them are the independent check of the model (model.ts).
 *
 * FREE_DRUG_PK holds the human values (virtual patients are human); RODENT_FREE_DRUG_PK below
 * holds mouse and rat values for the Selectivity card's comparison of rodent designs: measured
 * where a study of the species was found, otherwise scaled by simple allometry from the rat (for
 * the mouse) or the human (rapamycin), CL/kg × (W_target/W_source)^(0.75−1) with V/kg kept, and
 * flagged `scaledFrom` so the card says so. A drug or species without a row has no free-drug model
 * there and the comparison says so.
 */
import type { Cited } from '../../catalog/cited'
import type { DrugId } from '../../catalog/ids'
import { PBPK_DATA } from '../pbpk/data'

/** One drug's free-drug PK in adults. */
export interface FreeDrugPk {
  /** Total clearance (plasma, or whole blood where `matrix` says so), L/h per kg of the study's weight. */
  readonly clearanceLPerHPerKg: Cited
  /** Volume of distribution (steady state or terminal), L/kg. */
  readonly volumeLPerKg: Cited
  /** Fraction unbound in the matrix the concentrations are measured in. */
  readonly fractionUnbound: Cited
  /** Fraction of the dose excreted unchanged in urine: the share of clearance that follows GFR. */
  readonly fractionExcretedUnchanged: Cited
  /** Mean body weight and GFR of the population the clearance was measured in. */
  readonly studyBodyWeightKg: Cited
  readonly studyGfrMlPerMin: Cited
  /** Concentrations are in plasma or whole blood (tacrolimus, cyclosporine are monitored in blood). */
  readonly matrix: 'plasma' | 'blood'
  /** Published half-lives and clearances the model is checked against (within 2-fold). */
  readonly publishedHalfLivesH: ReadonlyArray<Cited>
  readonly publishedClearancesLPerH: ReadonlyArray<Cited>
}

const HEALTHY_GFR: Cited = { value: 120, unit: 'mL/min', source: 'NanoForge estimate: GFR of healthy young adult volunteers (creatinine clearance not reported in the abstract)', evidence: 'U' }

/**
 * Sirolimus (rapamycin) in humans has been studied by mouth only in what was read, so its IV
 * clearance and volume are the oral apparent values (CL/F, Vss/F) of healthy volunteers times the
 * oral bioavailability: one study, so CL and V belong together.
 */
const BRATTSTROM_2000 = 'Brattström C, Säwe J, Jansson B, Lönnebo A, Nordin J, Zimmerman JJ, Burke JT, Groth CG 2000, Ther Drug Monit 22:537-544 (single oral doses of sirolimus solution, 0.3-8 mg/m², 30 healthy men aged 19-36: whole-blood CL/F 278 ± 117 mL/h/kg, Vss/F 23 ± 10 L/kg, t½ 82 ± 12 h, blood:plasma ratio 36; abstract)'
const SIROLIMUS_ORAL_BIOAVAILABILITY: Cited = { value: 0.14, unit: '', source: 'Sirolimus (Rapamune) USP DI drug monograph (drugs.com, "Rapamycin": "Bioavailability is approximately 14%", citing the Rapamune prescribing information)', evidence: 'V' }

/** Free-drug PK of each drug that has a model; the others (siRNA, antigens, …) have none. */
export const FREE_DRUG_PK: Partial<Readonly<Record<DrugId, FreeDrugPk>>> = {
  dexamethasone: {
    clearanceLPerHPerKg: { value: 245 * 60 / 1000 / 70, unit: 'L/h/kg', source: 'Tsuei SE, Moore RG, Ashley JJ, McBride WG 1979, J Pharmacokinet Biopharm 7:249, doi:10.1007/BF01060016 (8 mg IV dexamethasone phosphate, 12 healthy adults: total plasma clearance 247.5 mL/min in men, 242.9 in women)', evidence: 'D', note: '245 mL/min = 14.7 L/h over a nominal 70 kg (the abstract gives no mean weight).' },
    volumeLPerKg: { value: 0.76, unit: 'L/kg', source: 'Dexamethasone Swiss product information (Millicorten, Fachinformation, Pharmakokinetik: "Verteilungsvolumen etwa 0,76 l/kg")', evidence: 'V' },
    fractionUnbound: { value: 0.23, unit: '', source: 'Dexamethasone product information ("up to 77 % bound to plasma proteins"; Swiss label: 76-80 % bound over 0.04-4.6 µg/mL)', evidence: 'V' },
    fractionExcretedUnchanged: { value: 0.026, unit: '', source: 'Tsuei SE et al. 1979, J Pharmacokinet Biopharm 7:249 (2.6 % of the dose unchanged in 24-h urine)', evidence: 'V' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (not in the abstract)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 201.5 / 60, unit: 'h', source: 'Tsuei SE et al. 1979, J Pharmacokinet Biopharm 7:249 (terminal t½ 201.5 min in men)', evidence: 'V' },
      { value: 142.3 / 60, unit: 'h', source: 'Tsuei SE et al. 1979, J Pharmacokinet Biopharm 7:249 (terminal t½ 142.3 min in women)', evidence: 'V' },
      { value: 3.6, unit: 'h', source: 'Dexamethasone product information (mean plasma half-life 3.6 ± 0.9 h)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 245 * 60 / 1000, unit: 'L/h', source: 'Dexamethasone Swiss product information (plasma clearance on average 245 mL/min)', evidence: 'V' },
    ],
  },
  prednisolone: {
    clearanceLPerHPerKg: { value: 0.104, unit: 'L/h/kg', source: 'Al-Habet S, Rogers HJ 1980, Br J Clin Pharmacol 10:503, doi:10.1111/j.1365-2125.1980.tb01796.x (16-64 mg IV in healthy volunteers: systemic clearance 0.104 ± 0.034 L/h/kg, no dose dependence)', evidence: 'V' },
    volumeLPerKg: { value: 0.588, unit: 'L/kg', source: 'Al-Habet S, Rogers HJ 1980, Br J Clin Pharmacol 10:503 (apparent volume 0.588 ± 0.152 L/kg)', evidence: 'V' },
    fractionUnbound: { value: 0.12, unit: '', source: 'Legler UF, Frey FJ, Benet LZ 1982, J Clin Endocrinol Metab 55:762, doi:10.1210/jcem-55-4-762 (unbound fraction 0.12 ± 0.02 at the low infusion rate, 0.24 at the high: binding saturates)', evidence: 'V' },
    fractionExcretedUnchanged: { value: 0.26, unit: '', source: 'Goodman & Gilman\'s The Pharmacological Basis of Therapeutics, 12th ed. 2010, Appendix II (prednisolone urinary excretion 26 ± 9 %; after Frey BM, Frey FJ 1990, Clin Pharmacokinet 19:126)', evidence: 'V' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (not in the abstract)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 4.11, unit: 'h', source: 'Al-Habet S, Rogers HJ 1980, Br J Clin Pharmacol 10:503 (mean t½ 4.11 ± 0.97 h)', evidence: 'V' },
      { value: 2.2, unit: 'h', source: 'Goodman & Gilman 12th ed. 2010, Appendix II (prednisolone t½ 2.2 ± 0.5 h)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 1.0 * 60 / 1000 * 70, unit: 'L/h', source: 'Goodman & Gilman 12th ed. 2010, Appendix II (clearance 1.0 ± 0.16 mL/min/kg; × 70 kg)', evidence: 'D' },
      { value: 12.1, unit: 'L/h', source: 'Bioavailability of oral prednisolone, 1991 (60 mg IV infusion in 8 healthy men: total body clearance 12.1 ± 2.1 L/h; authors not retrieved)', evidence: 'V' },
    ],
  },
  methotrexate: {
    clearanceLPerHPerKg: { value: 115.1 * 60 / 1000 / 71.1, unit: 'L/h/kg', source: 'Bressolle F, Bologna C, Kinowski JM, Sany J, Combe B 1998, Ann Rheum Dis 57:110, doi:10.1136/ard.57.2.110 (RA patients, CLcr > 80 mL/min: total clearance 115.1 mL/min, mean weight 71.1 kg; Table 2)', evidence: 'D', note: '115.1 mL/min × 0.06 / 71.1 kg = 0.0971 L/h/kg.' },
    volumeLPerKg: { value: 1.56, unit: 'L/kg', source: 'Bressolle F et al. 1998, Ann Rheum Dis 57:110 (Vd 1.56 L/kg, CLcr > 80 mL/min; Table 2)', evidence: 'V' },
    fractionUnbound: { value: 0.574, unit: '', source: 'Bressolle F et al. 1998, Ann Rheum Dis 57:110 (unbound fraction 57.4 %, CLcr > 80 mL/min; Table 2)', evidence: 'V' },
    fractionExcretedUnchanged: { value: 0.8, unit: '', source: 'Methotrexate product information (80-90 % of a dose excreted unchanged in urine within 24 h; recalled, not re-read)', evidence: 'U' },
    studyBodyWeightKg: { value: 71.1, unit: 'kg', source: 'Bressolle F et al. 1998, Ann Rheum Dis 57:110 (Table 2, CLcr > 80 group)', evidence: 'V' },
    studyGfrMlPerMin: { value: 103.5, unit: 'mL/min', source: 'Bressolle F et al. 1998, Ann Rheum Dis 57:110 (creatinine clearance 103.5 mL/min, CLcr > 80 group; Table 2)', evidence: 'V' },
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 10.8, unit: 'h', source: 'Bressolle F et al. 1998, Ann Rheum Dis 57:110 (total MTX t½ 10.8 h, CLcr > 80 mL/min)', evidence: 'V' },
      { value: 6, unit: 'h', source: 'Herman RA, Veng-Pedersen P, Hoffman J, Koehnke R, Furst DE 1989, J Pharm Sci 78:165 (journal and pages recalled; 10 mg/m² IV in 41 RA patients: terminal t½ about 6 h)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 7.34, unit: 'L/h', source: 'Godfrey C, Sweeney K, Miller K, Hamilton R, Kremer J 1998, Br J Clin Pharmacol 46:369 (journal and pages recalled; typical fasted male RA patient: CL 7.34 L/h)', evidence: 'V' },
      { value: 84.6 * 1.85 * 60 / 1000, unit: 'L/h', source: 'Herman RA et al. 1989, J Pharm Sci 78:165 (84.6 mL/min/m²; × 1.85 m²)', evidence: 'D' },
    ],
  },
  tacrolimus: {
    clearanceLPerHPerKg: { value: 0.040, unit: 'L/h/kg', source: 'Prograf (tacrolimus) US prescribing information, Table 14 (healthy volunteers, 0.025 mg/kg IV over 4 h: whole-blood clearance 0.040 ± 0.009 L/h/kg)', evidence: 'V' },
    volumeLPerKg: { value: 1.91, unit: 'L/kg', source: 'Prograf US prescribing information, Table 14 (healthy volunteers IV: V 1.91 ± 0.31 L/kg, whole blood)', evidence: 'V' },
    fractionUnbound: { value: 0.0005, unit: '', source: 'NanoForge estimate: ~99 % of plasma tacrolimus bound and most of the blood\'s tacrolimus in erythrocytes (blood:plasma ~15-35): unbound ≈ 0.01 / 20 of the whole-blood concentration', evidence: 'U' },
    fractionExcretedUnchanged: { value: 0.01, unit: '', source: 'Prograf US prescribing information (less than 1 % of the dose excreted unchanged in urine)', evidence: 'V' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'blood',
    publishedHalfLivesH: [
      { value: 34.2, unit: 'h', source: 'Prograf US prescribing information, Table 14 (healthy volunteers IV: t½ 34.2 ± 7.7 h)', evidence: 'V' },
      { value: 44, unit: 'h', source: 'Möller A et al. 1999, Drug Metab Dispos 27:633 (14C-tacrolimus IV in healthy subjects: mean elimination half-life 44 h)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 37.5 * 60 / 1000, unit: 'L/h', source: 'Möller A et al. 1999, Drug Metab Dispos 27:633 (mean total body clearance 37.5 mL/min)', evidence: 'V' },
    ],
  },
  cyclosporine: {
    clearanceLPerHPerKg: { value: 4.2 * 60 / 1000, unit: 'L/h/kg', source: 'Oral and intravenous disposition of cyclosporine in psoriatic patients, Ther Drug Monit 1995, 17:302 (IV in 22 patients: total body clearance 4.14-4.25 mL/min/kg, whole blood; authors not retrieved)', evidence: 'D', note: '4.2 mL/min/kg × 0.06 = 0.252 L/h/kg.' },
    volumeLPerKg: { value: 4.5, unit: 'L/kg', source: 'Ther Drug Monit 1995, 17:302 (Vd 4.00-5.02 L/kg; mid-point)', evidence: 'D' },
    fractionUnbound: { value: 0.04, unit: '', source: 'Cyclosporine product information (33-47 % of blood cyclosporine in plasma, ~90 % of it protein-bound): 0.4 × 0.1', evidence: 'D' },
    fractionExcretedUnchanged: { value: 0.001, unit: '', source: 'Cyclosporine product information (0.1 % of the dose excreted unchanged in urine)', evidence: 'V' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'blood',
    publishedHalfLivesH: [
      { value: 15.8, unit: 'h', source: 'Intravenous cyclosporine kinetics in renal failure (4 patients: terminal t½γ 15.8 ± 8.4 h; elimination "of the same order as in those with normal kidney function")', evidence: 'V' },
      { value: 12.1, unit: 'h', source: 'Pharmacokinetics of oral cyclosporin A (Sandimmun) in healthy subjects (14 men: terminal half-life 12.1 ± 5.0 h)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 0.369 * 70, unit: 'L/h', source: 'Intravenous cyclosporine kinetics in renal failure (systemic clearance 0.369 L/h/kg; × 70 kg)', evidence: 'D' },
    ],
  },
  rapamycin: {
    clearanceLPerHPerKg: { value: 278 / 1000 * SIROLIMUS_ORAL_BIOAVAILABILITY.value, unit: 'L/h/kg', source: `${BRATTSTROM_2000} × oral bioavailability 0.14 (${SIROLIMUS_ORAL_BIOAVAILABILITY.source})`, evidence: 'D', note: 'CL = F · CL/F = 0.14 × 0.278 L/h/kg = 0.0389 L/h/kg (whole blood). F was not measured in the same volunteers.' },
    volumeLPerKg: { value: 23 * SIROLIMUS_ORAL_BIOAVAILABILITY.value, unit: 'L/kg', source: `${BRATTSTROM_2000} × oral bioavailability 0.14`, evidence: 'D', note: 'V = F · Vss/F = 0.14 × 23 L/kg = 3.22 L/kg. The implied half-life ln2·V/CL = ln2 × 23 / 0.278 = 57 h does not depend on F.' },
    fractionUnbound: { value: 0.03 * 0.08, unit: '', source: 'Sirolimus monitoring review (drugtimes.org, "Sirolimus", Pharmacokinetics: ~95 % of blood sirolimus in erythrocytes, ~3 % in plasma, ~1 % in lymphocytes and granulocytes; "almost all of the plasma sirolimus is bound to proteins", read) × plasma unbound fraction 0.08 (approximately 92 % bound to plasma proteins, Rapamune prescribing information, recalled, not re-read)', evidence: 'U', note: '0.03 × 0.08 = 0.0024 of the whole-blood concentration unbound. Unverified: the 92 % was not read. No exposure-response model uses it; the exposure ratios do not depend on it.' },
    fractionExcretedUnchanged: { value: 0.022, unit: '', source: 'Sirolimus drug page, transplantologia.edu.pl knowledge base (91.1 % of the dose excreted in faeces, 2.2 % in urine, read)', evidence: 'D', note: '2.2 % of the dose in urine counts parent drug and metabolites, so the unchanged share is at most 0.022: taken as that bound (renal clearance barely matters for sirolimus either way).' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (the abstract gives doses per m², no mean weight)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'blood',
    publishedHalfLivesH: [
      { value: 62, unit: 'h', source: 'Zimmerman JJ, Kahan BD 1997, "Pharmacokinetics of sirolimus in stable renal transplant patients after multiple oral dose administration" (40 patients on cyclosporine and prednisone, 0.5-6.5 mg/m² every 12 h for 2 weeks: terminal half-life 62 ± 16 h, whole blood, abstract; J Clin Pharmacol 37:405-415 recalled, not on the page read)', evidence: 'V' },
      { value: 63, unit: 'h', source: 'Ferron GM, Mishina EV, Zimmerman JJ, Jusko WJ 1997, "Population pharmacokinetics of sirolimus in kidney transplant patients" (36 patients on cyclosporine, single oral doses 3-15 mg/m²: terminal half-life 63 h, abstract; Clin Pharmacol Ther 61:416-428 recalled, not on the page read)', evidence: 'V' },
      { value: 82, unit: 'h', source: `${BRATTSTROM_2000}; the same study as CL and V (kept as a third check: its t½ is longer than ln2·Vss/CL, the terminal phase of a multi-compartment curve)`, evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 208 / 1000 * SIROLIMUS_ORAL_BIOAVAILABILITY.value * 70, unit: 'L/h', source: 'Zimmerman JJ, Kahan BD 1997 (oral dose clearance 208 ± 95 mL/h/kg, abstract) × F 0.14 × 70 kg', evidence: 'D', note: '0.208 × 0.14 × 70 = 2.04 L/h. It shares F with the model, so it checks CL/F between studies, not F. Not listed: Ferron et al. 1997, apparent oral blood clearance 8.9 L/h, × 0.14 = 1.25 L/h, 2.2-fold below the model (patients on cyclosporine).' },
    ],
  },
  // Liposome payloads (h56, issue #10 item 3): the released drug of a liposomal product, so the
  // scorer can compare the total plasma drug a clinical assay measures (free-drug/total-plasma.ts).
  // BSA of the nominal 70 kg adult 70/37 = 1.892 m² (the rows' convention). Lurtotecan has none:
  // only one free-drug study was found (GI147211 daily x 5, Br J Cancer 1996, doi:10.1038/bjc.1996.130,
  // abstract: total plasma clearance ~1 L/min) and its volume was not on the page read.
  doxorubicin: {
    clearanceLPerHPerKg: { value: Math.sqrt(324 * 809) * 0.06 * (70 / 37) / 70, unit: 'L/h/kg', source: 'Doxorubicin hydrochloride US prescribing information (Pfizer), 12.3 Pharmacokinetics: "Plasma clearance ranges from 324 mL/min/m2 to 809 mL/min/m2" (read on pfizermedicalinformation.com)', evidence: 'D', note: 'Geometric mid-range √(324 × 809) = 512 mL/min/m² × 0.06 × 1.892 m² / 70 kg = 0.830 L/h/kg.' },
    volumeLPerKg: { value: Math.sqrt(809 * 1214) * (70 / 37) / 70, unit: 'L/kg', source: 'Doxorubicin US prescribing information (Pfizer), 12.3: "Steady-state distribution volume ranges from 809 L/m2 to 1214 L/m2"', evidence: 'D', note: 'Geometric mid-range √(809 × 1214) = 991 L/m² × 1.892 m² / 70 kg = 26.8 L/kg.' },
    fractionUnbound: { value: 0.25, unit: '', source: 'Doxorubicin US prescribing information (Pfizer), 12.3: binding of doxorubicin to plasma proteins is 75 %', evidence: 'V' },
    fractionExcretedUnchanged: { value: 0.05, unit: '', source: 'Doxorubicin product information (MIMS, Adrim): "only 5 to 12% of the drug and its metabolites appear in the urine" over 5 days', evidence: 'D', note: 'Unchanged drug is at most that; the lower end, 0.05, is taken (renal clearance barely matters either way).' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (the label gives values per m²)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: Math.sqrt(20 * 48), unit: 'h', source: 'Doxorubicin US prescribing information (Pfizer), 12.3: "The terminal half-life is 20 hours to 48 hours"', evidence: 'D', note: 'Geometric mid-range √(20 × 48) = 31 h. Not listed: the 8.7 h second phase of free doxorubicin in Gabizon 1994 (Drummond 1999 Table 4), sampled too briefly to see the terminal phase.' },
    ],
    publishedClearancesLPerH: [
      { value: 45.3, unit: 'L/h', source: 'Gabizon A et al. 1994, Cancer Res 54:987-992 (PMID 8313389), free doxorubicin 25 mg/m²: Cl 45.3 L/h, as tabulated in Drummond DC et al. 1999, Pharmacol Rev 51:691-743, Table 4', evidence: 'V' },
      { value: 63.6, unit: 'L/h', source: 'Factors affecting pharmacokinetic variability following doxorubicin and docetaxel-based therapy, Eur J Cancer 2004, 40:1170-1178, doi:10.1016/j.ejca.2003.12.026 (110 patients: mean doxorubicin clearance 63.6 ± 22.7 L/h, abstract)', evidence: 'V' },
    ],
  },
  daunorubicin: {
    clearanceLPerHPerKg: { value: Math.LN2 * 39 / 19, unit: 'L/h/kg', source: 'Daunorubicin Swiss product information (Fachinformation, Pharmakokinetik, read on oddb.org): volume of distribution 39 L/kg, elimination half-life of daunorubicin 19 h', evidence: 'D', note: 'CL = ln2 · V / t½ = 0.693 × 39 / 19 = 1.42 L/h/kg (no clearance is given there). Not listed as a check: free daunorubicin 80 mg/m² in Drummond 1999 Table 4 (Forssen & Ross 1994), whose columns could not be told apart on the page read.' },
    volumeLPerKg: { value: 39, unit: 'L/kg', source: 'Daunorubicin Swiss product information (Fachinformation, Pharmakokinetik): "Das Verteilungsvolumen beträgt 39 l/kg"', evidence: 'V' },
    fractionUnbound: { value: 0.3, unit: '', source: 'NanoForge estimate: the Swiss product information gives no plasma protein binding; taken near doxorubicin\'s 0.25 (same anthracycline class). Not used by the total-plasma-drug observable', evidence: 'U' },
    fractionExcretedUnchanged: { value: 0.25, unit: '', source: 'Daunorubicin Swiss product information: elimination 40 % in faeces and 25 % in urine as daunorubicin and metabolites', evidence: 'D', note: 'Unchanged drug is at most 0.25; the bound is taken.' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 18.5, unit: 'h', source: 'Daunorubicin drug monograph (Davis\'s Drug Guide, read on skyscape.com): half-life of daunorubicin 18.5 h, daunorubicinol 26.7 h', evidence: 'V' },
    ],
    publishedClearancesLPerH: [],
  },
  vincristine: {
    clearanceLPerHPerKg: { value: 141.9 * 0.06 * (70 / 37) / 1.73 / 70, unit: 'L/h/kg', source: 'Sethi VS, Jackson DV Jr, White DR, et al. 1981, Cancer Res 41:3551-3555 (14 patients, 0.45-1.30 mg/m² IV bolus, serum by radioimmunoassay: plasma clearance 141.9 mL/min/1.73 m², abstract read on aacrjournals.org)', evidence: 'D', note: '141.9 mL/min × 0.06 × (1.892 / 1.73) / 70 kg = 0.133 L/h/kg.' },
    volumeLPerKg: { value: 167.6 * (70 / 37) / 1.73 / 70, unit: 'L/kg', source: 'Sethi VS et al. 1981, Cancer Res 41:3551-3555 (volume of distribution at steady state 167.6 L/1.73 m², abstract)', evidence: 'D', note: '167.6 L × (1.892 / 1.73) / 70 kg = 2.62 L/kg.' },
    fractionUnbound: { value: 0.25, unit: '', source: 'Vincristine sulfate product information (DBL Vincristine Sulfate, Pfizer, read on MIMS): "extensively protein bound (75%)"', evidence: 'V' },
    fractionExcretedUnchanged: { value: 0.07, unit: '', source: 'Bedikian AY et al. 2006, J Clin Pharmacol 46:727-737, doi:10.1177/0091270006288953, abstract: about 8 % of the dose in urine, 7 % as unchanged vincristine (after the liposomal product, whose route of elimination was unchanged)', evidence: 'V' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (values per 1.73 m²)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 1359 / 60, unit: 'h', source: 'Sethi VS et al. 1981, Cancer Res 41:3551-3555 (γ half-life 1359 min = 22.6 h, abstract)', evidence: 'V', note: 'The same study as CL and V; the product information\'s terminal 85 h (range 19-155 h) is not listed: the one-compartment model (13.6 h) represents the phases that carry the AUC, not the slow tissue return.' },
    ],
    publishedClearancesLPerH: [],
  },
  irinotecan: {
    clearanceLPerHPerKg: { value: Math.sqrt(8 * 21) * (70 / 37) / 70, unit: 'L/h/kg', source: 'Chabot GG 1997, Clin Pharmacokinet 33:245-259, doi:10.2165/00003088-199733040-00001, abstract: total body clearance 8 to 21 L/h/m² after 100-350 mg/m² IV', evidence: 'D', note: 'Geometric mid-range √(8 × 21) = 12.96 L/h/m² × 1.892 m² / 70 kg = 0.350 L/h/kg.' },
    volumeLPerKg: { value: Math.sqrt(136 * 255) * (70 / 37) / 70, unit: 'L/kg', source: 'Chabot GG 1997, Clin Pharmacokinet 33:245-259, abstract: Vss 136 to 255 L/m²', evidence: 'D', note: 'Geometric mid-range √(136 × 255) = 186 L/m² × 1.892 m² / 70 kg = 5.03 L/kg.' },
    fractionUnbound: { value: 0.35, unit: '', source: 'Chabot GG 1997, Clin Pharmacokinet 33:245-259, abstract: irinotecan is 65 % bound to plasma proteins', evidence: 'V' },
    fractionExcretedUnchanged: { value: 0.2, unit: '', source: 'Irinotecan renal drug handbook entry (kidneydiseaseclinic.net): mean 24-h urinary excretion of irinotecan 19.9 % of the dose', evidence: 'D', note: '19.9 % rounded to 0.2.' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (values per m²)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: Math.sqrt(5 * 27), unit: 'h', source: 'Chabot GG 1997, Clin Pharmacokinet 33:245-259, abstract: mean terminal half-life 5 to 27 h', evidence: 'D', note: 'Geometric mid-range √(5 × 27) = 11.6 h.' },
    ],
    publishedClearancesLPerH: [],
  },
  'amphotericin-b': {
    clearanceLPerHPerKg: { value: 0.79 / 23.3, unit: 'L/h/kg', source: 'Nath CE et al. (children with malignant disease, amphotericin B deoxycholate 1 mg/kg: population CL 0.79 L/h, V central 8.51 L, t½ 1.46 and 26.4 h, mean weight 23.3 kg), as tabulated in the review Clin Pharmacokinet 2018, 57:151-176, doi:10.1007/s40262-017-0570-0, Table 7 (read on PMC)', evidence: 'D', note: '0.79 L/h / 23.3 kg = 0.0339 L/h/kg (deoxycholate AmB, which circulates bound to lipoproteins and albumin as AmB released from liposomes does).' },
    volumeLPerKg: { value: 0.79 * 26.4 / Math.LN2 / 23.3, unit: 'L/kg', source: 'Nath CE et al., as tabulated in Clin Pharmacokinet 2018, 57:151-176, doi:10.1007/s40262-017-0570-0, Table 7: CL 0.79 L/h and second-phase t½ 26.4 h', evidence: 'D', note: 'Volume of the second phase V = CL · t½ / ln2 = 0.79 × 26.4 / 0.693 = 30.1 L = 1.29 L/kg (the central volume, 8.51 L, holds the drug only for the 1.46 h first phase).' },
    fractionUnbound: { value: 0.05, unit: '', source: 'Bekersky I, Fielding RM, Dressler DE, Lee JW, Buell DN, Walsh TJ 2002, Antimicrob Agents Chemother 46:834-840, doi:10.1128/AAC.46.3.834-840.2002, abstract: AMB is highly bound (> 95 %) in human plasma', evidence: 'D', note: '1 − 0.95 = 0.05 (an upper bound: binding rises with concentration).' },
    fractionExcretedUnchanged: { value: 0.03, unit: '', source: 'NanoForge estimate: little amphotericin B is excreted unchanged in urine (Lexikon der Medizinischen Laboratoriumsdiagnostik, Springer, "Amphotericin B": "Nur wenig ... unverändert im Urin", no number)', evidence: 'U' },
    studyBodyWeightKg: { value: 23.3, unit: 'kg', source: 'Nath CE et al., as tabulated in Clin Pharmacokinet 2018, 57:151-176, Table 7 (mean weight 23.3 ± 1.3 kg)', evidence: 'V' },
    studyGfrMlPerMin: { value: 120 * 23.3 / 70, unit: 'mL/min', source: 'NanoForge estimate: GFR of a healthy adult scaled to the children\'s mean weight (not reported)', evidence: 'U' },
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 24, unit: 'h', source: 'Amphotericin B entry, University of Louisville drug book (kdpnet.kdp.louisville.edu): half-life 24 h to 15 days (the 15-day phase is slow return from tissues)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [],
  },
  // Lurtotecan (GI147211) as free drug: the phase I study of the free drug, 30-min IV infusions daily ×5,
  // non-compartmental (the liposomal product NX 211 is what the validation rows measure).
  lurtotecan: {
    clearanceLPerHPerKg: { value: 999 * 60 / 1000 / 70, unit: 'L/h/kg', source: 'Gerrits CJH, Creemers GJ, Schellens JHM, Wissel P, Planting AST, Kunka R, Selinger K, de Boer-Dennert M, Marijnen Y, Harteveld M, Verweij J 1996, Br J Cancer 73:744-750, doi:10.1038/bjc.1996.130, abstract: total plasma clearance 999 ± 184 mL/min (range 640-1329), 0.3-1.5 mg/m²/day IV', evidence: 'D', note: '999 mL/min = 59.9 L/h over a nominal 70 kg (the abstract gives no mean weight) = 0.856 L/h/kg.' },
    volumeLPerKg: { value: 190 * (70 / 37) / 70, unit: 'L/kg', source: 'Gerrits CJH, Creemers GJ, Schellens JHM, Wissel P, Planting AST, Kunka R, Selinger K, de Boer-Dennert M, Marijnen Y, Harteveld M, Verweij J 1996, Br J Cancer 73:744-750, doi:10.1038/bjc.1996.130, abstract: volume of distribution 190 ± 46 L/m²', evidence: 'D', note: '190 L/m² × 1.892 m² (70 kg) / 70 kg = 5.14 L/kg; ln2·V/CL = 4.2 h against the study\'s terminal half-life of 3.7 ± 1.2 h.' },
    fractionUnbound: { value: 1, unit: '', source: 'Not found: no plasma-binding value of lurtotecan was read (searched 2026-12). 1 is a placeholder that nothing uses: the exposure ratios against free drug do not depend on the unbound fraction (it cancels), and no effect model reads it for lurtotecan', evidence: 'U' },
    fractionExcretedUnchanged: { value: 0.11, unit: '', source: 'Eckhardt SG et al. 1998, Clin Cancer Res 4:595-604, abstract: renal elimination accounted for only 11 % of GI147211 disposition (urinary recovery 10.1 ± 4.1 % of liposomal lurtotecan, Kehrer DF et al. 2002, J Clin Oncol 20:1222, doi:10.1200/JCO.20.5.1222)', evidence: 'V' },
    studyBodyWeightKg: { value: 70, unit: 'kg', source: 'NanoForge estimate: nominal adult weight (not in the abstract)', evidence: 'U' },
    studyGfrMlPerMin: HEALTHY_GFR,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 3.7, unit: 'h', source: 'Gerrits CJH, Creemers GJ, Schellens JHM, Wissel P, Planting AST, Kunka R, Selinger K, de Boer-Dennert M, Marijnen Y, Harteveld M, Verweij J 1996, Br J Cancer 73:744-750, doi:10.1038/bjc.1996.130, abstract: terminal half-life 3.7 ± 1.2 h (same study as CL and V)', evidence: 'V' },
      { value: 6.85, unit: 'h', source: 'Gerrits CJH, Schellens JHM, Creemers GJ et al. 1997, Br J Cancer, doi:10.1038/bjc.1997.490 (volume and pages not read), abstract: terminal half-life 6.85 ± 3.13 h after oral GI147211, "similar to the half-life after intravenous administration" (other patients)', evidence: 'V' },
    ],
    publishedClearancesLPerH: [
      { value: 999 * 60 / 1000, unit: 'L/h', source: 'Gerrits CJH, Creemers GJ, Schellens JHM, Wissel P, Planting AST, Kunka R, Selinger K, de Boer-Dennert M, Marijnen Y, Harteveld M, Verweij J 1996, Br J Cancer 73:744-750, doi:10.1038/bjc.1996.130, abstract: total plasma clearance 999 mL/min', evidence: 'V' },
    ],
  },
}

/**
 * Allometric exponents of the size model population PK uses: clearance ∝ weight^0.75, volume ∝
 * weight (Anderson BJ, Holford NHG 2008, Annu Rev Pharmacol Toxicol 48:303,
 * doi:10.1146/annurev.pharmtox.48.113006.094708; recalled, not re-read).
 */
export const ALLOMETRY: { readonly clearanceExponent: Cited; readonly volumeExponent: Cited } = {
  clearanceExponent: { value: 0.75, unit: '', source: 'Anderson BJ, Holford NHG 2008, Annu Rev Pharmacol Toxicol 48:303 (recalled, not re-read)', evidence: 'U' },
  volumeExponent: { value: 1, unit: '', source: 'Anderson BJ, Holford NHG 2008, Annu Rev Pharmacol Toxicol 48:303 (recalled, not re-read)', evidence: 'U' },
}

/** Species with rodent free-drug PK (the designs most of the app's studies use). */
export type RodentSpecies = 'mouse' | 'rat'

/**
 * One drug's free-drug PK in one rodent species, from a single IV study where possible (so the
 * clearance and volume belong together). Values are per kg of the animals studied and are used at
 * the species' reference body weight without size scaling. Fraction unbound and the urinary share
 * are null where no rodent value was found: the exposure ratios of the comparison do not need them
 * (f_u cancels, see compare.ts), so they are shown as "not found" rather than borrowed from humans.
 * An entry with `scaledFrom` was not measured in its species: CL and V were scaled by allometry
 * from another species' measured entry (and f_u, the urinary share taken from it), see below.
 */
export interface RodentFreeDrugPk {
  /** Total clearance from the matrix below, L/h per kg. */
  readonly clearanceLPerHPerKg: Cited
  /** Volume of distribution (steady state where reported), L/kg. */
  readonly volumeLPerKg: Cited
  readonly fractionUnbound: Cited | null
  readonly fractionExcretedUnchanged: Cited | null
  readonly matrix: 'plasma' | 'blood'
  /** Published rodent half-lives the implied ln2·V/CL is checked against (within 2-fold), from another study where one was found. */
  readonly publishedHalfLivesH: ReadonlyArray<Cited>
  /** Published clearances of this species, L/h/kg, the entry's CL is checked against (within 2-fold); used where no half-life was found. */
  readonly publishedClearancesLPerHPerKg?: ReadonlyArray<Cited>
  /** Present when CL and V were scaled from another species by allometry, not measured in this one. */
  readonly scaledFrom?: AllometricScaling
}

/** How a rodent entry was scaled from another species' entry (the card shows it beside the numbers). */
export interface AllometricScaling {
  /** The species whose measured values were scaled. */
  readonly species: 'rat' | 'human'
  /** Body weight the source values are taken at, and the weight they are scaled to. */
  readonly sourceBodyWeightKg: Cited
  readonly targetBodyWeightKg: Cited
  /** Total clearance ∝ W^b across species: CL/kg ∝ W^(b−1). */
  readonly clearanceExponent: Cited
  /** Volume ∝ W^b_V (b_V = 1: volume per kg kept). */
  readonly volumeExponent: Cited
}

/**
 * Measured mouse and rat free-drug PK. Every value was read in the abstract or table named in its
 * source (searched 2026-12 through PubMed / PMC pages); authors are given where the page named them.
 *
 * Not measured in the species (no study found), so scaled by allometry from the rat or the human
 * below (MOUSE_SCALED, RAT_SCALED; flagged `scaledFrom`), or absent where the scaling failed its
 * check (mouse cyclosporine, RODENT_SCALING_REFUSED):
 * - mouse dexamethasone, prednisolone and cyclosporine: no IV clearance and volume of a mouse
 *   study were found (a cross-species dexamethasone review, Biopharm Drug Dispos 2022, PMC8859844,
 *   pools a mouse clearance, but its table was not readable);
 * - mouse methotrexate: a clearance and unbound fraction exist (wild-type mice, IV infusion:
 *   CLtot,p 25.5 mL/min/kg, f_p 0.661; J Pharmacol Exp Ther 2008, doi:10.1124/jpet.108.140475,
 *   Table 1) but no volume or half-life, so the mouse entry is scaled from the rat and this
 *   clearance is its check;
 * - rapamycin in either species: the mouse study found is of a water-soluble prodrug
 *   (Cancer Chemother Pharmacol 1994, 33:325, doi:10.1007/BF00685908), not of rapamycin.
 * Searched again (2026-12, PubMed/PMC abstracts and table pages, publishers' pages, published
 * model code), still not found:
 * - mouse dexamethasone: only the 11-species review's abstract is readable (mean CL over species
 *   0.64 L/h/kg, not the mouse's); the IV studies found are in rats, pigs, dogs, horses, humans;
 * - mouse prednisolone: the liposomal prednisolone phosphate studies in mice (Smits et al. 2018,
 *   Invest New Drugs 37:890, PMC6736927) give no free-drug CL or V on the pages read; the free-PLP
 *   tables found are of rats and rabbits (Nanomedicine 2015, 11:1133, PMC4495976, Tables 1 and 3);
 * - mouse methotrexate volume: Bischoff, Dedrick, Zaharko, Longstreth 1971 (J Pharm Sci 60:1128,
 *   mouse/rat/dog/human model) was found but only its abstract and first page were readable; a
 *   wild-type mouse IV AUC₀₋₁₂₀ min of 444 min·µg/mL at 50 mg/kg (a Drug Metab Dispos Table 1
 *   quoting Vlaming et al. 2009) is a partial AUC, so neither CL nor V;
 * - mouse cyclosporine: a P-gp knockout study reports oral bioavailability only in its abstract;
 * - rapamycin: in the rat, only a 14-day infusion tissue study (Napoli et al. 1997, Clin Biochem
 *   30:135), blood stability in vitro (Ferron & Jusko 1998, Drug Metab Dispos 26:83) and an IV
 *   micelle study whose control-arm table was not readable (Yáñez et al. 2007, Cancer Chemother
 *   Pharmacol 61:133, PMC2259393); in the mouse, still only the prodrug and an oral micelle study.
 * Searched a third time for the scaling (h59, 2026-12): the mouse half-lives found are of
 * cyclosporine only (4.1 h, Diehl et al. 2017 Table 5), which refuses its scaling.
 * Checked without an independent half-life (none found): mouse tacrolimus (its study gives CL and
 * Vss only), listed in UNCHECKED_RODENT_PK.
 */
const MOUSE_MEASURED: Partial<Readonly<Record<DrugId, RodentFreeDrugPk>>> = {
  tacrolimus: {
    clearanceLPerHPerKg: { value: 55.8 * 60 / 1000, unit: 'L/h/kg', source: 'Yokogawa K et al. 1999 (P-glycoprotein-dependent disposition kinetics of tacrolimus: studies in mdr1a knockout mice), Pharm Res 16:1213-1218, doi:10.1023/a:1018993312773 (normal (mdr1a+/+) mice, 2 mg/kg IV, whole blood by enzyme immunoassay: total clearance 55.8 mL/min/kg, abstract)', evidence: 'D', note: '55.8 mL/min/kg × 60 / 1000 = 3.348 L/h/kg.' },
    volumeLPerKg: { value: 4.6, unit: 'L/kg', source: 'Yokogawa K et al. 1999, Pharm Res 16:1213-1218, doi:10.1023/a:1018993312773 (distribution volume at steady state about 4.6 L/kg in normal and knockout mice alike, abstract)', evidence: 'V' },
    fractionUnbound: null,
    fractionExcretedUnchanged: null,
    matrix: 'blood',
    // No mouse tacrolimus half-life was found in another study (nor in this abstract): the
    // implied ln2·V/CL = 0.95 h is unchecked (UNCHECKED_RODENT_PK).
    publishedHalfLivesH: [],
  },
}

const RAT_MEASURED: Partial<Readonly<Record<DrugId, RodentFreeDrugPk>>> = {
  tacrolimus: {
    clearanceLPerHPerKg: { value: 3.41 / 2.83, unit: 'L/h/kg', source: 'Lee MJ, Straubinger RM, Jusko WJ 1995, Pharm Res 12:1055-1059, doi:10.1023/A:1016222817860 (conventional IV tacrolimus (HCO-60 vehicle), 0.3 mg/kg in rats: Vss 3.41 L/kg, mean residence time 2.83 h, abstract)', evidence: 'D', note: 'Moment analysis: CL = Vss / MRT = 3.41 L/kg / 2.83 h = 1.205 L/h/kg. The abstract does not name the matrix; taken as whole blood, the matrix tacrolimus is measured in (assumption).' },
    volumeLPerKg: { value: 3.41, unit: 'L/kg', source: 'Lee MJ, Straubinger RM, Jusko WJ 1995, Pharm Res 12:1055-1059, doi:10.1023/A:1016222817860 (conventional IV tacrolimus: Vss 3.41 L/kg, abstract)', evidence: 'V' },
    fractionUnbound: null,
    fractionExcretedUnchanged: null,
    matrix: 'blood',
    publishedHalfLivesH: [
      { value: 2.36, unit: 'h', source: 'Takada K, Usuda H, Oh-Hashi M, Yoshikawa H, Muranishi S, Tanaka H 1991, "Pharmacokinetics of FK-506, a novel immunosuppressant, after intravenous and oral administrations to rats" (Kyoto Pharmaceutical University; 1 mg/kg IV, plasma by HPLC: terminal t½β 2.36 ± 0.25 h, 2.54 h at 5 mg/kg, abstract; journal and DOI not retrieved)', evidence: 'V' },
    ],
  },
  dexamethasone: {
    clearanceLPerHPerKg: { value: 0.23, unit: 'L/h/kg', source: 'Samtani MN, Jusko WJ 2005, Biopharm Drug Dispos 26:85-91, doi:10.1002/bdd.435 (female Wistar rats, 1 mg/kg dexamethasone phosphate IV: clearance 0.23 L/h/kg, abstract)', evidence: 'V' },
    volumeLPerKg: { value: 0.78, unit: 'L/kg', source: 'Samtani MN, Jusko WJ 2005, Biopharm Drug Dispos 26:85-91, doi:10.1002/bdd.435 (volume of distribution 0.78 L/kg, abstract)', evidence: 'V' },
    fractionUnbound: { value: 0.175, unit: '', source: 'Physiologically based pharmacokinetics of dexamethasone in rats, Drug Metab Dispos 2020, 48:811-818, doi:10.1124/dmd.120.091017 (plasma free fraction 0.175, abstract; authors not retrieved)', evidence: 'V' },
    fractionExcretedUnchanged: null,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 2.3, unit: 'h', source: 'Samtani MN, Jusko WJ 2005, Biopharm Drug Dispos 26:85-91, doi:10.1002/bdd.435 (terminal half-life 2.3 h, mono-exponential after IV; the same study as CL and V: no independent rat half-life was found)', evidence: 'V' },
    ],
  },
  prednisolone: {
    clearanceLPerHPerKg: { value: 155 * 60 / 1000, unit: 'L/h/kg', source: 'Effect of corticosteroid binding globulin on the pharmacokinetics of prednisolone in rats, Pharm Res 1995, 12:902-904, doi:10.1023/a:1016225423795 (control Sprague-Dawley rats, 2 mg/kg prednisolone hemisuccinate IV: apparent clearance 155 mL/min/kg, abstract; authors not retrieved)', evidence: 'D', note: '155 mL/min/kg × 60 / 1000 = 9.3 L/h/kg.' },
    volumeLPerKg: { value: 4.1, unit: 'L/kg', source: 'Pharm Res 1995, 12:902-904, doi:10.1023/a:1016225423795 (apparent Vss 4.1 L/kg in control rats, abstract)', evidence: 'V' },
    fractionUnbound: null,
    fractionExcretedUnchanged: null,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 0.5, unit: 'h', source: 'Dose-dependent pharmacokinetics of prednisolone in normal and adrenalectomized rats, J Pharmacokinet Biopharm, doi:10.1007/BF01059655 (5 and 50 mg/kg IV: half-life 0.50 h at both doses, abstract; authors, year and pages not on the page read)', evidence: 'V' },
    ],
  },
  methotrexate: {
    clearanceLPerHPerKg: { value: 9.56 * 60 / 1000, unit: 'L/h/kg', source: 'Int J Mol Sci 2018, 19:1120, doi:10.3390/ijms19041120, Table 3 (control rats, 3 mg/kg methotrexate IV: CLtotal 9.56 ± 2.2 mL/min/kg; authors not retrieved)', evidence: 'D', note: '9.56 mL/min/kg × 60 / 1000 = 0.574 L/h/kg.' },
    volumeLPerKg: { value: 9.56 * 60 / 1000 * (59.1 / 60) / Math.LN2, unit: 'L/kg', source: 'Int J Mol Sci 2018, 19:1120, doi:10.3390/ijms19041120, Table 3 (control rats: CLtotal 9.56 mL/min/kg, t½ 59.1 min; no volume reported)', evidence: 'D', note: 'V = CL · t½ / ln 2 = 0.574 L/h/kg × 0.985 h / 0.693 = 0.816 L/kg (so the implied half-life is this study\'s by construction; the check is against another study).' },
    fractionUnbound: null,
    fractionExcretedUnchanged: { value: 3.69 / 9.56, unit: '', source: 'Int J Mol Sci 2018, 19:1120, doi:10.3390/ijms19041120, Table 3 (control rats: CLurine 3.69 of CLtotal 9.56 mL/min/kg)', evidence: 'D', note: '3.69 / 9.56 = 0.386 of clearance urinary (48.2 % of the dose in urine within 200 min in Cancer Chemother Pharmacol 1989, 23:156).' },
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 90.6 / 60, unit: 'h', source: 'Pharmacokinetics of methotrexate (MTX) and 7-hydroxymethotrexate in rats, Cancer Chemother Pharmacol 1989, 23:156-160, doi:10.1007/BF00267947 (4 mg/kg IV, anaesthetised rats: terminal half-life 90.6 min, total clearance 9.2 mL/kg/min, abstract; authors not retrieved)', evidence: 'V' },
    ],
  },
  cyclosporine: {
    clearanceLPerHPerKg: { value: 0.102, unit: 'L/h/kg', source: 'Pharmacokinetic changes of cyclosporine after intravenous and oral administration to rats with uranyl nitrate-induced acute renal failure, Int J Pharm 2000, 194:221-227, doi:10.1016/s0378-5173(99)00382-8 (control Sprague-Dawley rats, 30 mg/kg IV: total body clearance 0.102 L/h/kg from blood, abstract; authors not retrieved)', evidence: 'V' },
    volumeLPerKg: { value: 2.56, unit: 'L/kg', source: 'Int J Pharm 2000, 194:221-227, doi:10.1016/s0378-5173(99)00382-8 (control rats: Vss 2.56 L/kg, abstract)', evidence: 'V' },
    fractionUnbound: null,
    fractionExcretedUnchanged: null,
    matrix: 'blood',
    publishedHalfLivesH: [
      { value: (21 + 28) / 2, unit: 'h', source: 'Apparent dose-dependent oral absorption of cyclosporin A in rats, Biopharm Drug Dispos 1984, 5:141-151, doi:10.1002/bdd.2510050207 (terminal half-life 21-28 h, the same after oral and IV dosing, abstract; authors not retrieved)', evidence: 'D', note: 'Mid-point of 21-28 h = 24.5 h.' },
    ],
  },
  'amphotericin-b': {
    clearanceLPerHPerKg: { value: Math.sqrt(462.95 * 206.9) / 1000, unit: 'L/h/kg', source: 'Abdollahizad E, Dadashzadeh S, Bahri S, Abbasian Z, Rezaee E 2023, Iran J Pharm Res 22(1):e134772, doi:10.5812/ijpr-134772, Table 2 (Fungizone 1 mg/kg IV: CL 462.95 mL/h/kg in Wistar, 206.90 in Sprague-Dawley rats; read on brieflands.com)', evidence: 'D', note: 'Geometric mean of the strains √(462.95 × 206.9) = 309.5 mL/h/kg = 0.310 L/h/kg.' },
    volumeLPerKg: { value: Math.sqrt(3745.08 * 2091.6) / 1000, unit: 'L/kg', source: 'Abdollahizad E et al. 2023, Iran J Pharm Res 22(1):e134772, doi:10.5812/ijpr-134772, Table 2 (Fungizone: Vss 3745.08 mL/kg in Wistar, 2091.60 in Sprague-Dawley rats)', evidence: 'D', note: 'Geometric mean √(3745.08 × 2091.6) = 2799 mL/kg = 2.80 L/kg.' },
    fractionUnbound: null,
    fractionExcretedUnchanged: null,
    matrix: 'plasma',
    publishedHalfLivesH: [
      { value: 5.85, unit: 'h', source: 'Abdollahizad E et al. 2023, Iran J Pharm Res 22(1):e134772, doi:10.5812/ijpr-134772, Table 2 (Fungizone, Wistar rats: t½ 5.85 ± 1.29 h; the same study as CL and V)', evidence: 'V' },
      { value: 11.96, unit: 'h', source: 'Abdollahizad E et al. 2023, Iran J Pharm Res 22(1):e134772, doi:10.5812/ijpr-134772, Table 2 (Fungizone, Sprague-Dawley rats: t½ 11.96 ± 1.54 h; the same study as CL and V)', evidence: 'V' },
    ],
  },
}


/**
 * Interspecies clearance exponent of simple allometry, CL = a·W^b. Used for dexamethasone too:
 * Song D & Jusko WJ 2022 (Biopharm Drug Dispos, PMC8859844) fitted log CL against log W over 11
 * species (R² 0.91 in the abstract), but the fitted exponent is in the body of the paper, which was
 * not readable in what was read, so the general value is used.
 */
export const INTERSPECIES_CLEARANCE_EXPONENT: Cited = {
  value: 0.75,
  unit: '',
  source: 'Hu TM, Hayton WL 2001, "Allometric scaling of xenobiotic clearance: uncertainty versus universality", AAPS PharmSci 3(4):E29, doi:10.1208/ps030429 (abstract: 115 xenobiotics studied in ≥ 3 species; the exponent of 460 normalised clearances of 91 of them was 0.74, 99 % CI 0.71-0.76, and Monte Carlo simulation was consistent with an underlying 0.75; the metabolised subgroups did not differ from 0.75, the mainly renally excreted one was 0.65)',
  evidence: 'V',
}

/**
 * Clearance (or volume) per kg of a species of `targetBodyWeightKg` from the value per kg measured
 * in a species of `sourceBodyWeightKg`, by simple allometry X = a·W^b:
 *   X/W ∝ W^(b−1)  ⇒  (X/W)_target = (X/W)_source · (W_target / W_source)^(b−1).
 * With b = 0.75 a 12.5-fold lighter animal clears 12.5^0.25 = 1.88 times more per kg; b = 1 keeps
 * the value per kg (volumes).
 */
export function allometricPerKg(sourcePerKg: number, sourceBodyWeightKg: number, targetBodyWeightKg: number, exponent: number): number {
  if (!(sourcePerKg >= 0) || !(sourceBodyWeightKg > 0) || !(targetBodyWeightKg > 0) || !Number.isFinite(exponent)) {
    throw new Error(`allometricPerKg: need a value ≥ 0 and body weights > 0 kg, got ${sourcePerKg} per kg from ${sourceBodyWeightKg} kg to ${targetBodyWeightKg} kg (exponent ${exponent})`)
  }
  return sourcePerKg * Math.pow(targetBodyWeightKg / sourceBodyWeightKg, exponent - 1)
}

/** Three significant figures for the arithmetic written into notes. */
function sig3(x: number): string {
  return String(Number(x.toPrecision(3)))
}

/** What a scaled entry is built from: a measured entry of another species and what it is checked against. */
interface ScalingSource {
  readonly species: 'rat' | 'human'
  readonly clearanceLPerHPerKg: Cited
  readonly volumeLPerKg: Cited
  readonly fractionUnbound: Cited | null
  readonly fractionExcretedUnchanged: Cited | null
  readonly matrix: 'plasma' | 'blood'
  readonly bodyWeightKg: Cited
}

/**
 * A rodent entry scaled from `from` to `to` (at the reference weights given): CL/kg by the
 * interspecies exponent, V/kg kept (b_V = 1), f_u and the urinary share taken from the source
 * species [D], each Cited with its arithmetic in the note. `checks` are this species' published
 * half-lives and clearances (another study, never the source species').
 */
function scaledEntry(from: ScalingSource, to: RodentSpecies, target: Cited, checks: { halfLivesH?: ReadonlyArray<Cited>; clearancesLPerHPerKg?: ReadonlyArray<Cited> } = {}, caveat = ''): RodentFreeDrugPk {
  const b = INTERSPECIES_CLEARANCE_EXPONENT.value
  const bV = ALLOMETRY.volumeExponent.value
  const wS = from.bodyWeightKg.value
  const wT = target.value
  const cl = allometricPerKg(from.clearanceLPerHPerKg.value, wS, wT, b)
  const v = allometricPerKg(from.volumeLPerKg.value, wS, wT, bV)
  const how = `scaled from the ${from.species} by simple allometry, not measured in the ${to}`
  const borrowed = (c: Cited | null, what: string): Cited | null => c === null
    ? null
    : {
        value: c.value, unit: c.unit, evidence: c.evidence === 'U' ? 'U' : 'D',
        source: `${c.source}; the ${from.species} value taken for the ${to}`,
        note: `${what} of the ${from.species} (${sig3(c.value)}) used for the ${to}: not measured in the ${to}${c.evidence === 'U' ? ', and unverified in the source species' : ''}.`,
      }
  return {
    clearanceLPerHPerKg: {
      value: cl, unit: 'L/h/kg', evidence: 'D',
      source: `${from.clearanceLPerHPerKg.source}; ${how}, CL ∝ W^${b} (${INTERSPECIES_CLEARANCE_EXPONENT.source})`,
      note: `${from.species} ${sig3(from.clearanceLPerHPerKg.value)} L/h/kg × (${wT}/${wS})^(${b}−1) = ${sig3(cl)} L/h/kg (${from.species} at ${wS} kg, ${to} at ${wT} kg).${caveat ? ` ${caveat}` : ''}`,
    },
    volumeLPerKg: {
      value: v, unit: 'L/kg', evidence: 'D',
      source: `${from.volumeLPerKg.source}; ${how}, V ∝ W^${bV}, volume per kg kept (${ALLOMETRY.volumeExponent.source}; doi:10.1146/annurev.pharmtox.48.113006.094708)`,
      note: `${from.species} ${sig3(from.volumeLPerKg.value)} L/kg × (${wT}/${wS})^(${bV}−1) = ${sig3(v)} L/kg (volume per kg kept).`,
    },
    fractionUnbound: borrowed(from.fractionUnbound, 'Fraction unbound'),
    fractionExcretedUnchanged: borrowed(from.fractionExcretedUnchanged, 'Urinary share of clearance'),
    matrix: from.matrix,
    publishedHalfLivesH: checks.halfLivesH ?? [],
    publishedClearancesLPerHPerKg: checks.clearancesLPerHPerKg ?? [],
    scaledFrom: {
      species: from.species,
      sourceBodyWeightKg: from.bodyWeightKg,
      targetBodyWeightKg: target,
      clearanceExponent: INTERSPECIES_CLEARANCE_EXPONENT,
      volumeExponent: ALLOMETRY.volumeExponent,
    },
  }
}

/** A measured rat entry as the source of a scaling, at the rat reference weight. */
function fromRat(drug: DrugId): ScalingSource {
  const d = RAT_MEASURED[drug]
  if (!d) throw new Error(`free-drug data: no measured rat PK for '${drug}' to scale from`)
  return { species: 'rat', ...d, bodyWeightKg: RAT_SOURCE_WEIGHT }
}

/** The human entry as the source of a scaling, at its study's body weight. */
function fromHuman(drug: DrugId): ScalingSource {
  const d = FREE_DRUG_PK[drug]
  if (!d) throw new Error(`free-drug data: no human PK for '${drug}' to scale from`)
  return { species: 'human', ...d, bodyWeightKg: d.studyBodyWeightKg }
}

/**
 * The rat studies' animals are taken at the rat reference weight: most report 200-300 g rats; a
 * 20 % error in it moves a scaled mouse CL/kg by 1.2^0.25 − 1 = 5 %.
 */
const RAT_SOURCE_WEIGHT: Cited = { ...PBPK_DATA.species.rat.bodyWeightKg, note: 'The rat reference body weight, taken as the weight of the rats the source study used (most rat PK studies use 200-300 g animals).' }
const MOUSE_WEIGHT: Cited = PBPK_DATA.species.mouse.bodyWeightKg
/**
 * Why a clearance scaled from humans is uncertain by an order of magnitude: the same rule, carried
 * from the rat's measured clearance to 70 kg (280-fold in weight), gives 0.27, 21.9, 1.44, 0.099
 * and 7.4 times the measured human clearance of dexamethasone, prednisolone, methotrexate,
 * cyclosporine and tacrolimus (the catalog's drugs measured in both). Between rat and mouse
 * (12.5-fold) it gives 0.68 times the measured mouse tacrolimus clearance.
 */
const HUMAN_TO_RODENT_CAVEAT = 'Uncertain by an order of magnitude: the same rule carried from the measured rat clearances to 70 kg gives 0.1-22 times the measured human clearance for 4 of the 5 catalog drugs measured in both (within 2-fold for methotrexate only).'
const RAT_WEIGHT: Cited = PBPK_DATA.species.rat.bodyWeightKg

/**
 * Scaled entries (issue #15, "per species"): where no study of the species itself was found,
 * what PBPK tools do, simple allometry from the nearest species with a measured value — the rat
 * for the mouse, the human for rapamycin (no rodent IV study of rapamycin was found). Each is
 * flagged `scaledFrom`, and the card says "scaled from the rat by allometry, not measured in the
 * mouse". Checked against published values of the species itself where found (another study):
 * - mouse methotrexate: scaled CL 1.08 L/h/kg against the measured wild-type mouse clearance
 *   1.53 L/h/kg (IV infusion; J Pharmacol Exp Ther 2008, Table 1): 0.70-fold, within 2-fold;
 * - mouse dexamethasone and prednisolone, rat and mouse rapamycin: no published value of the
 *   species was found, so unchecked (UNCHECKED_RODENT_PK says why).
 * The rule itself, on the catalog's pairs measured in both species: rat → mouse tacrolimus gives
 * 0.68 times the measured mouse clearance (like methotrexate's 0.70); rat → human (280-fold) is
 * within 2-fold for methotrexate only (HUMAN_TO_RODENT_CAVEAT), so rapamycin scaled from humans
 * over 280-3500-fold is the least certain entry here.
 * Not scaled, see RODENT_SCALING_REFUSED: mouse cyclosporine (the scaled half-life fails its check).
 */
const MOUSE_SCALED: Partial<Readonly<Record<DrugId, RodentFreeDrugPk>>> = {
  dexamethasone: scaledEntry(fromRat('dexamethasone'), 'mouse', MOUSE_WEIGHT),
  prednisolone: scaledEntry(fromRat('prednisolone'), 'mouse', MOUSE_WEIGHT),
  methotrexate: scaledEntry(fromRat('methotrexate'), 'mouse', MOUSE_WEIGHT, {
    clearancesLPerHPerKg: [
      { value: 25.5 * 60 / 1000, unit: 'L/h/kg', source: 'J Pharmacol Exp Ther 2008, doi:10.1124/jpet.108.140475, Table 1 (wild-type mice, methotrexate by IV infusion: total plasma clearance CLtot,p 25.5 mL/min/kg; steady-state infusion, so the clearance is elimination itself; authors not retrieved)', evidence: 'D', note: '25.5 mL/min/kg × 60 / 1000 = 1.53 L/h/kg.' },
    ],
  }),
  rapamycin: scaledEntry(fromHuman('rapamycin'), 'mouse', MOUSE_WEIGHT, {}, HUMAN_TO_RODENT_CAVEAT),
}

const RAT_SCALED: Partial<Readonly<Record<DrugId, RodentFreeDrugPk>>> = {
  rapamycin: scaledEntry(fromHuman('rapamycin'), 'rat', RAT_WEIGHT, {}, HUMAN_TO_RODENT_CAVEAT),
}

/** Mouse and rat free-drug PK: the measured entries, and the scaled ones (flagged `scaledFrom`) where none was measured. */
export const RODENT_FREE_DRUG_PK: Readonly<Record<RodentSpecies, Partial<Readonly<Record<DrugId, RodentFreeDrugPk>>>>> = {
  mouse: { ...MOUSE_MEASURED, ...MOUSE_SCALED },
  rat: { ...RAT_MEASURED, ...RAT_SCALED },
}

/**
 * (species, drug) pairs with neither a measured nor a scaled entry because scaling was tried and
 * a published value of the species contradicts it beyond 2-fold; the comparison gives the reason.
 */
export const RODENT_SCALING_REFUSED: ReadonlyArray<{ readonly species: RodentSpecies; readonly drug: DrugId; readonly publishedHalfLifeH: Cited; readonly reason: string }> = [
  {
    species: 'mouse',
    drug: 'cyclosporine',
    publishedHalfLifeH: { value: 4.1, unit: 'h', source: 'Diehl R, Ferrara F, Müller C, Dreyer AY, McLeod DD, Fricke S, Boltze J 2017, "Immunosuppression for in vivo research: state-of-the-art protocols and experimental approaches", Cell Mol Immunol 14:146-179, doi:10.1038/cmi.2016.39, Table 5 (cyclosporine, mouse: plasma half-life 4.1 ± 0.6 h, in the row of a 2.6 mg/kg IV study, their ref. 280)', evidence: 'V' },
    reason: 'scaled from the rat by allometry (0.102 L/h/kg × (0.02/0.25)^(0.75−1) = 0.192 L/h/kg, V 2.56 L/kg) its half-life would be 9.2 h, 2.3 times the published mouse half-life of 4.1 h (Diehl et al. 2017, Cell Mol Immunol 14:146, Table 5), so no mouse model is given',
  },
]

/**
 * Rodent entries with no published half-life or clearance of their species to be checked against,
 * with why. The tests hold every other entry within 2-fold of its published values and this list
 * to exactly the entries without one.
 */
export const UNCHECKED_RODENT_PK: ReadonlyArray<{ readonly species: RodentSpecies; readonly drug: DrugId; readonly reason: string }> = [
  { species: 'mouse', drug: 'tacrolimus', reason: 'No mouse tacrolimus half-life was found in another study, and the study of CL and Vss gives none in its abstract (implied ln2·V/CL = 0.95 h).' },
  { species: 'mouse', drug: 'dexamethasone', reason: 'Scaled from the rat; no mouse dexamethasone half-life or clearance was found (the 11-species review, Song & Jusko 2022, PMC8859844, pools one but its table was not readable), so the implied ln2·V/CL = 1.25 h is unchecked.' },
  { species: 'mouse', drug: 'prednisolone', reason: 'Scaled from the rat; no mouse free-prednisolone half-life or clearance was found (the mouse studies read are of liposomal prednisolone phosphate), so the implied ln2·V/CL = 0.16 h is unchecked.' },
  { species: 'mouse', drug: 'rapamycin', reason: 'Scaled from the human (no rodent IV study of rapamycin itself was found; the mouse IV study found is of a prodrug, Cancer Chemother Pharmacol 1994, 33:325), so the implied ln2·V/CL = 7.5 h is unchecked; scaled over 3500-fold in weight, it is uncertain by an order of magnitude (HUMAN_TO_RODENT_CAVEAT).' },
  { species: 'rat', drug: 'rapamycin', reason: 'Scaled from the human; the rat IV study found (Yáñez et al. 2007, Cancer Chemother Pharmacol 61:133) had its control-arm table unreadable, so the implied ln2·V/CL = 14 h is unchecked; scaled over 280-fold in weight, it is uncertain by an order of magnitude (HUMAN_TO_RODENT_CAVEAT).' },
]
