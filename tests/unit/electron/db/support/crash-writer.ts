/**
 * Child process of the crash test: saves designs in a loop and prints each committed design
 * id on its own line (only after saveDesign returned, i.e. after COMMIT and its fsync), until
 * the parent kills it with SIGKILL. Usage: node --import tsx crash-writer.ts DB DESIGN.json
 */
import { readFileSync } from 'node:fs'
import { writeSync } from 'node:fs'
import { openDesignLibrary } from '../../../../../electron/db/library'
import type { Design } from '../../../../../shared/design/types'

const [dbPath, designPath] = process.argv.slice(2) as [string, string]
const design = JSON.parse(readFileSync(designPath, 'utf8')) as Design
const library = openDesignLibrary({ path: dbPath, deferredMetrics: false, dailyBackup: false })
for (let i = 0; ; i++) {
  const saved = library.saveDesign({ ...design, name: `crash ${i}`, core: { ...design.core, diameterNm: 50 + (i % 400) } }, { note: `loop ${i}` })
  // writeSync: the line is in the pipe before the next save starts, nothing buffered in Node.
  writeSync(1, `${saved.designId}\n`)
}
