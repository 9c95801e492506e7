/**
 * The Calibrate dialog's and the picker's words and numbers: the log axis of the
 * prior-vs-posterior chart (positions checked against ln-ratios computed by hand), parameter
 * names in place of ids, shares, and the far-from-training warnings, which must flag exactly
 * what the engine's own check (shared/engine/calibrate/domain.ts) flags, in display names.
 */
import { describe, expect, it } from 'vitest'
import { formatInterval, formatShare, humanizeReport, logAxis, parameterName, profileDomainWarnings, profileOptionText, withParameterNames } from '../../../../renderer/features/calibrate/calibrate-format'
import { parseWhole } from '../../../../renderer/features/calibrate/calibrate-dialog'
import { designDomain, domainWarnings, type DesignDomain } from '../../../../shared/engine/calibrate/domain'
import { CALIBRATION_PARAMETER_IDS } from '../../../../shared/engine/calibrate/parameters'
import { loadExample } from '../../electron/helpers'

describe('log axis of multipliers', () => {
  it('spans 1-2-5 bounds around the values and 1, with ticks on them, positions by ln', () => {
    // a prior 95 % interval (CV 50 %) and a posterior inside it
    const axis = logAxis([0.396, 2.52, 1.49, 2.33])
    expect(axis.min).toBe(0.2)
    expect(axis.max).toBe(5)
    expect(axis.ticks).toEqual([0.2, 0.5, 1, 2, 5])
    // ln(1/0.2) / ln(5/0.2) = ln 5 / ln 25 = 1/2
    expect(axis.position(1)).toBeCloseTo(0.5, 12)
    expect(axis.position(2)).toBeCloseTo(Math.log(10) / Math.log(25), 12)
    expect(axis.position(0.2)).toBe(0)
    expect(axis.position(5)).toBe(1)
    expect(axis.position(100)).toBe(1) // clamped
  })

  it('always holds 1 (the engine as is), even when every value is above it', () => {
    const axis = logAxis([3, 4])
    expect(axis.min).toBe(1)
    expect(axis.max).toBe(5)
    expect(axis.ticks).toEqual([1, 2, 5])
    const tight = logAxis([0.011, 0.03])
    expect(tight.min).toBe(0.01)
    expect(tight.max).toBe(1)
    expect(tight.ticks).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1])
  })
})

describe('words', () => {
  it('names every parameter and replaces ids in the sampler reasons', () => {
    for (const id of CALIBRATION_PARAMETER_IDS) expect(parameterName(id)).not.toBe(id)
    expect(withParameterNames('bulk ESS of liverKMax is 120 (< 400); R-hat of mpsKRel is 1.020'))
      .toBe('bulk ESS of Liver phagocytic uptake (K_max) is 120 (< 400); R-hat of Release from liver and spleen phagocytes (K_rel) is 1.020')
    // a word that merely contains an id is left alone
    expect(withParameterNames('degradationPerH')).toBe('degradationPerH')
  })

  it('writes shares, intervals and profile lines', () => {
    expect(formatShare(0.8889)).toBe('89 %')
    expect(formatShare(null)).toBe('—')
    expect(formatInterval({ median: 1.9, ci95: [1.49, 2.33] })).toBe('1.9 (1.49–2.33)')
    expect(profileOptionText({ id: 'p', name: 'lab A', version: 2, createdAt: '', engineVersion: '', seed: 1, parameters: [], designs: 3, measurements: 4, within2Fold: { before: 0.72, after: 0.91, leaveOneOut: 0.88 } }))
      .toBe('lab A, version 2 (3 designs): within 2-fold 72 % → 91 %, held out 88 %')
    expect(profileOptionText({ id: 'p', name: 'old', version: 1, createdAt: '', engineVersion: '', seed: 1, parameters: [], designs: 0, measurements: 0, within2Fold: null, problem: 'x' }))
      .toBe('old, version 1: cannot be read by this version of NanoForge')
  })

  it('writes the engine reports with metric and parameter names and the library names for ids', () => {
    const names = new Map([['81250560-efd6-46d1-9dc7-2e29b4fc4e90', 'mouse study (Lab A, version 1)']])
    expect(humanizeReport('beats the best measured design (81250560-efd6-46d1-9dc7-2e29b4fc4e90); the largest uncertainty is bloodHalfLifeH, then t50InflamedH and liverKMax', names))
      .toBe('beats the best measured design (mouse study (Lab A, version 1)); the largest uncertainty is Blood half-life, then t50 in inflamed tissue and Liver phagocytic uptake (K_max)')
  })

  it('parses whole numbers in range and says what is wrong otherwise', () => {
    expect(parseWhole(' 8000 ', 'Posterior samples', 16, 100000)).toEqual({ value: 8000 })
    for (const bad of ['', '8.5', '-3', '1e4', '15', '100001']) {
      expect(parseWhole(bad, 'Posterior samples', 16, 100000)).toEqual({ error: 'Posterior samples is a whole number from 16 to 100000' })
    }
  })
})

describe('far-from-training warnings', () => {
  const lupus = loadExample('lupus-rbc-silica.nanoforge.json')
  const ra = loadExample('ra-folate-peg-liposome.nanoforge.json')
  const t1d = loadExample('t1d-tolerogenic-plga.nanoforge.json')
  const domains: DesignDomain[] = [
    designDomain([{ design: lupus, species: lupus.context.species }]),
    designDomain([{ design: lupus, species: lupus.context.species }, { design: ra, species: ra.context.species }]),
    designDomain([{ design: t1d, species: 'rat' }]),
  ]

  it('flags exactly the checks the engine flags, for every design against every domain', () => {
    for (const domain of domains) {
      for (const design of [lupus, ra, t1d]) {
        const words = profileDomainWarnings(design, domain)
        const engine = domainWarnings(design, domain)
        expect(words.length).toBe(engine.length)
        const topics = (list: string[]): string[] => list.map((w) => /^(hydrodynamic diameter|core material|outer surface|species|disease)/i.exec(w)![1]!.toLowerCase())
        expect(topics(words)).toEqual(topics(engine))
      }
    }
    expect(profileDomainWarnings(lupus, domains[0]!)).toEqual([])
  })

  it('writes display names, never the ids', () => {
    const words = profileDomainWarnings(t1d, domains[0]!).join(' ')
    expect(words).not.toMatch(/plga-|mesoporous-silica|membrane:|rbc|lupus-nephritis|type-1-diabetes|\bmouse\b|\brat\b/)
    expect(words).toMatch(/Core material PLGA 75:25 is not among the profile's designs \(Mesoporous silica\)/)
    expect(words).toMatch(/Outer surface bare core is not among the profile's designs \(Red blood cell membrane\)/)
    expect(words).toMatch(/Hydrodynamic diameter 400 nm is outside the profile's designs \(100 nm, ×\/÷ 1\.25 allowed\)/)
  })
})
