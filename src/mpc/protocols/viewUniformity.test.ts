import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { encodeFixed, encodeSigned } from '../ring/index.ts'
import type { Session } from '../session/index.ts'
import type { ReplicatedShare } from '../sharing/index.ts'
import { deal, onAll, type TestTrio, testTransports } from '../testing/transports.ts'
import { multiply, multiplyFixed } from './index.ts'

/**
 * A party's view of a multiplication must be uniformly random, whatever the secrets: every element
 * it receives is masked by a PRF output it cannot compute. The checks are a chi-square test on the
 * received bytes and a frequency test on each of the 64 bit positions, with thresholds far in the
 * tails (a false alarm has probability below 10^−9), and the same statistics computed on the
 * message an unmasked protocol would send, which they must reject.
 */

const n = 60_000

/** Chi-square statistic of the byte values against the uniform distribution (255 degrees). */
function chiSquareOfBytes(vectors: readonly BigUint64Array[]): number {
  const counts = new Float64Array(256)
  let total = 0
  for (const vector of vectors) {
    const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)
    for (const byte of bytes) counts[byte]!++
    total += bytes.length
  }
  const expected = total / 256
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0)
}

/** The largest |z| over the 64 bit positions of how often the bit is set. */
function worstBitBias(vectors: readonly BigUint64Array[]): number {
  const ones = new Float64Array(64)
  let total = 0
  for (const vector of vectors)
    for (const element of vector) {
      total++
      for (let bit = 0; bit < 64; bit++) if ((element >> BigInt(bit)) & 1n) ones[bit]!++
    }
  return Math.max(...[...ones].map((count) => Math.abs(count - total / 2) / Math.sqrt(total / 4)))
}

/**
 * Thresholds: for 255 degrees of freedom the chi-square statistic exceeds 400 with probability
 * about 10^−9; a binomial z-score exceeds 6.5 in one of 64 positions with about 5·10^−9.
 */
const chiSquareLimit = 400
const zLimit = 6.5

function assertUniform(view: readonly BigUint64Array[], what: string): void {
  const chi = chiSquareOfBytes(view)
  const z = worstBitBias(view)
  assert.ok(chi < chiSquareLimit, `${what}: chi-square ${chi.toFixed(1)}`)
  assert.ok(z < zLimit, `${what}: bit bias z = ${z.toFixed(2)}`)
}

/** Records the payloads party 0 receives while `run` executes. */
async function viewOfParty0(
  trio: TestTrio,
  run: (sessions: readonly [Session, Session, Session]) => Promise<unknown>,
): Promise<BigUint64Array[]> {
  const sessions = await trio.open()
  const received: BigUint64Array[] = []
  const stop = trio.networks[0].subscribe((event) => {
    if (event.kind === 'frame' && event.frame.payload.length % 8 === 0)
      received.push(new BigUint64Array(event.frame.payload.slice().buffer))
  })
  try {
    await run(sessions)
  } finally {
    stop()
  }
  return received
}

for (const transport of testTransports) {
  describe(`a party's view of a multiplication over ${transport.name}`, () => {
    let trio: TestTrio
    before(async () => {
      trio = await transport.start()
    })
    after(() => trio.stop())

    // Highly structured secrets: every element 3 times 5, so any unmasked term shows.
    const x = encodeSigned(Array.from({ length: n }, () => 3n))
    const y = encodeSigned(Array.from({ length: n }, () => 5n))

    it('is uniform for the integer product, and a protocol without the mask would fail', async () => {
      const [xs, ys] = [deal(x), deal(y)]
      const view = await viewOfParty0(trio, (sessions) =>
        onAll(sessions, (s, p) => multiply(s, xs[p], ys[p])),
      )
      assert.equal(
        view.reduce((total, v) => total + v.length, 0),
        n,
      )
      assertUniform(view, 'masked view')

      // What party 0 would receive without α: party 1's bare local products.
      const unmasked = localProducts(xs[1], ys[1])
      // Both tests reject it by far (chi-square about 780, bit 0 set with z about −60).
      assert.ok(chiSquareOfBytes([unmasked]) > 1.5 * chiSquareLimit)
      assert.ok(worstBitBias([unmasked]) > 5 * zLimit)
    })

    it('is uniform for the fixed-point product with fused truncation', async () => {
      const [xs, ys] = [
        deal(encodeFixed(new Float64Array(n).fill(1.5))),
        deal(encodeFixed(new Float64Array(n).fill(-2))),
      ]
      const view = await viewOfParty0(trio, (sessions) =>
        onAll(sessions, (s, p) => multiplyFixed(s, xs[p], ys[p])),
      )
      assertUniform(view, 'masked view')
    })
  })
}

function localProducts(x: ReplicatedShare, y: ReplicatedShare): BigUint64Array {
  return x.first.map((a, i) => a * y.first[i]! + a * y.second[i]! + x.second[i]! * y.first[i]!)
}
