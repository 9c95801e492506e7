import { describe, expect, it } from 'vitest'
import { canonicalDesignJson, normaliseDesign } from '../../../../shared/design/normalise'
import { newDesign } from '../../../../shared/design/defaults'
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'

/** Same content, keys written in reverse order at every level. */
function reverseKeys<T>(x: T): T {
  if (Array.isArray(x)) return x.map(reverseKeys) as T
  if (x !== null && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T
  }
  return x
}

describe('normaliseDesign', () => {
  it('orders keys as in the spec, trims the name and drops blank notes', () => {
    const d: Design = { ...reverseKeys(newDesign()), name: '  Padded  ', notes: '   ' }
    const n = normaliseDesign(d)
    expect(Object.keys(n)).toEqual(['format', 'version', 'name', 'core', 'coatings', 'ligands', 'payload', 'context'])
    expect(Object.keys(n.core)).toEqual(['material', 'diameterNm'])
    expect(Object.keys(n.coatings[0]!)).toEqual(['kind', 'molecularWeightDa', 'graftingDensityPerNm2'])
    expect(Object.keys(n.context.dose)).toEqual(['mgPerKg', 'basis'])
    expect(n.name).toBe('Padded')
    expect('notes' in n).toBe(false)
  })

  it('keeps real notes, keeps coating order, sorts ligands by id', () => {
    const d: Design = {
      ...newDesign(),
      notes: 'keep me',
      coatings: [{ kind: 'lipid', material: 'lipid-bilayer' }, { kind: 'peg', molecularWeightDa: 2000, graftingDensityPerNm2: 0.5 }],
      ligands: [{ ligand: 'rgd', perParticle: 5 }, { ligand: 'folate', perParticle: 7 }],
    }
    const n = normaliseDesign(d)
    expect(n.notes).toBe('keep me')
    expect(n.coatings.map((c) => c.kind)).toEqual(['lipid', 'peg'])
    expect(n.ligands).toEqual([{ ligand: 'folate', perParticle: 7 }, { ligand: 'rgd', perParticle: 5 }])
  })

  it('is idempotent and its output still validates', () => {
    const n = normaliseDesign({ ...newDesign(), name: ' x ' })
    expect(normaliseDesign(n)).toEqual(n)
    expect(validateDesign(n).valid).toBe(true)
  })
})

describe('canonicalDesignJson', () => {
  it('is identical for designs that differ only in key order, padding, blank notes or ligand order', () => {
    const a: Design = { ...newDesign(), ligands: [{ ligand: 'folate', perParticle: 1 }, { ligand: 'rgd', perParticle: 2 }] }
    const b: Design = { ...reverseKeys(a), name: ` ${a.name} `, notes: '', ligands: [...a.ligands].reverse() }
    expect(canonicalDesignJson(b)).toBe(canonicalDesignJson(a))
  })

  it('changes when any value changes', () => {
    const a = newDesign()
    expect(canonicalDesignJson({ ...a, core: { ...a.core, diameterNm: 121 } })).not.toBe(canonicalDesignJson(a))
  })

  it('is compact JSON with keys sorted at every level', () => {
    const text = canonicalDesignJson(newDesign())
    expect(text).not.toMatch(/\s"|":\s/)
    const sortedEverywhere = (x: unknown): boolean => {
      if (Array.isArray(x)) return x.every(sortedEverywhere)
      if (x !== null && typeof x === 'object') {
        const keys = Object.keys(x)
        return keys.join() === [...keys].sort().join() && Object.values(x).every(sortedEverywhere)
      }
      return true
    }
    const parsed: unknown = JSON.parse(text)
    expect(sortedEverywhere(parsed)).toBe(true)
    expect(parsed).toEqual(normaliseDesign(newDesign()))
  })
})
