import { useState } from 'react'
import { useDesignStore } from '../../stores/design-store'
import { EXAMPLE_DESIGNS } from './examples'
import './welcome.css'

/** localStorage key remembering that the guided start was put away. */
export const GETTING_STARTED_KEY = 'nanoforge.gettingStarted.hidden'

function readHidden(storage: Pick<Storage, 'getItem'> | null): boolean {
  try {
    return storage?.getItem(GETTING_STARTED_KEY) === '1'
  } catch {
    return false
  }
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

/**
 * The guided start: three steps and example designs, open on first launch in the library
 * pane, folded into "Examples and getting started" once put away (remembered).
 *
 * Why in the library pane and not a dialog: a newcomer should see it without it covering the
 * builder, and someone who knows the app loses nothing but one folded line. An example opens
 * as a new, unsaved design (Save puts it in the library), after the usual question when the
 * form has unsaved changes.
 */
export function GettingStarted({ storage = safeStorage() }: { readonly storage?: Pick<Storage, 'getItem' | 'setItem'> | null }): React.JSX.Element {
  const [hidden, setHidden] = useState(() => readHidden(storage))
  const hide = (value: boolean): void => {
    setHidden(value)
    try {
      storage?.setItem(GETTING_STARTED_KEY, value ? '1' : '0')
    } catch {
      // Storage refused: the choice holds for this session only.
    }
  }
  const body = (
    <>
      <ol className="getting-started-steps">
        <li><strong>Build</strong> a particle: pick a core, coatings, ligands and a drug in the palette and the form on the right; the 3D view is to scale.</li>
        <li><strong>Read</strong> the estimate under the view: release per environment, where the particles go, selectivity and every assumption with its source.</li>
        <li><strong>Save</strong> it, then compare saved designs side by side or present them (Present).</li>
      </ol>
      <p className="getting-started-lead">Or start from an example:</p>
      <ul className="getting-started-examples" aria-label="Example designs">
        {EXAMPLE_DESIGNS.map((e) => (
          <li key={e.id}>
            <button type="button" onClick={() => useDesignStore.getState().newDesign(e.design())}>{e.title}</button>
            <span className="getting-started-about">{e.about}</span>
          </li>
        ))}
      </ul>
    </>
  )
  if (hidden) {
    return (
      <details className="getting-started is-folded">
        <summary>Examples and getting started</summary>
        {body}
        <button type="button" className="getting-started-toggle" onClick={() => hide(false)}>Keep this open</button>
      </details>
    )
  }
  return (
    <section className="getting-started" aria-label="Getting started">
      <h3>Getting started</h3>
      {body}
      <button type="button" className="getting-started-toggle" onClick={() => hide(true)}>Put away</button>
    </section>
  )
}
