/**
 * The report's "Critical quality attributes against specifications" (issue #16): the design
 * version's CQA rows (shared/quality/evaluate.ts: the same rows as the app's table and
 * `nanoforge db specs show --design`) as report blocks, for one design and side by side.
 * Placed after the derived properties, as the issue lists the report's contents (design table,
 * derived properties, CQAs vs specs, ...), inside the model description's account of the
 * product the model is applied to.
 */
import type { Design } from '../design/types'
import { formatQuantity } from '../design/format'
import type { Measurement } from '../ipc/channels/measurement'
import { cqaAttribute } from '../quality/attributes'
import { cqaCounts, evaluateCqas, type CqaRow, type CqaStatus } from '../quality/evaluate'
import { specText, type SpecLimit } from '../quality/specs'
import type { ReportBlock, TableBlock } from './document'

/** The specification a version is held to, as the library gives it. */
export interface ReportSpecs {
  readonly projectName: string
  readonly limits: ReadonlyArray<SpecLimit>
  /** The last logged change of the project's limits (null: none logged). */
  readonly lastChange: { readonly at: string; readonly osUser: string } | null
}

/** Why ICH Q6A: it defines a specification as tests with acceptance criteria each batch must meet. */
export const SPECIFICATION_SOURCE = 'ICH 1999, Q6A Specifications: Test Procedures and Acceptance Criteria for New Drug Substances and New Drug Products: Chemical Substances'

/** The status as the table writes it (a failure in capitals: found at a glance without colour). */
export const STATUS_WORDS: Readonly<Record<CqaStatus, string>> = { pass: 'Pass', fail: 'FAIL', 'not measured': 'Not measured', 'no spec': 'No spec' }

const n = (v: number): string => formatQuantity(v, '', 4)

/** The readings of a row: "128; 162 nm (1 of 2 outside)", or "—". */
export function readingsText(r: CqaRow): string {
  if (r.readings.length === 0) return '—'
  const outside = r.readings.filter((x) => x.meets === false).length
  return `${r.readings.map((x) => n(x.value)).join('; ')}${r.unit === '' ? '' : ` ${r.unit}`}${outside > 0 ? ` (${outside} of ${r.readings.length} outside)` : ''}`
}

/** The predicted cell: "105 nm, engine; within spec", or "—". */
export function predictedText(r: CqaRow): string {
  const p = r.predicted
  if (p === null) return '—'
  const verdict = p.meets === null ? '' : p.meets ? '; within spec' : '; outside spec'
  return `${formatQuantity(p.value, r.unit, 4)}, ${p.basis === 'engine' ? 'engine' : 'design (nominal)'}${verdict}`
}

/** "3 pass, 1 fail, 1 not measured, 4 without a limit". */
export function countsText(rows: ReadonlyArray<CqaRow>): string {
  const c = cqaCounts(rows)
  return `${c.pass} pass, ${c.fail} fail, ${c['not measured']} not measured, ${c['no spec']} without a limit`
}

/** The blocks of one design's section; `cite` numbers a source in the report's references. */
export function cqaBlocks(design: Design, measurements: ReadonlyArray<Measurement>, specs: ReportSpecs | null, cite: (source: string) => string, dateText: (iso: string) => string): { blocks: ReportBlock[]; rows: CqaRow[] } {
  const rows = evaluateCqas(design, measurements, specs?.limits ?? [])
  const intro = specs === null
    ? 'This design is in no project, so no specification applies (limits are set per project): its attributes are listed with what was measured on this version and what the engine predicts.'
    : `Specification of the project "${specs.projectName}" (${specs.limits.length} limit(s)${specs.lastChange === null ? '' : `; last changed ${dateText(specs.lastChange.at)} by ${specs.lastChange.osUser}, as the audit trail records`}). `
      + `Limits are inclusive. An attribute passes when every reading attached to this version meets its limit and fails when any does not ${cite(SPECIFICATION_SOURCE)}; `
      + 'a predicted or nominal value is shown with whether it would meet the limit, but never makes an attribute pass.'
  const table: TableBlock = {
    kind: 'table',
    caption: `Critical quality attributes of this version: ${countsText(rows)}. Ref.: the guidance that names the attribute.`,
    columns: [
      { header: 'Attribute', weight: 1.7 }, { header: 'Specification', weight: 1.3 }, { header: 'Measured (this version)', weight: 1.9 },
      { header: 'Predicted', weight: 1.9 }, { header: 'Status', weight: 1.3 }, { header: 'Ref.', weight: 0.4 },
    ],
    rows: rows.map((r) => [
      r.unit === '' ? r.label : `${r.label} (${r.unit})`,
      r.spec === null ? '—' : specText(r.spec, r.attribute),
      readingsText(r),
      predictedText(r),
      STATUS_WORDS[r.status],
      cite(cqaAttribute(r.attribute).source),
    ]),
  }
  return { blocks: [{ kind: 'paragraph', text: intro }, table], rows }
}

/** One design of a side-by-side CQA table. */
export interface ComparedCqa {
  readonly design: Design
  readonly measurements: ReadonlyArray<Measurement>
  readonly specs: ReportSpecs | null
}

/**
 * The side-by-side table of a comparison: per attribute and design the status, the readings
 * and the limit of that design's own project ("—": the design has no such attribute). Like the
 * single report's table it cites the guidance that names each attribute and ICH Q6A for the
 * pass/fail rule (`cite`), so the comparison's references hold every source its table rests on.
 */
export function comparedCqaTable(designs: ReadonlyArray<ComparedCqa>, names: ReadonlyArray<string>, fontSizePt: number, cite: (source: string) => string): TableBlock {
  const perDesign = designs.map((d) => evaluateCqas(d.design, d.measurements, d.specs?.limits ?? []))
  const ids = [...new Set(perDesign.flatMap((rows) => rows.map((r) => r.attribute)))]
  const projects = designs.map((d, i) => `${names[i]}: ${d.specs === null ? 'no project' : `"${d.specs.projectName}"`}`).join('; ')
  return {
    kind: 'table', fontSizePt, equalFrom: 2,
    caption: `Critical quality attributes of each design against its own project's specification (${projects}): status, readings attached to the version, limit. `
      + `Limits are inclusive; an attribute passes when every reading meets its limit and fails when any does not ${cite(SPECIFICATION_SOURCE)}. "—": the design has no such attribute. Ref.: the guidance that names the attribute.`,
    columns: [{ header: 'Attribute', weight: 1.5 }, { header: 'Ref.', weight: 0.35 }, ...names.map((name) => ({ header: name, weight: 1.2 }))],
    rows: ids.map((id) => {
      const a = cqaAttribute(id)
      return [a.unit === '' ? a.label : `${a.label} (${a.unit})`, cite(a.source), ...perDesign.map((rows) => {
        const r = rows.find((x) => x.attribute === id)
        if (r === undefined) return '—'
        const parts = [STATUS_WORDS[r.status]]
        if (r.readings.length > 0) parts.push(`measured ${readingsText(r)}`)
        if (r.spec !== null) parts.push(`spec ${specText(r.spec, r.attribute)}`)
        if (r.predicted !== null) parts.push(`${r.predicted.basis === 'engine' ? 'predicted' : 'nominal'} ${formatQuantity(r.predicted.value, r.unit, 4)}`)
        return parts.join('; ')
      })]
    }),
  }
}
