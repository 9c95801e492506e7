/**
 * The nanoparticle PBPK ODE system (science brief §2.1.2), as a sparse list of transfers
 * between typed-array states, with its right-hand side, analytic Jacobian (as a list of
 * entries) and explicit time derivative.
 *
 * States are amounts in percent of the injected dose (%ID; capacity terms convert to particles
 * with the dosed particle number, pbpk.json modifiers.saturation). Layout ({@link StateLayout},
 * read through its accessors, never by index arithmetic): for compartment j of
 * `params.compartments` its capillary blood, tissue and phagocytic cells (PC); then arterial
 * blood, venous blood, urine, faeces, and carrier degraded in the PC of each compartment (one
 * accumulator per compartment, so a residualizing label's signal can be attributed to its
 * tissue). When a release hazard is coupled, a second block
 * carries the drug still inside particles (same transport, brief §4 note 6) plus the
 * released-drug accumulators (blood, target, other — see ReleaseTarget) and the drug
 * excreted inside intact particles. Accumulators (excreta, degraded, released drug) feed
 * nothing back: they are left out of the error norm and out of the LU elimination (leaf
 * states, see rosenbrock.ts) but stay in the Rosenbrock step, so balances stay exact.
 *
 * Equations (brief §2.1.2):
 *   capillary: dA_b/dt = Q(C_A − C_b) − PA·C_b + PA·C_t/P − [liver: K_up·A_b] − [kidney: urine]
 *   tissue:    dA_t/dt = PA·C_b − PA·C_t/P − K_up·A_t + K_rel·A_PC − [liver: bile]
 *   PC:        dA_PC/dt = K_up·A_src − K_rel·A_PC − k_deg·A_PC
 *   K_up(t) = [K_max · tⁿ/(K_50ⁿ + tⁿ) + K_rec] · S(A_PC),  S = f_ns + (1 − f_ns)/(1 + A_PC/Cap)
 *   (Hill × saturation, §2.1.2; K_rec = undelayed uptake: cell-site ligands on the inflamed
 *   target, whose receptors are expressed at injection in established disease, §2.6.2; and the
 *   liver's uptake of large particles, immediate after Lin 2016). Cap is the phagocytes'
 *   half-saturation load in particles (Ouyang 2020: ~1e12 in a mouse liver); the hyperbolic
 *   form is smooth in dose and f_ns keeps a non-saturable share (LSEC, hepatocytes), so a high
 *   dose slows clearance without stopping it. Splenic red-pulp filtration (E·Q/V_capillary from
 *   capillary blood) feeds the same phagocytes with the same saturation.
 * Lungs take the whole cardiac output from venous blood; spleen, GI and pancreas drain into
 * liver capillary blood (portal flow); the liver receives hepatic-artery blood besides.
 */
import type { CompartmentParameters, ModelParameters } from './parameters'
import type { ReleaseEnvironment, ReleaseHazard } from './types'

const ENVIRONMENTS: ReadonlyArray<ReleaseEnvironment> = ['plasma', 'inflamed', 'endolysosome']

/**
 * A release hazard that can also give all three environments' rates, and their time
 * derivatives, in one call (the Monte Carlo's tabulated hazards, monte-carlo.ts). Why: the
 * solver needs the three rates at every stage point and their slopes once a step; one table
 * lookup for all three (and the interpolant's exact slope instead of a forward difference,
 * which would look the table up again) takes about a quarter off a Monte Carlo step.
 * `rates[e]` and `slopes[e]` follow the order plasma, inflamed, endolysosome, and must equal
 * what the function itself returns (and its derivative).
 */
export interface AllEnvironmentsHazard extends ReleaseHazard {
  readonly allEnvironments: (tH: number, rates: Float64Array, slopes?: Float64Array) => void
}

/**
 * Step (h) of the forward difference that stands for a hazard's slope ∂r/∂t where the hazard
 * gives none: 1e-6 h, relative beyond 1 h so late ages are resolved too. One rule for the
 * system's plain-hazard path and for every hazard that answers `allEnvironments` with a
 * difference (the release engine's, the Monte Carlo table's edges), so both paths agree.
 */
export function hazardSlopeStepH(tH: number): number {
  return 1e-6 * Math.max(1, Math.abs(tH))
}

/** Whether `hazard` has the three-environment fast path. */
export function hasAllEnvironments(hazard: ReleaseHazard | undefined): hazard is AllEnvironmentsHazard {
  return typeof (hazard as Partial<AllEnvironmentsHazard> | undefined)?.allEnvironments === 'function'
}

/** Index layout of the state vector (see the module comment). */
export interface StateLayout {
  /** Number of model compartments (`params.compartments.length`). */
  readonly compartments: number
  /** Capillary blood of compartment j. */
  capillary(j: number): number
  /** Tissue (interstitium and parenchyma) of compartment j. */
  tissue(j: number): number
  /** Phagocytic cells of compartment j. */
  phagocytes(j: number): number
  /** Accumulator of carrier degraded in compartment j's phagocytes. */
  degradedIn(j: number): number
  readonly arterial: number
  readonly venous: number
  readonly urine: number
  readonly feces: number
  /** Transport states: every compartment's three, arterial and venous blood (the drug block mirrors them). */
  readonly transportStates: number
  /** Number of particle states. */
  readonly particleStates: number
  /** Whether the drug block (release) is coupled. */
  readonly coupled: boolean
  /** Drug still inside particles in transport state i (i < transportStates); −1 when release is not coupled. */
  drugIn(i: number): number
  readonly drugExcreted: number
  readonly releasedBlood: number
  /** Drug released in the target (see {@link ReleaseTarget}) and in all other tissues. */
  readonly releasedTarget: number
  readonly releasedOther: number
  readonly size: number
}

/**
 * The state layout for `compartments` compartments, with the drug block when `coupled`.
 * Order: [capillary, tissue, PC] per compartment, arterial, venous, urine, faeces, degraded
 * per compartment; then the drug block (transport states mirrored, drug excreted inside
 * particles, released in blood / target / other).
 */
export function createStateLayout(compartments: number, coupled: boolean): StateLayout {
  const STATES_PER_COMPARTMENT = 3
  const arterial = STATES_PER_COMPARTMENT * compartments
  const transportStates = arterial + 2
  const degraded0 = arterial + 4
  const particleStates = degraded0 + compartments
  const drug0 = coupled ? particleStates : -1
  const drugExcreted = coupled ? particleStates + transportStates : -1
  const releasedBlood = coupled ? drugExcreted + 1 : -1
  return {
    compartments,
    capillary: (j) => STATES_PER_COMPARTMENT * j,
    tissue: (j) => STATES_PER_COMPARTMENT * j + 1,
    phagocytes: (j) => STATES_PER_COMPARTMENT * j + 2,
    degradedIn: (j) => degraded0 + j,
    arterial, venous: arterial + 1, urine: arterial + 2, feces: arterial + 3,
    transportStates, particleStates, coupled,
    drugIn: (i) => (coupled ? drug0 + i : -1),
    drugExcreted, releasedBlood,
    releasedTarget: coupled ? releasedBlood + 1 : -1,
    releasedOther: coupled ? releasedBlood + 2 : -1,
    size: coupled ? releasedBlood + 3 : particleStates,
  }
}

/** A compiled ODE system: sparse transfers, RHS and iteration-matrix assembly. */
export interface PbpkSystem {
  readonly layout: StateLayout
  readonly size: number
  /** Positions (row·size + column) of the Jacobian entries `jacobian` writes, in its order. */
  readonly jacobianPattern: Int32Array
  /** Turns the venous infusion of the bolus on or off (brief Part 4 note 2). */
  setInfusion(ratePercentPerH: number): void
  /** dy/dt at (t, y). */
  rhs(t: number, y: Float64Array, dy: Float64Array): void
  /** Values of the Jacobian entries at (t, y), in the order of `jacobianPattern`. */
  jacobian(t: number, y: Float64Array, values: Float64Array): void
  /** The first entries of the Jacobian, which never change (the linear transfers). */
  readonly constantJacobianEntries: number
  /** ∂f/∂t at (t, y): the Hill activation (analytic) and the release hazard (its own slope, or a difference). */
  timeDerivative(t: number, y: Float64Array, out: Float64Array): void
  /** 1 for error-controlled states; 0 for the accumulators (excreta, degraded, released drug). */
  readonly errorMask: Uint8Array
}

/** Hill time activation tⁿ/(K_50ⁿ + tⁿ) (brief §2.1.2 form (a)); 1 when K_50 = 0. */
export function hillActivation(tH: number, k50H: number, n: number): number {
  if (k50H <= 0) return 1
  if (tH <= 0) return 0
  const tn = fastPow(tH, n)
  return tn / (fastPow(k50H, n) + tn)
}

/** d/dt of {@link hillActivation}: n·K_50ⁿ·tⁿ⁻¹/(K_50ⁿ + tⁿ)²; 0 when K_50 = 0. */
export function hillActivationRate(tH: number, k50H: number, n: number): number {
  if (k50H <= 0 || tH <= 0) return 0
  const tn = fastPow(tH, n)
  const kn = fastPow(k50H, n)
  const d = kn + tn
  return (n * kn * tn) / (tH * d * d)
}

/** x^n with fast paths for the exponents of the data (0.5 and small integers). */
function fastPow(x: number, n: number): number {
  if (n === 0.5) return Math.sqrt(x)
  if (n === 5) { const x2 = x * x; return x2 * x2 * x }
  if (n === 1) return x
  return Math.pow(x, n)
}

/**
 * Which compartments' drug release counts as "released in the target" (brief Part 4 note 6:
 * inflamed-site tissue and phagocytes for deliver/image; spleen and liver phagocytes for
 * tolerize). Indices into `params.compartments`.
 */
export interface ReleaseTarget {
  readonly tissue: ReadonlyArray<number>
  readonly pc: ReadonlyArray<number>
}

/** No target (healthy context): all tissue release is "other". */
export const NO_RELEASE_TARGET: ReleaseTarget = { tissue: [], pc: [] }

/** The release target of a goal for resolved parameters. */
export function releaseTargetFor(params: ModelParameters, goal: string): ReleaseTarget {
  const comps = params.compartments
  if (goal === 'tolerize') {
    const pc = ['liver', 'spleen'].map((k) => comps.findIndex((c) => c.key === k)).filter((j) => j >= 0)
    return { tissue: [], pc }
  }
  return params.targetIndex >= 0 ? { tissue: [params.targetIndex], pc: [params.targetIndex] } : NO_RELEASE_TARGET
}

/**
 * A growable typed column, reused by every {@link buildSystem} call of a thread (a build runs
 * to its end before the next starts). Why: a Monte Carlo run builds a system per sample, and
 * its ~15 number[] lists and their typed copies were ~1000 allocations a sample.
 */
class Column<A extends Int32Array | Float64Array> {
  values: A
  length = 0
  constructor(private readonly make: (n: number) => A) { this.values = make(64) }
  push(v: number): void {
    if (this.length === this.values.length) {
      const grown = this.make(2 * this.length)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length++] = v
  }
  /** Whether `a` holds exactly this column's values. */
  equals(a: A): boolean {
    if (a.length !== this.length) return false
    const v = this.values
    for (let i = 0; i < a.length; i++) if (a[i] !== v[i]) return false
    return true
  }
  /** A copy of the values, the column's own length. */
  copy(): A { return this.values.slice(0, this.length) as A }
}
const ints = (): Column<Int32Array> => new Column((n) => new Int32Array(n))
const floats = (): Column<Float64Array> => new Column((n) => new Float64Array(n))
const BUILD = {
  lf: ints(), lt: ints(), lk: floats(),
  uSrc: ints(), uPc: ints(), uKmax: floats(), uK50: floats(), uN: floats(), uCapInv: floats(), uRec: floats(),
  rf: ints(), rt: ints(), re: ints(),
}

/**
 * The index arrays of a system that depend only on which transfers exist (never written after
 * the build, so systems of the same structure share them): the last built, reused when the
 * next build has the same transfers (a Monte Carlo run: every sample of a design).
 */
interface SystemStructure {
  readonly compartments: number
  readonly coupled: boolean
  readonly LF: Int32Array
  readonly LT: Int32Array
  readonly US: Int32Array
  readonly UP: Int32Array
  readonly RF: Int32Array
  readonly RT: Int32Array
  readonly RE: Int32Array
  readonly jacobianPattern: Int32Array
  readonly errorMask: Uint8Array
}
let lastStructure: SystemStructure | undefined

/**
 * Positions (row·size + column) of the Jacobian entries, in the order `jacobian` writes them:
 * a transfer from→to with rate k·y[from] gives J[to][from] = +k and J[from][from] = −k; linear
 * transfers first, then per uptake route its four entries (and its drug block's), then the
 * release transfers.
 */
function jacobianPatternOf(
  size: number, drugShift: number, coupled: boolean,
  LF: Int32Array, LT: Int32Array, US: Int32Array, UP: Int32Array, RF: Int32Array, RT: Int32Array,
): Int32Array {
  const jp: number[] = []
  const pos = (i: number, j: number): number => i * size + j
  for (let e = 0; e < LF.length; e++) jp.push(pos(LT[e], LF[e]), pos(LF[e], LF[e]))
  for (let e = 0; e < US.length; e++) {
    const src = US[e]
    const pc = UP[e]
    jp.push(pos(pc, src), pos(src, src), pos(pc, pc), pos(src, pc))
    if (coupled) jp.push(pos(drugShift + pc, drugShift + src), pos(drugShift + src, drugShift + src), pos(drugShift + pc, pc), pos(drugShift + src, pc))
  }
  for (let e = 0; e < RF.length; e++) jp.push(pos(RT[e], RF[e]), pos(RF[e], RF[e]))
  return Int32Array.from(jp)
}

/**
 * Builds the ODE system for resolved parameters. `hazard` couples drug release (optional);
 * `target` says which released drug is counted as released in the target.
 */
export function buildSystem(params: ModelParameters, hazard?: ReleaseHazard, target: ReleaseTarget = NO_RELEASE_TARGET): PbpkSystem {
  const comps = params.compartments
  const nC = comps.length
  const coupled = hazard !== undefined
  const layout = createStateLayout(nC, coupled)
  const { arterial: art, venous: ven, urine, feces, size, drugExcreted, releasedBlood, releasedTarget, releasedOther } = layout
  const { capillary, tissue, phagocytes } = layout
  // The drug block mirrors the transport states at a fixed offset (hot loops add it to a
  // particle state index instead of calling drugIn).
  const drugShift = coupled ? layout.drugIn(0) : 0
  const tissueSink = (j: number): number => (target.tissue.includes(j) ? releasedTarget : releasedOther)
  const pcSink = (j: number): number => (target.pc.includes(j) ? releasedTarget : releasedOther)

  // Linear transfers (from, to, k); the drug block duplicates them with mapped indices.
  const { lf, lt, lk, uSrc, uPc, uKmax, uK50, uN, uCapInv, uRec, rf, rt, re } = BUILD
  for (const c of Object.values(BUILD)) c.length = 0
  const drugIndex = (i: number): number => {
    if (i < layout.transportStates) return layout.drugIn(i)
    if (i === urine || i === feces) return drugExcreted
    return -1
  }
  const addLinear = (from: number, to: number, k: number, drugTo?: number): void => {
    if (!(k > 0)) return
    lf.push(from); lt.push(to); lk.push(k)
    if (coupled) {
      const df = drugIndex(from)
      const dt = drugTo ?? drugIndex(to)
      lf.push(df); lt.push(dt); lk.push(k)
    }
  }
  const liver = comps.findIndex((c) => c.key === 'liver')
  const lungs = comps.findIndex((c) => c.key === 'lungs')
  if (liver < 0 || lungs < 0) throw new Error('pbpk: liver and lungs compartments are required')
  const qc = params.cardiacOutputLPerH
  let liverOutflow = 0
  comps.forEach((c, j) => {
    const b = capillary(j)
    const t = tissue(j)
    const pc = phagocytes(j)
    if (j === lungs) {
      addLinear(ven, b, qc / params.venousVolumeL)
      addLinear(b, art, qc / c.capillaryVolumeL)
    } else {
      addLinear(art, b, c.flowLPerH / params.arterialVolumeL)
      if (c.portal) {
        addLinear(b, capillary(liver), c.flowLPerH / c.capillaryVolumeL)
        liverOutflow += c.flowLPerH
      } else if (j !== liver) {
        addLinear(b, ven, c.flowLPerH / c.capillaryVolumeL)
      }
      if (j === liver) liverOutflow += c.flowLPerH
    }
    addLinear(b, t, c.paLPerH / c.capillaryVolumeL)
    addLinear(t, b, c.paLPerH / (c.partition * c.tissueVolumeL))
    const src = c.uptakeSource === 'capillary' ? b : t
    addLinear(pc, src, c.kRelPerH)
    addLinear(pc, layout.degradedIn(j), c.degradationPerH, coupled ? pcSink(j) : undefined)
    if (c.key === 'kidneys') addLinear(b, urine, params.urineClearanceLPerH / c.capillaryVolumeL)
    if (j === liver) addLinear(t, feces, params.bileClearanceLPerH / c.tissueVolumeL)
  })
  addLinear(capillary(liver), ven, liverOutflow / comps[liver].capillaryVolumeL)

  // Capacity-limited, time-activated PC uptake (nonlinear).
  /** One saturable route into a compartment's cells: Hill-delayed K_max and/or undelayed rate. */
  const addUptake = (src: number, pc: number, rec: number, kMax: number, c: CompartmentParameters, capInv: number): void => {
    uSrc.push(src)
    uPc.push(pc)
    uRec.push(rec)
    uKmax.push(kMax)
    uK50.push(c.k50H)
    uN.push(c.hillN)
    uCapInv.push(capInv)
  }
  comps.forEach((c, j) => {
    const rec = c.undelayedUptakePerH > 0 ? c.undelayedUptakePerH : 0
    // A_PC[particles] = y[%ID]·N_dose/100; saturation S(A_PC/Cap), Cap in particles
    const capInv = c.capacityParticles > 0 ? params.doseParticles / (100 * c.capacityParticles) : 0
    if ((c.kMaxPerH > 0 && c.capacityParticles > 0) || rec > 0) {
      addUptake(c.uptakeSource === 'capillary' ? capillary(j) : tissue(j), phagocytes(j), rec, c.kMaxPerH > 0 && c.capacityParticles > 0 ? c.kMaxPerH : 0, c, capInv)
    }
    // endothelial capture (ligand-bound and off-target): from capillary blood, at once, and
    // saturable with the organ's capacity like every other route into its cells. Why: as a
    // linear, unbounded sink it made any long-circulating particle with an endothelial ligand
    // end up in the lesion (80 %ID in a nephritic rat kidney at 24 h with a 2× gain); the bound
    // particles are internalised by the lesion's cells and fill their capacity (an engine
    // assumption, [U]: no published endothelial binding capacity per organ).
    if (c.endothelialCapturePerH > 0) addUptake(capillary(j), phagocytes(j), c.endothelialCapturePerH, 0, c, capInv)
    // red-pulp retention: from capillary blood, at once (no Hill delay), same saturation
    if (c.filtrationPerH > 0) addUptake(capillary(j), phagocytes(j), c.filtrationPerH, 0, c, capInv)
  })
  const fNs = params.nonSaturableFraction
  // S(A_PC) and −∂S/∂A_PC; a (round-off) negative load counts as empty
  const saturation = (load: number, capInv: number): number => fNs + (1 - fNs) / (1 + (load > 0 ? load : 0) * capInv)
  const saturationSlope = (load: number, capInv: number): number => {
    const x = 1 + (load > 0 ? load : 0) * capInv
    return ((1 - fNs) * capInv) / (x * x)
  }

  // Release transfers (drug block only): env 0 plasma, 1 inflamed, 2 endolysosome.
  if (coupled) {
    for (let j = 0; j < nC; j++) {
      rf.push(layout.drugIn(capillary(j))); rf.push(layout.drugIn(tissue(j))); rf.push(layout.drugIn(phagocytes(j)))
      rt.push(releasedBlood); rt.push(tissueSink(j)); rt.push(pcSink(j))
      re.push(0); re.push(comps[j].inflamed ? 1 : 0); re.push(2)
    }
    rf.push(layout.drugIn(art)); rf.push(layout.drugIn(ven))
    rt.push(releasedBlood); rt.push(releasedBlood)
    re.push(0); re.push(0)
  }

  // the index arrays: the last build's when the transfers are the same (SystemStructure)
  const prior = lastStructure
  const same = prior !== undefined && prior.compartments === nC && prior.coupled === coupled &&
    lf.equals(prior.LF) && lt.equals(prior.LT) && uSrc.equals(prior.US) && uPc.equals(prior.UP) &&
    rf.equals(prior.RF) && rt.equals(prior.RT) && re.equals(prior.RE)
  const LF = same ? prior.LF : lf.copy()
  const LT = same ? prior.LT : lt.copy()
  const LK = lk.copy()
  const US = same ? prior.US : uSrc.copy()
  const UP = same ? prior.UP : uPc.copy()
  const UK = uKmax.copy()
  const UC = uCapInv.copy()
  const UR = uRec.copy()
  // Hill activation groups: edges sharing (K_50, n) share one evaluation per time point.
  const nU = US.length
  const UG = new Int32Array(nU)
  const g50: number[] = []
  const gN: number[] = []
  for (let e = 0; e < nU; e++) {
    const k50 = uK50.values[e]
    const n = uN.values[e]
    let g = 0
    while (g < g50.length && !(g50[g] === k50 && gN[g] === n)) g++
    if (g === g50.length) { g50.push(k50); gN.push(n) }
    UG[e] = g
  }
  const nGroups = g50.length
  const G50 = Float64Array.from(g50)
  const GN = Float64Array.from(gN)
  const act = new Float64Array(nGroups)
  const actRate = new Float64Array(nGroups)
  let actT = Number.NaN
  const activations = (t: number): void => {
    if (t === actT) return
    for (let g = 0; g < nGroups; g++) act[g] = hillActivation(t, G50[g], GN[g])
    actT = t
  }
  const RF = same ? prior.RF : rf.copy()
  const RT = same ? prior.RT : rt.copy()
  const RE = same ? prior.RE : re.copy()
  const nL = LF.length
  const nR = RF.length
  const hz = new Float64Array(3)
  let infusion = 0

  let hzT = Number.NaN
  // a rate that is not a finite positive number counts as no release
  const valid = (v: number): number => (Number.isFinite(v) && v > 0 ? v : 0)
  const hazardAt = (e: number, t: number): number => (hazard ? valid(hazard(ENVIRONMENTS[e], t)) : 0)
  const batch = hasAllEnvironments(hazard) ? hazard.allEnvironments : undefined
  const hzRaw = new Float64Array(3)
  const hazards = (t: number): void => {
    if (!hazard || t === hzT) return
    if (batch) {
      batch(t, hzRaw)
      for (let e = 0; e < 3; e++) hz[e] = valid(hzRaw[e])
    } else for (let e = 0; e < 3; e++) hz[e] = hazardAt(e, t)
    hzT = t
  }
  const hzRate = new Float64Array(3)
  const hzSlope = new Float64Array(3)
  // ∂r/∂t of every environment at t: the hazard's own slopes when it has them (zero where the
  // rate is clipped to 0), else a forward difference (a function from the release engine)
  const hazardRates = (t: number): void => {
    if (batch) {
      batch(t, hzRaw, hzSlope)
      for (let e = 0; e < 3; e++) {
        hz[e] = valid(hzRaw[e])
        const rising = hz[e] > 0 || (hzRaw[e] === 0 && hzSlope[e] > 0)
        hzRate[e] = rising && Number.isFinite(hzSlope[e]) ? hzSlope[e] : 0
      }
      hzT = t
      return
    }
    const dt = hazardSlopeStepH(t)
    hazards(t)
    for (let e = 0; e < 3; e++) hzRate[e] = (hazardAt(e, t + dt) - hz[e]) / dt
  }

  // Release transfers move drug from a transport state into one of the three released-drug
  // accumulators. Why in registers: every transfer adds to one of three elements of dy, and a
  // read-modify-write of the same element per transfer waits for the previous store (~12 % of
  // the right-hand side); each accumulator still receives the same terms in the same order.
  // Only when every destination is one of them (checked, as buildSystem makes them).
  let toAccumulators = coupled
  for (let e = 0; toAccumulators && e < nR; e++) toAccumulators = RT[e] === releasedBlood || RT[e] === releasedTarget || RT[e] === releasedOther
  const release = (rate: Float64Array, y: Float64Array, d: Float64Array): void => {
    if (!toAccumulators) {
      for (let e = 0; e < nR; e++) {
        const f = rate[RE[e]] * y[RF[e]]
        d[RF[e]] -= f
        d[RT[e]] += f
      }
      return
    }
    let blood = d[releasedBlood]
    let inTarget = d[releasedTarget]
    let other = d[releasedOther]
    for (let e = 0; e < nR; e++) {
      const f = rate[RE[e]] * y[RF[e]]
      d[RF[e]] -= f
      const to = RT[e]
      if (to === releasedBlood) blood += f
      else if (to === releasedTarget) inTarget += f
      else other += f
    }
    d[releasedBlood] = blood
    d[releasedTarget] = inTarget
    d[releasedOther] = other
  }

  // ∂f/∂t: only the Hill activation and the hazard depend on t explicitly (the infusion is a
  // step function, constant within each integration segment).
  const timeDerivative = (t: number, y: Float64Array, out: Float64Array): void => {
    out.fill(0)
    for (let g = 0; g < nGroups; g++) actRate[g] = hillActivationRate(t, G50[g], GN[g])
    for (let e = 0; e < nU; e++) {
      const rate = actRate[UG[e]]
      if (rate === 0) continue
      const src = US[e]
      const pc = UP[e]
      const k = UK[e] * saturation(y[pc], UC[e]) * rate
      const f = k * y[src]
      out[src] -= f
      out[pc] += f
      if (coupled) {
        const fd = k * y[drugShift + src]
        out[drugShift + src] -= fd
        out[drugShift + pc] += fd
      }
    }
    if (coupled) {
      hazardRates(t)
      release(hzRate, y, out)
    }
  }
  const errorMask = same ? prior.errorMask : new Uint8Array(size).fill(1)
  if (!same) {
    errorMask[urine] = 0
    errorMask[feces] = 0
    for (let j = 0; j < nC; j++) errorMask[layout.degradedIn(j)] = 0
    if (coupled) {
      errorMask[drugExcreted] = 0
      for (let i = releasedBlood; i < size; i++) errorMask[i] = 0
    }
  }

  // With release coupled, addLinear writes each transfer as a pair: the particles' (even e),
  // then the drug block's with the same rate (e + 1). The right-hand side takes a pair at a time
  // (one rate load, one loop step for two transfers: ~10 % off the right-hand side), with the
  // same operations on every dy element in the same order; checked here, not assumed.
  let paired = coupled && nL % 2 === 0
  for (let e = 0; paired && e < nL; e += 2) paired = LK[e] === LK[e + 1]
  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    dy.fill(0)
    if (paired) {
      for (let e = 0; e < nL; e += 2) {
        const k = LK[e]
        const from = LF[e]
        const drugFrom = LF[e + 1]
        const f = k * y[from]
        const fd = k * y[drugFrom]
        dy[from] -= f
        dy[LT[e]] += f
        dy[drugFrom] -= fd
        dy[LT[e + 1]] += fd
      }
    } else {
      for (let e = 0; e < nL; e++) {
        const f = LK[e] * y[LF[e]]
        dy[LF[e]] -= f
        dy[LT[e]] += f
      }
    }
    activations(t)
    for (let e = 0; e < nU; e++) {
      const src = US[e]
      const pc = UP[e]
      const k = (UK[e] * act[UG[e]] + UR[e]) * saturation(y[pc], UC[e])
      const f = k * y[src]
      dy[src] -= f
      dy[pc] += f
      if (coupled) {
        const fd = k * y[drugShift + src]
        dy[drugShift + src] -= fd
        dy[drugShift + pc] += fd
      }
    }
    if (coupled) {
      hazards(t)
      release(hz, y, dy)
    }
    if (infusion > 0) {
      dy[ven] += infusion
      if (coupled) dy[drugShift + ven] += infusion
    }
  }

  // Jacobian as a list of entries (flat positions row·n + column), in the order `jacobian`
  // writes them: a transfer from→to with rate k·y[from] gives J[to][from] = +k and
  // J[from][from] = −k. Linear transfers first (constant values, copied each time).
  const linVals = new Float64Array(2 * nL)
  for (let e = 0; e < nL; e++) { linVals[2 * e] = LK[e]; linVals[2 * e + 1] = -LK[e] }
  // uptake: f = K·S(A_PC)·A_src with K = K_max·act(t) + K_rec, S = f_ns + (1 − f_ns)/(1 + x),
  // x = A_PC·capInv: ∂f/∂A_src = K·S; ∂f/∂A_PC = −K·(1 − f_ns)·capInv/(1 + x)²·A_src
  const jacobianPattern = same ? prior.jacobianPattern : jacobianPatternOf(size, drugShift, coupled, LF, LT, US, UP, RF, RT)
  if (!same) lastStructure = { compartments: nC, coupled, LF, LT, US, UP, RF, RT, RE, jacobianPattern, errorMask }

  const jacobian = (t: number, y: Float64Array, v: Float64Array): void => {
    v.set(linVals)
    let q = 2 * nL
    activations(t)
    for (let e = 0; e < nU; e++) {
      const src = US[e]
      const pc = UP[e]
      const kAct = UK[e] * act[UG[e]] + UR[e]
      const k = kAct * saturation(y[pc], UC[e])
      const dpc = -kAct * saturationSlope(y[pc], UC[e])
      const a = dpc * y[src]
      v[q++] = k; v[q++] = -k; v[q++] = a; v[q++] = -a
      if (coupled) {
        const ad = dpc * y[drugShift + src]
        v[q++] = k; v[q++] = -k; v[q++] = ad; v[q++] = -ad
      }
    }
    if (coupled) {
      hazards(t)
      for (let e = 0; e < nR; e++) {
        const k = hz[RE[e]]
        v[q++] = k; v[q++] = -k
      }
    }
  }

  return {
    layout, size, jacobianPattern, constantJacobianEntries: 2 * nL,
    setInfusion: (rate: number) => { infusion = rate },
    rhs, jacobian, timeDerivative, errorMask,
  }
}
