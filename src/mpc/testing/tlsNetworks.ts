import type { Hex } from 'viem'
import type { PartyIndex } from '../sharing/index.ts'
import {
  createTlsNetwork,
  generateTlsIdentity,
  type TlsIdentity,
  type TlsNetwork,
} from '../transport/index.ts'

export interface StartTlsNetworksParameters {
  /** Identities the parties run with (default: fresh ones). */
  readonly identities?: readonly [TlsIdentity, TlsIdentity, TlsIdentity]
  /** The fingerprints the committee pins (default: those of the identities). */
  readonly pins?: readonly [Hex, Hex, Hex]
  readonly timeoutMs?: number
  readonly heartbeatMs?: number
}

/**
 * Test support: three TLS networks on 127.0.0.1 with port 0, in one process. Created highest
 * index first, because a party dials only the higher indices and needs their bound ports.
 */
export async function startTlsNetworks(
  parameters: StartTlsNetworksParameters = {},
): Promise<[TlsNetwork, TlsNetwork, TlsNetwork]> {
  const identities =
    parameters.identities ??
    ((await Promise.all([0, 1, 2].map(() => generateTlsIdentity()))) as [
      TlsIdentity,
      TlsIdentity,
      TlsIdentity,
    ])
  const pins = parameters.pins ?? identities.map((identity) => identity.fingerprint)
  const networks: TlsNetwork[] = []
  const ports = [0, 0, 0]
  for (const index of [2, 1, 0] as const) {
    const network = await createTlsNetwork({
      partyIndex: index,
      identity: identities[index],
      listen: { host: '127.0.0.1', port: 0 },
      peers: ([0, 1, 2] as const)
        .filter((peer) => peer !== index)
        .map((peer: PartyIndex) => ({
          index: peer,
          host: '127.0.0.1',
          port: ports[peer]!,
          fingerprint: pins[peer]!,
        })),
      timeoutMs: parameters.timeoutMs ?? 5_000,
      heartbeatMs: parameters.heartbeatMs,
    })
    ports[index] = network.port
    networks[index] = network
  }
  return [networks[0]!, networks[1]!, networks[2]!]
}

export async function closeAll(networks: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.all(networks.map((network) => network.close()))
}
