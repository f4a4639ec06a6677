/**
 * The EIP-712 type a seller signs to authorise an upload of its shares: the pool, the row count
 * and the commitment to all three sealed blobs. A node stores shares only under the address that
 * signed them, so nobody can upload, or later claim rows, in another seller's name.
 */
export const uploadAuthorizationTypes = {
  Upload: [
    { name: 'poolId', type: 'uint256' },
    { name: 'rows', type: 'uint64' },
    { name: 'commitment', type: 'bytes32' },
  ],
} as const
