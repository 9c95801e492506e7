import { useEffect } from 'react'
import { useDesignStore } from '../stores/design-store'
import { useEstimateStore } from '../stores/estimate-store'

/**
 * Keeps the estimate live: every time the last valid design changes, the engine worker
 * evaluates it; the latest change wins (older answers are dropped by the client).
 */
export function useLiveEstimate(): void {
  const design = useDesignStore((s) => s.lastValid?.design ?? null)
  const hours = useEstimateStore((s) => s.hours)
  useEffect(() => {
    if (design) void useEstimateStore.getState().evaluate(design)
  }, [design, hours])
}
