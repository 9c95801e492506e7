/**
 * Published experiments like a design (shared/engine/validation/published-like.ts): which rows
 * are "like", in what order, how many per paper, and what the two engine columns are. A design
 * that is a published row's own design must find that row first, with no difference listed and
 * with "this design" equal to the engine's estimate of the experiment (the same run twice).
 */
import { describe, expect, it } from 'vitest'
import type { Design } from '../../../shared/design/types'
import { optionLabel } from '../../../shared/design/fields'
import { inVivoRows, IN_VIVO_ROW_FILES } from '../../../shared/engine/validation/in-vivo-rows'
import { paperLabel, publishedExperimentsLike, PUBLISHED_LIKE_RULE } from '../../../shared/engine/validation/published-like'
import { designOfRow, predictRow, type PublishedRow } from '../../../shared/engine/validation/published-rows'

const rows = [...inVivoRows('calibration'), ...inVivoRows('validation')]
const row = (id: string): PublishedRow => Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows).find((r) => r.id === id)!
const lobatto = row('lobatto2015-lnplp-rat-8mgkg-thalf')
const arnida = row('arnida2011-peg5kau50nm-liver-pergram-24h')

describe('published experiments like a design', () => {
  it('finds a published row first for its own design, with no difference and this design = that experiment', () => {
    const design = designOfRow(lobatto)
    const like = publishedExperimentsLike(design, rows)
    const own = like.find((e) => e.id === lobatto.id)
    expect(own, 'the row of the design itself').toBeDefined()
    expect(like[0]!.differences).toEqual([])
    expect(own!.differences).toEqual([])
    expect(own!.published).toBe(lobatto.value)
    expect(own!.engine).toBe(predictRow(lobatto))
    expect(own!.thisDesign).toBe(own!.engine)
    expect(own!.paper).toBe('Lobatto 2015')
    expect(own!.citation).toBe(lobatto.source)
    expect(own!.readout).toBe('Half-life of drug still inside particles (terminal)')
    // the published experiment's own design comes with it, to open as a design
    expect(own!.design).toEqual(designOfRow(lobatto))
    // every listed row is the same species, core and coats
    for (const e of like) {
      const d = designOfRow(row(e.id))
      expect([d.context.species, d.core.material, d.core.bilayer?.lipid]).toEqual(['rat', 'liposome', 'dppc'])
    }
  })

  it('keeps species, core and coats and the size window, and names other ligands as a difference', () => {
    const design = designOfRow(arnida)
    const like = publishedExperimentsLike(design, rows)
    expect(like.length).toBeGreaterThan(0)
    expect(like.length).toBeLessThanOrEqual(PUBLISHED_LIKE_RULE.rows)
    const perPaper = new Map<string, number>()
    for (const e of like) perPaper.set(e.paper, (perPaper.get(e.paper) ?? 0) + 1)
    expect(Math.max(...perPaper.values())).toBeLessThanOrEqual(PUBLISHED_LIKE_RULE.rowsPerPaper)
    expect(like[0]!.id.startsWith('arnida2011')).toBe(true)
    const asRat: Design = { ...design, context: { ...design.context, species: 'rat' } }
    expect(publishedExperimentsLike(asRat, rows).some((e) => e.id.startsWith('arnida2011')), 'another species').toBe(false)
    // a ligand the paper had not: still listed, after nothing closer, with the ligands named as the difference
    const withLigand: Design = { ...design, ligands: [{ ligand: 'folate', perParticle: 100 }] }
    const liganded = publishedExperimentsLike(withLigand, rows)
    const arnidaLiganded = liganded.find((e) => e.id === arnida.id)!
    expect(arnidaLiganded.differences).toContain(`ligands: none (this design: ${optionLabel('ligands[].ligand', 'folate')} × 100)`)
    expect(liganded.every((e) => e.differences.some((d) => d.startsWith('ligands: none')))).toBe(true)
    const bare: Design = { ...design, coatings: [] }
    expect(publishedExperimentsLike(bare, rows).some((e) => e.id.startsWith('arnida2011')), 'no PEG').toBe(false)
    // twice the hydrodynamic diameter: far outside 1.5-fold
    const big: Design = { ...design, core: { ...design.core, diameterNm: 3 * design.core.diameterNm } }
    expect(publishedExperimentsLike(big, rows).some((e) => e.id.startsWith('arnida2011')), 'three times the core').toBe(false)
    // a differing dose is listed, not excluded
    const dosed: Design = { ...design, context: { ...design.context, dose: { mgPerKg: 10 * design.context.dose.mgPerKg, basis: design.context.dose.basis } } }
    const arnidaRow = publishedExperimentsLike(dosed, rows).find((e) => e.id === arnida.id)!
    expect(arnidaRow.differences.join(' ')).toMatch(/^dose 3 mg\/kg of particle \(this design 30\)$/)
    expect(arnidaRow.thisDesign).not.toBe(arnidaRow.engine)
  })

  it('says why this design cannot be read in an experiment, without the row id', () => {
    // a diseased-over-healthy read-out (Gawne 2020, arthritic mice) for the same particle in a healthy mouse
    const gawne = row('gawne2020-nsslmps-kbxn-mouse-joints-ratio-pergram')
    const design = designOfRow(gawne)
    const healthy: Design = { ...design, context: { ...design.context, disease: 'healthy' } }
    const like = publishedExperimentsLike(healthy, rows)
    const ratioRow = like.find((e) => e.id === gawne.id)
    expect(ratioRow, 'the arthritic-mouse row is still like the particle').toBeDefined()
    expect(ratioRow!.differences.join(' ')).toMatch(/^rheumatoid arthritis \(this design: healthy \(no disease\)\)$/)
    expect(ratioRow!.engine).not.toBeNull()
    expect(ratioRow!.thisDesign).toBeNull()
    expect(ratioRow!.thisDesignProblem).toMatch(/needs a diseased design/)
    expect(ratioRow!.thisDesignProblem!.includes(gawne.id)).toBe(false)
  })

  it('lists a paper\'s rows of different read-outs before a second row of one read-out', () => {
    // Arnida 2011 gives blood, liver and spleen of the same particle at 2 and 24 h (six rows at one
    // distance): its three listed rows are one of each, not two blood rows and a liver
    const listed = publishedExperimentsLike(designOfRow(arnida), rows).filter((e) => e.paper === 'Arnida 2011')
    expect(listed).toHaveLength(PUBLISHED_LIKE_RULE.rowsPerPaper)
    expect(new Set(listed.map((e) => row(e.id).tissue))).toEqual(new Set(['blood', 'liver', 'spleen']))
    // a paper with one read-out still gives up to three rows of it (Lobatto 2015: drug half-lives and AUCs of a dose series)
    expect(publishedExperimentsLike(designOfRow(lobatto), rows).filter((e) => e.paper === 'Lobatto 2015').length).toBe(PUBLISHED_LIKE_RULE.rowsPerPaper)
  })

  it('names papers by first author and year, or the product', () => {
    expect(paperLabel(row('workingdayan1996-ssldox-human-20mgm2-thalf'))).toBe('Working 1996')
    expect(paperLabel(row('li2018-pegau6p2nm-mouse-liver-pergram-24h'))).toBe('Li 2018')
    expect(paperLabel(row('onivyde-human-70mgm2-thalf'))).toBe('Onivyde')
    expect(paperLabel(row('gabizon1994-doxil-human-25mgm2-thalf'))).toBe('Gabizon 1994')
  })

  it('marks a published value another paper disputes for the same design', () => {
    const arnidaSpleen = row('arnida2011-peg5kau50nm-spleen-pergram-24h')
    const li = row('li2018-pegau61p2nm-mouse-spleen-pergram-24h')
    const e = publishedExperimentsLike(designOfRow(arnidaSpleen), rows).find((x) => x.id === arnidaSpleen.id)!
    // Li 2018's 61 nm PEG-gold spleen, 39.8 %ID/g, against Arnida's 2.96 at 24 h
    expect(e.papersDisagree?.paper).toBe('Li 2018')
    expect(e.papersDisagree!.fold).toBeCloseTo(li.value / arnidaSpleen.value, 10)
    expect(publishedExperimentsLike(designOfRow(lobatto), rows).find((x) => x.id === lobatto.id)!.papersDisagree).toBeUndefined()
  })
})
