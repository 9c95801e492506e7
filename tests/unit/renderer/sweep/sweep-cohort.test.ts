/**
 * A virtual-cohort sweep opened in the app (issue 17): the patient's covariates are their own
 * axes (named as the patient form names them, the activity by the cohort's scale), the
 * response metrics by their labels; the CSV gives the same values; a sample opens as the
 * design it was (the patient is recorded in the notes, not applied to the design).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../../electron/cli/main'
import { newDesign } from '../../../../shared/design/defaults'
import { attachSpec, readSweepFile } from '../../../../renderer/features/sweep/sweep-data'
import { sampleDesign } from '../../../../renderer/features/sweep/sweep-design'
import { initialView } from '../../../../renderer/features/sweep/sweep-store'
import { sweepSampler } from '../../../../shared/sweep/shard'
import { makeTempDir, REPO_ROOT } from '../../electron/helpers'
import { fileBytes } from './sweep-fixture'
import { valueText } from '../../../../renderer/features/sweep/sweep-format'
import type { SweepAxis } from '../../../../renderer/features/sweep/sweep-data'

let tmp: { dir: string; cleanup: () => void }

async function cli(...args: string[]): Promise<void> {
  let err = ''
  const code = await main(args, { stdout: () => {}, stderr: (t) => (err += t) })
  if (code !== 0) throw new Error(`nanoforge ${args.join(' ')} exited ${code}: ${err}`)
}

beforeAll(async () => {
  tmp = makeTempDir('nanoforge-sweep-cohort-view-')
  copyFileSync(join(REPO_ROOT, 'resources', 'cohorts', 'ra.nanoforge-cohort.json'), join(tmp.dir, 'ra.json'))
  const d = newDesign()
  for (const [name, vary] of [['plain', []], ['knob', [{ path: 'core.material', options: ['plga-50-50', 'pla'] }]]] as const) {
    writeFileSync(join(tmp.dir, `${name}.json`), JSON.stringify({
      format: 'nanoforge.sweep', version: 1, base: { ...d, name: 'Cohort base', context: { ...d.context, species: 'human' } },
      method: 'virtual-cohort', cohort: 'ra.json', samples: 6, seed: 2, vary, metrics: ['selectivityIndex', 'targetExposureRatio', 'harmRatio'], hours: 24,
    }))
    await cli('sweep', join(tmp.dir, `${name}.json`), '--out', join(tmp.dir, name))
    await cli('merge', join(tmp.dir, name), '--out', join(tmp.dir, `${name}.parquet`))
    await cli('merge', join(tmp.dir, name), '--out', join(tmp.dir, `${name}.csv`))
  }
  await cli('sweep', join(tmp.dir, 'plain.json'), '--slurm', join(tmp.dir, 'slurm'))
}, 120_000)
afterAll(() => tmp?.cleanup())

describe('a virtual-cohort sweep in the viewer', () => {
  it('shows the knob, then the patient\'s covariates, then the metrics, named as people read them', async () => {
    const data = await readSweepFile('knob.parquet', fileBytes(join(tmp.dir, 'knob.parquet')))
    expect(data.axes.map((a) => [a.role, a.label, a.unit])).toEqual([
      ['knob', 'Core material', ''],
      ['patient', 'Sex', ''],
      ['patient', 'Age', 'years'],
      ['patient', 'Height', 'cm'],
      ['patient', 'Body weight', 'kg'],
      ['patient', 'eGFR (CKD-EPI)', 'mL/min per 1.73 m²'],
      ['patient', 'Disease activity (DAS28)', ''],
      ['metric', 'Selectivity index', ''],
      ['metric', 'Target exposure ÷ free drug', ''],
      ['metric', 'Cortisol suppression ÷ free drug', ''],
    ])
    const sex = data.axes[1]!
    expect(sex.categorical).toBe(true)
    expect(sex.categoryLabels).toEqual(['Female', 'Male'])
    // the values are the sampler's patients
    const { sample } = sweepSampler(data.sweep!)
    for (let r = 0; r < data.rows; r++) {
      const p = sample(r).patient!
      expect(sex.categories[sex.values[r]!]).toBe(p.sex)
      expect(data.axes[2]!.values[r]).toBe(p.ageY)
      expect(data.axes[6]!.values[r]).toBe(p.activity.value)
    }
    // a response metric has no stated better direction
    expect(data.axes[8]!.direction).toBeUndefined()
  })

  it('without knobs, the scatter starts on the patient\'s age; a sample opens as the base design with the patient in its notes', async () => {
    const data = await readSweepFile('plain.parquet', fileBytes(join(tmp.dir, 'plain.parquet')))
    expect(data.axes.filter((a) => a.role === 'knob')).toEqual([])
    const view = initialView(data)
    expect(view.xKey).toBe('patient.ageY')
    // the parallel axes: every covariate and two metrics
    expect(view.parallelKeys).toEqual(['patient.sex', 'patient.ageY', 'patient.heightCm', 'patient.bodyWeightKg', 'patient.egfrMlPerMin', 'patient.activity', 'selectivityIndex', 'targetExposureRatio'])
    const knobbed = initialView(await readSweepFile('knob.parquet', fileBytes(join(tmp.dir, 'knob.parquet'))))
    expect(knobbed.parallelKeys).toEqual(['core.material', 'patient.sex', 'patient.ageY', 'patient.heightCm', 'patient.bodyWeightKg', 'patient.egfrMlPerMin', 'patient.activity', 'selectivityIndex', 'targetExposureRatio'])
    expect(knobbed.xKey).toBe('core.material')
    const opened = sampleDesign(data, 3)
    if (!opened.ok) throw new Error(opened.reason)
    expect(opened.design.core).toEqual(data.sweep!.spec.base.core)
    expect(opened.design.context.species).toBe('human')
    expect(opened.design.notes).toMatch(/virtual cohort, seed 2/)
    expect(opened.design.notes).toMatch(/Virtual patient of the cohort: Sex (Female|Male); Age \d/)
  })

  it('the CSV gives the same axes and values; with the --slurm folder\'s spec.json it opens samples too', async () => {
    const parquet = await readSweepFile('plain.parquet', fileBytes(join(tmp.dir, 'plain.parquet')))
    const csv = await readSweepFile('plain.csv', fileBytes(join(tmp.dir, 'plain.csv')))
    expect(csv.axes.map((a) => a.key)).toEqual(parquet.axes.map((a) => a.key))
    // without the spec the activity's scale is not known
    expect(csv.axes.find((a) => a.key === 'patient.activity')!.label).toBe('Disease activity')
    csv.axes.forEach((a, i) => expect([...a.values]).toEqual([...parquet.axes[i]!.values]))
    const withSpec = await attachSpec(csv, 'spec.json', readFileSync(join(tmp.dir, 'slurm', 'spec.json'), 'utf8'))
    expect(withSpec.axes.map((a) => a.label)).toEqual(parquet.axes.map((a) => a.label))
    expect(sampleDesign(withSpec, 0).ok).toBe(true)
    // the spec as written names its cohort file, which the viewer cannot read: it says which spec to give
    await expect(attachSpec(csv, 'plain.json', readFileSync(join(tmp.dir, 'plain.json'), 'utf8'))).rejects.toThrow(/names a file .*spec\.json in a --slurm folder/)
  })

  it('a ratio to free drug that varies in the third decimal is printed with the digits that tell its ticks apart', () => {
    const axis = (domain: readonly [number, number]): SweepAxis => ({
      key: 'targetExposureRatio', role: 'metric', label: 'Target exposure ÷ free drug', unit: '', categorical: false, categories: [], categoryLabels: [],
      integer: false, scale: 'linear', domain, values: new Float64Array(0),
    })
    const narrow = axis([1.0058, 1.0084])
    expect([1.0058, 1.006, 1.007, 1.008, 1.0084].map((v) => valueText(narrow, v))).toEqual(['1.0058', '1.006', '1.007', '1.008', '1.0084'])
    // an ordinary axis keeps three significant digits
    const wide = axis([0.5, 2])
    expect([0.5, 1.0058, 1.5].map((v) => valueText(wide, v))).toEqual(['0.5', '1.01', '1.5'])
  })
})
