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
   * A library the test wrote before the host starts (default: a fresh database in a
   * temporary folder). The caller owns the file and removes it.
   */
  readonly dbPath?: string
}

/**
 * Starts the web host and Chromium and opens a page (not yet navigated).
 *
 * Why: every feature's e2e file needs the same host + browser + page setup and teardown; one
 * helper keeps them alike and makes sure everything is closed even when a step failed.
 */
export async function openAppSession(viewport: { width: number; height: number }, options: AppSessionOptions = {}): Promise<AppSession> {
  const host = await startWebHost(options.dbPath === undefined ? {} : { dbPath: options.dbPath })
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
    },
  }
}
