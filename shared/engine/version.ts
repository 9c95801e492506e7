/**
 * Version of the estimation engine. Saved with every design version so a stored estimate can
 * be traced to the model that produced it; bump it when a model or a default parameter
 * changes what `simulate` returns.
 */
export const ENGINE_VERSION = '0.3.2'

/**
 * Fingerprint of what this engine version returns for the shipped examples (every number of
 * their estimates and of a seeded Monte Carlo band, to 6 significant digits, SHA-256, first 16
 * hex digits). tests/unit/shared/engine/engine-version.test.ts recomputes it and fails when it
 * differs, so a change of the engine's answers cannot ship under the old version.
 */
export const ENGINE_OUTPUT_FINGERPRINT = '664942c8f6fd8d9f'
