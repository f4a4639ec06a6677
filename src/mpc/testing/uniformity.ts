import type { Session } from '../session/index.ts'

/**
 * Test support for statistical checks. `byteChiSquare` is Pearson's statistic of the byte values
 * of `bytes` against the uniform distribution (255 degrees of freedom). Its 99.99th percentile is
 * about 330, so a uniform source exceeds `uniformByteLimit` once in ten thousand runs.
 */
export const uniformByteLimit = 330

export function byteChiSquare(bytes: Uint8Array): number {
  const counts = new Float64Array(256)
  for (const byte of bytes) counts[byte]!++
  return chiSquare(counts, bytes.length / 256)
}

/** Pearson's statistic of `counts` against the same expected count in every bin. */
export function chiSquare(counts: ArrayLike<number>, expected: number): number {
  let total = 0
  for (let i = 0; i < counts.length; i++) total += (counts[i]! - expected) ** 2 / expected
  return total
}

/** Wraps a session so that every payload it receives is also kept in `received`. */
export function recordingSession(session: Session): { session: Session; received: Uint8Array[] } {
  const received: Uint8Array[] = []
  const receive: Session['receive'] = async (...args) => {
    const payload = await session.receive(...args)
    received.push(payload.slice())
    return payload
  }
  const recording = new Proxy(session, {
    get(target, property) {
      if (property === 'receive') return receive
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { session: recording, received }
}
