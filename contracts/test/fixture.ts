// A market on a fresh anvil: owner, treasury, a committee of three nodes, a buyer, sellers and an
// outsider, one pool, and helpers that sign like real nodes. One fixture per test file.
import {
  type Address,
  type ContractEventName,
  createTestClient,
  erc20Abi,
  type Hash,
  type Hex,
  http,
  keccak256,
  maxUint256,
  type ParseEventLogsReturnType,
  parseEventLogs,
  stringToHex,
  toHex,
} from 'viem'
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import { contribute } from '../../src/chain/contribute.ts'
import { createPool, type PoolParams } from '../../src/chain/createPool.ts'
import {
  createTriadClient,
  type TriadClient,
  triadChain,
} from '../../src/chain/createTriadClient.ts'
import { deployMarket } from '../../src/chain/deployMarket.ts'
import { type NodeInfo, registerCommittee } from '../../src/chain/registerCommittee.ts'
import { type RequestJobParameters, requestJob } from '../../src/chain/requestJob.ts'
import { type StartAnvilReturnType, startAnvil } from '../../src/chain/startAnvil.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { testStablecoinAbi, triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { signReceipt } from '../../src/protocol/signReceipt.ts'
import { signResult } from '../../src/protocol/signResult.ts'

export const algorithmId = keccak256(stringToHex('triad/mean@1'))
export const otherAlgorithmId = keccak256(stringToHex('triad/histogram@1'))
export const price = 10_000_000n // 10 tUSD
export const buyerKey = keccak256(stringToHex('buyer x25519 public key'))

type MarketAbi = typeof triadMarketAbi

/** The node record of seat `seat` under a name (`node` for the fixture's committee). */
export function nodeRecord(signer: Address, seat: number, name = 'node'): NodeInfo {
  return {
    signer,
    encryptionKey: keccak256(toHex(`${name} enc${seat}`)),
    tlsFingerprint: keccak256(toHex(`${name} tls${seat}`)),
    apiUrl: `https://${name}${seat}.example:8443`,
    mpcEndpoint: `${name}${seat}.example:9443`,
  }
}

export interface Fixture {
  anvil: StartAnvilReturnType
  chainId: number
  market: Address
  token: Address
  owner: TriadClient
  treasury: TriadClient
  nodes: PrivateKeyAccount[]
  nodeClients: TriadClient[]
  buyer: TriadClient
  sellers: TriadClient[]
  outsider: PrivateKeyAccount
  outsiderClient: TriadClient
  committeeId: bigint
  poolId: bigint
  /** The parameters of the fixture's pool: 70/20/10 split, 3 contributors, 60 s to 1 day. */
  poolParams: PoolParams
  /** Creates another pool with overrides (curator: the owner unless given). */
  newPool: (overrides?: Partial<PoolParams>, curator?: TriadClient) => Promise<bigint>
  /** The three nodes' Receipt signatures for a contribution, in seat order. */
  signReceipts: (
    seller: TriadClient | Address,
    poolId: bigint,
    rows: bigint,
    commitment: Hex,
    signers?: PrivateKeyAccount[],
  ) => Promise<Hex[]>
  /**
   * Registers `rows` for a seller with real receipts from the three nodes, under a fresh
   * commitment each call (a commitment registers once per pool and seller).
   */
  contributeAs: (
    seller: TriadClient,
    rows: bigint,
    poolId?: bigint,
  ) => Promise<Awaited<ReturnType<typeof contribute>> & { commitment: Hex }>
  /** A job from the buyer (or `buyer`) on the fixture's pool with a 600 s deadline. */
  requestAs: (
    overrides?: Partial<RequestJobParameters>,
    buyer?: TriadClient,
  ) => ReturnType<typeof requestJob>
  /**
   * Sealed shares of one MPC run (`attempt`, default 0; each run's shares differ) and the
   * signers' Result signatures over it, ready to spread into `submitResult`. `signers[i]` signs
   * for seat `seats[i]` (default: the three nodes for seats 0, 1, 2).
   */
  signedResult: (
    jobId: bigint,
    signers?: PrivateKeyAccount[],
    attempt?: number,
    seats?: number[],
  ) => Promise<{ attempt: number; seats: number[]; sealedShares: Hex[]; signatures: Hex[] }>
  deliver: (jobId: bigint) => Promise<Awaited<ReturnType<typeof submitResult>>>
  /** The market's `eventName` logs in a transaction's receipt. */
  events: <const eventName extends ContractEventName<MarketAbi>>(
    hash: Hash,
    eventName: eventName,
  ) => Promise<ParseEventLogsReturnType<MarketAbi, eventName, true>>
  mint: (to: Address, amount: bigint) => Promise<void>
  approveMax: (client: TriadClient, token?: Address) => Promise<void>
  balanceOf: (account: Address) => Promise<bigint>
  increaseTime: (seconds: number) => Promise<void>
  stop: () => Promise<void>
}

export async function setupMarket(): Promise<Fixture> {
  const anvil = await startAnvil({ accounts: 20 })
  try {
    const { rpcUrl, chainId } = anvil
    const client = (i: number) =>
      createTriadClient({ rpcUrl, chainId, privateKey: anvil.accounts[i]!, pollingInterval: 20 })
    const owner = client(0)
    const treasury = client(1)
    const nodes = [2, 3, 4].map((i) => privateKeyToAccount(anvil.accounts[i]!))
    const nodeClients = [2, 3, 4].map(client)
    const buyer = client(5)
    const sellers = [6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19].map(client)
    const outsider = privateKeyToAccount(anvil.accounts[13]!)
    const outsiderClient = client(13)

    const { market, token } = await deployMarket(owner, { treasury: treasury.account.address })
    const { committeeId } = await registerCommittee(owner, {
      market,
      nodes: nodes.map((node, i) => nodeRecord(node.address, i)),
    })
    const poolParams: PoolParams = {
      schemaHash: keccak256(stringToHex('schema v1')),
      schemaURI: 'ipfs://schema',
      committeeId,
      token,
      price,
      sellerBps: 7000,
      nodeBps: 2000,
      marketBps: 1000,
      minContributors: 3,
      allowedAlgorithms: [algorithmId],
      minDeadline: 60n,
      maxDeadline: 86_400n,
    }
    const newPool = async (overrides: Partial<PoolParams> = {}, curator = owner) =>
      (await createPool(curator, { market, pool: { ...poolParams, ...overrides } })).poolId
    const poolId = await newPool()

    const mint = async (to: Address, amount: bigint) => {
      const hash = await owner.writeContract({
        address: token,
        abi: testStablecoinAbi,
        functionName: 'mint',
        args: [to, amount],
      })
      await owner.waitForTransactionReceipt({ hash })
    }
    await mint(buyer.account.address, 1_000n * price)

    const signReceipts = (
      seller: TriadClient | Address,
      pool: bigint,
      rows: bigint,
      commitment: Hex,
      signers = nodes,
    ) =>
      Promise.all(
        signers.map((account) =>
          signReceipt({
            account,
            chainId,
            market,
            poolId: pool,
            seller: typeof seller === 'string' ? seller : seller.account.address,
            rows,
            commitment,
          }),
        ),
      )
    let contributions = 0
    const contributeAs = async (seller: TriadClient, rows: bigint, pool = poolId) => {
      const commitment = keccak256(
        toHex(`${seller.account.address}:${rows}:${pool}:${contributions++}`),
      )
      const receipts = await signReceipts(seller, pool, rows, commitment)
      const registered = await contribute(seller, {
        market,
        poolId: pool,
        rows,
        commitment,
        receipts,
      })
      return { ...registered, commitment }
    }
    const requestAs = (overrides: Partial<RequestJobParameters> = {}, who = buyer) =>
      requestJob(who, {
        market,
        poolId,
        algorithmId,
        params: '0x',
        buyerKey,
        deadlineSeconds: 600n,
        ...overrides,
      })
    const signedResult = async (
      jobId: bigint,
      signers = nodes,
      attempt = 0,
      seats = signers.map((_, i) => i),
    ) => {
      const sealedShares = seats.map((seat) =>
        toHex(`sealed share ${seat} of job ${jobId} attempt ${attempt}`),
      )
      const signatures = await Promise.all(
        signers.map((account, i) =>
          signResult({ account, chainId, market, jobId, attempt, sealedShare: sealedShares[i]! }),
        ),
      )
      return { attempt, seats, sealedShares, signatures }
    }
    const deliver = async (jobId: bigint) =>
      submitResult(owner, { market, jobId, ...(await signedResult(jobId)) })
    const events = async <const eventName extends ContractEventName<MarketAbi>>(
      hash: Hash,
      eventName: eventName,
    ) => {
      const receipt = await owner.getTransactionReceipt({ hash })
      const logs = receipt.logs.filter((log) => log.address.toLowerCase() === market.toLowerCase())
      return parseEventLogs({ abi: triadMarketAbi, logs, eventName, strict: true })
    }
    const approveMax = async (who: TriadClient, erc20: Address = token) => {
      const hash = await who.writeContract({
        address: erc20,
        abi: erc20Abi,
        functionName: 'approve',
        args: [market, maxUint256],
      })
      await who.waitForTransactionReceipt({ hash })
    }
    const balanceOf = (account: Address) =>
      owner.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [account],
      })
    const testClient = createTestClient({
      mode: 'anvil',
      chain: triadChain({ chainId, rpcUrl }),
      transport: http(rpcUrl),
    })
    const increaseTime = async (seconds: number) => {
      await testClient.increaseTime({ seconds })
      await testClient.mine({ blocks: 1 })
    }
    return {
      anvil,
      chainId,
      market,
      token,
      owner,
      treasury,
      nodes,
      nodeClients,
      buyer,
      sellers,
      outsider,
      outsiderClient,
      committeeId,
      poolId,
      poolParams,
      newPool,
      signReceipts,
      contributeAs,
      requestAs,
      signedResult,
      deliver,
      events,
      mint,
      approveMax,
      balanceOf,
      increaseTime,
      stop: anvil.stop,
    }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}
