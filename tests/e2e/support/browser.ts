import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium (docs/environment.md §D); override with NANOFORGE_CHROMIUM. */
export const CHROMIUM_PATH = process.env.NANOFORGE_CHROMIUM ?? '/usr/bin/chromium'

/**
 * Chromium flags for headless WebGL on GPU-less machines (docs/environment.md §D): SwiftShader via
 * ANGLE, explicitly allowed, and no background network. Never add
 * `--disable-software-rasterizer`: it is the one flag that breaks WebGL here.
 */
export const CHROMIUM_ARGS: ReadonlyArray<string> = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

/**
 * Launches headless Chromium through playwright-core.
 *
 * Why: the renderer is tested in a real browser with real WebGL (SwiftShader) against the
 * web host, because the Electron binary is not available on these machines.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  })
}
