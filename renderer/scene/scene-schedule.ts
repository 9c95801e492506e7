import { useEffect, useState } from 'react'
import type { Design } from '../../shared/design/types'
import { useEstimateStore } from '../stores/estimate-store'

/** Longest the particle waits for the estimate of a new design before it is redrawn anyway, ms. */
export const SCENE_WAITS_FOR_ESTIMATE_MS = 80

/**
 * The design the 3D view draws: the latest valid one, once its estimate is on screen (or after
 * {@link SCENE_WAITS_FOR_ESTIMATE_MS}).
 *
 * Why: the engine answers in a few ms from its worker, but on software WebGL (SwiftShader, no
 * GPU compositing) one 3D frame blocks the page for ~80-100 ms while the compositor reads the
 * canvas back, and a chart update queued behind it waits that long (issue 12: slider to chart
 * ≤ 50 ms). So the chart's frame goes first and the particle is redrawn in the frame after;
 * on a GPU the particle is a few ms later than it would be, which nobody sees.
 */
export function useSceneAfterEstimate<T extends { readonly design: Design } | null>(latest: T): T {
  const [shown, setShown] = useState(latest)
  useEffect(() => {
    if (latest === shown) return
    let done = false
    let frame = 0
    const show = (): void => {
      if (done) return
      done = true
      // After the frame that paints the estimate, so the chart is committed before the 3D frame.
      frame = requestAnimationFrame(() => setTimeout(() => setShown(latest), 0))
    }
    const ready = (): boolean => {
      const e = useEstimateStore.getState()
      return latest === null || e.simulatedDesign === latest.design || e.status === 'error'
    }
    const timer = setTimeout(show, ready() ? 0 : SCENE_WAITS_FOR_ESTIMATE_MS)
    const off = useEstimateStore.subscribe(() => {
      if (ready()) show()
    })
    return () => {
      done = true
      clearTimeout(timer)
      cancelAnimationFrame(frame)
      off()
    }
  }, [latest, shown])
  return shown
}

