import { z } from 'zod'

/**
 * Evidence tags of every catalog number (docs/science.md): V verified in the
 * source, C read from published model code, D derived by calculation, U unverified estimate.
 * The UI shows every U value as an "assumption", so the tag travels with the number.
 */
export const EVIDENCE_TAGS = ['V', 'C', 'D', 'U'] as const
/** One evidence tag; see {@link EVIDENCE_TAGS}. */
export type EvidenceTag = (typeof EVIDENCE_TAGS)[number]

/**
 * A number from the catalog with its unit, citation and evidence tag. Every physical number
 * in resources/catalog has this shape so that the app can always say where it came from
 * (product vision, "Honest science").
 */
export interface Cited {
  readonly value: number
  readonly unit: string
  readonly source: string
  readonly evidence: EvidenceTag
  /** Reasoning for an estimate, the range a mid-point was taken from, or a caveat. */
  readonly note?: string
}

/** A cited interval (e.g. the core diameters the engine's models were built on). */
export interface CitedRange {
  readonly min: Cited
  readonly max: Cited
}

/** Runtime schema for {@link Cited}: the catalog JSON is parsed, not cast, when loaded. */
export const CitedSchema = z
  .object({
    value: z.number().finite(),
    unit: z.string().min(1),
    source: z.string().min(1),
    evidence: z.enum(EVIDENCE_TAGS),
    note: z.string().min(1).optional(),
  })
  .strict()

/** Runtime schema for {@link CitedRange}; min must not exceed max. */
export const CitedRangeSchema = z
  .object({ min: CitedSchema, max: CitedSchema })
  .strict()
  .refine((r) => r.min.value <= r.max.value, { message: 'range min exceeds max' })

/** One assumption found by {@link assumptionsOf}: where it sits in the object and the value. */
export interface Assumption {
  /** Dotted path inside the inspected object, e.g. `diameterRangeNm.min`. */
  readonly path: string
  readonly cited: Cited
}

/** True when `x` has the {@link Cited} shape (used to walk arbitrary catalog objects). */
export function isCited(x: unknown): x is Cited {
  return CitedSchema.safeParse(x).success
}

/**
 * Lists every [U] (unverified) number inside a catalog object, depth first, so the UI and
 * reports can show which estimates a design relies on (brief §0 and Part 4, note 7).
 */
export function assumptionsOf(entry: unknown, basePath = ''): Assumption[] {
  const out: Assumption[] = []
  const walk = (x: unknown, path: string): void => {
    if (isCited(x)) {
      if (x.evidence === 'U') out.push({ path, cited: x })
      return
    }
    if (Array.isArray(x)) {
      x.forEach((item, i) => walk(item, `${path}[${i}]`))
      return
    }
    if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) walk(v, path ? `${path}.${k}` : k)
    }
  }
  walk(entry, basePath)
  return out
}
