// @vitest-environment jsdom
/**
 * The Patient tab's whole-blood trough target (issue #15, tacrolimus): the table shows the
 * numbers of `simulate --patient`'s response.exposureTarget for a lupus nephritis patient (the
 * trough, mean and their ratios, the time in the 5-10 ng/mL range and above 20 ng/mL), the dose
 * for the trough target, and the sources; a disease without a cited range says so.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen, within } from '@testing-library/react'
import { validateDesign } from '../../../../shared/design/schema'
import { validatePatient } from '../../../../shared/patient/schema'
import { simulatePatient } from '../../../../shared/patient/simulate-patient'
import { ExposureTargetView, ngText, shareText } from '../../../../renderer/features/patient/exposure-target-view'
import { ratioText } from '../../../../renderer/features/patient/patient-format'
import lupusDoc from '../../../../resources/examples/lupus-rbc-silica.nanoforge.json' with { type: 'json' }

afterEach(() => cleanup())

function run(disease: string, activity: { scale: string; value: number }) {
  const d = validateDesign({ ...lupusDoc, context: { ...lupusDoc.context, species: 'human', disease, dose: { mgPerKg: 0.05, basis: 'drug' } } })
  const p = validatePatient({ format: 'nanoforge.patient', version: 1, sex: 'female', ageY: 31, bodyWeightKg: 69, heightCm: 162, egfrMlPerMin: 91, disease, activity })
  if (!d.valid || !p.valid) throw new Error('invalid fixture')
  return simulatePatient(d.design, p.patient).response.exposureTarget!
}

describe('the trough target in the Patient tab', () => {
  it('lupus nephritis: trough, mean, time in 5-10 ng/mL and above 20 ng/mL with particles and free drug, and the dose for 5 ng/mL', () => {
    const e = run('lupus-nephritis', { scale: 'proteinuria', value: 3.9 })
    render(<ExposureTargetView target={e} />)
    const rows = within(screen.getByRole('table', { name: 'Trough and time in range versus free drug' })).getAllByRole('row').map((r) => r.textContent ?? '')
    expect(rows).toContain(`Trough (steady state)${ngText(e.particle.troughNgPerMl)}${ngText(e.freeDrug.troughNgPerMl)}${ratioText(e.versusFreeDrug.troughRatio)}`)
    expect(rows).toContain(`Mean concentration (AUC ÷ interval)${ngText(e.particle.meanNgPerMl)}${ngText(e.freeDrug.meanNgPerMl)}${ratioText(e.versusFreeDrug.meanConcentrationRatio)}`)
    expect(rows).toContain(`Time in the target range 5-10 ng/mL (benefit)${shareText(e.particle.fractionInRange)}${shareText(e.freeDrug.fractionInRange)}`)
    expect(rows).toContain(`Time above 20 ng/mL (side-effects, nephrotoxicity)${shareText(e.particle.fractionAboveToxicity)}${shareText(e.freeDrug.fractionAboveToxicity)}`)
    expect(screen.getByRole('group', { name: 'Dose for the trough target' }).textContent).toMatch(/mg\/kg \(of drug; .* mg of drug\) every 72 h/)
    const sources = screen.getByRole('list', { name: 'Sources of the trough target' }).textContent ?? ''
    expect(sources).toMatch(/Chen W.*2011/)
    expect(sources).toMatch(/Böttiger Y.*1999/)
    expect(document.body.textContent).toMatch(/no efficacy number/)
  })

  it('rheumatoid arthritis (no cited range): concentrations only, no time-in-range rows, no dose search', () => {
    const e = run('rheumatoid-arthritis', { scale: 'DAS28', value: 5.4 })
    render(<ExposureTargetView target={e} />)
    expect(screen.getByText(/No trough range is cited for this disease/)).toBeTruthy()
    const rows = within(screen.getByRole('table', { name: 'Trough and time in range versus free drug' })).getAllByRole('row').map((r) => r.textContent ?? '')
    expect(rows.some((r) => r.startsWith('Time in the target range'))).toBe(false)
    expect(screen.queryByRole('group', { name: 'Dose for the trough target' })).toBeNull()
  })
})
