import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'

/**
 * The layer rules are enforced by lint in CI (README, Architecture). These tests lint
 * small snippets as if they lived in each layer, so a config change that silently drops a
 * rule fails here rather than letting a forbidden import through.
 */
const eslint = new ESLint({ cwd: process.cwd() })

async function restrictedImports(filePath: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').length
}

describe('layer rules', () => {
  it.each([
    ["import { app } from 'electron'"],
    ["import { readFileSync } from 'node:fs'"],
    ["import { join } from 'path'"],
    ["import { useState } from 'react'"],
    ["import { Mesh } from 'three'"],
    ["import { Canvas } from '@react-three/fiber'"],
    ["import Database from 'better-sqlite3'"],
  ])('shared/ may not %s', async (code) => {
    expect(await restrictedImports('shared/engine/probe.ts', `${code}\nexport const x = 1\n`)).toBeGreaterThan(0)
  })

  it('shared/ may import zod and other shared modules', async () => {
    expect(await restrictedImports('shared/engine/probe.ts', "import { z } from 'zod'\nimport { ok } from '../ipc/result'\nexport const x = [z, ok]\n")).toBe(0)
  })

  it.each([
    ["import { ipcRenderer } from 'electron'"],
    ["import { readFileSync } from 'node:fs'"],
    ["import { spawn } from 'child_process'"],
    ["import Database from 'better-sqlite3'"],
  ])('renderer/ may not %s', async (code) => {
    expect(await restrictedImports('renderer/app/probe.tsx', `${code}\nexport const x = 1\n`)).toBeGreaterThan(0)
  })

  it('the store, CLI and services may not import electron (they run without it)', async () => {
    for (const file of ['electron/db/probe.ts', 'electron/cli/probe.ts', 'electron/services/probe.ts']) {
      expect(await restrictedImports(file, "import { app } from 'electron'\nexport const x = app\n")).toBeGreaterThan(0)
    }
  })

  it('the main process may not open network connections', async () => {
    expect(await restrictedImports('electron/main/probe.ts', "import https from 'node:https'\nexport const x = https\n")).toBeGreaterThan(0)
    expect(await restrictedImports('electron/main/probe.ts', "import { net } from 'electron'\nexport const x = net\n")).toBeGreaterThan(0)
    expect(await restrictedImports('electron/main/probe.ts', "import { app } from 'electron'\nexport const x = app\n")).toBe(0)
  })

  it('ipcMain is used only by the registration wrapper', async () => {
    const [result] = await eslint.lintText("import { ipcMain } from 'electron'\nipcMain.handle('x', () => 1)\n", { filePath: 'electron/main/probe.ts' })
    expect(result!.messages.some((m) => m.ruleId === 'no-restricted-syntax')).toBe(true)
  })
})
