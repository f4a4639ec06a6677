import type { Logger } from 'pino'
import { createPublicClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { readCommittee, triadChain } from '../chain/index.ts'
import { TriadError } from '../errors/index.ts'
import { createSessionMux } from '../mpc/session/index.ts'
import { partyIndices } from '../mpc/sharing/index.ts'
import { createTlsNetwork, type TlsPeerAddress } from '../mpc/transport/index.ts'
import { buildNodeApi } from './buildNodeApi.ts'
import type { NodeConfig } from './config.ts'
import { JobRunner } from './JobRunner.ts'
import { publicIdentityOf, readNodeKeys } from './keys.ts'
import type { NodeContext } from './NodeContext.ts'
import { NodeStore } from './store.ts'

export interface RunningNode {
  readonly context: NodeContext
  /** The API's base URL, e.g. `http://127.0.0.1:7001`. */
  readonly apiUrl: string
  /** Stops taking requests, lets running jobs finish, closes the links and the store. */
  close(): Promise<void>
}

/**
 * Starts one MPC node: reads its keys, checks that the committee on chain names exactly this
 * node's keys at its seat, opens the TLS links to its two peers (identities pinned from the
 * chain), opens its SQLite store and serves its API.
 *
 * @example
 * const node = await startNode(loadNodeConfig('.triad/node-0/node.json'), { logger })
 */
export async function startNode(
  config: NodeConfig,
  options: { logger: Logger },
): Promise<RunningNode> {
  const keys = readNodeKeys(config.keysFile)
  const identity = publicIdentityOf(keys)
  const chain = createPublicClient({
    chain: triadChain(config.chain),
    transport: http(config.chain.rpcUrl),
    pollingInterval: config.chain.pollIntervalMs,
  })
  const market = { chainId: config.chain.chainId, market: config.chain.market }
  const committee = await readCommittee(chain, {
    market: market.market,
    committeeId: config.committeeId,
  })
  const seat = committee[config.index]
  if (
    !seat ||
    seat.signer !== identity.signer ||
    seat.encryptionKey.toLowerCase() !== identity.encryptionKey.toLowerCase() ||
    seat.tlsFingerprint.toLowerCase() !== identity.tlsFingerprint.toLowerCase()
  ) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `Committee ${config.committeeId} does not list this node's keys at seat ${config.index}`,
      {
        details: `chain: ${JSON.stringify(seat ?? null)}; this node: ${JSON.stringify(identity)}`,
        hint: 'Check `index` and `committeeId` in the node configuration, and that `keysFile` is the key file registered at that seat (`triad dev` writes and registers <state>/node-<i>/keys.json for seat i).',
      },
    )
  }
  const peers: TlsPeerAddress[] = partyIndices
    .filter((party) => party !== config.index)
    .map((party) => {
      const node = committee[party]!
      const [host, port] = splitEndpoint(node.mpcEndpoint)
      return { index: party, host, port, fingerprint: node.tlsFingerprint }
    })

  const logger = options.logger.child({ node: config.index })
  const network = await createTlsNetwork({
    partyIndex: config.index,
    identity: keys.tls,
    listen: config.mpc,
    peers,
  })
  const store = new NodeStore(config.dataDir)
  const interrupted = store.failInterruptedJobs()
  const shutdown = new AbortController()
  const context: NodeContext = {
    config,
    index: config.index,
    market,
    keys,
    signer: privateKeyToAccount(keys.signingKey),
    chain,
    store,
    network,
    sessions: createSessionMux({ network }),
    logger,
    shutdown: shutdown.signal,
  }
  const jobs = new JobRunner(context)
  const app = buildNodeApi(context, jobs)
  try {
    await app.listen({ host: config.api.host, port: config.api.port })
  } catch (cause) {
    await network.close()
    store.close()
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `Node ${config.index} cannot listen on ${config.api.host}:${config.api.port}`,
      {
        cause,
        hint: 'Another process holds the port; change `api.port` in the node configuration.',
      },
    )
  }
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.api.port
  logger.info({ api: port, mpc: network.port, interrupted }, 'node started')

  let closing: Promise<void> | undefined
  return {
    context,
    apiUrl: `http://${config.api.host}:${port}`,
    close() {
      closing ??= (async () => {
        shutdown.abort()
        await app.close()
        // Closing the sessions first fails any job still waiting on a peer at once, so the
        // drain below is quick instead of waiting out the session timeout.
        context.sessions.close()
        await jobs.drain()
        await network.close()
        store.close()
        logger.info('node stopped')
      })()
      return closing
    },
  }
}

function splitEndpoint(endpoint: string): [string, number] {
  const match = /^(.+):(\d{1,5})$/.exec(endpoint)
  if (!match) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The committee lists a bad MPC endpoint "${endpoint}"`,
      {
        hint: 'An MPC endpoint is host:port.',
      },
    )
  }
  return [match[1]!, Number(match[2])]
}
