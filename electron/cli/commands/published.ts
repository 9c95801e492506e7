import { unitText } from '../../../shared/design/display-names'
import { inVivoRows } from '../../../shared/engine/validation/in-vivo-rows'
import { publishedExperimentsLike, type PublishedExperiment } from '../../../shared/engine/validation/published-like'
import { EXIT_BAD_INPUT, EXIT_OK, type CommandRun } from '../types'
import { fail, parseCommandArgs, printJson, readDesignFile } from './common'

const USAGE = 'nanoforge published FILE [--json]'

const num = (x: number | null): string => (x === null ? '—' : String(Number(x.toPrecision(3))))

function line(e: PublishedExperiment): string {
  const ratio = e.engine === null ? '—' : `${num(e.engine / e.published)}×`
  const unit = unitText(e.unit)
  return `${e.paper} (${e.set === 'calibration' ? 'calibration' : 'held out'}): ${e.designName}\n`
    + `  ${e.readout}: published ${num(e.published)} ${unit}, engine ${num(e.engine)} ${unit} (${ratio}), this design ${num(e.thisDesign)} ${unit}\n`
    + (e.differences.length > 0 ? `  differs: ${e.differences.join('; ')}\n` : '')
    + (e.papersDisagree ? `  papers differ: another paper's value of this design differs ×${num(e.papersDisagree.fold)} (${e.papersDisagree.paper})\n` : '')
    + (e.engineProblem ? `  engine: ${e.engineProblem}\n` : '')
    + (e.thisDesignProblem ? `  this design: ${e.thisDesignProblem}\n` : '')
    + `  source: ${e.citation}\n`
}

/**
 * `nanoforge published FILE [--json]`: the published experiments like a design (issue #10;
 * shared/engine/validation/published-like.ts), closest first, each with the published value,
 * the engine's estimate of that experiment and of this design in it —
 * `{"experiments": [{"id", "set", "paper", "citation", "designName", "readout", "unit",
 * "published", "engine", "thisDesign", "differences", "engineProblem"?, "thisDesignProblem"?}]}`.
 * The same lookup as the app's Biodistribution tab.
 */
export const runPublished: CommandRun = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 1, max: 1, usage: USAGE })
  const file = positionals[0]!
  const checked = readDesignFile(file)
  if (!checked.valid) {
    return fail(io, values.json === true, EXIT_BAD_INPUT, 'invalid-design', `${file}: ${checked.errors.length} problem(s); no published experiments looked up.`, checked.errors)
  }
  const experiments = publishedExperimentsLike(checked.design, [...inVivoRows('calibration'), ...inVivoRows('validation')])
  if (values.json === true) {
    printJson(io, { experiments })
    return EXIT_OK
  }
  if (experiments.length === 0) {
    io.stdout(`${checked.design.name}: no published experiment in the engine's validation rows is like this design (same species, core and coats, hydrodynamic diameter within 1.5-fold)\n`)
    return EXIT_OK
  }
  io.stdout(`${checked.design.name}: ${experiments.length} published experiment(s) like this design, closest first\n\n`)
  for (const e of experiments) io.stdout(`${line(e)}\n`)
  return EXIT_OK
}
