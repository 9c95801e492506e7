import type { CommandRun } from '../types'
import { runDbHistory, runDbList, runDbSave, runDbShow } from './db'
import { runValidate } from './validate'
import { runSimulate } from './simulate'
import { runFit } from './fit'
import { runCompare } from './compare'

/** One entry of the command registry. */
export interface CommandSpec {
  /** One line for `nanoforge --help`. */
  readonly summary: string
  /** The argument synopsis after the command name. */
  readonly usage: string
  readonly run: CommandRun
}

/**
 * Every `nanoforge` command, keyed by its words (`validate`, `db save`).
 *
 * Why a table: `--help` lists it, `main` dispatches from it, and a new command (simulate,
 * fit, compare, db export/import) is one line here plus its module.
 */
export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map<string, CommandSpec>([
  ['validate', { summary: 'check a design file; every problem with its path', usage: 'FILE [--json]', run: runValidate }],
  ['simulate', { summary: 'estimate release, biodistribution and selectivity of a design', usage: 'FILE [--hours H] [--json]', run: runSimulate }],
  ['fit', { summary: 'fit release models to measured data (CSV: time, replicate columns)', usage: 'FILE.csv [--models LIST] [--list-models] [--json]', run: runFit }],
  ['compare', { summary: 'compare two release profiles: f1, f2 and their conditions', usage: 'REF.csv TEST.csv [--json]', run: runCompare }],
  ['db save', { summary: 'save a design file as a new design or a new version', usage: 'FILE [--note TEXT] [--design ID] [--db FILE] [--json]', run: runDbSave }],
  ['db list', { summary: 'list designs, newest first', usage: '[--query Q] [--limit N] [--offset N] [--db FILE] [--json]', run: runDbList }],
  ['db show', { summary: 'print one version of a design (the latest by default)', usage: 'ID [--version N] [--db FILE] [--json]', run: runDbShow }],
  ['db history', { summary: 'list every version of a design', usage: 'ID [--db FILE] [--json]', run: runDbHistory }],
])
