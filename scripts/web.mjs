#!/usr/bin/env node
// `npm run web -- --port PORT --db FILE`: the loopback web host (issue 2, "Web host").
// Builds the renderer first when out/renderer/index.html is missing, then runs
// electron/web/main.ts through tsx, so no separate compile step is needed.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { tsImport } from 'tsx/esm/api'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const wantsHelp = args.includes('--help') || args.includes('-h')

if (!wantsHelp && !args.includes('--renderer') && !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
  process.stderr.write('out/renderer/index.html is missing: building the renderer (electron-vite build)...\n')
  const build = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    // stdout of the build goes to stderr: stdout is reserved for the one "listening" line.
    stdio: ['ignore', process.stderr, 'inherit'],
    shell: process.platform === 'win32',
  })
  if (build.status !== 0) {
    process.stderr.write(`electron-vite build failed (exit ${build.status ?? build.signal})\n`)
    process.exit(1)
  }
}

const { main } = await tsImport('../electron/web/main.ts', import.meta.url)
process.exitCode = await main(args)
