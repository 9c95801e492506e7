#!/usr/bin/env node
// Entry point of the `nanoforge` command. Runs the TypeScript CLI through tsx's loader, so
// `node bin/nanoforge.js --help` (or `npx nanoforge`, or `nanoforge` after `npm link`) works
// straight after `npm ci` with no build step (docs/cli.md).
//
// Why the guards: under --json every failure must be exactly one JSON document on stdout
// (issue 11 item 8), also when the CLI itself cannot load or crashes outside a command, and
// a closed pipe (`nanoforge db list --json | head`) must not turn into a crash report.
const json = process.argv.includes('--json')

function crash(error) {
  const message = `Internal error: ${error instanceof Error ? error.message : String(error)}`
  try {
    process.stderr.write(`${message}\n`)
    if (json) process.stdout.write(`${JSON.stringify({ error: { code: 'internal', reason: 'internal', message } }, null, 2)}\n`)
  } catch {
    // Nothing left to write to.
  }
  process.exitCode = 1
}

process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
})
process.on('uncaughtException', (error) => {
  crash(error)
  process.exit(1)
})

try {
  const { tsImport } = await import('tsx/esm/api')
  const { main } = await tsImport('../electron/cli/main.ts', import.meta.url)
  process.exitCode = await main(process.argv.slice(2))
} catch (error) {
  crash(error)
}
