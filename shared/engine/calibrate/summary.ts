/**
 * The calibration in the shape of the CLI contract of issue #14 (`nanoforge calibrate
 * --json`): per parameter the prior and posterior median and 95 % interval, the diagnostics
 * and the within-2-fold shares. Plain JSON: numbers that are not finite become null, and a
 * withheld posterior is null with the reasons beside it.
 */
import { posteriorMedianMultipliers, type CalibrationResult } from './calibrate'
import { within2FoldShare, type FoldShare, type LosoResult } from './loso'
import type { CalibrationParameterId } from './parameters'
import type { CalibrationStudy } from './studies'

/** Median and 95 % interval, as the contract writes them. */
export interface ContractInterval { readonly median: number; readonly ci95: readonly [number, number] }

/** `nanoforge calibrate --json` minus the profile (which the database assigns). */
export interface CalibrationContractSummary {
  readonly status: CalibrationResult['status']
  readonly reasons: ReadonlyArray<string>
  readonly parameters: Readonly<Partial<Record<CalibrationParameterId, {
    readonly prior: ContractInterval
    readonly posterior: ContractInterval | null
    readonly informed: boolean
    readonly widthRatio: number | null
  }>>>
  readonly diagnostics: { readonly rHatMax: number | null; readonly essMin: number | null; readonly converged: boolean }
  /** Shares of uncensored biodistribution points within 2-fold; null when not computed or no posterior. */
  readonly within2Fold: { readonly before: number | null; readonly after: number | null; readonly leaveOneOut: number | null }
  readonly notIdentifiable: ReadonlyArray<string>
}

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null)
const shareOf = (s: FoldShare | null | undefined): number | null => (s ? finite(s.share) : null)

/**
 * The contract summary of a result. `studies` gives the in-sample before/after shares (the
 * after share only for a converged result, at the posterior medians); `loso`, when given, the
 * leave-one-study-out share after calibration.
 */
export function contractSummary(result: CalibrationResult, studies: ReadonlyArray<CalibrationStudy>, loso?: LosoResult): CalibrationContractSummary {
  const parameters: Partial<Record<CalibrationParameterId, CalibrationContractSummary['parameters'][CalibrationParameterId]>> = {}
  for (const p of result.parameters) {
    parameters[p.id] = {
      prior: { median: p.prior.median, ci95: p.prior.ci95 },
      posterior: p.posterior ? { median: p.posterior.median, ci95: p.posterior.ci95 } : null,
      informed: p.informed,
      widthRatio: p.widthRatio,
    }
  }
  const converged = result.status === 'converged'
  return {
    status: result.status,
    reasons: result.reasons,
    parameters,
    diagnostics: { rHatMax: finite(result.diagnostics.rHatMax), essMin: finite(result.diagnostics.essMin), converged },
    within2Fold: {
      before: shareOf(within2FoldShare(studies, {})),
      after: converged ? shareOf(within2FoldShare(studies, posteriorMedianMultipliers(result))) : null,
      leaveOneOut: loso ? shareOf(loso.after) : null,
    },
    notIdentifiable: result.identifiability?.notes ?? result.parameters.filter((p) => !p.informed).map((p) => `${p.id}: no observation of these studies responds to it`),
  }
}
