import { createHash } from 'node:crypto'
import { type Hex, hexToBytes, isHex, numberToBytes } from 'viem'
import { TriadError } from '../../errors/index.ts'

/**
 * The 32-byte id of the MPC session that runs a job: SHA-256 over a domain tag, the job id (as 32
 * bytes) and the attempt number. The three nodes derive the same id from the job on chain, so no
 * one has to announce it; a retried job uses the next attempt so stale frames of a failed attempt
 * cannot mix into the new one.
 *
 * @example
 * const sessionId = sessionIdForJob(42n) // or a bytes32 job id '0x…'
 */
export function sessionIdForJob(jobId: bigint | Hex, attempt = 0): Uint8Array {
  let job: Uint8Array
  if (typeof jobId === 'bigint') {
    if (jobId < 0n || jobId >= 2n ** 256n)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A job id must fit in 256 bits', {
        details: `${jobId}`,
      })
    job = numberToBytes(jobId, { size: 32 })
  } else {
    if (!isHex(jobId) || jobId.length !== 66)
      throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'A hex job id must be 32 bytes', {
        details: jobId,
      })
    job = hexToBytes(jobId)
  }
  if (!Number.isInteger(attempt) || attempt < 0 || attempt > 0xffffffff)
    throw new TriadError('TRIAD_ERR_VALUE_OUT_OF_RANGE', 'The attempt must be a u32', {
      details: `${attempt}`,
    })
  const attemptBytes = new Uint8Array(4)
  new DataView(attemptBytes.buffer).setUint32(0, attempt, false)
  return new Uint8Array(
    createHash('sha256').update('triad/mpc/session/v1').update(job).update(attemptBytes).digest(),
  )
}
