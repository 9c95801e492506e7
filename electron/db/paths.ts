import { homedir } from 'node:os'
import { join } from 'node:path'

/** The app name Electron uses for its userData folder (`app.getPath('userData')`). */
export const APP_DATA_FOLDER_NAME = 'NanoForge'

/** File name of the design library inside the userData folder. */
export const DATABASE_FILE_NAME = 'nanoforge.db'

/**
 * Where the desktop app keeps its design library, computed without Electron.
 *
 * Why: `nanoforge db ...` must work on the same file the app uses (docs/cli.md,
 * "Without --db, the same database file the desktop app uses"), but the CLI runs under plain
 * Node where `app.getPath('userData')` does not exist. This mirrors Electron's rule:
 * appData (Linux `$XDG_CONFIG_HOME` or `~/.config`, macOS `~/Library/Application Support`,
 * Windows `%APPDATA%`) joined with the app name. `NANOFORGE_DB` overrides the whole path, for
 * scripts and tests that must never touch a user's real library.
 */
export function defaultDatabasePath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.NANOFORGE_DB
  if (override !== undefined && override.trim() !== '') return override
  return join(appDataFolder(env, platform, home), APP_DATA_FOLDER_NAME, DATABASE_FILE_NAME)
}

/** Electron's `app.getPath('appData')` for the given platform (without Electron). */
function appDataFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return nonEmpty(env.APPDATA) ?? join(home, 'AppData', 'Roaming')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support')
  return nonEmpty(env.XDG_CONFIG_HOME) ?? join(home, '.config')
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}
