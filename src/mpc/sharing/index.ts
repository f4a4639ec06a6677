/** 3-party replicated secret sharing over Z_2^64: pure functions, no I/O. */
export { addPublic } from './addPublic.ts'
export { concatenateShares } from './concatenateShares.ts'
export {
  isPartyIndex,
  nextParty,
  type PartyIndex,
  partyIndices,
  previousParty,
} from './party.ts'
export type { ReplicatedShare, ReplicatedShares } from './ReplicatedShare.ts'
export { reconstructReplicated } from './reconstructReplicated.ts'
export { decodeReplicatedShare, encodeReplicatedShare } from './shareEncoding.ts'
export { shareReplicated } from './shareReplicated.ts'
