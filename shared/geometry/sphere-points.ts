/**
 * Evenly spaced points on a sphere (the Fibonacci / golden-spiral lattice).
 *
 * Why: the 3D view draws ligands at their true count and spacing. A Fibonacci lattice gives
 * every point nearly the same area, 4πr²/N, so the drawn nearest-neighbour spacing matches
 * the spacing the engine reports (≈ sqrt(4πr²/N)) for any N, with no random clumping and no
 * poles. Deterministic: the same count and radius always give the same points, so pictures
 * and tests are reproducible. Pure TypeScript, used by the renderer and usable by exports.
 *
 * Construction (González 2010, "Measurement of areas on a sphere using Fibonacci and
 * latitude-longitude lattices", Math. Geosci. 42:49): point i of N sits at height
 * z = 1 - (2i + 1)/N and azimuth i·φ, where φ = π(3 - √5) is the golden angle.
 *
 * @param count number of points; fractional counts are floored. Must be finite and ≥ 0.
 * @param radius sphere radius in scene units (nm in NanoForge). Must be finite and ≥ 0.
 * @returns packed xyz coordinates, length 3·count, centred on the origin.
 */
export function fibonacciSpherePoints(count: number, radius: number): Float32Array {
  if (!Number.isFinite(count) || count < 0) {
    throw new RangeError(`count must be a finite number ≥ 0, got ${count}`)
  }
  if (!Number.isFinite(radius) || radius < 0) {
    throw new RangeError(`radius must be a finite number ≥ 0, got ${radius}`)
  }
  const n = Math.floor(count)
  const out = new Float32Array(n * 3)
  const goldenAngle = Math.PI * (3 - Math.sqrt(5))
  for (let i = 0; i < n; i++) {
    const z = 1 - (2 * i + 1) / n
    const ring = Math.sqrt(Math.max(0, 1 - z * z))
    const theta = goldenAngle * i
    out[i * 3] = Math.cos(theta) * ring * radius
    out[i * 3 + 1] = z * radius
    out[i * 3 + 2] = Math.sin(theta) * ring * radius
  }
  return out
}

/**
 * The mean spacing of N evenly spread points on a sphere, sqrt(4πr²/N).
 *
 * Why: the view labels ligand spacing with the same figure the lattice realises, and sizes
 * ligand glyphs relative to it so that neighbours never overlap.
 */
export function meanSphereSpacing(count: number, radius: number): number {
  if (count <= 0) return Number.POSITIVE_INFINITY
  return Math.sqrt((4 * Math.PI * radius * radius) / count)
}
