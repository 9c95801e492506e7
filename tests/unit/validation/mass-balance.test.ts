/**
 * Where the dose ends, against a study that states where almost all of it went (issue #10). Published mouse
 * livers at 24 h read 1.2-10× below the engine in several papers (docs/science.md, "Late liver"), which
 * invites a second phagocytic destination outside liver and spleen (bone-marrow macrophages) to
 * take part of the dose. Fitted on the calibration rows such a route takes 30-55 %ID. Hirn 2011
 * found the liver of a rat holding "> 99 %" of the dose of 200 nm gold at 24 h, so a destination
 * of that size is ruled out (the engine's rat phagocytes are the mouse's scaled by weight), and the
 * low published mouse livers are read as dose those papers did not recover, not as dose the model
 * sends to the wrong place.
 * This test keeps the engine on the mass balance: liver ≥ 90 %ID and every other tissue
 * together ≤ 5 %ID (the engine's spleen alone holds ~2 %ID; the paper's > 99 % leaves < 1 %).
 */
import { describe, expect, it } from 'vitest'
import rowsFile from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import { designOfRow, type PublishedRow, type PublishedRowsFile } from '../../../shared/engine/validation/published-rows'
import { simulateDesign } from '../../../shared/engine/simulate'
import { BIODISTRIBUTION_KEYS } from '../../../shared/engine/pbpk'

const HIRN_200NM = 'hirn2011-rat-au200nm-liver-pergram-24h'

describe('mass balance: the liver of a rat holds almost all 200 nm gold at 24 h (Hirn 2011)', () => {
  it('liver ≥ 90 %ID and every other tissue together ≤ 5 %ID', () => {
    const row = (rowsFile as unknown as PublishedRowsFile).rows.find((r: PublishedRow) => r.id === HIRN_200NM)
    expect(row, HIRN_200NM).toBeDefined()
    // Hirn S, Semmler-Behnke M, Schleh C, et al. 2011, Eur J Pharm Biopharm 77:407-416,
    // doi:10.1016/j.ejpb.2010.12.029, abstract: liver accumulation "increased from 50% of 1.4nm
    // GNP to > 99% of 200nm GNP" at 24 h after IV injection (rats, 198Au by gamma spectrometry) [V].
    expect(row!.source).toMatch(/Hirn S.*2011.*10\.1016\/j\.ejpb\.2010\.12\.029/)
    const design = designOfRow(row!)
    expect(design.context.species).toBe('rat')
    const b = simulateDesign(design, { hours: 48 }).biodistribution
    const i = b.timesH.findIndex((t) => t >= 24)
    expect(b.timesH[i]).toBeCloseTo(24, 6)
    const liver = b.percentDose.liver[i]!
    // every tissue but the liver; blood, excreta and degraded particles are not tissue
    const tissues = BIODISTRIBUTION_KEYS.filter((k) => !['liver', 'blood', 'excreted', 'degraded'].includes(k))
    const elsewhere = tissues.reduce((sum, k) => sum + b.percentDose[k][i]!, 0)
    expect(liver).toBeGreaterThanOrEqual(90)
    expect(elsewhere).toBeLessThanOrEqual(5)
  })
})
