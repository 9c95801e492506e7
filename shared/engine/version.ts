/**
 * Version of the estimation engine. Saved with every design version so a stored estimate can
 * be traced to the model that produced it; bump it when a model or a default parameter
 * changes what `simulate` returns.
 */
export const ENGINE_VERSION = '0.2.0'
