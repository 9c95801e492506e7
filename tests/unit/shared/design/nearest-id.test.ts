import { describe, expect, it } from 'vitest'
import { levenshtein, nearest, unknownValueMessage } from '../../../../shared/design/nearest-id'
import { CORE_MATERIAL_IDS, DRUG_IDS } from '../../../../shared/catalog/ids'

describe('levenshtein', () => {
  it('gives the textbook distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3)
    expect(levenshtein('', 'abc')).toBe(3)
    expect(levenshtein('flaw', 'lawn')).toBe(2)
    expect(levenshtein('same', 'same')).toBe(0)
  })
})

describe('nearest', () => {
  it('ignores case and separators', () => {
    expect(nearest('plga5050', CORE_MATERIAL_IDS)).toBe('plga-50-50')
    expect(nearest('PLGA_75/25', CORE_MATERIAL_IDS)).toBe('plga-75-25')
  })
  it('finds single-letter typos', () => {
    expect(nearest('dexamethazone', DRUG_IDS)).toBe('dexamethasone')
    expect(nearest('diamterNm', ['material', 'diameterNm'])).toBe('diameterNm')
  })
  it('completes an unambiguous abbreviation, but not an ambiguous one', () => {
    expect(nearest('dex', DRUG_IDS)).toBe('dexamethasone')
    expect(nearest('plga', CORE_MATERIAL_IDS)).not.toBe('plga-75-25')
  })
  it('returns undefined when nothing is plausibly a typo', () => {
    expect(nearest('aspirin', DRUG_IDS)).toBeUndefined()
  })
  it('builds the message with a suggestion, or the list of known values', () => {
    expect(unknownValueMessage('core material', 'plga5050', CORE_MATERIAL_IDS))
      .toBe('unknown core material "plga5050"; did you mean "plga-50-50"?')
    expect(unknownValueMessage('trigger', 'zzzzzz', ['none', 'ph'])).toBe('unknown trigger "zzzzzz"; known values are none, ph')
  })
})
