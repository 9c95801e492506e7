// @vitest-environment jsdom
/**
 * The Selectivity card's "versus free drug" for rodent designs (issue #15): a rat design shows
 * its exposure ratios (the engine comparison's, computed from the live estimate, no worker) and
 * the rat PK with its literature sources, f_u "not found" where no rat value was read; a mouse
 * dexamethasone design is compared with PK scaled from the rat and says so (h59); a mouse
 * cyclosporine design, whose scaling failed its check, gets the reason; a mouse tacrolimus design
 * is compared with the measured mouse PK.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { cleanup, render, screen } from '@testing-library/react'
import { newDesign } from '../../../../shared/design/defaults'
import type { Design } from '../../../../shared/design/types'
import { simulateDesign } from '../../../../shared/engine/simulate'
import { compareWithFreeDrugInRodent } from '../../../../shared/engine/free-drug/compare'
import { estimateKey, useEstimateStore } from '../../../../renderer/stores/estimate-store'
import { VersusFreeDrugCard } from '../../../../renderer/features/selectivity/versus-free-drug'
import { useFreeDrugStore } from '../../../../renderer/features/selectivity/free-drug-model'
import { ratioText } from '../../../../renderer/features/patient/patient-format'

afterEach(cleanup)

function show(design: Design): ReturnType<typeof simulateDesign> {
  const sim = simulateDesign(design, { hours: 72 })
  useEstimateStore.setState({ ...useEstimateStore.getInitialState(), status: 'ready', simulation: sim, simulatedDesign: design, simulationKey: estimateKey(design, 72), hours: 72 })
  render(<VersusFreeDrugCard />)
  return sim
}

describe('versus free drug for rodent designs', () => {
  it('a rat dexamethasone design: ratios, rat PK and its sources', () => {
    const rat: Design = { ...newDesign(), context: { ...newDesign().context, species: 'rat' } }
    const sim = show(rat)
    const answer = compareWithFreeDrugInRodent(rat, sim)
    if (!answer.ok) throw new Error(answer.message)
    expect(screen.getByLabelText('Target exposure ratio').textContent).toBe(ratioText(answer.result.targetExposureRatio))
    expect(screen.getByLabelText('Systemic exposure ratio').textContent).toBe(ratioText(answer.result.systemicExposureRatio))
    // the released share can only lower systemic exposure below free drug's
    expect(answer.result.systemicExposureRatio).toBeLessThanOrEqual(1)
    const region = screen.getByRole('region', { name: 'Versus free drug' }).textContent ?? ''
    expect(region).toMatch(/reference rat/)
    expect(region).toMatch(/17\.5 % unbound/)
    const sources = screen.getByRole('table', { name: 'Free dexamethasone pharmacokinetics in the rat with sources' }).textContent ?? ''
    expect(sources).toMatch(/Samtani MN, Jusko WJ 2005, Biopharm Drug Dispos 26:85-91, doi:10\.1002\/bdd\.435/)
    expect(sources).toMatch(/Not found in the rat literature read/) // urinary share
    expect(sources).not.toMatch(/resources\/|\.ts\b|docs\//)
    expect(useFreeDrugStore.getState().status).toBe('idle') // no worker: computed from the live estimate
  })

  it('a mouse dexamethasone design: compared with the PK scaled from the rat, and labelled scaled beside the numbers (h59)', () => {
    const base = newDesign()
    const mouse: Design = { ...base, context: { ...base.context, species: 'mouse' } }
    const sim = show(mouse)
    const answer = compareWithFreeDrugInRodent(mouse, sim)
    if (!answer.ok) throw new Error(answer.message)
    const text = screen.getByRole('region', { name: 'Versus free drug' }).textContent ?? ''
    expect(text).not.toMatch(/No free-drug PK/)
    expect(screen.getByLabelText('Target exposure ratio').textContent).toBe(ratioText(answer.result.targetExposureRatio))
    expect(screen.getByLabelText('Systemic exposure ratio').textContent).toBe(ratioText(answer.result.systemicExposureRatio))
    expect(text).toMatch(/Free dexamethasone in the mouse \(scaled from the rat\): clearance/)
    const note = screen.getByLabelText('Allometric scaling').textContent ?? ''
    expect(note).toMatch(/^Scaled from the rat by allometry, not measured in the mouse: clearance per kg × \(0\.02 kg ÷ 0\.25 kg\)\^\(0\.75 − 1\), volume per kg kept; no published mouse value was found to check it against\.$/)
    const sources = screen.getByRole('table', { name: 'Free dexamethasone pharmacokinetics in the mouse with sources' }).textContent ?? ''
    expect(sources).toMatch(/Clearance \(mouse, scaled from the rat\)0\.432 L\/h\/kg\[D\]/)
    expect(sources).toMatch(/Hu TM, Hayton WL 2001/)
    expect(sources).toMatch(/Not found for the rat it is scaled from either/) // urinary share
  })

  it('a mouse methotrexate design says its scaled clearance is checked against a published mouse value', () => {
    const base = newDesign()
    const mouse: Design = { ...base, payload: { ...base.payload, drug: 'methotrexate' }, context: { ...base.context, species: 'mouse' } }
    show(mouse)
    expect(screen.getByLabelText('Allometric scaling').textContent).toMatch(/checked within 2-fold against a published mouse value/)
    const sources = screen.getByRole('table', { name: 'Free methotrexate pharmacokinetics in the mouse with sources' }).textContent ?? ''
    expect(sources).toMatch(/Published mouse clearance \(CL is checked within 2-fold\)1\.53 L\/h\/kg/)
  })

  it('a mouse cyclosporine design: no mouse PK, with the failed scaling as the reason', () => {
    const base = newDesign()
    const mouse: Design = { ...base, payload: { ...base.payload, drug: 'cyclosporine' }, context: { ...base.context, species: 'mouse' } }
    show(mouse)
    const text = screen.getByRole('region', { name: 'Versus free drug' }).textContent ?? ''
    expect(text).toMatch(/No free-drug PK for cyclosporine a in the mouse/)
    expect(text).toMatch(/published mouse half-life of 4\.1 h/)
    expect(screen.queryByLabelText('Systemic exposure ratio')).toBeNull()
  })

  it('a mouse tacrolimus design (measured PK) carries no scaled label', () => {
    const base = newDesign()
    const mouse: Design = { ...base, payload: { ...base.payload, drug: 'tacrolimus' }, context: { ...base.context, species: 'mouse' } }
    show(mouse)
    expect(screen.queryByLabelText('Allometric scaling')).toBeNull()
    expect(screen.getByRole('region', { name: 'Versus free drug' }).textContent ?? '').not.toMatch(/scaled from/)
  })

  it('a mouse tacrolimus design: ratios with the mouse PK and its source', () => {
    const base = newDesign()
    const mouse: Design = { ...base, payload: { ...base.payload, drug: 'tacrolimus' }, context: { ...base.context, species: 'mouse' } }
    const sim = show(mouse)
    const answer = compareWithFreeDrugInRodent(mouse, sim)
    if (!answer.ok) throw new Error(answer.message)
    expect(screen.getByLabelText('Target exposure ratio').textContent).toBe(ratioText(answer.result.targetExposureRatio))
    const sources = screen.getByRole('table', { name: 'Free tacrolimus pharmacokinetics in the mouse with sources' }).textContent ?? ''
    expect(sources).toMatch(/Yokogawa K et al\. 1999.*doi:10\.1023\/a:1018993312773/)
  })
})
