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
  const anvil = await startAnvil({ accounts: roles.firstSeller + sellerCount })
  const stop = async () => {
    for (const service of [...services].reverse()) await service.stop()
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
    const pollIntervalMs = 200
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
        pollIntervalMs,
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

    const bridgeDir = join(stateDir, 'bridge')
    mkdirSync(bridgeDir, { recursive: true })
    writeFileSync(join(bridgeDir, 'key'), `${anvil.accounts[roles.bridge]}\n`, { mode: 0o600 })
    const bridgePort = await findFreePort()
    const bridgeConfig: BridgeConfigFile = {
      chain: { deploymentDir: '..', pollIntervalMs },
      api: { host: '127.0.0.1', port: bridgePort },
      keyFile: 'key',
      dataDir: 'data',
    }
    writeFileSync(join(bridgeDir, 'bridge.json'), `${JSON.stringify(bridgeConfig, null, 2)}\n`)
    const bridgeUrl = `http://127.0.0.1:${bridgePort}`
    const bridgeLogFile = join(stateDir, 'logs', 'bridge.log')
    const spawnBridge = () =>
      spawnService({
        name: 'bridge',
        args: ['bridge', 'start', '--config', join(bridgeDir, 'bridge.json')],
        logFile: bridgeLogFile,
        healthUrl: `${bridgeUrl}/healthz`,
      })
    let bridge = await spawnBridge()
    services.push({ stop: () => bridge.stop() })
    step(`bridge: ${bridgeUrl}`)

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
      bridgeUrl,
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
      bridgeUrl,
      bridgeLogFile,
      bridgeDatabaseFile: join(bridgeDir, 'data', 'bridge.sqlite'),
      stopBridge: () => bridge.stop(),
      async restartBridge() {
        await bridge.stop()
        bridge = await spawnBridge()
      },
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
