// Types of .ci/electron-version.mjs, for the unit test that imports it.
export interface StableVersion { readonly major: number; readonly minor: number; readonly patch: number }
export interface ElectronVersionCheck { readonly ok: boolean; readonly pinned: string; readonly newest: string | undefined; readonly message: string }
export function parseStableVersion(text: string): StableVersion | undefined
export function compareVersions(a: StableVersion, b: StableVersion): number
export function pinnedVersion(spec: string | undefined): StableVersion | undefined
export function newestInMajor(published: ReadonlyArray<string>, major: number): string | undefined
export function checkElectronVersion(spec: string | undefined, published: ReadonlyArray<string>): ElectronVersionCheck
