import { useId, useState } from 'react'
import { useExpiringMessage } from '../../lib/use-expiring-message'
import { useDesignStore } from '../../stores/design-store'
import { downloadBlob } from '../../lib/download'
import { exportGlb, fileStem, renderPng, type PngOverlay, type PngSize } from './export-scene'
import { describeScene, sceneModelFromDesign } from '../../scene/scene-model'
import { viewMeasurements } from '../../scene/view-measurements'
import { ReportButton } from '../report/report-button'
import { SweepMenuEntry } from '../sweep/sweep-menu-entry'

const SIZES: ReadonlyArray<{ readonly value: PngSize; readonly label: string }> = [
  { value: 'screen', label: 'Screen size' },
  { value: '2x', label: '2× screen' },
  { value: '4k', label: '4K (3840 × 2160 px)' },
]

/**
 * What the PNG burns in for the design the view shows (its last valid state): the same
 * measurements as the view, and a caption naming the design and what the scene shows.
 */
function pngOverlay(): PngOverlay | null {
  const lastValid = useDesignStore.getState().lastValid
  if (!lastValid) return null
  const model = sceneModelFromDesign(lastValid.design, lastValid.derived)
  return {
    measurements: viewMeasurements(lastValid.derived),
    caption: [lastValid.design.name, `${describeScene(model)} · NanoForge, to scale`],
  }
}

/**
 * Export controls of the 3D view: PNG at screen, 2× or 4K size (optionally transparent)
 * and the particle as GLB.
 *
 * Why: figures for papers and slides come from here; every control is a labelled native
 * element, and failures are said in words next to the buttons.
 */
export function ExportMenu({ handleId = 'builder' }: { readonly handleId?: string }): React.JSX.Element {
  const id = useId()
  const [size, setSize] = useState<PngSize>('screen')
  const [transparent, setTransparent] = useState(false)
  // Results expire after a few seconds; a failure stays until the next export (issue 12).
  const status = useExpiringMessage()
  const setMessage = (text: string): void => status.show(text, text.startsWith('Export failed') ? 'error' : 'info')
  const name = useDesignStore((s) => s.design.name)
  const [burnIn, setBurnIn] = useState(true)
  const run = async (what: 'png' | 'glb'): Promise<void> => {
    setMessage(what === 'png' ? 'Rendering PNG…' : 'Writing GLB…')
    try {
      if (what === 'png') {
        const blob = await renderPng(handleId, size, transparent, burnIn ? pngOverlay() : null)
        downloadBlob(blob, `${fileStem(name)}-${size}.png`)
        setMessage('PNG exported')
      } else {
        const buffer = await exportGlb(handleId)
        downloadBlob(new Blob([buffer], { type: 'model/gltf-binary' }), `${fileStem(name)}.glb`)
        setMessage('GLB exported')
      }
    } catch (e) {
      setMessage(`Export failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return (
    <div className="export-menu" role="group" aria-label="Export">
      <label htmlFor={`${id}-size`}>PNG size</label>
      <select id={`${id}-size`} value={size} onChange={(e) => setSize(e.target.value as PngSize)}>
        {SIZES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </select>
      <label className="export-check">
        <input type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} />
        Transparent background
      </label>
      <label className="export-check">
        <input type="checkbox" checked={burnIn} onChange={(e) => setBurnIn(e.target.checked)} />
        Scale bar, measurements and caption
      </label>
      <button type="button" onClick={() => void run('png')}>Export PNG</button>
      <button type="button" onClick={() => void run('glb')}>Export GLB</button>
      <span className="export-status" role="status">{status.message?.text ?? ''}</span>
      <ReportButton />
      <SweepMenuEntry />
    </div>
  )
}
