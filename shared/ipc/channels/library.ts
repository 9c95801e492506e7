/**
 * Library channels of the IPC contract (issue 5: history, trash, tags, compare, export and
 * import, backups). Joined into the contract in ../contract.ts.
 */
export const libraryChannels = {} as const
