import { encodeAbiParameters, type Hex, keccak256 } from 'viem'

/**
 * The on-chain commitment of a contribution: the hash of the three sealed blobs' hashes, in node
 * order. Each node checks that its own blob is the one committed to before it signs a receipt.
 *
 * @example
 * const commitment = contributionCommitment(sealed.map((blob) => keccak256(blob)))
 */
export function contributionCommitment(sealedShareHashes: readonly Hex[]): Hex {
  return keccak256(encodeAbiParameters([{ type: 'bytes32[]' }], [sealedShareHashes as Hex[]]))
}
