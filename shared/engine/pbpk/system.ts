/**
 * The nanoparticle PBPK ODE system (science brief §2.1.2), as a sparse list of transfers
 * between typed-array states, with its right-hand side and the Rosenbrock iteration matrix.
 *
 * States are amounts in percent of the injected dose (%ID; capacity terms convert to µg with
 * the dose, brief Part 4 note 1). Layout, for compartment j of `params.compartments`:
 * capillary blood 3j, tissue 3j+1, phagocytic cells (PC) 3j+2; then arterial blood, venous
 * blood, urine, faeces, degraded carrier. When a release hazard is coupled, a second block
 * carries the drug still inside particles (same transport, brief §4 note 6) plus the
 * released-drug accumulators (blood; tissue and PC of each compartment) and the drug
 * excreted inside intact particles.
 *
 * Equations (brief §2.1.2):
 *   capillary: dA_b/dt = Q(C_A − C_b) − PA·C_b + PA·C_t/P − [liver: K_up·A_b] − [kidney: urine]
 *   tissue:    dA_t/dt = PA·C_b − PA·C_t/P − K_up·A_t + K_rel·A_PC − [liver: bile]
 *   PC:        dA_PC/dt = K_up·A_src − K_rel·A_PC − k_deg·A_PC
 *   K_up(t) = K_max · tⁿ/(K_50ⁿ + tⁿ) · max(0, 1 − A_PC/(Cap·m))   (Hill × capacity, §2.1.2)
 * Lungs take the whole cardiac output from venous blood; spleen, GI and pancreas drain into
 * liver capillary blood (portal flow); the liver receives hepatic-artery blood besides.
 */
import type { ModelParameters } from './parameters'
import type { ReleaseEnvironment, ReleaseHazard } from './types'

const ENVIRONMENTS: ReadonlyArray<ReleaseEnvironment> = ['plasma', 'inflamed', 'endolysosome']

/** Index layout of the state vector (see the module comment). */
export interface StateLayout {
  readonly compartments: number
  readonly arterial: number
  readonly venous: number
  readonly urine: number
  readonly feces: number
  readonly degraded: number
  /** Number of particle states. */
  readonly particleStates: number
  /** Offset of the drug block (−1 when release is not coupled). */
  readonly drugOffset: number
  readonly drugExcreted: number
  readonly releasedBlood: number
  /** First index of released-in-tissue (one per compartment), then released-in-PC. */
  readonly releasedTissue: number
  readonly releasedPc: number
  readonly size: number
}

/** A compiled ODE system: sparse transfers, RHS and iteration-matrix assembly. */
export interface PbpkSystem {
  readonly layout: StateLayout
  readonly size: number
  /** Structural non-zeros of W = I − γJ (flat row-major positions). */
  readonly pattern: Int32Array
  /** Turns the venous infusion of the bolus on or off (brief Part 4 note 2). */
  setInfusion(ratePercentPerH: number): void
  /** dy/dt at (t, y). */
  rhs(t: number, y: Float64Array, dy: Float64Array): void
  /** W = I − γ·J(t, y), dense row-major (J assembled from the transfer list). */
  iterationMatrix(t: number, y: Float64Array, gamma: number, w: Float64Array): void
}

/** Hill time activation tⁿ/(K_50ⁿ + tⁿ) (brief §2.1.2 form (a)); 1 when K_50 = 0. */
export function hillActivation(tH: number, k50H: number, n: number): number {
  if (k50H <= 0) return 1
  if (tH <= 0) return 0
  const tn = fastPow(tH, n)
  return tn / (fastPow(k50H, n) + tn)
}

/** x^n with fast paths for the exponents of the data (0.5 and small integers). */
function fastPow(x: number, n: number): number {
  if (n === 0.5) return Math.sqrt(x)
  if (n === 5) { const x2 = x * x; return x2 * x2 * x }
  if (n === 1) return x
  return Math.pow(x, n)
}

/**
 * Builds the ODE system for resolved parameters. `hazard` couples drug release (optional).
 */
export function buildSystem(params: ModelParameters, hazard?: ReleaseHazard): PbpkSystem {
  const comps = params.compartments
  const nC = comps.length
  const art = 3 * nC
  const ven = art + 1
  const urine = art + 2
  const feces = art + 3
  const degraded = art + 4
  const np = art + 5
  const nT = art + 2 // transport states (compartments + arterial + venous)
  const coupled = hazard !== undefined
  const drugOffset = coupled ? np : -1
  const drugExcreted = coupled ? np + nT : -1
  const releasedBlood = coupled ? np + nT + 1 : -1
  const releasedTissue = coupled ? releasedBlood + 1 : -1
  const releasedPc = coupled ? releasedTissue + nC : -1
  const size = coupled ? releasedPc + nC : np
  const layout: StateLayout = {
    compartments: nC, arterial: art, venous: ven, urine, feces, degraded, particleStates: np,
    drugOffset, drugExcreted, releasedBlood, releasedTissue, releasedPc, size,
  }

  // Linear transfers (from, to, k); the drug block duplicates them with mapped indices.
  const lf: number[] = []
  const lt: number[] = []
  const lk: number[] = []
  const drugIndex = (i: number): number => {
    if (i < nT) return np + i
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
    const b = 3 * j
    const t = b + 1
    const pc = b + 2
    if (j === lungs) {
      addLinear(ven, b, qc / params.venousVolumeL)
      addLinear(b, art, qc / c.capillaryVolumeL)
    } else {
      addLinear(art, b, c.flowLPerH / params.arterialVolumeL)
      if (c.portal) {
        addLinear(b, 3 * liver, c.flowLPerH / c.capillaryVolumeL)
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
    addLinear(b, pc, c.endothelialCapturePerH)
    addLinear(pc, degraded, c.degradationPerH, coupled ? releasedPc + j : undefined)
    if (c.key === 'kidneys') addLinear(b, urine, params.urineClearanceLPerH / c.capillaryVolumeL)
    if (j === liver) addLinear(t, feces, params.bileClearanceLPerH / c.tissueVolumeL)
  })
  addLinear(3 * liver, ven, liverOutflow / comps[liver].capillaryVolumeL)

  // Capacity-limited, time-activated PC uptake (nonlinear).
  const uSrc: number[] = []
  const uPc: number[] = []
  const uKmax: number[] = []
  const uK50: number[] = []
  const uN: number[] = []
  const uCapInv: number[] = []
  comps.forEach((c, j) => {
    if (!(c.kMaxPerH > 0) || !(c.capacityUg > 0)) return
    const b = 3 * j
    uSrc.push(c.uptakeSource === 'capillary' ? b : b + 1)
    uPc.push(b + 2)
    uKmax.push(c.kMaxPerH)
    uK50.push(c.k50H)
    uN.push(c.hillN)
    // A_PC[µg] = y[%ID]·dose/100; saturation term 1 − A_PC/(Cap·m)
    uCapInv.push(params.doseUg / (100 * c.capacityUg))
  })

  // Release transfers (drug block only): env 0 plasma, 1 inflamed, 2 endolysosome.
  const rf: number[] = []
  const rt: number[] = []
  const re: number[] = []
  if (coupled) {
    for (let j = 0; j < nC; j++) {
      const b = 3 * j
      rf.push(np + b, np + b + 1, np + b + 2)
      rt.push(releasedBlood, releasedTissue + j, releasedPc + j)
      re.push(0, comps[j].inflamed ? 1 : 0, 2)
    }
    rf.push(np + art, np + ven)
    rt.push(releasedBlood, releasedBlood)
    re.push(0, 0)
  }

  const LF = Int32Array.from(lf)
  const LT = Int32Array.from(lt)
  const LK = Float64Array.from(lk)
  const US = Int32Array.from(uSrc)
  const UP = Int32Array.from(uPc)
  const UK = Float64Array.from(uKmax)
  const UC = Float64Array.from(uCapInv)
  // Hill activation groups: edges sharing (K_50, n) share one evaluation per time point.
  const groupKey: string[] = []
  const uG: number[] = []
  for (let e = 0; e < uK50.length; e++) {
    const key = `${uK50[e]}|${uN[e]}`
    let g = groupKey.indexOf(key)
    if (g < 0) { g = groupKey.length; groupKey.push(key) }
    uG.push(g)
  }
  const UG = Int32Array.from(uG)
  const nGroups = groupKey.length
  const G50 = Float64Array.from(groupKey.map((k) => Number(k.split('|')[0])))
  const GN = Float64Array.from(groupKey.map((k) => Number(k.split('|')[1])))
  const act = new Float64Array(nGroups)
  let actT = Number.NaN
  const activations = (t: number): void => {
    if (t === actT) return
    for (let g = 0; g < nGroups; g++) act[g] = hillActivation(t, G50[g], GN[g])
    actT = t
  }
  const RF = Int32Array.from(rf)
  const RT = Int32Array.from(rt)
  const RE = Int32Array.from(re)
  const nL = LF.length
  const nU = US.length
  const nR = RF.length
  const hz = new Float64Array(3)
  let infusion = 0

  const hazards = (t: number): void => {
    if (!hazard) return
    for (let e = 0; e < 3; e++) {
      const v = hazard(ENVIRONMENTS[e], t)
      hz[e] = Number.isFinite(v) && v > 0 ? v : 0
    }
  }

  const rhs = (t: number, y: Float64Array, dy: Float64Array): void => {
    dy.fill(0)
    for (let e = 0; e < nL; e++) {
      const f = LK[e] * y[LF[e]]
      dy[LF[e]] -= f
      dy[LT[e]] += f
    }
    activations(t)
    for (let e = 0; e < nU; e++) {
      const src = US[e]
      const pc = UP[e]
      let g = 1 - y[pc] * UC[e]
      if (g < 0) g = 0
      const k = UK[e] * act[UG[e]] * g
      const f = k * y[src]
      dy[src] -= f
      dy[pc] += f
      if (coupled) {
        const fd = k * y[np + src]
        dy[np + src] -= fd
        dy[np + pc] += fd
      }
    }
    if (coupled) {
      hazards(t)
      for (let e = 0; e < nR; e++) {
        const f = hz[RE[e]] * y[RF[e]]
        dy[RF[e]] -= f
        dy[RT[e]] += f
      }
    }
    if (infusion > 0) {
      dy[ven] += infusion
      if (coupled) dy[np + ven] += infusion
    }
  }

  const iterationMatrix = (t: number, y: Float64Array, gamma: number, w: Float64Array): void => {
    const n = size
    for (let i = 0; i < n; i++) w[i * n + i] = 1
    // W = I − γJ: a transfer from→to with rate k·y[from] adds J[to][from] = k, J[from][from] = −k
    for (let e = 0; e < nL; e++) {
      const gk = gamma * LK[e]
      const from = LF[e]
      w[LT[e] * n + from] -= gk
      w[from * n + from] += gk
    }
    activations(t)
    for (let e = 0; e < nU; e++) {
      const src = US[e]
      const pc = UP[e]
      const raw = 1 - y[pc] * UC[e]
      const kAct = UK[e] * act[UG[e]]
      const g = raw > 0 ? raw : 0
      const k = gamma * kAct * g
      // ∂f/∂A_src = K_up; ∂f/∂A_PC = −act·capInv·A_src (zero once saturated)
      w[pc * n + src] -= k
      w[src * n + src] += k
      const dpc = raw > 0 ? -gamma * kAct * UC[e] : 0
      if (dpc !== 0) {
        const a = dpc * y[src]
        w[pc * n + pc] -= a
        w[src * n + pc] += a
      }
      if (coupled) {
        const ds = np + src
        const dp = np + pc
        w[dp * n + ds] -= k
        w[ds * n + ds] += k
        if (dpc !== 0) {
          const a = dpc * y[ds]
          w[dp * n + pc] -= a
          w[ds * n + pc] += a
        }
      }
    }
    if (coupled) {
      hazards(t)
      for (let e = 0; e < nR; e++) {
        const gk = gamma * hz[RE[e]]
        const from = RF[e]
        w[RT[e] * n + from] -= gk
        w[from * n + from] += gk
      }
    }
  }

  // Structural pattern of W: every position iterationMatrix may write.
  const pat: number[] = []
  const at = (i: number, j: number): void => { pat.push(i * size + j) }
  for (let i = 0; i < size; i++) at(i, i)
  for (let e = 0; e < nL; e++) at(LT[e], LF[e])
  for (let e = 0; e < nU; e++) {
    at(UP[e], US[e]); at(UP[e], UP[e]); at(US[e], UP[e])
    if (coupled) { at(np + UP[e], np + US[e]); at(np + US[e], np + US[e]); at(np + UP[e], UP[e]); at(np + US[e], UP[e]) }
  }
  for (let e = 0; e < nR; e++) at(RT[e], RF[e])

  return {
    layout, size, pattern: Int32Array.from(new Set(pat)),
    setInfusion: (rate: number) => { infusion = rate },
    rhs, iterationMatrix,
  }
}
