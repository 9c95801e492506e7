/** Test fixtures of the patient tests: an example design as a human design, and a checked patient. */
import { validateDesign } from '../../../../shared/design/schema'
import type { Design } from '../../../../shared/design/types'
import { validatePatient, type Patient } from '../../../../shared/patient/schema'

/** An example design file moved to a human context (with `context` overriding more of it). */
export function humanDesign(doc: unknown, context: Record<string, unknown> = {}): Design {
  const d = doc as { context: Record<string, unknown> }
  const checked = validateDesign({ ...d, context: { ...d.context, species: 'human', ...context } })
  if (!checked.valid) throw new Error(JSON.stringify(checked.errors))
  return checked.design
}

/** A validated patient from the fields of a patient file (throws when they do not validate). */
export function checkedPatient(fields: Record<string, unknown>): Patient {
  const v = validatePatient({ format: 'nanoforge.patient', version: 1, ...fields })
  if (!v.valid) throw new Error(JSON.stringify(v.errors))
  return v.patient
}
