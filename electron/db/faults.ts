/**
 * Named fault points for the crash tests: when the environment variable
 * `NANOFORGE_FAULT_POINT` names a point, the process kills itself with SIGKILL there, exactly
 * as a power button or `kill -9` would, with no cleanup and no output flushed.
 *
 * Why in the product code: a SIGKILL sent from outside at a random time rarely lands between
 * two particular steps (a backup written but not yet renamed, a restore staged but not yet
 * applied). A named point hits each step every time, so the tests prove every step is safe to
 * die in. Unset (always, outside the tests) it costs one string comparison.
 */
const ARMED = process.env.NANOFORGE_FAULT_POINT

/** Every fault point, so a test can iterate them and a typo is a type error. */
export const FAULT_POINTS = [
  'save:committed',
  'import:backup-taken',
  'import:committed',
  'backup:written',
  'backup:verified',
  'backup:renamed',
  'restore:staged',
  'restore:safety-taken',
  'restore:replaced',
] as const

export type FaultPoint = (typeof FAULT_POINTS)[number]

/** Dies here (SIGKILL) when the tests armed this point; otherwise does nothing. */
export function faultPoint(name: FaultPoint): void {
  if (ARMED === name) process.kill(process.pid, 'SIGKILL')
}
