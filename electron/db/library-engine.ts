import { createHash } from 'node:crypto'
import type { Design } from '../../shared/design/types'
import { messageOf } from '../../shared/ipc/result'
import type { EngineMetrics } from './metrics'

/**
 * What the library needs from the design code and the engine to write: normalising and
 * hashing documents, their derived summary, and the engine's listing metrics.
 *
 * Why injected: these modules (catalogs, the PBPK engine) take longer to load than the whole
 * read path, and `nanoforge db list` and the other read commands never need them. The module
 * `./library` registers them; reading through `./library-core` alone starts without them.
 */
export interface LibraryEngine {
  readonly canonicalDesignJson: (design: Design) => string
  readonly normaliseDesign: (design: Design) => Design
  readonly deriveProperties: (design: Design) => unknown
  readonly computeEngineMetrics: (design: Design) => EngineMetrics
}

let registeredEngine: LibraryEngine | undefined

/**
 * Module state on purpose: one registration per process, made by importing `./library`.
 * Called once by `./library` with the real design code and engine.
 */
export function registerLibraryEngine(engine: LibraryEngine): void {
  registeredEngine = engine
}

/** The registered engine; throws (naming the module to import) when only library-core was loaded. */
export function libraryEngine(): LibraryEngine {
  if (registeredEngine === undefined) {
    throw new Error('The design engine is not loaded: import electron/db/library (not library-core) to write or compute metrics.')
  }
  return registeredEngine
}

/** SHA-256 of the canonical design JSON: equal designs hash equal whatever their key order. */
export function designDocumentHash(design: Design): string {
  return createHash('sha256').update(libraryEngine().canonicalDesignJson(design), 'utf8').digest('hex')
}

/** Cheap derived summary stored with every version (no engine run; < 0.1 ms). */
export function summariseDesign(design: Design): Record<string, unknown> {
  try {
    const derived = libraryEngine().deriveProperties(design) as Record<string, unknown>
    const summary: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(derived)) {
      if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
        summary[key] = value
      }
    }
    return summary
  } catch (error) {
    return { error: messageOf(error) }
  }
}
