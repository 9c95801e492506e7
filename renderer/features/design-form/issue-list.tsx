import type { DesignIssue } from '../../../shared/design/types'

/** Props of {@link IssueList}. */
export interface IssueListProps {
  readonly title: string
  readonly issues: ReadonlyArray<DesignIssue>
  readonly tone: 'error' | 'warning'
}

/**
 * A titled list of validation issues with their paths.
 *
 * Why: warnings travel with the design and are listed together; errors that no form field
 * owns (e.g. a coating the form does not edit yet) still reach the user.
 */
export function IssueList({ title, issues, tone }: IssueListProps): React.JSX.Element | null {
  if (issues.length === 0) return null
  return (
    <section className={`issue-list issue-${tone}`} aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {issues.map((i, n) => (
          <li key={`${i.path}-${n}`}>
            {i.path && <code>{i.path}</code>} {i.message}
          </li>
        ))}
      </ul>
    </section>
  )
}
