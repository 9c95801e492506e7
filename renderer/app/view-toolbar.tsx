import { useDesignStore } from '../stores/design-store'
import { CAMERA_PRESET_LABELS, CAMERA_PRESETS, useViewStore } from '../stores/view-store'
import { ExportMenu } from '../features/export/export-menu'
import { ToolMenu } from './tool-menu'

/**
 * The builder toolbar: undo/redo naming the action, cutaway, labels, a "Camera" menu (presets,
 * reset, projection), an "Export" menu, and presentation mode.
 *
 * Why: each action is also a shortcut, and the button titles say which; toggles expose
 * aria-pressed so their state is announced. The toolbar is one row at every window size:
 * camera presets and export fold into menus and long undo/redo names are cut with an ellipsis
 * (the title keeps the whole name).
 */
export function ViewToolbar(): React.JSX.Element {
  const undoLabel = useDesignStore((s) => s.past[s.past.length - 1]?.label ?? null)
  const redoLabel = useDesignStore((s) => s.future[s.future.length - 1]?.label ?? null)
  const undo = useDesignStore((s) => s.undo)
  const redo = useDesignStore((s) => s.redo)
  const v = useViewStore()
  return (
    <div className="view-toolbar" role="toolbar" aria-label="Builder tools">
      <div className="tool-group tool-group-history">
        <button type="button" onClick={undo} disabled={!undoLabel} title={undoLabel ? `Undo ${undoLabel} (Ctrl+Z)` : 'Undo (Ctrl+Z)'}>
          {undoLabel ? `Undo ${undoLabel}` : 'Undo'}
        </button>
        <button type="button" onClick={redo} disabled={!redoLabel} title={redoLabel ? `Redo ${redoLabel} (Ctrl+Shift+Z or Ctrl+Y)` : 'Redo (Ctrl+Shift+Z or Ctrl+Y)'}>
          {redoLabel ? `Redo ${redoLabel}` : 'Redo'}
        </button>
      </div>
      <div className="tool-group">
        <button type="button" aria-pressed={v.cutaway} onClick={v.toggleCutaway} title="Cutaway (Alt+C)">Cutaway</button>
        <button type="button" aria-pressed={v.labels} onClick={() => v.setLabels(!v.labels)} title="Layer labels in the view">Labels</button>
        <ToolMenu label="Camera" groupLabel="Camera" closeOnAction>
          {CAMERA_PRESETS.map((p, i) => (
            <button key={p} type="button" onClick={() => v.requestCamera(p)} title={`${CAMERA_PRESET_LABELS[p]} view (Alt+${['3', '1', '2'][i]})`}>
              {CAMERA_PRESET_LABELS[p]} view
            </button>
          ))}
          <button type="button" onClick={v.resetCamera} title="Reset camera (Alt+R)">Reset camera</button>
          <button type="button" aria-pressed={v.projection === 'orthographic'} onClick={v.toggleProjection} title="Orthographic projection (Alt+O)">
            Orthographic
          </button>
        </ToolMenu>
        <ToolMenu label="Export" groupLabel="Export the view" className="tool-menu-end">
          <ExportMenu />
        </ToolMenu>
        <button type="button" onClick={() => v.setPresentation(true)} title="Presentation mode (Alt+P)">Present</button>
      </div>
    </div>
  )
}
