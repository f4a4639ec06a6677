import { triadErrorCodes } from '../../errors/codes.ts'
import { TriadError } from '../../errors/index.ts'
import type { PartyIndex } from '../sharing/index.ts'

/**
 * The step that carries an abort: the last u32. `nextStep` never hands it out, so it cannot clash
 * with a protocol message.
 */
export const abortStep = 0xffffffff

const maxCodeBytes = 64
const maxMessageBytes = 256

/**
 * The payload of an abort: the error code that made the sender give up, a newline, and its short
 * message (UTF-8, truncated). Diagnostic text for the peers' errors; nothing in it is secret.
 */
export function encodeAbort(error: TriadError): Uint8Array {
  const message = Buffer.from(error.shortMessage, 'utf8').subarray(0, maxMessageBytes)
  return Buffer.concat([Buffer.from(`${error.code}\n`, 'ascii'), message])
}

/** The error a party raises when peer `from` tells it the session was aborted. */
export function abortedBy(from: PartyIndex, payload: Uint8Array): TriadError {
  const text = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')
  const newline = text.indexOf('\n')
  const code = newline > 0 && newline <= maxCodeBytes ? text.slice(0, newline) : ''
  const reason =
    code in triadErrorCodes
      ? `${code}: ${text.slice(newline + 1, newline + 1 + maxMessageBytes)}`
      : 'an unreadable reason'
  return new TriadError('TRIAD_ERR_SESSION_ABORTED', `Party ${from} aborted the session`, {
    details: `party ${from} gave up with ${reason}`,
    hint: 'Look at that party’s log for the cause; the job can be retried in a new session.',
    retryable: true,
  })
}
