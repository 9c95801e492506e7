import { describe, expect, it } from 'vitest'
import { createCameraLink, type CameraPose } from '../../../../renderer/scene/camera-link'

const pose = (x: number): CameraPose => ({ position: [x, 0, 500], target: [0, 0, 0], zoom: 1 })

describe('camera link (side-by-side views share one camera)', () => {
  it('sends a pose to every other view, never back to the view that moved', () => {
    const link = createCameraLink()
    const got: Record<string, number[]> = { a: [], b: [], c: [] }
    for (const id of ['a', 'b', 'c']) link.subscribe(id, (p) => got[id].push(p.position[0]))
    link.publish('a', pose(10))
    link.publish('c', pose(20))
    expect(got).toEqual({ a: [20], b: [10, 20], c: [10] })
  })

  it('remembers the last pose for a view that joins later, and forgets unsubscribed views', () => {
    const link = createCameraLink()
    expect(link.last()).toBeNull()
    const got: number[] = []
    const off = link.subscribe('b', (p) => got.push(p.position[0]))
    link.publish('a', pose(5))
    off()
    link.publish('a', pose(6))
    expect(got).toEqual([5])
    expect(link.last()?.position[0]).toBe(6)
  })
})
