// @vitest-environment jsdom
/**
 * The Patient tab and the Selectivity card's "versus free drug" in jsdom (issue #15), with
 * the engine workers as in-process stand-ins running the real handler: a mouse design gets
 * the reason and a switch to human, never a crash; the example patient's estimate shows the
 * numbers of `simulate --patient`; a patient file with a problem is refused with its path and
 * the form left alone; a cohort runs, shows its bands and opens its extreme patient; the
 * free-drug card shows the reference human's ratios and the cited free-drug numbers.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { validatePatient } from '../../../../shared/patient/schema'
import { simulatePatient } from '../../../../shared/patient/simulate-patient'
import { referencePatient } from '../../../../shared/patient/physiology'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { useDesignStore } from '../../../../renderer/stores/design-store'
import { estimateKey, useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { PatientPanel } from '../../../../renderer/features/patient/patient-panel'
import { setPatientWorkers, usePatientStore } from '../../../../renderer/features/patient/patient-store'
import { ratioText } from '../../../../renderer/features/patient/patient-format'
import { VersusFreeDrugCard } from '../../../../renderer/features/selectivity/versus-free-drug'
import { freeDrugCitationRows, setFreeDrugWorker, useFreeDrugStore } from '../../../../renderer/features/selectivity/free-drug-model'
import raPatient from '../../../../resources/patients/ra-62f.nanoforge-patient.json' with { type: 'json' }
import { workerFactory } from '../engine/in-process-worker'

const initialPatient = usePatientStore.getState()
const initialFree = useFreeDrugStore.getState()
const HUMAN: Design = { ...newDesign(), context: { ...newDesign().context, species: 'human' } }
const patient = (() => {
  const v = validatePatient(raPatient)
  if (!v.valid) throw new Error('invalid')
  return v.patient
})()

beforeEach(() => {
  usePatientStore.setState(initialPatient, true)
  useFreeDrugStore.setState(initialFree, true)
  setPatientWorkers(workerFactory('auto').make, 2)
  setFreeDrugWorker(workerFactory('auto').make)
})

afterEach(() => cleanup())

describe('the Patient tab', () => {
  it('a mouse design: the reason in words and a switch to human, no form and no crash', async () => {
    useDesignStore.getState().replace(newDesign(), null, null)
    render(<PatientPanel />)
    expect(screen.getByRole('note').textContent).toMatch(/Virtual patients are human, and this design is for a mouse/)
    expect(screen.queryByRole('form', { name: 'Patient values' })).toBeNull()
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Estimate this design in humans' })) })
    expect(useDesignStore.getState().design.context.species).toBe('human')
    expect(screen.getByRole('form', { name: 'Patient values' })).toBeTruthy()
    // starts from the reference patient of the design's disease
    expect((screen.getByLabelText('Body weight (kg)') as HTMLInputElement).value).toBe('70')
  })

  it('a patient or cohort file larger than the limit is refused by its size before it is read, the form left as it was', async () => {
    useDesignStore.getState().replace(HUMAN, null, null)
    render(<PatientPanel />)
    const before = usePatientStore.getState().draft
    let read = false
    // a file-like object: its size says 2 GB, and reading it would fail the test
    const huge = { name: 'huge.json', size: 2e9, text: async (): Promise<string> => { read = true; return '{}' } }
    await act(async () => { await usePatientStore.getState().openFile('patient', huge, 'rheumatoid-arthritis') })
    expect(read).toBe(false)
    expect(usePatientStore.getState().fileIssues[0]).toMatch(/huge\.json is 2000\.0 MB; patient files up to 1 MB are read/)
    expect(usePatientStore.getState().draft).toBe(before)
    await act(async () => { await usePatientStore.getState().openFile('cohort', huge, 'rheumatoid-arthritis') })
    expect(read).toBe(false)
    expect(usePatientStore.getState().cohortIssues[0]).toMatch(/cohort files up to 1 MB are read/)
    // a file within the limit is read and validated as before (the example patient file)
    const ok = { name: 'ra.json', size: 300, text: async (): Promise<string> => JSON.stringify(raPatient) }
    let opened = false
    await act(async () => { opened = await usePatientStore.getState().openFile('patient', ok, 'rheumatoid-arthritis') })
    expect(opened).toBe(true)
    expect(usePatientStore.getState().fileIssues).toEqual([])
  })

  it('the example patient: the numbers of simulate --patient, the physiology used and the dose for 50 % occupancy', async () => {
    useDesignStore.getState().replace(HUMAN, null, null)
    render(<PatientPanel />)
    await act(async () => { fireEvent.change(screen.getByLabelText('Start from'), { target: { value: 'ra-62f' } }) })
    const table = await screen.findByRole('table', { name: 'Response versus free drug' }, { timeout: 20_000 })
    const cli = simulatePatient(HUMAN, patient, { hours: 72, targetOccupancy: 0.5 })
    const rows = within(table).getAllByRole('row').map((r) => r.textContent ?? '')
    expect(rows.some((r) => r.startsWith('Target (joints): unbound exposure') && r.endsWith(ratioText(cli.response.versusFreeDrug.targetExposureRatio)))).toBe(true)
    expect(rows.some((r) => r.startsWith('Body: plasma exposure') && r.endsWith(ratioText(cli.response.versusFreeDrug.systemicExposureRatio)))).toBe(true)
    expect(screen.getByRole('group', { name: 'Dose for the target effect' }).textContent).toMatch(/mg\/kg \(of drug;/)
    expect(screen.getByLabelText('Physiology used').textContent).toContain(`${Number(cli.patient.gfrMlPerMin.toPrecision(3))} mL/min`)
    // editing the patient marks the result as stale rather than hiding it
    fireEvent.change(screen.getByLabelText('Age (years)'), { target: { value: '63' } })
    expect(screen.getByText(/has changed since: estimate again/)).toBeTruthy()
  })

  it('an invalid value: the message at the field, the button off; a bad patient file is refused with its path and the form kept', async () => {
    useDesignStore.getState().replace(HUMAN, null, null)
    render(<PatientPanel />)
    const age = screen.getByLabelText('Age (years)') as HTMLInputElement
    fireEvent.change(age, { target: { value: '12' } })
    expect(age.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText('must be between 18 and 110 years (age)')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Estimate in this patient' }) as HTMLButtonElement).disabled).toBe(true)
    const ok = usePatientStore.getState().importPatient('bad.json', JSON.stringify({ ...raPatient, egfrMlPerMin: 500 }), 'rheumatoid-arthritis')
    expect(ok).toBe(false)
    expect(usePatientStore.getState().fileIssues).toEqual(['egfrMlPerMin: must be between 5 and 200 mL/min per 1.73 m² (eGFR (CKD-EPI))'])
    expect(usePatientStore.getState().draft!.ageY).toBe('12')
    expect(usePatientStore.getState().importPatient('x.json', '{"format":', 'rheumatoid-arthritis')).toBe(false)
    expect(usePatientStore.getState().fileIssues[0]).toMatch(/^x\.json is not JSON/)
    expect(usePatientStore.getState().importPatient('lupus.json', JSON.stringify({ ...raPatient, disease: 'lupus-nephritis', activity: { scale: 'SLEDAI-2K', value: 10 } }), 'rheumatoid-arthritis')).toBe(false)
    expect(usePatientStore.getState().fileIssues[0]).toMatch(/^disease: the patient has lupus-nephritis but the design targets rheumatoid-arthritis/)
  })

  it('a cohort of 20: the percentile table and bands, and the highest patient opened in the form', async () => {
    useDesignStore.getState().replace(HUMAN, null, null)
    render(<PatientPanel />)
    fireEvent.change(screen.getByLabelText('Patients'), { target: { value: '20' } })
    fireEvent.change(screen.getByLabelText('Seed'), { target: { value: '4' } })
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Run cohort' })) })
    const table = await screen.findByRole('table', { name: 'Cohort percentiles' }, { timeout: 30_000 })
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(10)
    expect(document.querySelectorAll('.ratio-bands .bar-row').length).toBeGreaterThanOrEqual(2)
    const highest = usePatientStore.getState().cohort.result!.extremes!.highest.patient
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Open the highest patient' })) })
    expect((screen.getByLabelText('Age (years)') as HTMLInputElement).value).toBe(String(Number(highest.ageY.toPrecision(6))))
    await screen.findByRole('table', { name: 'Response versus free drug' }, { timeout: 20_000 })
    expect(usePatientStore.getState().estimate.patient).toEqual({ ...highest, ageY: Number(highest.ageY.toPrecision(6)), bodyWeightKg: Number(highest.bodyWeightKg.toPrecision(6)), heightCm: Number(highest.heightCm.toPrecision(6)), egfrMlPerMin: Number(highest.egfrMlPerMin.toPrecision(6)), activity: { ...highest.activity, value: Number(highest.activity.value.toPrecision(6)) } })
  })

  it('a slow carrier\'s cohort says its response horizon, decided once for every patient', async () => {
    const slow: Design = {
      ...HUMAN, name: 'slow',
      core: { material: 'liposome', diameterNm: 100, bilayer: { lipid: 'dppc', cholesterolMolPct: 35 } },
      coatings: [{ kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.08 }], ligands: [],
      payload: { drug: 'prednisolone', loadingPctWw: 5, trigger: 'none' },
      context: { ...HUMAN.context, disease: 'rheumatoid-arthritis', goal: 'deliver', dose: { mgPerKg: 1, basis: 'drug' } },
    } as Design
    useDesignStore.getState().replace(slow, null, null)
    render(<PatientPanel />)
    fireEvent.change(screen.getByLabelText('Patients'), { target: { value: '10' } })
    await act(async () => { fireEvent.click(screen.getByRole('button', { name: 'Run cohort' })) })
    await screen.findByRole('table', { name: 'Cohort percentiles' }, { timeout: 30_000 })
    const h = usePatientStore.getState().cohort.result!.responseHorizonH
    expect(h).toBeGreaterThan(72)
    expect(screen.getByRole('region', { name: 'Cohort result' }).textContent).toMatch(new RegExp(`72 h horizon \\(the response against free drug counted to ${h} h for every patient`))
  })

  it('a cohort size outside 10-5000 is refused with the reason, nothing runs', async () => {
    usePatientStore.getState().syncDisease('rheumatoid-arthritis')
    usePatientStore.getState().setCohortSettings({ n: 5 })
    await usePatientStore.getState().runCohort(HUMAN, 72)
    expect(usePatientStore.getState().cohort).toMatchObject({ status: 'error', error: 'Patients must be a whole number from 10 to 5000, got 5.' })
  })
})

describe('versus free drug in Selectivity', () => {
  it('the reference human\'s ratios (the live estimate\'s human) and the cited free-drug numbers', async () => {
    const sim = simulateDesign(HUMAN, { hours: 72 })
    useEstimateStore.setState({ ...useEstimateStore.getInitialState(), status: 'ready', simulation: sim, simulatedDesign: HUMAN, simulationKey: estimateKey(HUMAN, 72), hours: 72 })
    render(<VersusFreeDrugCard />)
    const ratio = await screen.findByLabelText('Target exposure ratio', undefined, { timeout: 20_000 })
    const ref = simulatePatient(HUMAN, referencePatient('rheumatoid-arthritis'), { hours: 72, tailorDose: false })
    expect(ratio.textContent).toBe(ratioText(ref.response.versusFreeDrug.targetExposureRatio))
    expect(screen.getByLabelText('Systemic exposure ratio').textContent).toBe(ratioText(ref.response.versusFreeDrug.systemicExposureRatio))
    // the reference patient is the live estimate's reference human (within 1e-6)
    expect(ref.selectivity.targetAucPercentDoseH).toBeCloseTo(sim.selectivity.targetAucPercentDoseH, 5)
    const sources = screen.getByRole('table', { name: 'Free dexamethasone pharmacokinetics with sources' }).textContent ?? ''
    expect(sources).toMatch(/Tsuei SE, Moore RG, Ashley JJ, McBride WG 1979, J Pharmacokinet Biopharm 7:249/)
    expect(sources).not.toMatch(/resources\/|\.ts\b|docs\//)
  })

  it('a mouse design: compared in the reference mouse, no worker', () => {
    const mouse = newDesign()
    useEstimateStore.setState({ ...useEstimateStore.getInitialState(), status: 'ready', simulation: simulateDesign(mouse, { hours: 72 }), simulatedDesign: mouse, simulationKey: estimateKey(mouse, 72), hours: 72 })
    render(<VersusFreeDrugCard />)
    // mouse dexamethasone PK is scaled from the rat (shared/engine/free-drug/data.ts, h59): the
    // card compares in the reference mouse and says the PK is scaled
    expect(screen.getByRole('region', { name: 'Versus free drug' }).textContent).toMatch(/reference mouse.*scaled from the rat/)
    expect(useFreeDrugStore.getState().status).toBe('idle')
  })

  it('every free-drug number shown is cited: a literature source and an evidence tag', () => {
    for (const drug of ['dexamethasone', 'prednisolone', 'methotrexate', 'tacrolimus', 'cyclosporine'] as const) {
      const rows = freeDrugCitationRows(drug)
      expect(rows.length, drug).toBeGreaterThanOrEqual(8)
      for (const r of rows) {
        expect(r.value.source.length, `${drug} ${r.label}`).toBeGreaterThan(10)
        expect(['V', 'C', 'D', 'U']).toContain(r.value.evidence)
      }
    }
    expect(freeDrugCitationRows('mog-35-55')).toEqual([])
  })
})
