import type { GoalId } from '../../../shared/catalog/ids'
import { TISSUE_COLOURS } from '../../lib/palette'
import { getMetric } from '../../../shared/metrics/registry'

/**
 * The selectivity index formula as the engine computes it (shared/engine/pbpk/simulate.ts,
 * header "Metric definitions"), worded per goal for the card's expandable explanation.
 */
export function selectivityFormula(goal: GoalId | null): { readonly formula: string; readonly explanation: string } {
  const formula = 'SI = (AUC_target / m_target) ÷ (AUC_other / m_other)'
  if (goal === 'tolerize') {
    return {
      formula,
      explanation:
        'AUC = ∫ %ID dt from 0 to the horizon (%ID·h). Target = the phagocytes (antigen-presenting cells) of spleen and liver, with m_target = liver + spleen mass (g); other = every organ except liver and spleen (blood and excreta excluded). SI = 1 means no selectivity; above 1 the target receives more particle exposure per gram than the rest of the body.',
    }
  }
  return {
    formula,
    explanation:
      "AUC = ∫ %ID dt from 0 to the horizon (%ID·h) of the disease's inflamed target tissue (its capillary blood, tissue and phagocytes); m_target = its mass (g); other = all other organs with their total mass m_other (blood and excreta excluded). SI = 1 means no selectivity; above 1 the target receives more particle exposure per gram than the rest of the body.",
  }
}

/** Unit of every share of the drug-release bar, as the metric registry spells it ("% of drug dose"). */
export const RELEASE_SHARE_UNIT = getMetric('drugReleasedInTargetPercentDose').unit

/** The drug-release split shown as a stacked bar, in % of loaded drug at the horizon. */
export interface ReleaseSegment {
  readonly key: 'target' | 'blood' | 'offTarget' | 'inParticles' | 'excretedInParticles'
  readonly label: string
  readonly percent: number
  readonly colour: string
}

/**
 * Segments of the drug-release bar (brief Part 4 note 6): released in the target, in blood,
 * elsewhere, still inside particles, and excreted inside intact particles. Together they
 * account for the loaded drug, so the bar reads as shares of 100 %.
 */
export function releaseSegments(s: {
  readonly drugReleasedInTargetPercentDose: number
  readonly drugReleasedInBloodPercentDose: number
  readonly drugReleasedOffTargetPercentDose: number
  readonly drugRemainingInParticlesPercentDose: number
  readonly drugExcretedInParticlesPercentDose: number
}): ReadonlyArray<ReleaseSegment> {
  return [
    // The two shares the metric registry defines take its labels (one spelling with presentation and compare).
    { key: 'target', label: getMetric('drugReleasedInTargetPercentDose').label, percent: s.drugReleasedInTargetPercentDose, colour: '#2ee6a8' },
    { key: 'blood', label: getMetric('drugReleasedInBloodPercentDose').label, percent: s.drugReleasedInBloodPercentDose, colour: TISSUE_COLOURS.blood },
    { key: 'offTarget', label: 'Released off-target', percent: s.drugReleasedOffTargetPercentDose, colour: '#c08457' },
    { key: 'inParticles', label: 'Still in particles', percent: s.drugRemainingInParticlesPercentDose, colour: '#5c677d' },
    { key: 'excretedInParticles', label: 'Excreted in particles', percent: s.drugExcretedInParticlesPercentDose, colour: '#3a4354' },
  ]
}
