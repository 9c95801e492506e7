/** Where a CLI command writes: JSON and results to stdout, messages to stderr (docs/cli.md). */
export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

/**
 * One `nanoforge` sub-command. Returns the exit code: 0 success, 2 bad input (reasons on
 * stderr), 1 anything else.
 */
export type CommandRun = (args: ReadonlyArray<string>, io: CliIo) => Promise<number>

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_BAD_INPUT = 2
