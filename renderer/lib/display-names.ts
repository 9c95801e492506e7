// The display names live in shared/design/display-names.ts, so the app and the design-review
// report (shared/report) write the same words; re-exported here for the renderer's callers.
export { displayName, humanizeText, moduleName, parameterLabel, unitText } from '../../shared/design/display-names'
