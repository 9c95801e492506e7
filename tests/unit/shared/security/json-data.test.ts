/**
 * The plain-JSON-data check every request and JSON input passes (shared/security/json-data.ts):
 * what counts as JSON data, the exact depth and size boundaries, and paths to the first problem.
 */
import { describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH, jsonDataProblem } from '../../../../shared/security/json-data'

/** A value with `levels` containers around a number: nested(0) = 1, nested(1) = [1], ... */
function nested(levels: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < levels; i++) v = [v]
  return v
}

describe('jsonDataProblem', () => {
  it('accepts what JSON.parse can return, objects without a prototype, and unset optional fields', () => {
    expect(jsonDataProblem(JSON.parse('{"a":[1,"x",null,true,{"b":-0.5}],"c":{}}'))).toBeUndefined()
    expect(jsonDataProblem(Object.assign(Object.create(null) as object, { a: 1 }))).toBeUndefined()
    expect(jsonDataProblem({ designId: undefined, note: 'x' })).toBeUndefined()
    expect(jsonDataProblem(undefined)).toBeUndefined()
  })

  it('refuses values JSON cannot carry, at their path', () => {
    expect(jsonDataProblem({ a: [0, { b: 1n }] })).toEqual({ path: ['a', 1, 'b'], message: 'is a BigInt, not a JSON number' })
    expect(jsonDataProblem({ m: new Map() })).toMatchObject({ path: ['m'], message: expect.stringMatching(/a Map/) })
    expect(jsonDataProblem([new Date(0)])).toMatchObject({ path: [0], message: expect.stringMatching(/a Date/) })
    expect(jsonDataProblem({ t: new Float64Array(2) })).toMatchObject({ path: ['t'], message: expect.stringMatching(/a Float64Array/) })
    expect(jsonDataProblem({ f: () => 1 })).toMatchObject({ path: ['f'], message: 'is a function, not JSON data' })
    expect(jsonDataProblem({ s: Symbol('x') })).toMatchObject({ path: ['s'] })
    class Point { x = 1 }
    expect(jsonDataProblem({ p: new Point() })).toMatchObject({ path: ['p'], message: expect.stringMatching(/a Point/) })
  })

  it(`nests at most ${MAX_JSON_DEPTH} containers deep: ${MAX_JSON_DEPTH} pass, ${MAX_JSON_DEPTH + 1} do not`, () => {
    expect(jsonDataProblem(nested(MAX_JSON_DEPTH))).toBeUndefined()
    const problem = jsonDataProblem(nested(MAX_JSON_DEPTH + 1))
    expect(problem?.message).toBe(`is nested deeper than ${MAX_JSON_DEPTH} levels`)
    expect(problem?.path).toHaveLength(MAX_JSON_DEPTH)
    // iterative: a million levels are refused without overflowing the stack
    expect(jsonDataProblem(nested(1_000_000))?.message).toMatch(/nested deeper/)
    expect(jsonDataProblem(nested(3), { maxDepth: 2 })?.path).toEqual([0, 0])
  })

  it('counts every value, containers included, against maxValues', () => {
    // [1, 2, 3] is 4 values: the array and its three members
    expect(jsonDataProblem([1, 2, 3], { maxValues: 4 })).toBeUndefined()
    expect(jsonDataProblem([1, 2, 3], { maxValues: 3 })).toEqual({ path: [], message: 'holds more than 3 values' })
  })
})
