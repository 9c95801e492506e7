/**
 * NSGA-II multi-objective search (Deb, Pratap, Agarwal & Meyarivan 2002, IEEE Trans. Evol.
 * Comput. 6:182-197) with Deb's constrained domination (Deb 2000, Comput. Methods Appl. Mech.
 * Eng. 186:311-338; Deb et al. 2002 §VI), over mixed genomes: continuous genes in [0, 1]
 * (the caller maps them to knob values, linear or log) and categorical genes (option
 * indices). All objectives are minimised.
 *
 * Operators: binary tournament on (rank, crowding distance); simulated binary crossover for
 * continuous genes (Deb & Agrawal 1995, Complex Syst. 9:115-148; bounded form as in Deb's
 * reference implementation, η_c = 20, each gene crossed with probability 0.5); uniform
 * crossover for categorical genes; polynomial mutation (Deb & Goyal 1996, bounded form,
 * η_m = 20) and, for a categorical gene, a different option drawn at random, each gene with
 * probability 1/(number of genes).
 *
 * Why an archive: the issue asks that no front member be dominated by *any* feasible design
 * evaluated, and NSGA-II's population can drop a non-dominated point when a crowded front
 * overflows. The returned front is therefore the non-dominated set of every evaluation.
 *
 * Evaluation is a batch callback (one generation at a time), so a caller can spread it over
 * workers; the search itself is seeded (mulberry32) and its result does not depend on how
 * the batch was evaluated.
 */
import { mulberry32, type Uniform } from '../engine/pbpk/random'

/** One gene: a continuous value in [0, 1] or a choice among `options` categories. */
export type Gene = { readonly kind: 'continuous' } | { readonly kind: 'categorical'; readonly options: number }

/** A genome: continuous genes in [0, 1], categorical genes as whole option indices. */
export type Genome = ReadonlyArray<number>

/** What evaluating one genome gives. */
export interface Evaluation {
  /** Objective values, all minimised. */
  readonly objectives: ReadonlyArray<number>
  /** Total constraint violation: 0 when feasible, larger is worse (Infinity for an impossible point). */
  readonly violation: number
}

/** The problem: its genes and a batch evaluator. */
export interface Nsga2Problem {
  readonly genes: ReadonlyArray<Gene>
  readonly objectives: number
  readonly evaluate: (batch: ReadonlyArray<Genome>) => ReadonlyArray<Evaluation> | Promise<ReadonlyArray<Evaluation>>
}

/** Options of {@link nsga2}. */
export interface Nsga2Options {
  /** Evaluation budget; the run stops before a generation would exceed it. */
  readonly evaluations: number
  /** Population size (even, default 100). */
  readonly population?: number
  readonly seed: number
  /** Distribution indices of SBX and polynomial mutation (default 20 and 20). */
  readonly crossoverEta?: number
  readonly mutationEta?: number
  /**
   * Genomes placed in the first population before the random ones (e.g. the design the
   * search starts from), so the front is never worse than them.
   */
  readonly initial?: ReadonlyArray<Genome>
  /** Called after each generation with evaluations done and the budget. */
  readonly onProgress?: (done: number, total: number) => void
  /** Checked between generations; when aborted, the run stops with what it has. */
  readonly signal?: { readonly aborted: boolean }
}

/** One evaluated genome. */
export interface Individual {
  readonly genome: Genome
  readonly evaluation: Evaluation
  /** Order of evaluation (0-based), so results can be traced and tie-broken stably. */
  readonly index: number
}

/** Result of {@link nsga2}. */
export interface Nsga2Result {
  /**
   * Non-dominated feasible individuals among every evaluation (duplicates removed); when no
   * evaluation was feasible, the least-violating ones.
   */
  readonly front: ReadonlyArray<Individual>
  /** The final population. */
  readonly population: ReadonlyArray<Individual>
  readonly evaluations: number
  readonly generations: number
  readonly feasibleFound: boolean
  readonly cancelled: boolean
}

/** True when a Pareto-dominates b (minimisation: no worse in all, better in one). */
export function dominates(a: ReadonlyArray<number>, b: ReadonlyArray<number>): boolean {
  let better = false
  for (let i = 0; i < a.length; i++) {
    if (a[i]! > b[i]!) return false
    if (a[i]! < b[i]!) better = true
  }
  return better
}

/**
 * Deb's constrained domination: a feasible point beats an infeasible one; of two infeasible
 * points the smaller violation wins; of two feasible points, Pareto domination decides.
 */
export function constrainedDominates(a: Evaluation, b: Evaluation): boolean {
  const fa = a.violation <= 0
  const fb = b.violation <= 0
  if (fa && !fb) return true
  if (!fa && fb) return false
  if (!fa && !fb) return a.violation < b.violation
  return dominates(a.objectives, b.objectives)
}

/** Fast non-dominated sort (Deb 2002 §III-A): fronts as lists of indices into `evals`. */
export function nonDominatedSort(evals: ReadonlyArray<Evaluation>): number[][] {
  const n = evals.length
  const dominatedBy: number[][] = Array.from({ length: n }, () => [])
  const count = new Int32Array(n)
  const fronts: number[][] = [[]]
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (constrainedDominates(evals[p]!, evals[q]!)) { dominatedBy[p]!.push(q); count[q]!++ }
      else if (constrainedDominates(evals[q]!, evals[p]!)) { dominatedBy[q]!.push(p); count[p]!++ }
    }
  }
  for (let p = 0; p < n; p++) if (count[p] === 0) fronts[0]!.push(p)
  let i = 0
  while (fronts[i]!.length > 0) {
    const next: number[] = []
    for (const p of fronts[i]!) {
      for (const q of dominatedBy[p]!) {
        count[q]!--
        if (count[q] === 0) next.push(q)
      }
    }
    i++
    fronts.push(next)
  }
  fronts.pop()
  return fronts
}

/** Crowding distance of each member of one front (Deb 2002 §III-B); boundary points get Infinity. */
export function crowdingDistance(evals: ReadonlyArray<Evaluation>, front: ReadonlyArray<number>): Map<number, number> {
  const d = new Map<number, number>(front.map((i) => [i, 0]))
  if (front.length === 0) return d
  const m = evals[front[0]!]!.objectives.length
  for (let k = 0; k < m; k++) {
    const sorted = [...front].sort((a, b) => evals[a]!.objectives[k]! - evals[b]!.objectives[k]! || a - b)
    const lo = evals[sorted[0]!]!.objectives[k]!
    const hi = evals[sorted[sorted.length - 1]!]!.objectives[k]!
    d.set(sorted[0]!, Number.POSITIVE_INFINITY)
    d.set(sorted[sorted.length - 1]!, Number.POSITIVE_INFINITY)
    // an infinite objective (an impossible point) carries no spacing information
    if (!(hi > lo) || !Number.isFinite(hi - lo)) continue
    for (let j = 1; j < sorted.length - 1; j++) {
      const gap = evals[sorted[j + 1]!]!.objectives[k]! - evals[sorted[j - 1]!]!.objectives[k]!
      d.set(sorted[j]!, d.get(sorted[j]!)! + gap / (hi - lo))
    }
  }
  return d
}

/** Rank and crowding of every member of a set, and the indices of the best `keep` (Deb 2002 §III-C). */
function selectSurvivors(evals: ReadonlyArray<Evaluation>, keep: number): { chosen: number[]; rank: Int32Array; crowd: Float64Array } {
  const fronts = nonDominatedSort(evals)
  const rank = new Int32Array(evals.length)
  const crowd = new Float64Array(evals.length)
  const chosen: number[] = []
  fronts.forEach((front, r) => {
    const cd = crowdingDistance(evals, front)
    for (const i of front) { rank[i] = r; crowd[i] = cd.get(i)! }
    if (chosen.length >= keep) return
    if (chosen.length + front.length <= keep) chosen.push(...front)
    else {
      const byCrowd = [...front].sort((a, b) => crowd[b]! - crowd[a]! || a - b)
      chosen.push(...byCrowd.slice(0, keep - chosen.length))
    }
  })
  return { chosen, rank, crowd }
}

/** Bounded SBX on one pair of values in [0, 1] (Deb & Agrawal 1995). */
function sbxPair(y1In: number, y2In: number, eta: number, u: Uniform): [number, number] {
  if (Math.abs(y1In - y2In) < 1e-14) return [y1In, y2In]
  const y1 = Math.min(y1In, y2In)
  const y2 = Math.max(y1In, y2In)
  const spread = (beta: number, r: number): number => {
    const alpha = 2 - Math.pow(beta, -(eta + 1))
    return r <= 1 / alpha ? Math.pow(r * alpha, 1 / (eta + 1)) : Math.pow(1 / (2 - r * alpha), 1 / (eta + 1))
  }
  const r = u()
  const betaLow = 1 + (2 * y1) / (y2 - y1)
  const betaHigh = 1 + (2 * (1 - y2)) / (y2 - y1)
  let c1 = 0.5 * (y1 + y2 - spread(betaLow, r) * (y2 - y1))
  let c2 = 0.5 * (y1 + y2 + spread(betaHigh, r) * (y2 - y1))
  c1 = Math.min(1, Math.max(0, c1))
  c2 = Math.min(1, Math.max(0, c2))
  return u() < 0.5 ? [c2, c1] : [c1, c2]
}

/** Bounded polynomial mutation of a value in [0, 1] (Deb & Goyal 1996). */
function polynomialMutation(y: number, eta: number, u: Uniform): number {
  const r = u()
  const power = 1 / (eta + 1)
  let dq: number
  if (r < 0.5) {
    const v = 2 * r + (1 - 2 * r) * Math.pow(1 - y, eta + 1)
    dq = Math.pow(v, power) - 1
  } else {
    const v = 2 * (1 - r) + 2 * (r - 0.5) * Math.pow(y, eta + 1)
    dq = 1 - Math.pow(v, power)
  }
  return Math.min(1, Math.max(0, y + dq))
}

function randomGenome(genes: ReadonlyArray<Gene>, u: Uniform): number[] {
  return genes.map((g) => (g.kind === 'continuous' ? u() : Math.min(g.options - 1, Math.floor(u() * g.options))))
}

/** A stable key of a genome, to drop exact duplicates from the front. */
function genomeKey(g: Genome): string {
  return g.map((v) => v.toPrecision(15)).join(',')
}

/**
 * The non-dominated feasible members of a set of individuals (exact duplicates removed,
 * earliest kept); when none is feasible, those with the smallest violation.
 */
export function paretoFront(individuals: ReadonlyArray<Individual>): Individual[] {
  const seen = new Set<string>()
  const unique = individuals.filter((ind) => {
    const k = genomeKey(ind.genome)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
  const feasible = unique.filter((i) => i.evaluation.violation <= 0)
  if (feasible.length === 0) {
    // a loop, not Math.min(...array): spreading 10⁵–10⁶ archived evaluations overflows the call stack
    const least = unique.reduce((m, i) => Math.min(m, i.evaluation.violation), Number.POSITIVE_INFINITY)
    return unique.filter((i) => i.evaluation.violation === least)
  }
  // One pass keeping the current non-dominated set: O(n · |front|) instead of O(n²).
  let front: Individual[] = []
  for (const cand of feasible) {
    if (front.some((m) => dominates(m.evaluation.objectives, cand.evaluation.objectives))) continue
    front = front.filter((m) => !dominates(cand.evaluation.objectives, m.evaluation.objectives))
    front.push(cand)
  }
  return front.sort((a, b) => a.index - b.index)
}

/**
 * Runs NSGA-II within the evaluation budget: an initial random population, then generations
 * of tournament selection, crossover, mutation and (μ + λ) survival by rank and crowding.
 */
export async function nsga2(problem: Nsga2Problem, options: Nsga2Options): Promise<Nsga2Result> {
  const genes = problem.genes
  if (genes.length === 0) throw new Error('NSGA-II: the problem has no genes to vary')
  for (const g of genes) if (g.kind === 'categorical' && !(Number.isInteger(g.options) && g.options >= 1)) throw new Error('NSGA-II: a categorical gene needs at least one option')
  let popSize = options.population ?? 100
  if (!Number.isInteger(popSize) || popSize < 4) throw new Error(`NSGA-II: the population must be a whole number of at least 4, got ${popSize}`)
  if (popSize % 2 === 1) popSize += 1
  if (!(options.evaluations >= popSize)) throw new Error(`NSGA-II: the budget (${options.evaluations}) must cover at least one population (${popSize})`)
  const etaC = options.crossoverEta ?? 20
  const etaM = options.mutationEta ?? 20
  const pMut = 1 / genes.length
  const u = mulberry32(options.seed)
  const archive: Individual[] = []

  const evaluate = async (genomes: number[][]): Promise<Individual[]> => {
    const evals = await problem.evaluate(genomes)
    if (evals.length !== genomes.length) throw new Error(`NSGA-II: the evaluator returned ${evals.length} results for ${genomes.length} genomes`)
    return genomes.map((genome, i) => {
      const e = evals[i]!
      if (e.objectives.length !== problem.objectives) throw new Error(`NSGA-II: expected ${problem.objectives} objectives, got ${e.objectives.length}`)
      const bad = e.objectives.some((v) => !Number.isFinite(v))
      // a non-finite objective cannot be ranked: treat the point as impossible
      const evaluation = bad ? { objectives: e.objectives.map(() => Number.POSITIVE_INFINITY), violation: Number.POSITIVE_INFINITY } : e
      const ind = { genome, evaluation, index: archive.length }
      archive.push(ind)
      return ind
    })
  }

  const seeded = (options.initial ?? []).slice(0, popSize).map((g, n) => {
    if (g.length !== genes.length) throw new Error(`NSGA-II: initial genome ${n} has ${g.length} genes, the problem ${genes.length}`)
    return genes.map((gene, i) => (gene.kind === 'continuous'
      ? Math.min(1, Math.max(0, g[i]!))
      : Math.min(gene.options - 1, Math.max(0, Math.round(g[i]!)))))
  })
  let population = await evaluate([...seeded, ...Array.from({ length: popSize - seeded.length }, () => randomGenome(genes, u))])
  options.onProgress?.(archive.length, options.evaluations)
  let { rank, crowd } = selectSurvivors(population.map((p) => p.evaluation), popSize)
  let generations = 0
  let cancelled = false
  while (archive.length + popSize <= options.evaluations) {
    if (options.signal?.aborted) { cancelled = true; break }
    const tournament = (): number => {
      const a = Math.floor(u() * population.length)
      const b = Math.floor(u() * population.length)
      if (rank[a]! !== rank[b]!) return rank[a]! < rank[b]! ? a : b
      if (crowd[a]! !== crowd[b]!) return crowd[a]! > crowd[b]! ? a : b
      return u() < 0.5 ? a : b
    }
    const children: number[][] = []
    while (children.length < popSize) {
      const p1 = population[tournament()]!.genome
      const p2 = population[tournament()]!.genome
      const c1 = [...p1]
      const c2 = [...p2]
      genes.forEach((g, i) => {
        if (u() >= 0.5) return
        if (g.kind === 'continuous') [c1[i], c2[i]] = sbxPair(p1[i]!, p2[i]!, etaC, u)
        else [c1[i], c2[i]] = [p2[i]!, p1[i]!]
      })
      for (const c of [c1, c2]) {
        genes.forEach((g, i) => {
          if (u() >= pMut) return
          if (g.kind === 'continuous') c[i] = polynomialMutation(c[i]!, etaM, u)
          else if (g.options > 1) c[i] = (c[i]! + 1 + Math.floor(u() * (g.options - 1))) % g.options
        })
        children.push(c)
      }
    }
    const offspring = await evaluate(children)
    const merged = [...population, ...offspring]
    const s = selectSurvivors(merged.map((p) => p.evaluation), popSize)
    population = s.chosen.map((i) => merged[i]!)
    rank = Int32Array.from(s.chosen, (i) => s.rank[i]!)
    crowd = Float64Array.from(s.chosen, (i) => s.crowd[i]!)
    generations++
    options.onProgress?.(archive.length, options.evaluations)
  }
  return {
    front: paretoFront(archive),
    population,
    evaluations: archive.length,
    generations,
    feasibleFound: archive.some((a) => a.evaluation.violation <= 0),
    cancelled,
  }
}

/**
 * Hypervolume of a two-objective point set (minimisation) with respect to a reference point:
 * the area dominated by the set and bounded by the reference (Zitzler & Thiele 1998). Points
 * not strictly better than the reference in both objectives add nothing.
 */
export function hypervolume2d(points: ReadonlyArray<readonly [number, number]>, reference: readonly [number, number]): number {
  const inside = points.filter(([a, b]) => a < reference[0] && b < reference[1]).sort((p, q) => p[0] - q[0] || p[1] - q[1])
  let area = 0
  let bestF2 = reference[1]
  for (const [f1, f2] of inside) {
    if (f2 >= bestF2) continue
    area += (reference[0] - f1) * (bestF2 - f2)
    bestF2 = f2
  }
  return area
}
