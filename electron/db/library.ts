/**
 * The design library with the design code and the engine loaded: what the app's main
 * process, the web host, the services and every writing CLI command import.
 *
 * Why two modules: the library itself (./library-core) reads without the engine, so the CLI's
 * read commands start in a fraction of the time; this module registers the engine's pieces
 * (normalise, hash, derived summary, listing metrics) and re-exports everything, so importing
 * it behaves exactly as the single module did.
 */
import { canonicalDesignJson, normaliseDesign } from '../../shared/design/normalise'
import { deriveProperties } from '../../shared/design/derived'
import { computeEngineMetrics } from './metrics'
import { registerLibraryEngine } from './library-core'

registerLibraryEngine({ canonicalDesignJson, normaliseDesign, deriveProperties, computeEngineMetrics })

export * from './library-core'
