/**
 * The report's limits the app's buttons read before any report is made. A module of its own so
 * the UI thread does not import the report's layout (build.ts), which pulls in the engine and
 * the published rows that only the report worker needs.
 */

/** Most designs one comparison report holds (the issue: 2-4). */
export const MAX_COMPARED_DESIGNS = 4
