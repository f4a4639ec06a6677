import { randomBytes } from 'node:crypto'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import type { BridgeConfigFile } from '../bridge/config.ts'
import {
  createTriadClient,
  type Deployment,
  deployMarket,
  type NodeInfo,
  registerCommittee,
  startAnvil,
  type TriadClient,
  writeDeployment,
} from '../chain/index.ts'
import { initNode } from '../node/initNode.ts'
import { generateNodeKeys, publicIdentityOf } from '../node/keys.ts'
import { testStablecoinAbi } from '../protocol/abi/generated/index.ts'
import { devRoles, writeDevnetInfo } from './devnetInfo.ts'
import { findFreePort } from './findFreePort.ts'
import { type ServiceExit, type SpawnedService, spawnService } from './spawnService.ts'
import { startTcpProxy, type TcpProxy } from './startTcpProxy.ts'

/** The roles the dev market gives anvil's funded accounts, by account index. */
const roles = devRoles

export interface DevnetAccounts {
  readonly deployer: TriadClient
  readonly curator: TriadClient
  readonly buyer: TriadClient
  readonly sellers: readonly TriadClient[]
  /** The market's treasury: receives the market's share. */
  readonly treasury: TriadClient
  readonly bridge: Hex
}

export interface DevnetNode {
  /** The node's HTTPS API, as registered in the committee. */
  readonly apiUrl: string
  /** The fingerprint of the node's TLS certificate, pinned by its clients. */
  readonly tlsFingerprint: Hex
  readonly signer: Hex
  readonly logFile: string
  /** The node's configuration file (`triad node start --config`). */
  readonly configFile: string
  /** The node's SQLite database. */
  readonly databaseFile: string
  /** The separate metrics listener (`/metrics`, `/healthz`), if the node has one. */
  readonly metricsUrl: string | undefined
  /** The node's key file, and its passphrase when the devnet encrypted it. */
  readonly keysFile: string
  readonly passphrase: string | undefined
  /**
   * Stops the node's process (SIGTERM, then SIGKILL after a grace period) and says how it
   * exited: code 0 after a clean shutdown.
   */
  stop(): Promise<ServiceExit>
  /** Starts the node's process again from the same configuration, keys and SQLite store. */
  restart(): Promise<void>
  /** Sends the node's process a signal: SIGSTOP and SIGCONT freeze and thaw it, for fault tests. */
  kill(signal: NodeJS.Signals): void
  /** The current process's id (a restart changes it). */
  readonly pid: number | undefined
}

/** A bridge process of the dev market. */
export interface DevnetBridge {
  readonly url: string
  readonly logFile: string
  /** The bridge's SQLite database. */
  readonly databaseFile: string
  /** The account it pays gas from. */
  readonly account: Hex
  /** Stops the process (SIGTERM, then SIGKILL after a grace period) and says how it exited. */
  stop(): Promise<ServiceExit>
  /** Starts it again from the same configuration and SQLite store. */
  restart(): Promise<void>
  /** Sends the process a signal (SIGKILL for a crash; `restart()` then starts it again). */
  kill(signal: NodeJS.Signals): void
  /** The current process's id (a restart changes it). */
  readonly pid: number | undefined
}

export interface Devnet {
  readonly stateDir: string
  readonly deployment: Deployment
  readonly committeeId: bigint
  readonly accounts: DevnetAccounts
  /** Node i's API URL, the address it is paid at, its log, and its process. */
  readonly nodes: readonly DevnetNode[]
  readonly bridgeUrl: string
  readonly bridgeLogFile: string
  /** The bridge's SQLite database. */
  readonly bridgeDatabaseFile: string
  /** Stops the bridge's process (SIGTERM) and says how it exited. */
  stopBridge(): Promise<ServiceExit>
  /** Starts the bridge's process again from the same configuration and SQLite store. */
  restartBridge(): Promise<void>
  /** Every bridge process (the first is the one above); more with `bridges: 2`. */
  readonly bridges: readonly DevnetBridge[]
  /** The chain's own JSON-RPC URL (sellers, buyers and tests use it). */
  readonly rpcUrl: string
  /** The TCP proxy the nodes and bridges reach the chain through, with `rpcProxy`. */
  readonly rpcProxy: TcpProxy | undefined
  /** Stops the bridge, the nodes and the chain, in that order. */
  stop(): Promise<void>
}

export interface StartDevnetParameters {
  /** The folder for the whole market's state; emptied first. */
  stateDir: string
  /** How many seller accounts to fund. Default 5. */
  sellers?: number
  /** Test stablecoin minted to each buyer and seller (6 decimals). Default 10,000. */
  mintEach?: bigint
  /** Called as each part comes up, for narration. */
  onStep?: (message: string) => void
  /**
   * Encrypt each node's key file (scrypt + AES-256-GCM) under a fresh random passphrase that
   * its process reads from `TRIAD_NODE_PASSPHRASE`, as an operator's node with `--encrypt`.
   */
  encryptNodeKeys?: boolean
  /** Seats whose node serves `/metrics` on a separate plain-HTTP listener instead of its API. */
  metricsListeners?: readonly (0 | 1 | 2)[]
  /**
   * Put a TCP proxy between the services (nodes, bridges) and the chain, which a fault test can
   * stop to cut their RPC (`devnet.rpcProxy`). Sellers and buyers reach the chain directly.
   */
  rpcProxy?: boolean
  /** The chain watchers' confirmations (default 0): the nodes' and the bridges'. */
  confirmations?: { readonly nodes?: number; readonly bridges?: number }
  /** How many bridge processes to run, each with its own account and folder. Default 1. */
  bridges?: 1 | 2
  /** Poll interval of the services' chain watchers, in ms. Default 200. */
  pollIntervalMs?: number
  /**
   * Poll interval of the nodes' chain watchers alone, in ms; default `pollIntervalMs`. A node
   * also polls at once when a job is handed over before its watcher read the request.
   */
  nodePollIntervalMs?: number
  /**
   * Seconds between blocks (fractions allowed) instead of a block per transaction: under heavy
   * load, many transactions share a block and the chain does far less work per transaction.
   */
  blockTime?: number
}

/** The variable a devnet node with an encrypted key file reads its passphrase from. */
const passphraseVariable = 'TRIAD_NODE_PASSPHRASE'

/**
 * The whole market on this machine: anvil on a free port, the market and a test stablecoin
 * deployed, three MPC nodes with fresh keys registered as a committee and started as their own
 * processes (pinned mutual TLS between them, each API on HTTPS with the node's pinned
 * certificate), a bridge process, and funded accounts. Every process writes its log into
 * `stateDir/logs`.
 *
 * @example
 * const devnet = await startDevnet({ stateDir: '.triad' })
 * // ... sell, buy ...
 * await devnet.stop()
 */
export async function startDevnet(parameters: StartDevnetParameters): Promise<Devnet> {
  const stateDir = resolve(parameters.stateDir)
  const step = parameters.onStep ?? (() => {})
  const sellerCount = parameters.sellers ?? 5
  rmSync(stateDir, { recursive: true, force: true })
  mkdirSync(join(stateDir, 'logs'), { recursive: true })

  const services: Pick<SpawnedService, 'stop'>[] = []
  const bridgeCount = parameters.bridges ?? 1
  // Extra bridges pay gas from the accounts after the sellers'.
  const anvil = await startAnvil({
    accounts: roles.firstSeller + sellerCount + bridgeCount - 1,
    ...(parameters.blockTime === undefined ? {} : { blockTime: parameters.blockTime }),
  })
  let proxy: TcpProxy | undefined
  const stop = async () => {
    for (const service of [...services].reverse()) await service.stop()
    await proxy?.close()
    await anvil.stop()
  }
  try {
    const client = (index: number) =>
      createTriadClient({
        rpcUrl: anvil.rpcUrl,
        chainId: anvil.chainId,
        privateKey: anvil.accounts[index]!,
      })
    const deployer = client(roles.deployer)
    step(`chain: anvil at ${anvil.rpcUrl} (chain id ${anvil.chainId})`)
    if (parameters.rpcProxy) {
      const target = new URL(anvil.rpcUrl)
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port) })
    }
    const serviceRpcUrl = proxy ? `http://${proxy.host}:${proxy.port}` : undefined

    const treasury = privateKeyToAddress(anvil.accounts[roles.treasury]!)
    const deployed = await deployMarket(deployer, { treasury })
    const deployment: Deployment = { ...deployed, rpcUrl: anvil.rpcUrl }
    writeDeployment(stateDir, deployment)
    step(`contracts: TriadMarket ${deployed.market}, test stablecoin tUSD ${deployed.token}`)

    const nodeSetups = await Promise.all(
      ([0, 1, 2] as const).map(async (index) => {
        const dir = join(stateDir, `node-${index}`)
        const keys = await generateNodeKeys()
        const apiPort = await findFreePort()
        const mpcPort = await findFreePort()
        const info: NodeInfo = {
          ...publicIdentityOf(keys),
          apiUrl: `https://127.0.0.1:${apiPort}`,
          mpcEndpoint: `127.0.0.1:${mpcPort}`,
        }
        const metricsPort = parameters.metricsListeners?.includes(index)
          ? await findFreePort()
          : undefined
        const passphrase = parameters.encryptNodeKeys
          ? randomBytes(24).toString('base64url')
          : undefined
        return { index, dir, keys, apiPort, mpcPort, metricsPort, info, passphrase }
      }),
    )
    const { committeeId } = await registerCommittee(deployer, {
      market: deployed.market,
      nodes: nodeSetups.map((setup) => setup.info),
    })
    step(`committee ${committeeId}: three nodes, TLS identities pinned on chain`)

    // Each node's folder is written as an operator's `triad node init` writes it, with the
    // keys just registered; deployment.json sits one level up.
    const pollIntervalMs = parameters.pollIntervalMs ?? 200
    for (const setup of nodeSetups) {
      const { passphrase } = setup
      await initNode({
        dir: setup.dir,
        deploymentDir: stateDir,
        seat: setup.index,
        committeeId,
        apiUrl: setup.info.apiUrl,
        mpcEndpoint: setup.info.mpcEndpoint,
        apiListen: { host: '127.0.0.1', port: setup.apiPort },
        mpcListen: { host: '127.0.0.1', port: setup.mpcPort },
        ...(setup.metricsPort
          ? { metricsListen: { host: '127.0.0.1', port: setup.metricsPort } }
          : {}),
        pollIntervalMs: parameters.nodePollIntervalMs ?? pollIntervalMs,
        ...(serviceRpcUrl ? { rpcUrl: serviceRpcUrl } : {}),
        ...(parameters.confirmations?.nodes === undefined
          ? {}
          : { confirmations: parameters.confirmations.nodes }),
        keys: setup.keys,
        ...(passphrase ? { encryption: { passphrase, source: { env: passphraseVariable } } } : {}),
      })
    }
    // allSettled, not all: when one node fails to start, wait for the others' spawns to settle,
    // so every process that did start is in `services` before `stop()` runs.
    const spawned = await Promise.allSettled(
      nodeSetups.map(async (setup) => {
        const configFile = join(setup.dir, 'node.json')
        const logFile = join(stateDir, 'logs', `node-${setup.index}.log`)
        const spawn = () =>
          spawnService({
            name: `node ${setup.index}`,
            args: ['node', 'start', '--config', configFile],
            logFile,
            healthUrl: `${setup.info.apiUrl}/healthz`,
            fingerprint: setup.info.tlsFingerprint,
            ...(setup.passphrase ? { env: { [passphraseVariable]: setup.passphrase } } : {}),
          })
        let current = await spawn()
        const node: DevnetNode = {
          apiUrl: setup.info.apiUrl,
          tlsFingerprint: setup.info.tlsFingerprint,
          signer: setup.info.signer,
          logFile,
          configFile,
          databaseFile: join(setup.dir, 'data', 'node.sqlite'),
          metricsUrl: setup.metricsPort ? `http://127.0.0.1:${setup.metricsPort}` : undefined,
          keysFile: join(setup.dir, 'keys.json'),
          passphrase: setup.passphrase,
          stop: () => current.stop(),
          kill: (signal) => {
            current.process.kill(signal)
          },
          get pid() {
            return current.process.pid
          },
          async restart() {
            await current.stop()
            current = await spawn()
          },
        }
        services.push(node)
        return node
      }),
    )
    const nodes = spawned.map((result) => {
      if (result.status === 'rejected') throw result.reason
      return result.value
    })
    step(`nodes: ${nodes.map((node) => node.apiUrl).join(', ')}`)

    const bridges: DevnetBridge[] = []
    for (let index = 0; index < bridgeCount; index++) {
      const accountIndex = index === 0 ? roles.bridge : roles.firstSeller + sellerCount + index - 1
      const bridge = await startDevnetBridge({
        dir: join(stateDir, index === 0 ? 'bridge' : `bridge-${index}`),
        logFile: join(stateDir, 'logs', index === 0 ? 'bridge.log' : `bridge-${index}.log`),
        privateKey: anvil.accounts[accountIndex]!,
        chain: {
          deploymentDir: '..',
          pollIntervalMs,
          ...(serviceRpcUrl ? { rpcUrl: serviceRpcUrl } : {}),
          ...(parameters.confirmations?.bridges === undefined
            ? {}
            : { confirmations: parameters.confirmations.bridges }),
        },
      })
      services.push(bridge)
      bridges.push(bridge)
      step(`bridge: ${bridge.url}`)
    }
    const bridge = bridges[0]!

    const sellers = Array.from({ length: sellerCount }, (_, offset) =>
      client(roles.firstSeller + offset),
    )
    const buyer = client(roles.buyer)
    const mintEach = parameters.mintEach ?? 10_000_000_000n
    for (const account of [buyer, ...sellers]) {
      const hash = await deployer.writeContract({
        address: deployed.token,
        abi: testStablecoinAbi,
        functionName: 'mint',
        args: [account.account.address, mintEach],
      })
      await deployer.waitForTransactionReceipt({ hash })
    }
    step(`accounts: buyer and ${sellerCount} sellers funded with test stablecoin`)
    writeDevnetInfo(stateDir, {
      bridgeUrl: bridge.url,
      committeeId,
      sellers: sellerCount,
      nodes: nodes.map((node) => node.apiUrl),
    })

    return {
      stateDir,
      deployment,
      committeeId,
      accounts: {
        deployer,
        curator: client(roles.curator),
        buyer,
        sellers,
        treasury: client(roles.treasury),
        bridge: privateKeyToAddress(anvil.accounts[roles.bridge]!),
      },
      nodes,
      bridgeUrl: bridge.url,
      bridgeLogFile: bridge.logFile,
      bridgeDatabaseFile: bridge.databaseFile,
      stopBridge: () => bridge.stop(),
      restartBridge: () => bridge.restart(),
      bridges,
      rpcUrl: anvil.rpcUrl,
      rpcProxy: proxy,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Writes a bridge's folder (config, 0600 key file) and starts its process. */
async function startDevnetBridge(parameters: {
  dir: string
  logFile: string
  privateKey: Hex
  chain: BridgeConfigFile['chain']
}): Promise<DevnetBridge> {
  mkdirSync(parameters.dir, { recursive: true })
  writeFileSync(join(parameters.dir, 'key'), `${parameters.privateKey}\n`, { mode: 0o600 })
  const port = await findFreePort()
  const config: BridgeConfigFile = {
    chain: parameters.chain,
    api: { host: '127.0.0.1', port },
    keyFile: 'key',
    dataDir: 'data',
  }
  const configFile = join(parameters.dir, 'bridge.json')
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`)
  const url = `http://127.0.0.1:${port}`
  const spawn = () =>
    spawnService({
      name: 'bridge',
      args: ['bridge', 'start', '--config', configFile],
      logFile: parameters.logFile,
      healthUrl: `${url}/healthz`,
    })
  let current = await spawn()
  return {
    url,
    logFile: parameters.logFile,
    databaseFile: join(parameters.dir, 'data', 'bridge.sqlite'),
    account: privateKeyToAddress(parameters.privateKey),
    stop: () => current.stop(),
    async restart() {
      await current.stop()
      current = await spawn()
    },
    kill(signal) {
      current.process.kill(signal)
    },
    get pid() {
      return current.process.pid
    },
  }
}
