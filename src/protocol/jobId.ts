import { TriadError } from '../errors/index.ts'

const sequenceBits = 64n
const sequenceMask = (1n << sequenceBits) - 1n

/**
 * The id of a pool's job with sequence number `sequence` (its index among the pool's jobs):
 * `poolId << 64 | sequence`, as TriadMarket derives it.
 *
 * @example
 * jobIdOf(1n, 0n) // 18446744073709551616n, the first job of pool 1
 */
export function jobIdOf(poolId: bigint, sequence: bigint): bigint {
  if (poolId <= 0n || poolId >= 1n << 192n || sequence < 0n || sequence > sequenceMask) {
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'No job id for this pool and sequence', {
      details: `poolId ${poolId}, sequence ${sequence}`,
      hint: 'A pool id is positive and a sequence fits in 64 bits.',
    })
  }
  return (poolId << sequenceBits) | sequence
}

/**
 * The pool and sequence number a job id names.
 *
 * @example
 * const { poolId, sequence } = splitJobId(jobId)
 */
export function splitJobId(jobId: bigint): { poolId: bigint; sequence: bigint } {
  return { poolId: jobId >> sequenceBits, sequence: jobId & sequenceMask }
}
