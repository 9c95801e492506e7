/**
 * ENGINE_VERSION is saved with every design version, keys the library's cached listing metrics
 * and is checked against calibration profiles, so it must change whenever the engine's answers
 * change (shared/engine/version.ts). It stayed 0.2.0 through the issue #10 mechanisms, and a
 * library opened after them kept listing the old engine's half-lives and selectivity.
 *
 * This is a version guard, not a validation: it fingerprints what `simulate` returns for the
 * shipped examples (every number, to 6 significant digits, plus a seeded Monte Carlo band of
 * each) and holds it to the fingerprint recorded beside the version. When the engine's answers
 * change, this test fails: bump ENGINE_VERSION and record the new fingerprint it prints. The
 * engine's correctness is checked by the validation tests against published numbers.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateDesign } from '../../../../shared/design/schema'
import { simulateDesign, simulateDesignUncertainty } from '../../../../shared/engine/simulate'
import { ENGINE_OUTPUT_FINGERPRINT, ENGINE_VERSION } from '../../../../shared/engine/version'
import { REPO_ROOT } from '../../electron/helpers'

/** Every number of a value, depth first in key order, to 6 significant digits. */
function numbersOf(value: unknown, out: string[]): string[] {
  if (typeof value === 'number') out.push(Number.isFinite(value) ? value.toPrecision(6) : String(value))
  else if (Array.isArray(value)) for (const v of value) numbersOf(v, out)
  else if (value !== null && typeof value === 'object') for (const k of Object.keys(value).sort()) numbersOf((value as Record<string, unknown>)[k], out)
  return out
}

function fingerprint(): string {
  const hash = createHash('sha256')
  const dir = `${REPO_ROOT}/resources/examples`
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.nanoforge.json')).sort()) {
    const checked = validateDesign(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')))
    if (!checked.valid) throw new Error(`${file} does not validate`)
    const sim = simulateDesign(checked.design, { hours: 72 })
    const band = simulateDesignUncertainty(checked.design, { samples: 24, seed: 1, hours: 72 })
    hash.update(`${file}\n${numbersOf({ release: sim.release, biodistribution: sim.biodistribution, selectivity: sim.selectivity }, []).join(',')}\n${numbersOf(band, []).join(',')}\n`)
  }
  return hash.digest('hex').slice(0, 16)
}

describe('engine version', () => {
  it('is bumped whenever what simulate returns changes (the fingerprint of the examples\' estimates)', () => {
    const now = fingerprint()
    expect(now, `the engine's answers changed: bump ENGINE_VERSION (now ${ENGINE_VERSION}) and set ENGINE_OUTPUT_FINGERPRINT to '${now}'`).toBe(ENGINE_OUTPUT_FINGERPRINT)
  }, 60_000)
})
