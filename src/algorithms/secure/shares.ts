import {
  type BooleanShare,
  type ReplicatedShare,
  ringAdd,
  ringSum,
  type Session,
} from '../../mpc/index.ts'

/**
 * Local manipulations of one party's shares (no communication): public constants as shares,
 * adding and scaling by public values, cutting and joining vectors. The statistics layer works on
 * whole columns, so these run over BigUint64Array loops.
 */

/** A sharing of public values with no randomness: component x_0 holds them. */
export function publicShare(session: Session, values: BigUint64Array): ReplicatedShare {
  const zeros = new BigUint64Array(values.length)
  const party = session.partyIndex
  if (party === 0) return { first: values.slice(), second: zeros }
  if (party === 2) return { first: zeros, second: values.slice() }
  return { first: zeros, second: new BigUint64Array(values.length) }
}

/** n copies of one public value, shared. */
export function publicConstant(session: Session, value: bigint, n: number): ReplicatedShare {
  return publicShare(session, new BigUint64Array(n).fill(BigInt.asUintN(64, value)))
}

/** x + c for a public c (one value for all elements, or one per element). */
export function addPublic(
  session: Session,
  x: ReplicatedShare,
  c: bigint | BigUint64Array,
): ReplicatedShare {
  const party = session.partyIndex
  // One loop per kind of c: a loop that tests the kind stays off V8's 64-bit path.
  const add = (values: BigUint64Array) =>
    typeof c === 'bigint' ? addConstant(values.slice(), c) : ringAdd(values, c)
  if (party === 0) return { first: add(x.first), second: x.second }
  if (party === 2) return { first: x.first, second: add(x.second) }
  return x
}

/** values + c, in place. */
function addConstant(values: BigUint64Array, c: bigint): BigUint64Array {
  const d = BigInt.asUintN(64, c)
  for (let i = 0; i < values.length; i++) values[i] = values[i]! + d
  return values
}

/**
 * x − c_i for each public c_i, end to end, copy i starting at i · stride (the rest of each copy
 * zero): the input of one batch of narrow comparisons of a column with several constants, made in
 * one allocation (a million rows against 21 histogram edges is 170 MB per component).
 */
export function shiftedCopies(
  session: Session,
  x: ReplicatedShare,
  constants: readonly bigint[],
  stride: number,
): ReplicatedShare {
  const n = x.first.length
  const first = new BigUint64Array(constants.length * stride)
  const second = new BigUint64Array(constants.length * stride)
  const party = session.partyIndex
  const shifted = party === 0 ? first : party === 2 ? second : undefined
  constants.forEach((c, i) => {
    first.set(x.first, i * stride)
    second.set(x.second, i * stride)
    if (shifted) addConstant(shifted.subarray(i * stride, i * stride + n), -c)
  })
  return { first, second }
}

/** x · c for a public integer c, mod 2^64. */
export function scale(x: ReplicatedShare, c: bigint): ReplicatedShare {
  const times = (values: BigUint64Array) => {
    const out = new BigUint64Array(values.length)
    for (let i = 0; i < out.length; i++) out[i] = values[i]! * c
    return out
  }
  return { first: times(x.first), second: times(x.second) }
}

/** x + y, element-wise. */
export function add(x: ReplicatedShare, y: ReplicatedShare): ReplicatedShare {
  const plus = (a: BigUint64Array, b: BigUint64Array) => {
    const out = new BigUint64Array(a.length)
    for (let i = 0; i < out.length; i++) out[i] = a[i]! + b[i]!
    return out
  }
  return { first: plus(x.first, y.first), second: plus(x.second, y.second) }
}

/** x − y, element-wise. */
export function subtract(x: ReplicatedShare, y: ReplicatedShare): ReplicatedShare {
  const minus = (a: BigUint64Array, b: BigUint64Array) => {
    const out = new BigUint64Array(a.length)
    for (let i = 0; i < out.length; i++) out[i] = a[i]! - b[i]!
    return out
  }
  return { first: minus(x.first, y.first), second: minus(x.second, y.second) }
}

/** Elements [start, end), as views. */
export function slice(x: ReplicatedShare, start: number, end: number): ReplicatedShare {
  return { first: x.first.subarray(start, end), second: x.second.subarray(start, end) }
}

/** Vectors joined end to end. */
export function concat(parts: readonly ReplicatedShare[]): ReplicatedShare {
  const length = parts.reduce((total, part) => total + part.first.length, 0)
  const first = new BigUint64Array(length)
  const second = new BigUint64Array(length)
  let offset = 0
  for (const part of parts) {
    first.set(part.first, offset)
    second.set(part.second, offset)
    offset += part.first.length
  }
  return { first, second }
}

/** The vector repeated `times` times, each copy padded with zeros to `stride` elements. */
export function repeatPadded(x: ReplicatedShare, times: number, stride: number): ReplicatedShare {
  const first = new BigUint64Array(times * stride)
  const second = new BigUint64Array(times * stride)
  for (let k = 0; k < times; k++) {
    first.set(x.first, k * stride)
    second.set(x.second, k * stride)
  }
  return { first, second }
}

/** The sum of each of `count` consecutive segments of `length` elements: `count` elements. */
export function segmentSums(x: ReplicatedShare, count: number, length: number): ReplicatedShare {
  const first = new BigUint64Array(count)
  const second = new BigUint64Array(count)
  for (let k = 0; k < count; k++) {
    first[k] = ringSum(x.first.subarray(k * length, (k + 1) * length))
    second[k] = ringSum(x.second.subarray(k * length, (k + 1) * length))
  }
  return { first, second }
}

/** Words [start, end) of boolean shares, as views. */
export function sliceBits(x: BooleanShare, start: number, end: number): BooleanShare {
  return { first: x.first.subarray(start, end), second: x.second.subarray(start, end) }
}

/** Boolean shares joined end to end. */
export function concatBits(parts: readonly BooleanShare[]): BooleanShare {
  return concat(parts)
}

/** Boolean shares repeated `times` times. */
export function repeatBits(x: BooleanShare, times: number): BooleanShare {
  return repeatPadded(x, times, x.first.length)
}
