import type { ReplicatedShare } from '../sharing/index.ts'
import { decodeReplicatedShare } from '../sharing/index.ts'

/**
 * Input from a data owner, in full. In replicated sharing the owner (a seller) is its own dealer:
 * it runs `shareReplicated` locally and sends party i its share i, sealed to party i's key. The
 * parties have no protocol to run: each decodes the share it received, and that is its input.
 * There is no round among the parties and nothing to check against each other at this point (an
 * owner who deals inconsistent shares only corrupts its own contribution; a later version may add
 * a consistency check when shares are committed on chain).
 *
 * @example
 * const column = inputFromOwner(openedBlob)
 */
export function inputFromOwner(blob: Uint8Array): ReplicatedShare {
  return decodeReplicatedShare(blob)
}
