/**
 * Measurement channels of the IPC contract (release curves, DLS, zeta, in-vivo points
 * attached to a design version). Joined into the contract in ../contract.ts.
 */
export const measurementChannels = {} as const
