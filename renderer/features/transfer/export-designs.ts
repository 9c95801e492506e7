import { getApi } from '../../bridge'
import { downloadText } from '../../lib/download'

/** What an export did: a sentence for the user, and the host's per-path problems on failure. */
export type ExportOutcome =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly text: string; readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }> }

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * Exports designs (every version and measurement) as one `nanoforge.bundle` file download.
 *
 * Why: one function for the "Export selected" button and a row's "Export" action, so one
 * design and a bundle of many are the same file format and the same message.
 */
export async function exportDesigns(designIds: ReadonlyArray<string>): Promise<ExportOutcome> {
  try {
    const res = await getApi().exportBundle({ designIds: [...designIds] })
    if (!res.ok) return { ok: false, text: `Not exported: ${res.message}`, issues: res.issues ?? [] }
    const v = res.value
    downloadText(v.bundle, v.fileName, 'application/json')
    const profiles = (v.profileCount ?? 0) > 0 ? ` with ${plural(v.profileCount ?? 0, 'calibration profile')}` : ''
    // A profile also learned on designs not exported stays behind; say which and why, as the CLI does.
    const leftOut = (v.profilesLeftOut ?? []).map((p) => `“${p.name}” v${p.version} (${p.reason})`)
    const leftOutText = leftOut.length > 0 ? ` Not in the bundle: ${leftOut.join('; ')}.` : ''
    return { ok: true, text: `Exported ${plural(v.designCount, 'design')}, ${plural(v.versionCount, 'version')} and ${plural(v.measurementCount, 'measurement')}${profiles} to ${v.fileName}.${leftOutText}` }
  } catch (e) {
    return { ok: false, text: `Not exported: ${e instanceof Error ? e.message : String(e)}`, issues: [] }
  }
}
