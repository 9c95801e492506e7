/**
 * Virtual patients on the command line (issue #15): reading patient and cohort files, and the
 * `--patient` path of `nanoforge simulate` (docs/cli.md). Kept apart from simulate.ts so that
 * command stays one option longer, not one model longer.
 */
import { lowerFirst, optionLabel } from '../../../shared/design/fields'
import type { Design, DesignIssue } from '../../../shared/design/types'
import { validateCohort, type Cohort } from '../../../shared/patient/cohort'
import type { ExposureTargetResponse } from '../../../shared/patient/exposure-target'
import { MAX_PATIENT_FILE_BYTES, validatePatient, type Patient } from '../../../shared/patient/schema'
import { PatientDesignMismatch, simulatePatient, type PatientSimulation } from '../../../shared/patient/simulate-patient'
import { predictionIntervalJson } from '../../../shared/engine/validation/measured-accuracy'
import { EXIT_BAD_INPUT, EXIT_OK, type CliIo } from '../types'
import { UsageError, fail, printJson, readJsonFile } from './common'


/** A patient file read and checked, or its problems (paths inside the file). */
export function readPatientFile(file: string): { ok: true; patient: Patient } | { ok: false; issues: DesignIssue[] } {
  const read = readJsonFile(file, MAX_PATIENT_FILE_BYTES)
  if (!read.ok) return { ok: false, issues: read.issues }
  const v = validatePatient(read.json)
  return v.valid ? { ok: true, patient: v.patient } : { ok: false, issues: v.errors }
}

/** A cohort file read and checked, or its problems. */
export function readCohortFile(file: string): { ok: true; cohort: Cohort } | { ok: false; issues: DesignIssue[] } {
  const read = readJsonFile(file, MAX_PATIENT_FILE_BYTES)
  if (!read.ok) return { ok: false, issues: read.issues }
  const v = validateCohort(read.json)
  return v.valid ? { ok: true, cohort: v.cohort } : { ok: false, issues: v.errors }
}

/** Reads `--target-occupancy` (0 < x < 1). */
export function targetOccupancyOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const x = Number(text)
  if (!/^\s*(0?\.\d+|0)\s*$/.test(text) || !(x > 0 && x < 1)) throw new UsageError(`--target-occupancy must be a fraction between 0 and 1 (like 0.5), got '${text}'.`)
  return x
}

/**
 * `nanoforge simulate FILE --patient PATIENT.json`: the design's estimate in the patient, with
 * `patient` (the physiology used) and `response` (versus free drug). A bad patient file, a
 * non-human design or one for another disease: exit 2 with the paths.
 */
export function runSimulateWithPatient(io: CliIo, json: boolean, design: Design, designWarnings: ReadonlyArray<DesignIssue>, patientFile: string, hours: number, targetOccupancy: number | undefined): number {
  const read = readPatientFile(patientFile)
  if (!read.ok) return fail(io, json, EXIT_BAD_INPUT, 'invalid-patient', `${patientFile}: ${read.issues.length} problem(s); nothing was simulated.`, read.issues)
  let result: PatientSimulation
  try {
    result = simulatePatient(design, read.patient, { hours, ...(targetOccupancy !== undefined ? { targetOccupancy } : {}) })
  } catch (error) {
    if (error instanceof PatientDesignMismatch) {
      return fail(io, json, EXIT_BAD_INPUT, 'patient-design-mismatch', `The design cannot be simulated in this patient: ${error.message}.`, [{ path: error.path, message: error.message }])
    }
    throw error
  }
  const withWarnings = { ...result, warnings: [...designWarnings.map((w) => `${w.path}: ${w.message}`), ...result.warnings] }
  if (json) {
    // the engine's checked prediction interval, as plain `simulate --json` gives it
    printJson(io, { ...withWarnings, accuracy: predictionIntervalJson() })
    return EXIT_OK
  }
  for (const w of withWarnings.warnings) io.stderr(`warning: ${w}\n`)
  io.stdout(formatPatientSummary(design.name, patientFile, result))
  return EXIT_OK
}

function fmt(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined ? '—' : Number(value.toPrecision(digits)).toString()
}
const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(100 * x).toFixed(1)} %`)

function formatPatientSummary(name: string, patientFile: string, r: PatientSimulation): string {
  const p = r.patient
  const resp = r.response
  const lines = [
    `${name} in ${patientFile} (engine ${r.engineVersion}, ${resp.horizonH} h)`,
    '',
    `Patient: ${p.sex}, ${p.ageY} y, ${fmt(p.bodyWeightKg)} kg, ${fmt(p.heightCm)} cm (BSA ${fmt(p.bodySurfaceAreaM2)} m², lean ${fmt(p.leanBodyWeightKg)} kg); ` +
      `eGFR ${fmt(p.egfrMlPerMinPer173M2)} → GFR ${fmt(p.gfrMlPerMin)} mL/min; cardiac output ${fmt(p.cardiacOutputLPerMin)} L/min; ` +
      `${p.disease} ${p.activity.scale} ${p.activity.value}`,
    `Selectivity (target ${r.selectivity.targetTissue ?? 'none'}): index ${fmt(r.selectivity.selectivityIndex)}, target AUC ${fmt(r.selectivity.targetAucPercentDoseH)} %ID·h; ` +
      `drug released ${fmt(r.selectivity.drugReleasedInTargetPercentDose)} % in the target, ${fmt(r.selectivity.drugReleasedInBloodPercentDose)} % in blood`,
    '',
  ]
  const t = resp.target
  if (resp.model === 'antigen' && t?.kind === 'antigen') {
    lines.push(`Antigen in ${t.tissue}: particle AUC ${fmt(t.particleAucPercentDoseH)} %ID·h, ${fmt(t.antigenReleasedInApcPercentDose)} % of the antigen released there`)
  } else if (resp.freeDrugPk) {
    const pk = resp.freeDrugPk
    lines.push(`Versus ${fmt(resp.drugDoseMg)} mg of free ${resp.drug} (CL ${fmt(pk.clearanceLPerH)} L/h, t½ ${fmt(pk.halfLifeH)} h in this patient):`)
    lines.push(`  target exposure × ${fmt(resp.versusFreeDrug.targetExposureRatio)}, systemic exposure × ${fmt(resp.versusFreeDrug.systemicExposureRatio)}`)
    if (t?.kind === 'drug' && t.effectName) {
      lines.push(`  ${t.effectName} in the ${t.tissue}: ${pct(t.particle.effect)} (free drug ${pct(t.freeDrug.effect)})`)
    }
    if (resp.systemic?.effectName) {
      lines.push(`  ${resp.systemic.effectName}: ${pct(resp.systemic.particle.effect)} (free drug ${pct(resp.systemic.freeDrug.effect)})`)
    }
    const d = resp.doseForTarget
    if (d) {
      lines.push(d.doseMgPerKg === null
        ? `  Dose for ${pct(d.targetOccupancy)} occupancy: ${d.note}`
        : `  Dose for ${pct(d.targetOccupancy)} occupancy: ${fmt(d.doseMgPerKg)} mg/kg (${d.basis} basis, ${fmt(d.drugDoseMg)} mg of drug); cortisol suppression ${pct(d.systemicEffect)}; systemic exposure × ${fmt(d.systemicExposureVsUsualFreeDose)} the usual free dose over ${resp.horizonH} h`)
    }
  }
  for (const n of resp.notes) lines.push(`  Note: ${n}`)
  if (resp.exposureTarget) lines.push('', ...formatExposureTarget(resp.exposureTarget, p.disease))
  lines.push('')
  return lines.join('\n')
}

/**
 * The text of `response.exposureTarget` (a drug dosed to a whole-blood trough, tacrolimus): the
 * steady-state trough, mean, peak and AUC of the particles and of the same amount of free drug by
 * mouth, the shares of the interval in the disease's cited range and above it, and the dose whose
 * trough reaches the range's lower bound. Every number is the --json block's, rounded to three
 * significant digits (fractions to 0.1 %), with its unit.
 */
export function formatExposureTarget(e: ExposureTargetResponse, disease: string): string[] {
  const range = e.targetRange
  const diseaseText = lowerFirst(optionLabel('context.disease', disease))
  const rangeText = range ? `${fmt(range.lowNgPerMl)}-${fmt(range.highNgPerMl)} ng/mL` : null
  const exposure = (x: ExposureTargetResponse['particle'] | NonNullable<ExposureTargetResponse['doseForTrough']>['freeDrug']): string => {
    const inRange = rangeText ? `${pct(x.fractionInRange)} in ${rangeText}, ${pct(x.fractionAboveRange)} above ${fmt(range!.highNgPerMl)} ng/mL, ` : ''
    const shares = `; of the interval ${inRange}${pct(x.fractionAboveToxicity)} above ${fmt(e.toxicityThresholdNgPerMl)} ng/mL`
    return `trough ${fmt(x.troughNgPerMl)} ng/mL, mean ${fmt(x.meanNgPerMl)} ng/mL, peak ${fmt(x.peakNgPerMl)} ng/mL, AUC ${fmt(x.aucNgHPerMl)} ng·h/mL over ${fmt(x.intervalH)} h${shares}`
  }
  const matrix = e.matrix === 'blood' ? 'Whole-blood' : 'Plasma'
  const lines = [
    `${matrix} trough target of ${e.drug} at steady state (${rangeText ? `${diseaseText} range ${rangeText}` : `no cited range for ${diseaseText}`}; toxicity above ${fmt(e.toxicityThresholdNgPerMl)} ng/mL):`,
    `  Particles, ${e.particle.regimen} (${fmt(e.particle.drugDoseMg)} mg of drug): ${exposure(e.particle)}`,
    `  Free drug, ${e.freeDrug.regimen} (F ${fmt(e.freeDrug.bioavailability)}): ${exposure(e.freeDrug)}`,
    `  Versus free drug: trough × ${fmt(e.versusFreeDrug.troughRatio)}, mean concentration × ${fmt(e.versusFreeDrug.meanConcentrationRatio)}`,
  ]
  const d = e.doseForTrough
  if (d) {
    const trough = `${fmt(d.troughTargetNgPerMl)} ng/mL`
    if (d.doseMgPerKg === null || d.particle === null) {
      lines.push(`  Dose for a ${trough} trough: ${d.note}`)
    } else {
      lines.push(`  Dose for a ${trough} trough: ${fmt(d.doseMgPerKg)} mg/kg (${d.basis} basis, ${fmt(d.drugDoseMg)} mg of drug) every ${fmt(d.intervalH)} h: ${exposure(d.particle)}`)
      lines.push(`  Free drug for the same trough: ${fmt(d.freeDrugDoseMgPer12H)} mg by mouth every ${fmt(d.freeDrug.intervalH)} h: ${exposure(d.freeDrug)}; particles' mean concentration × ${fmt(d.meanConcentrationVsFreeDrug)} the free drug's`)
    }
  }
  if (range) {
    lines.push(range.low.source === range.high.source
      ? `  Range [${range.low.evidence}]: ${range.low.source}`
      : `  Range low [${range.low.evidence}]: ${range.low.source}; high [${range.high.evidence}]: ${range.high.source}`)
  }
  lines.push(`  Toxicity threshold [${e.toxicityThreshold.evidence}]: ${e.toxicityThreshold.source}`)
  for (const n of e.notes) lines.push(`  Note: ${n}`)
  return lines
}
