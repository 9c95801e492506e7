import { useEffect } from 'react'
import { useDesignStore } from '../stores/design-store'
import { useEstimateStore } from '../stores/estimate-store'

/**
 * Keeps the estimate live: every time the last valid design (or a horizon) changes, the
 * engine worker evaluates it; the latest change wins (older answers are dropped by the client).
 *
 * Why a store subscription rather than an effect on a selected value: the request is posted
 * to the worker inside the edit itself, so the engine runs while React renders the form and
 * the 3D view, instead of after them (it took the React commit off the slider-to-chart path).
 */
export function useLiveEstimate(): void {
  useEffect(() => {
    const run = (): void => {
      const design = useDesignStore.getState().lastValid?.design
      if (design) void useEstimateStore.getState().evaluate(design)
    }
    run()
    const offDesign = useDesignStore.subscribe((s, prev) => {
      if (s.lastValid?.design !== prev.lastValid?.design) run()
    })
    const offHours = useEstimateStore.subscribe((s, prev) => {
      if (s.hours !== prev.hours || s.releaseHorizon !== prev.releaseHorizon) run()
    })
    return () => {
      offDesign()
      offHours()
    }
  }, [])
}
