import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/**
 * Builds the three bundles into out/: main (ESM), preload (CommonJS: a sandboxed preload
 * cannot be ESM) and the renderer. better-sqlite3 stays external: it is a native module
 * loaded from node_modules (Node build) or native/electron (Electron build).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') }, external: ['better-sqlite3'] },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    build: {
      outDir: resolve('out/renderer'),
      // electron-vite leaves bundles unminified by default; the renderer (React, three, uPlot)
      // is minified so the app loads and parses less (issue 12, "Production bundle").
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react()],
  },
})
