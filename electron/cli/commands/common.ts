// The helpers every command uses, in one import (kept for the command modules that use it).
// Why split underneath: db and measure commands import the light modules directly, so a read
// command does not load the design schema (design-file.ts) or the engine.
export { UsageError } from '../errors'
export { readInputText, type InputText } from '../input'
export {
  fail, formatIssues, intOption, numberOption, parseCommandArgs, positiveIntOption, printJson, seedOption, stringOption, type OptionValues,
} from './args'
export { MAX_DESIGN_FILE_BYTES, checkDesignDocument, readDesignFile, readJsonFile, type DesignFileResult, type JsonFileRead } from './design-file'
export { afterCommit, openLibraryForCli, withLibrary, type LibraryAccess, type LibraryUse } from './library-access'
