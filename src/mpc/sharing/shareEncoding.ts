import { TriadError } from '../../errors/index.ts'
import { ringFromBytes, ringToBytes } from '../ring/index.ts'
import type { ReplicatedShare } from './ReplicatedShare.ts'

/**
 * The byte form of one party's replicated share, as uploaded by a seller and stored by a node:
 *
 * | bytes  | field                                   |
 * |--------|-----------------------------------------|
 * | 0..3   | magic `TRS` (0x54 0x52 0x53)            |
 * | 3      | version, 1                              |
 * | 4..8   | element count n, u32 big-endian         |
 * | 8..    | `first`: n u64 little-endian            |
 * | ..end  | `second`: n u64 little-endian           |
 *
 * The length is exact: 8 + 16n bytes, nothing more or less.
 */
const magic = [0x54, 0x52, 0x53] as const
const version = 1
const headerBytes = 8

/**
 * Encodes one party's share.
 *
 * @example
 * const blob = encodeReplicatedShare(shareReplicated(values)[1])
 */
export function encodeReplicatedShare(share: ReplicatedShare): Uint8Array {
  const n = share.first.length
  if (share.second.length !== n)
    throw new TriadError(
      'TRIAD_ERR_SHARE_ENCODING',
      'The two components of a share differ in length',
      {
        details: `first has ${n} elements, second ${share.second.length}`,
      },
    )
  if (n > 0xffffffff)
    throw new TriadError('TRIAD_ERR_SHARE_ENCODING', 'A share is too long to encode', {
      details: `${n} elements, at most 2^32 - 1`,
    })
  const bytes = new Uint8Array(headerBytes + 16 * n)
  bytes.set(magic, 0)
  bytes[3] = version
  new DataView(bytes.buffer).setUint32(4, n, false)
  bytes.set(ringToBytes(share.first), headerBytes)
  bytes.set(ringToBytes(share.second), headerBytes + 8 * n)
  return bytes
}

/**
 * Decodes one party's share, checking magic, version and exact length.
 *
 * @throws TriadError TRIAD_ERR_SHARE_ENCODING on any malformed input.
 * @example
 * const share = decodeReplicatedShare(blob)
 */
export function decodeReplicatedShare(bytes: Uint8Array): ReplicatedShare {
  if (bytes.length < headerBytes) throw malformed(`${bytes.length} bytes, shorter than the header`)
  if (bytes[0] !== magic[0] || bytes[1] !== magic[1] || bytes[2] !== magic[2])
    throw malformed('the magic bytes are not TRS')
  if (bytes[3] !== version) throw malformed(`version ${bytes[3]}, expected ${version}`)
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, false)
  const expected = headerBytes + 16 * n
  if (bytes.length !== expected)
    throw malformed(`${bytes.length} bytes for ${n} elements, expected exactly ${expected}`)
  return {
    first: ringFromBytes(bytes, headerBytes, n),
    second: ringFromBytes(bytes, headerBytes + 8 * n, n),
  }
}

function malformed(details: string): TriadError {
  return new TriadError('TRIAD_ERR_SHARE_ENCODING', 'A share blob is malformed', {
    details,
    hint: 'Shares are produced by encodeReplicatedShare; check the upload was not truncated.',
  })
}
