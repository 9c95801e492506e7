import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchChromium } from './browser'
import { startWebHost, type RunningWebHost } from './web-host'

/** One e2e session: a web host, Chromium, and one page on the app. */
export interface AppSession {
  readonly host: RunningWebHost
  readonly browser: Browser
  readonly context: BrowserContext
  readonly page: Page
  /** Uncaught page errors, collected so a test can assert there were none. */
  readonly pageErrors: string[]
  close(): Promise<void>
}

/** Options of {@link openAppSession}. */
export interface AppSessionOptions {
  /**
   * Writes the library the host opens (designs, projects, a schema version…) before it starts,
   * given the file's path in a temporary folder the session removes on close. Without it the
   * host starts on a fresh database of its own.
   */
  readonly prepareLibrary?: (dbPath: string) => void
}

/**
 * Starts the web host and Chromium and opens a page (not yet navigated).
 *
 * Why: every feature's e2e file needs the same host + browser + page setup and teardown; one
 * helper keeps them alike and makes sure everything is closed even when a step failed.
 */
export async function openAppSession(viewport: { width: number; height: number }, options: AppSessionOptions = {}): Promise<AppSession> {
  const dir = options.prepareLibrary ? mkdtempSync(join(tmpdir(), 'nanoforge-e2e-library-')) : null
  const removeDir = (): void => { if (dir !== null) rmSync(dir, { recursive: true, force: true }) }
  let host: RunningWebHost
  try {
    if (dir === null) host = await startWebHost()
    else {
      const dbPath = join(dir, 'library.db')
      options.prepareLibrary!(dbPath)
      host = await startWebHost({ dbPath })
    }
  } catch (e) {
    removeDir()
    throw e
  }
  const browser = await launchChromium()
  const context = await browser.newContext({ viewport })
  const page = await context.newPage()
  const pageErrors: string[] = []
  page.on('pageerror', (e) => pageErrors.push(e.message))
  return {
    host, browser, context, page, pageErrors,
    async close() {
      await context.close()
      await browser.close()
      await host.stop()
      removeDir()
    },
  }
}
