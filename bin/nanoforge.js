#!/usr/bin/env node
// Entry point of the `nanoforge` command. Runs the TypeScript CLI through tsx's loader, so
// `npx nanoforge --help` works straight after `npm ci` with no build step (../shared/spec/cli.md).
import { tsImport } from 'tsx/esm/api'

const { main } = await tsImport('../electron/cli/main.ts', import.meta.url)
process.exitCode = await main(process.argv.slice(2))
