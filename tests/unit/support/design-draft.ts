import { newDesign } from '../../../shared/design/defaults'
import { validateDesign } from '../../../shared/design/schema'
import type { Design } from '../../../shared/design/types'

/** A plain-JSON design being edited for a test; validated afterwards. */
export interface Draft {
  name: string
  core: Record<string, unknown>
  coatings: unknown[]
  ligands: unknown[]
  payload: Record<string, unknown>
  context: Record<string, unknown>
}

/** The default design with `change` applied, validated (a test design must be a valid design). */
export function draftDesign(change: (d: Draft) => void = () => {}): Design {
  const d = structuredClone(newDesign()) as unknown as Draft
  change(d)
  const v = validateDesign(d)
  if (!v.valid) throw new Error(`test design invalid: ${JSON.stringify(v.errors)}`)
  return v.design
}
