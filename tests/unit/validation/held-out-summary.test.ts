/**
 * The README's at-a-glance table of held-out scores (issue #10) is measured, not typed: each
 * row equals the score its own test measures, and the total is their sum.
 */
import { describe, expect, it } from 'vitest'
import published from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import prospective from '../../../resources/validation/pbpk-prospective.json' with { type: 'json' }
import disease from '../../../resources/validation/disease-target.json' with { type: 'json' }
import liposomeDrug from '../../../resources/validation/liposome-drug.json' with { type: 'json' }
import stealthSpleen from '../../../resources/validation/stealth-spleen.json' with { type: 'json' }
import stealthBlood from '../../../resources/validation/stealth-blood.json' with { type: 'json' }
import { scoreOf, scoreRows, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { wilsonInterval } from '../../../shared/engine/validation/score-interval'
import { validationTable } from '../../../shared/engine/validation/validation-table'
import { scoreIntervalText } from '../../../shared/engine/validation/validation-row-view'
import { readDoc } from '../support/docs'

const readme = readDoc('README.md')
const science = readDoc('docs/science.md')
const held = (f: unknown) => scoreOf(scoreRows((f as PublishedRowsFile).rows), 'validation')
const row = (label: string): [number, number] => {
  const m = new RegExp(`\\| ${label.replace(/[()]/g, '\\$&')} \\| (\\d+) of (\\d+)`).exec(readme)
  expect(m, label).not.toBeNull()
  return [Number(m![1]), Number(m![2])]
}

describe('README: held-out scores at a glance', () => {
  it('each in-vivo row is the measured score and the total is the sum of the rows', () => {
    const pairs: Array<[string, unknown]> = [
      ['in-vivo PK and biodistribution, first held-out set', published],
      ['in-vivo, prospective blind set', prospective],
      ['diseased animals (target : healthy tissue)', disease],
      ['drug still inside circulating liposomes', liposomeDrug],
      ['spleen and liver of sub-200 nm stealth particles (blind)', stealthSpleen],
      ['blood of the same stealth and coated particles (mouse)', stealthBlood],
    ]
    let hits = 0
    let n = 0
    for (const [label, file] of pairs) {
      const s = held(file)
      expect(row(label), label).toEqual([s.within2Fold, s.scored])
      hits += s.within2Fold
      n += s.scored
    }
    // the release row is measured by validation-published.test.ts against docs/science.md's release statement
    const release = row('in-vitro release from matrix nanoparticles')
    const m = /Held-out score: \*\*(\d+) of (\d+) within 2-fold\*\*/.exec(science)
    expect(m, 'release held-out statement').not.toBeNull()
    expect(release).toEqual([Number(m![1]), Number(m![2])])
    const total = /\| \*\*all held-out rows\*\* \| \*\*(\d+) of (\d+) \((\d+) %\)\*\*/.exec(readme)
    expect(total).not.toBeNull()
    expect([Number(total![1]), Number(total![2])]).toEqual([hits + release[0], n + release[1]])
    expect(Number(total![3])).toBe(Math.round((100 * (hits + release[0])) / (n + release[1])))

    // how sure the total is: papers resampled (each release row is its own paper, see the
    // release table in docs/science.md), and the Wilson interval of rows taken as independent
    const heldOutRows = validationTable('validation')
    expect(heldOutRows.length).toBe(n)
    const releaseRows = Array.from({ length: release[1] }, (_, i) => ({ within: i < release[0] ? 1 : 0, rows: 1 }))
    const flat = readme.replace(/\s+/g, ' ')
    const interval = scoreIntervalText(heldOutRows, releaseRows)
    expect(flat.includes(`held-out score of **${interval}**`), `README states: ${interval}`).toBe(true)
    const [wl, wh] = wilsonInterval(hits + release[0], n + release[1])
    expect(flat.includes(`(Wilson score interval) gives ${Math.round(100 * wl)}–${Math.round(100 * wh)} %`)).toBe(true)
    const papers = /The \d+ rows come from (\d+) papers/.exec(flat)
    expect(Number(papers?.[1]), 'README: papers behind the held-out rows').toBe(Number(/over (\d+) papers/.exec(interval)![1]))
  })
})
