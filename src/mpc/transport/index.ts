/** Authenticated links between the three parties: mutual TLS with pinned identities, or memory. */
export { createMemoryNetworks } from './createMemoryNetworks.ts'
export {
  type CreateTlsNetworkParameters,
  createTlsNetwork,
  type TlsNetwork,
  type TlsPeerAddress,
} from './createTlsNetwork.ts'
export { type Frame, type OutgoingFrame, sessionIdBytes } from './frame.ts'
export {
  fingerprintOf,
  type GenerateTlsIdentityParameters,
  generateTlsIdentity,
  type TlsIdentity,
} from './identity.ts'
export type {
  NetworkEvent,
  NetworkListener,
  NetworkStats,
  PartyNetwork,
} from './PartyNetwork.ts'
