import { describe, expect, it } from 'vitest'
import { reportBlockedReason } from '../../../../renderer/features/report/report-button'

describe('reportBlockedReason', () => {
  it('asks for a save first, then for unsaved changes to be saved, and lets a saved, unchanged version through', () => {
    expect(reportBlockedReason(null, null, false)).toMatch(/Save the design first/)
    expect(reportBlockedReason('d-1', 3, true)).toMatch(/unsaved changes: save them first.*version 3 differs from the form/)
    expect(reportBlockedReason('d-1', 3, false)).toBeNull()
  })
})
