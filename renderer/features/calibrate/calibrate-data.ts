import { validateDesign } from '../../../shared/design/schema'
import type { MeasurementSource } from '../../../shared/engine/calibrate/job'
import type { Measurement } from '../../../shared/ipc/channels/measurement'
import { getApi } from '../../bridge'

/** One chosen design as the dialog lists it. */
export interface CalibrationDesignRow {
  readonly designId: string
  readonly name: string
  /** Live in-vivo biodistribution measurements (studies) and release profiles, over every version. */
  readonly inVivo: number
  readonly release: number
  /** Why the design gives the calibration nothing, or null. */
  readonly problem: string | null
}

/** What the dialog calibrates on: the designs, the measurements with their version's document, and the measurements' labels. */
export interface CalibrationData {
  readonly designs: ReadonlyArray<CalibrationDesignRow>
  readonly sources: ReadonlyArray<MeasurementSource>
  /** Measurement id → "label (design name, version n)", for the leave-one-study-out rows. */
  readonly studyNames: ReadonlyMap<string, string>
  /** Design id → design name. */
  readonly designNames: ReadonlyMap<string, string>
}

const isCalibrationData = (m: Measurement): boolean => m.kind === 'biodistribution' || m.kind === 'release'

/**
 * Reads the chosen designs' calibration data from the library: every live in-vivo
 * biodistribution measurement and release profile of every version (the studies of
 * `nanoforge calibrate DESIGN_ID…`), each with the document of the version it is attached to.
 * A design without such data, or whose stored version cannot be read, is listed with why,
 * never dropped silently. Throws with a sentence when the library cannot answer.
 */
export async function loadCalibrationData(designIds: ReadonlyArray<string>): Promise<CalibrationData> {
  const api = getApi()
  const designs: CalibrationDesignRow[] = []
  const sources: MeasurementSource[] = []
  const studyNames = new Map<string, string>()
  for (const designId of designIds) {
    const latest = await api.getDesign({ designId })
    if (!latest.ok) throw new Error(`the library could not read design ${designId}: ${latest.message}`)
    const latestDoc = latest.value.design as { readonly name?: unknown } | null
    const name = typeof latestDoc?.name === 'string' && latestDoc.name !== '' ? latestDoc.name : designId.slice(0, 8)
    const listed = await api.listMeasurements({ designId })
    if (!listed.ok) throw new Error(`the library could not read the measurements of ${name}: ${listed.message}`)
    const usable = listed.value.items.filter(isCalibrationData)
    let problem: string | null = usable.length === 0 ? 'no in-vivo biodistribution or release measurement (attach one in the Measurements tab)' : null
    for (const version of [...new Set(usable.map((m) => m.version))]) {
      const stored = version === latest.value.version ? latest : await api.getDesign({ designId, version })
      if (!stored.ok) throw new Error(`the library could not read version ${version} of ${name}: ${stored.message}`)
      const checked = validateDesign(stored.value.design)
      if (!checked.valid) {
        problem = `version ${version} cannot be read by this version of NanoForge (${checked.errors[0]?.path}: ${checked.errors[0]?.message})`
        continue
      }
      for (const m of usable.filter((x) => x.version === version)) {
        sources.push({ measurement: m, design: checked.design })
        studyNames.set(m.id, `${m.label || (m.kind === 'release' ? 'release profile' : 'in-vivo study')} (${name}, version ${version})`)
      }
    }
    designs.push({
      designId, name, problem,
      inVivo: usable.filter((m) => m.kind === 'biodistribution').length,
      release: usable.filter((m) => m.kind === 'release').length,
    })
  }
  return { designs, sources, studyNames, designNames: new Map(designs.map((d) => [d.designId, d.name])) }
}
