import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { createPublicClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { algorithmLibrary, verifyAlgorithmSources } from '../algorithms/index.ts'
import { readCommittee, triadChain } from '../chain/index.ts'
import { startChainWatcher } from '../chain/watcher/index.ts'
import { TriadError } from '../errors/index.ts'
import { createSessionMux } from '../mpc/session/index.ts'
import { partyIndices } from '../mpc/sharing/index.ts'
import { createTlsNetwork, type TlsPeerAddress } from '../mpc/transport/index.ts'
import { buildOpsServer } from '../observability/buildOpsServer.ts'
import { countRpcErrors } from '../observability/countRpcErrors.ts'
import { watcherHooks } from '../observability/createWatcherMetrics.ts'
import { lockDataDir } from '../storage/lockDataDir.ts'
import { buildNodeApi } from './buildNodeApi.ts'
import type { NodeConfig } from './config.ts'
import { countMpcTraffic } from './countMpcTraffic.ts'
import { JobRunner } from './JobRunner.ts'
import { publicIdentityOf, readNodeKeys } from './keys.ts'
import type { NodeContext } from './NodeContext.ts'
import { createNodeMetrics } from './NodeMetrics.ts'
import { readNodeHealth } from './readNodeHealth.ts'
import { NodeStore } from './store.ts'

export interface RunningNode {
  readonly context: NodeContext
  /** The API's base URL, e.g. `https://127.0.0.1:7001`. */
  readonly apiUrl: string
  /** The separate metrics listener's base URL, when `metrics` is configured. */
  readonly metricsUrl: string | undefined
  /**
   * Stops taking requests, finishes or fails the jobs under way (failed attempts are recorded,
   * so the bridge starts a new one), closes the peer links and the store.
   */
  close(): Promise<void>
}

export interface StartNodeOptions {
  readonly logger: Logger
  /** The passphrase of an encrypted key file (the CLI reads it from `keysPassphrase`). */
  readonly passphrase?: string
}

/**
 * Starts one MPC node: reads its keys, checks that the committee on chain names exactly this
 * node's keys at its seat, opens the TLS links to its two peers (identities pinned from the
 * chain), opens its SQLite store and serves its API over HTTPS with the same TLS certificate
 * (plain HTTP only with `api.insecurePlainHttp`).
 *
 * @example
 * const node = await startNode(loadNodeConfig('/var/lib/triad/node/node.json'), { logger })
 */
export async function startNode(
  config: NodeConfig,
  options: StartNodeOptions,
): Promise<RunningNode> {
  const keys = await readNodeKeys(config.keysFile, { passphrase: options.passphrase })
  const identity = publicIdentityOf(keys)
  if (config.committeeId === undefined) {
    throw new TriadError(
      'TRIAD_ERR_NODE_NOT_REGISTERED',
      'The node configuration names no committee yet',
      {
        details: `this node's record: seat ${config.index}, signer ${identity.signer}, encryptionKey ${identity.encryptionKey}, tlsFingerprint ${identity.tlsFingerprint}`,
        hint: 'Publish the record (record.json, written by `triad node init`) to the market owner; once the committee is registered, add "committeeId": "<id>" to the node configuration.',
      },
    )
  }
  const committeeId = config.committeeId
  // The registry is created before the chain client so RPC failures at start-up are counted.
  let metrics: ReturnType<typeof createNodeMetrics> | undefined
  const chain = createPublicClient({
    chain: triadChain(config.chain),
    transport: countRpcErrors(http(config.chain.rpcUrl), (method, kind) =>
      metrics?.chainRpcErrors.inc({ method, kind }),
    ),
    pollingInterval: config.chain.pollIntervalMs,
  })
  const market = { chainId: config.chain.chainId, market: config.chain.market }
  const committee = await readCommittee(chain, { market: market.market, committeeId })
  const seat = committee[config.index]
  if (
    !seat ||
    seat.signer !== identity.signer ||
    seat.encryptionKey.toLowerCase() !== identity.encryptionKey.toLowerCase() ||
    seat.tlsFingerprint.toLowerCase() !== identity.tlsFingerprint.toLowerCase()
  ) {
    throw new TriadError(
      'TRIAD_ERR_NODE_NOT_REGISTERED',
      `Committee ${committeeId} does not list this node's keys at seat ${config.index}`,
      {
        details: `chain: ${JSON.stringify(seat ?? null)}; this node: ${JSON.stringify(identity)}`,
        hint: 'Check `index` and `committeeId` in the node configuration, and that `keysFile` is the key file registered at that seat (`triad node init` printed its record).',
      },
    )
  }
  const logger = options.logger.child({ node: config.index })
  const scheme = config.api.insecurePlainHttp ? 'http:' : 'https:'
  if (!seat.apiUrl.startsWith(scheme)) {
    logger.warn(
      { registered: seat.apiUrl, serving: scheme },
      'the committee lists another scheme for this node’s API than it serves; clients will fail',
    )
  }
  const peers: TlsPeerAddress[] = partyIndices
    .filter((party) => party !== config.index)
    .map((party) => {
      const node = committee[party]!
      const [host, port] = splitEndpoint(node.mpcEndpoint)
      return { index: party, host, port, fingerprint: node.tlsFingerprint }
    })

  // Re-hash the code of every algorithm: a job naming an id whose code changed is refused.
  const algorithmSources = verifyAlgorithmSources([...algorithmLibrary.values()])
  for (const mismatch of algorithmSources.mismatches)
    logger.warn(mismatch, 'algorithm source does not match its id; jobs naming it will be refused')

  // One node process per data folder: a second one would fail the first one's jobs below.
  const lock = lockDataDir(config.dataDir, 'node')
  const store = new NodeStore(config.dataDir)
  const interrupted = store.failInterruptedJobs()
  let network: ReturnType<typeof countMpcTraffic> | undefined
  metrics = createNodeMetrics({
    jobStates: () => (store.open ? store.countJobs() : { computing: 0, done: 0, failed: 0 }),
    peers: () =>
      peers.map((peer) => ({
        index: peer.index,
        connected: network?.isConnected(peer.index) ?? false,
      })),
  })
  try {
    network = countMpcTraffic(
      await createTlsNetwork({
        partyIndex: config.index,
        identity: keys.tls,
        listen: config.mpc,
        peers,
      }),
      metrics,
    )
  } catch (error) {
    store.close()
    lock.release()
    throw error
  }
  const shutdown = new AbortController()
  // The chain index: contributions, job requests and outcomes, `confirmations` deep, resumed
  // from the position saved with them.
  store.index.onApplied = (changes) => {
    for (const purged of changes.purged) {
      metrics?.sharesPurged.inc()
      logger.info(
        {
          poolId: purged.poolId.toString(),
          seller: purged.seller,
          commitment: purged.commitment,
        },
        'contribution revoked and no job can use it any more: its shares are deleted',
      )
    }
  }
  store.index.onRolledBack = (rollback) => {
    if (rollback.droppedJobs.length === 0) return
    logger.warn(
      {
        jobIds: rollback.droppedJobs.map(String),
        failedAttempts: rollback.failedAttempts,
      },
      'job requests dropped by a chain reorganisation: their attempts here are failed',
    )
  }
  const watcher = startChainWatcher(chain, {
    market: market.market,
    store: store.index,
    startBlock: config.chain.deployBlock,
    confirmations: config.chain.confirmations,
    maxBlockRange: config.chain.maxBlockRange,
    pollIntervalMs: config.chain.pollIntervalMs,
    ...watcherHooks(logger.child({ component: 'watcher' }), metrics.watcher),
  })
  const context: NodeContext = {
    config,
    index: config.index,
    market,
    keys,
    signer: privateKeyToAccount(keys.signingKey),
    chain,
    watcher,
    store,
    network,
    sessions: createSessionMux({ network }),
    logger,
    metrics,
    algorithmSources,
    shutdown: shutdown.signal,
  }
  const jobs = new JobRunner(context)
  const app = buildNodeApi(context, jobs, {
    ...(config.api.insecurePlainHttp ? {} : { https: keys.tls }),
    metrics: config.metrics === undefined,
  })
  const ops = config.metrics
    ? buildOpsServer({
        logger,
        registry: metrics.registry,
        health: () => readNodeHealth(context, jobs.running),
      })
    : undefined
  let port: number
  let metricsPort: number | undefined
  try {
    port = await listen(app, config.api, 'api')
    if (ops && config.metrics) metricsPort = await listen(ops, config.metrics, 'metrics')
  } catch (error) {
    await app.close()
    await watcher.stop()
    await network.close()
    store.close()
    lock.release()
    throw error
  }
  logger.info(
    {
      api: `${scheme}//${config.api.host}:${port}`,
      mpc: network.port,
      ...(metricsPort === undefined
        ? {}
        : { metrics: `http://${config.metrics!.host}:${metricsPort}` }),
      committee: committeeId.toString(),
      signer: identity.signer,
      tlsFingerprint: identity.tlsFingerprint,
      interrupted,
    },
    'node started',
  )

  let closing: Promise<void> | undefined
  return {
    context,
    apiUrl: `${scheme}//${config.api.host}:${port}`,
    metricsUrl:
      metricsPort === undefined ? undefined : `http://${config.metrics!.host}:${metricsPort}`,
    close() {
      closing ??= (async () => {
        const running = jobs.running
        logger.info({ jobsRunning: running }, 'node stopping')
        shutdown.abort()
        // In-flight uploads finish (their receipts are stored) before the store closes.
        await app.close()
        // Closing the sessions first fails any job still waiting on a peer at once, so the
        // drain below is quick instead of waiting out the session timeout.
        context.sessions.close()
        await jobs.drain()
        await watcher.stop()
        await network.close()
        store.close()
        lock.release()
        await ops?.close()
        logger.info({ jobsFailedOrFinished: running }, 'node stopped')
      })()
      return closing
    },
  }
}

async function listen(
  app: FastifyInstance,
  endpoint: { host: string; port: number },
  section: 'api' | 'metrics',
): Promise<number> {
  try {
    await app.listen({ host: endpoint.host, port: endpoint.port })
  } catch (cause) {
    throw new TriadError(
      'TRIAD_ERR_CONFIG_INVALID',
      `The node cannot listen on ${endpoint.host}:${endpoint.port} (${section})`,
      {
        cause,
        details: cause instanceof Error ? cause.message : String(cause),
        hint: `Another process holds the port, or the address is not this host's; change \`${section}\` in the node configuration.`,
      },
    )
  }
  const address = app.server.address()
  return typeof address === 'object' && address ? address.port : endpoint.port
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
