// A market on a fresh anvil: owner, treasury, a committee of three nodes, a buyer, sellers and an
// outsider, one pool, and helpers that sign like real nodes. One fixture per test file.
import {
  type Address,
  createTestClient,
  erc20Abi,
  type Hex,
  http,
  keccak256,
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
import { registerCommittee } from '../../src/chain/registerCommittee.ts'
import { type StartAnvilReturnType, startAnvil } from '../../src/chain/startAnvil.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { testStablecoinAbi } from '../../src/protocol/abi/generated/index.ts'
import { signReceipt } from '../../src/protocol/signReceipt.ts'
import { signResult } from '../../src/protocol/signResult.ts'

export const algorithmId = keccak256(stringToHex('triad/mean@1'))
export const otherAlgorithmId = keccak256(stringToHex('triad/histogram@1'))
export const price = 10_000_000n // 10 tUSD
export const buyerKey = keccak256(stringToHex('buyer x25519 public key'))

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
  committeeId: bigint
  poolId: bigint
  /** Creates another pool with overrides. */
  newPool: (overrides?: Partial<PoolParams>) => Promise<bigint>
  /** The three nodes' Receipt signatures for a contribution, in committee order. */
  signReceipts: (
    seller: TriadClient,
    poolId: bigint,
    rows: bigint,
    commitment: Hex,
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
  balanceOf: (account: Address) => Promise<bigint>
  increaseTime: (seconds: number) => Promise<void>
  stop: () => Promise<void>
}

export async function setupMarket(): Promise<Fixture> {
  const anvil = await startAnvil({ accounts: 20 })
  try {
    const { rpcUrl, chainId } = anvil
    const client = (i: number) =>
      createTriadClient({ rpcUrl, chainId, privateKey: anvil.accounts[i]! })
    const owner = client(0)
    const treasury = client(1)
    const nodes = [2, 3, 4].map((i) => privateKeyToAccount(anvil.accounts[i]!))
    const nodeClients = [2, 3, 4].map(client)
    const buyer = client(5)
    const sellers = [6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19].map(client)
    const outsider = privateKeyToAccount(anvil.accounts[13]!)

    const { market, token } = await deployMarket(owner, { treasury: treasury.account.address })
    const { committeeId } = await registerCommittee(owner, {
      market,
      nodes: nodes.map((node, i) => ({
        signer: node.address,
        encryptionKey: keccak256(toHex(`enc${i}`)),
        tlsFingerprint: keccak256(toHex(`tls${i}`)),
        apiUrl: `https://node${i}.example:8443`,
        mpcEndpoint: `node${i}.example:9443`,
      })),
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
    const newPool = async (overrides: Partial<PoolParams> = {}) =>
      (await createPool(owner, { market, pool: { ...poolParams, ...overrides } })).poolId
    const poolId = await newPool()

    const mint = await buyer.writeContract({
      address: token,
      abi: testStablecoinAbi,
      functionName: 'mint',
      args: [buyer.account.address, 1_000n * price],
    })
    await buyer.waitForTransactionReceipt({ hash: mint })

    const signReceipts = (seller: TriadClient, pool: bigint, rows: bigint, commitment: Hex) =>
      Promise.all(
        nodes.map((account) =>
          signReceipt({
            account,
            chainId,
            market,
            poolId: pool,
            seller: seller.account.address,
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
      committeeId,
      poolId,
      newPool,
      signReceipts,
      contributeAs,
      signedResult,
      deliver,
      balanceOf,
      increaseTime,
      stop: anvil.stop,
    }
  } catch (error) {
    await anvil.stop()
    throw error
  }
}
