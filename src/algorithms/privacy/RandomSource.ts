import { createCipheriv, createHmac, randomBytes } from 'node:crypto'

/** Uniform random integers for noise sampling: `uniform(bound)` is uniform in [0, bound). */
export interface RandomSource {
  uniform(bound: bigint): bigint
}

/** A RandomSource over a byte stream, by rejection sampling (exactly uniform). */
function fromBytes(next: (count: number) => Uint8Array): RandomSource {
  return {
    uniform(bound) {
      if (bound < 1n) throw new RangeError(`uniform needs a bound of at least 1, got ${bound}`)
      if (bound === 1n) return 0n
      const bits = (bound - 1n).toString(2).length
      const bytes = Math.ceil(bits / 8)
      const excess = BigInt(bytes * 8 - bits)
      for (;;) {
        let value = 0n
        for (const byte of next(bytes)) value = (value << 8n) | BigInt(byte)
        value >>= excess
        if (value < bound) return value
      }
    },
  }
}

/**
 * Fresh randomness from the operating system (node:crypto).
 *
 * @example
 * const noise = sampleDiscreteLaplace(cryptoRandomSource(), { numerator: 10n, denominator: 1n })
 */
export function cryptoRandomSource(): RandomSource {
  return fromBytes((count) => randomBytes(count))
}

/**
 * A deterministic stream: AES-256-CTR under a key derived from `seed` and `label` (HMAC-SHA-256).
 * A node seeds the noise of a job from its own secret and the job id, so that every attempt of
 * the job adds the same noise: a retried job reveals nothing the first attempt did not.
 *
 * @example
 * const source = seededRandomSource(nodeSecret, `triad/dp-noise/job/${jobId}`)
 */
export function seededRandomSource(seed: Uint8Array, label: string): RandomSource {
  const key = createHmac('sha256', seed).update(label).digest()
  const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16))
  return fromBytes((count) => new Uint8Array(cipher.update(Buffer.alloc(count))))
}
