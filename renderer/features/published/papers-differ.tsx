import { formatValue } from '../biodistribution/biodistribution-model'

/**
 * The mark under a ratio when another paper's published value of the same design differs more
 * than 2-fold (between-study.ts): the published-experiments table and the table of every row.
 */
export function PapersDiffer({ disagreement }: { readonly disagreement: { readonly fold: number; readonly paper: string } | undefined }): React.JSX.Element | null {
  if (disagreement === undefined) return null
  const fold = formatValue(disagreement.fold)
  return <span className="pl-diff" title={`Another paper measured the same design: its published value and this one differ ×${fold}`}>papers differ ×{fold} ({disagreement.paper})</span>
}
