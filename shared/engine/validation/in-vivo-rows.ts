/**
 * Every file of published in-vivo rows (resources/validation), in one list: the report's
 * validation statement, the fold-error and band-coverage measurements and the README's
 * held-out table read the same rows. Static JSON imports, so the app's bundle and the CLI carry
 * the same files.
 */
import published from '../../../resources/validation/pbpk-published.json' with { type: 'json' }
import prospective from '../../../resources/validation/pbpk-prospective.json' with { type: 'json' }
import disease from '../../../resources/validation/disease-target.json' with { type: 'json' }
import liposomeDrug from '../../../resources/validation/liposome-drug.json' with { type: 'json' }
import stealthSpleen from '../../../resources/validation/stealth-spleen.json' with { type: 'json' }
import leakage from '../../../resources/validation/liposome-leakage-calibration.json' with { type: 'json' }
import stealthCalibration from '../../../resources/validation/stealth-calibration.json' with { type: 'json' }
import hydrophilic from '../../../resources/validation/hydrophilic-coat-calibration.json' with { type: 'json' }
import stealthBlood from '../../../resources/validation/stealth-blood.json' with { type: 'json' }
import type { PublishedRow, PublishedRowsFile } from './published-rows'

/** The in-vivo row files by name (the file name without `.json`). */
export const IN_VIVO_ROW_FILES: Readonly<Record<string, PublishedRowsFile>> = {
  'pbpk-published': published as unknown as PublishedRowsFile,
  'pbpk-prospective': prospective as unknown as PublishedRowsFile,
  'disease-target': disease as unknown as PublishedRowsFile,
  'liposome-drug': liposomeDrug as unknown as PublishedRowsFile,
  'stealth-spleen': stealthSpleen as unknown as PublishedRowsFile,
  'liposome-leakage-calibration': leakage as unknown as PublishedRowsFile,
  'stealth-calibration': stealthCalibration as unknown as PublishedRowsFile,
  'hydrophilic-coat-calibration': hydrophilic as unknown as PublishedRowsFile,
  'stealth-blood': stealthBlood as unknown as PublishedRowsFile,
}

/** Every representable in-vivo row of `set` (rows marked notRepresentable are left out). */
export function inVivoRows(set: PublishedRow['set']): PublishedRow[] {
  return Object.values(IN_VIVO_ROW_FILES).flatMap((f) => f.rows.filter((r) => r.set === set && r.notRepresentable === undefined))
}
