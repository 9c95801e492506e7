import { describe, expect, it } from 'vitest'
import { profileFreshnessWarnings } from '../../../../../shared/engine/calibrate/freshness'

/**
 * A profile says when the lab's data moved on since it was learned: calibration measurements
 * attached to its designs afterwards, and measurements it learned from that are gone. Older
 * measurements it did not use, other kinds (DLS, zeta, quality) and other designs are not news.
 */
const LEARNED = '2026-12-01T12:00:00.000Z'
const profile = {
  createdAt: LEARNED,
  provenance: {
    designs: [{ designId: 'design-a', versions: [1] }, { designId: 'design-b', versions: [2] }],
    measurements: [
      { id: 'used-1-aaaaaaaa', designId: 'design-a', version: 1, kind: 'biodistribution' as const },
      { id: 'used-2-bbbbbbbb', designId: 'design-b', version: 2, kind: 'release' as const },
    ],
    observations: 18,
    errorModel: {},
    domain: { hydrodynamicDiameterNm: [100, 105] as const, coreMaterials: [], surfaces: [], species: [], diseases: [] },
  },
} as unknown as Parameters<typeof profileFreshnessWarnings>[0]

const used = [
  { id: 'used-1-aaaaaaaa', designId: 'design-a', kind: 'biodistribution' as const, createdAt: '2026-11-30T10:00:00.000Z' },
  { id: 'used-2-bbbbbbbb', designId: 'design-b', kind: 'release' as const, createdAt: '2026-11-30T11:00:00.000Z' },
]

describe('profileFreshnessWarnings', () => {
  it('says nothing while the library holds exactly what the profile learned from (plus older data, other kinds, other designs)', () => {
    expect(profileFreshnessWarnings(profile, [
      ...used,
      { id: 'older-unused', designId: 'design-a', kind: 'biodistribution', createdAt: '2026-11-01T00:00:00.000Z' },
      { id: 'newer-dls', designId: 'design-a', kind: 'dls', createdAt: '2026-12-02T00:00:00.000Z' },
      { id: 'newer-other-design', designId: 'design-z', kind: 'biodistribution', createdAt: '2026-12-02T00:00:00.000Z' },
    ])).toEqual([])
  })

  it('names in-vivo and release measurements attached to its designs after it was learned', () => {
    const w = profileFreshnessWarnings(profile, [
      ...used,
      { id: '11111111-newer-study', designId: 'design-b', kind: 'biodistribution', createdAt: '2026-12-01T12:00:00.001Z' },
      { id: '22222222-newer-release', designId: 'design-a', kind: 'release', createdAt: '2026-12-05T00:00:00.000Z' },
      // stamped at the profile's own instant: the sampler ran before the save and cannot have seen it
      { id: '33333333-same-instant', designId: 'design-a', kind: 'release', createdAt: LEARNED },
    ])
    expect(w).toHaveLength(1)
    expect(w[0]).toMatch(/^3 in-vivo or release measurements were attached to the profile's designs after it was learned \(11111111, 22222222, 33333333\): calibrate again to include them$/)
  })

  it('names the measurements it learned from that are no longer in the library', () => {
    const w = profileFreshnessWarnings(profile, [used[1]!])
    expect(w).toEqual(["1 measurement the profile was learned from is no longer in the library (used-1-a): the profile still reflects it; calibrate again without it"])
  })

  it('gives both when both happened, and caps the ids it names at three', () => {
    const newer = Array.from({ length: 5 }, (_, i) => ({ id: `new${i}-0000000`, designId: 'design-a', kind: 'biodistribution' as const, createdAt: '2026-12-03T00:00:00.000Z' }))
    const w = profileFreshnessWarnings(profile, newer)
    expect(w).toHaveLength(2)
    expect(w[0]).toContain('5 in-vivo or release measurements were attached')
    expect(w[0]).toContain('(new0-000, new1-000, new2-000, …)')
    expect(w[1]).toContain('2 measurements the profile was learned from are no longer in the library')
  })
})
