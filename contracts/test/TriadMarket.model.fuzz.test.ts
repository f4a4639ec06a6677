// A randomized, seeded test of long histories against a plain TypeScript model of the market:
// pools, contributions, revocations, jobs, deliveries with any threshold of seats, refusals,
// refunds, claims by anyone, node and market fee claims, withdrawals, node rotations, pauses,
// ledger advances, many accounts. After every step:
//   - every account's withdrawable balance (credit + claimable contributions + unclaimed seat
//     earnings + unclaimed market fees for the treasury) equals the model's, to the unit;
//   - every contribution's claimable and every pool's counters equal the model's;
//   - the market's token balance equals escrow + credits + unclaimed seller earnings (with
//     their rounding dust) + unclaimed seat earnings + unclaimed market fees.
// The model mirrors the contract's rules (TriadMarket's NatSpec), not its code: jobs fold in
// order, at most 8 per settlement; C[k+1] = C[k] + floor(S_k * 1e27 / R_k) for delivered jobs.
// Replay a failure with TRIAD_FUZZ_SEED=<seed>; TRIAD_FUZZ_STEPS sets the length.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Address, createPublicClient, erc20Abi, type Hex, http, keccak256, toHex } from 'viem'
import { generatePrivateKey, type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts'
import { advanceLedger } from '../../src/chain/advanceLedger.ts'
import { claim } from '../../src/chain/claim.ts'
import { claimMarketFees } from '../../src/chain/claimMarketFees.ts'
import { claimNodeEarnings } from '../../src/chain/claimNodeEarnings.ts'
import { contribute } from '../../src/chain/contribute.ts'
import { triadChain } from '../../src/chain/createTriadClient.ts'
import { pausePool } from '../../src/chain/pausePool.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { refuseJob } from '../../src/chain/refuseJob.ts'
import { requestJob } from '../../src/chain/requestJob.ts'
import { revokeContribution } from '../../src/chain/revokeContribution.ts'
import { rotateNode } from '../../src/chain/rotateNode.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { unpausePool } from '../../src/chain/unpausePool.ts'
import { withdraw } from '../../src/chain/withdraw.ts'
import { isTriadError, type TriadErrorCode } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { signReceipt } from '../../src/protocol/signReceipt.ts'
import { signRefusal } from '../../src/protocol/signRefusal.ts'
import { signResult } from '../../src/protocol/signResult.ts'
import { algorithmId, buyerKey, type Fixture, nodeRecord, setupMarket } from './fixture.ts'

const SCALE = 10n ** 27n
const AUTO_ADVANCE = 8
const BPS = 10_000n

/** mulberry32: a small deterministic PRNG, so a failure replays from its seed. */
function prng(seed: number) {
  let a = seed >>> 0
  return (n: number) => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) % n
  }
}

type JobState = 'pending' | 'delivered' | 'refunded' | 'refused'
interface MJob {
  jobId: bigint
  buyer: Address
  deadline: bigint
  rows: bigint
  state: JobState
  /** C[k+1], once folded. */
  cumAfter?: bigint
}
interface MPool {
  poolId: bigint
  price: bigint
  sellerBps: bigint
  nodeBps: bigint
  threshold: number
  minContributors: number
  paused: boolean
  jobs: MJob[]
  finalized: number
  activeRows: bigint
  activeBySeller: Map<Address, number>
  contributions: number
}
interface MContribution {
  pool: MPool
  seller: Address
  commitment: Hex
  rows: bigint
  joinedAt: number
  revokedAt: number | undefined
  claimedUpTo: number
  /** What its claims credited so far. */
  paid: bigint
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b

describe('TriadMarket against a model', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  it('agrees with the model to the unit after every step of a random history', async (t) => {
    const seed = Number(process.env.TRIAD_FUZZ_SEED ?? 20_240_611)
    const steps = Number(process.env.TRIAD_FUZZ_STEPS ?? 400)
    const random = prng(seed)
    const pick = <T>(items: readonly T[]): T => items[random(items.length)]!
    const { market, token } = f
    const reader = createPublicClient({
      chain: triadChain({ chainId: f.chainId, rpcUrl: f.anvil.rpcUrl }),
      transport: http(f.anvil.rpcUrl, { batch: { batchSize: 1000 } }),
    })

    // Accounts: sellers, four buyers, the treasury, node keys (three seated, two spare).
    const sellers = f.sellers.slice(0, 9)
    const buyers = [f.buyer, ...f.sellers.slice(9, 12)]
    for (const buyer of buyers) {
      if (buyer !== f.buyer) await f.mint(buyer.account.address, 10n ** 12n)
      await f.approveMax(buyer)
    }
    const signers: PrivateKeyAccount[][] = [[...f.nodes]] // per epoch, by seat
    const spare = [0, 1].map(() => privateKeyToAccount(generatePrivateKey()))
    const nodeKeys = [...f.nodes, ...spare]

    // The model.
    const credits = new Map<Address, bigint>()
    const credit = (account: Address, amount: bigint) =>
      credits.set(account, (credits.get(account) ?? 0n) + amount)
    const pots: { earned: bigint; claimed: bigint }[] = [{ earned: 0n, claimed: 0n }]
    let marketFees = 0n
    let marketFeesClaimed = 0n
    const treasury = f.treasury.account.address
    const contributions: MContribution[] = []
    const pools: MPool[] = []
    for (const [price, sellerBps, nodeBps, threshold, minContributors] of [
      [999_983n, 6900n, 2100n, 3, 1],
      [1_000_003n, 5000n, 3000n, 2, 2],
      [7_777_777n, 8000n, 1500n, 2, 3],
    ] as const) {
      const poolId = await f.newPool({
        price,
        sellerBps: Number(sellerBps),
        nodeBps: Number(nodeBps),
        marketBps: Number(BPS - sellerBps - nodeBps),
        threshold,
        minContributors,
        maxDeadline: 3_600n,
      })
      pools.push({
        poolId,
        price,
        sellerBps,
        nodeBps,
        threshold,
        minContributors,
        paused: false,
        jobs: [],
        finalized: 0,
        activeRows: 0n,
        activeBySeller: new Map(),
        contributions: 0,
      })
    }
    const sellerAmount = (p: MPool) => (p.price * p.sellerBps) / BPS
    const perSeat = (p: MPool) => (p.price * p.nodeBps) / BPS / 3n
    const cumAt = (p: MPool, k: number) => (k === 0 ? 0n : p.jobs[k - 1]!.cumAfter!)
    const advance = (p: MPool, maxSteps: number) => {
      const end = Math.min(p.jobs.length, p.finalized + maxSteps)
      let cum = cumAt(p, p.finalized)
      while (p.finalized < end) {
        const job = p.jobs[p.finalized]!
        if (job.state === 'pending') break
        if (job.state === 'delivered') cum += (sellerAmount(p) * SCALE) / job.rows
        job.cumAfter = cum
        p.finalized += 1
      }
    }
    const claimableOf = (c: MContribution): { amount: bigint; upTo: number } => {
      const upTo = Math.min(c.revokedAt ?? Number.MAX_SAFE_INTEGER, c.pool.finalized)
      if (upTo <= c.claimedUpTo) return { amount: 0n, upTo: c.claimedUpTo }
      const earned = (c.rows * cumAt(c.pool, upTo)) / SCALE
      const at = c.rows * cumAt(c.pool, c.claimedUpTo)
      const taken = c.claimedUpTo === c.joinedAt ? ceilDiv(at, SCALE) : at / SCALE
      if (earned < taken) return { amount: 0n, upTo: c.claimedUpTo }
      return { amount: earned - taken, upTo }
    }
    const withdrawable = (account: Address) => {
      let total = credits.get(account) ?? 0n
      for (const c of contributions) if (c.seller === account) total += claimableOf(c).amount
      signers.forEach((seats, epoch) => {
        for (const seat of seats) {
          if (seat.address === account) total += pots[epoch]!.earned - pots[epoch]!.claimed
        }
      })
      if (account === treasury) total += marketFees - marketFeesClaimed
      return total
    }

    // Chain reads, batched.
    const view = <
      const name extends 'credits' | 'claimable' | 'nodeEarnings' | 'signerOf' | 'getPool',
    >(
      functionName: name,
      args: readonly unknown[],
    ) =>
      reader.readContract({
        address: market,
        abi: triadMarketAbi,
        functionName,
        args,
      } as never) as Promise<never>
    const accounts = [
      ...new Set([
        ...sellers.map((s) => s.account.address),
        ...buyers.map((b) => b.account.address),
        treasury,
        ...nodeKeys.map((k) => k.address),
      ]),
    ]
    /** Everything the check compares, read in one batched round trip. */
    const readChain = async () => {
      const epochs = signers.map((_, epoch) => epoch)
      const [credited, claimables, seats, earnings, fees, feesClaimed, balance, poolViews] =
        await Promise.all([
          Promise.all(accounts.map((account) => view('credits', [account, token]))) as Promise<
            bigint[]
          >,
          Promise.all(
            contributions.map((c) => view('claimable', [c.pool.poolId, c.seller, c.commitment])),
          ) as Promise<bigint[]>,
          Promise.all(
            epochs.map((epoch) =>
              Promise.all(
                [0n, 1n, 2n].map((seat) => view('signerOf', [f.committeeId, epoch, seat])),
              ),
            ),
          ) as Promise<Address[][]>,
          Promise.all(
            epochs.map((epoch) => view('nodeEarnings', [f.committeeId, epoch, token])),
          ) as Promise<[bigint, bigint][]>,
          reader.readContract({
            address: market,
            abi: triadMarketAbi,
            functionName: 'marketFees',
            args: [token],
          }),
          reader.readContract({
            address: market,
            abi: triadMarketAbi,
            functionName: 'marketFeesClaimed',
            args: [token],
          }),
          reader.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [market],
          }),
          Promise.all(pools.map((p) => view('getPool', [p.poolId]))) as Promise<
            { activeRows: bigint; activeSellers: number; jobCount: bigint; finalizedJobs: bigint }[]
          >,
        ])
      const withdrawableOnChain = accounts.map((account, i) => {
        let total = credited[i]!
        contributions.forEach((c, j) => {
          if (c.seller === account) total += claimables[j]!
        })
        seats.forEach((bySeat, epoch) => {
          const [earned, claimed] = earnings[epoch]!
          for (const signer of bySeat) if (signer === account) total += earned - claimed
        })
        if (account === treasury) total += fees - feesClaimed
        return total
      })
      return { withdrawableOnChain, claimables, balance, poolViews }
    }
    const check = async (label: string) => {
      const { withdrawableOnChain, claimables, balance, poolViews } = await readChain()
      accounts.forEach((account, i) => {
        assert.equal(
          withdrawableOnChain[i],
          withdrawable(account),
          `${label}: withdrawable of ${account}`,
        )
      })
      contributions.forEach((c, i) => {
        assert.equal(claimables[i], claimableOf(c).amount, `${label}: claimable of ${c.commitment}`)
      })
      pools.forEach((p, i) => {
        const v = poolViews[i]!
        assert.equal(v.activeRows, p.activeRows, `${label}: pool ${p.poolId} rows`)
        assert.equal(v.activeSellers, p.activeBySeller.size, `${label}: pool ${p.poolId} sellers`)
        assert.equal(v.jobCount, BigInt(p.jobs.length), `${label}: pool ${p.poolId} jobs`)
        assert.equal(v.finalizedJobs, BigInt(p.finalized), `${label}: pool ${p.poolId} ledger`)
      })
      let expected = [...credits.values()].reduce((a, b) => a + b, 0n)
      for (const p of pools) {
        for (const job of p.jobs) {
          if (job.state === 'pending') expected += p.price
          if (job.state === 'delivered') expected += sellerAmount(p)
        }
      }
      for (const c of contributions) expected -= c.paid
      for (const pot of pots) expected += 3n * (pot.earned - pot.claimed)
      expected += marketFees - marketFeesClaimed
      assert.equal(balance, expected, `${label}: balance = escrow + credits + unclaimed`)
    }

    const now = async () => (await reader.getBlock({ blockTag: 'latest' })).timestamp
    const expectRefusal = async (action: Promise<unknown>, code: TriadErrorCode) =>
      assert.rejects(action, (error) => isTriadError(error, code))
    const currentSigners = () => signers[signers.length - 1]!
    const seatsFor = (p: MPool) => {
      const count = p.threshold + random(4 - p.threshold)
      const seats = [0, 1, 2]
      while (seats.length > count) seats.splice(random(seats.length), 1)
      return seats
    }
    let commitments = 0
    const tally = new Map<string, number>()

    const operations: [string, number, () => Promise<string | undefined>][] = [
      [
        'contribute',
        5,
        async () => {
          const p = pick(pools)
          const seller = pick(sellers)
          const rows = BigInt(1 + random(40))
          const commitment = keccak256(toHex(`fuzz ${seed} ${commitments++}`))
          const receipts = await Promise.all(
            currentSigners().map((account) =>
              signReceipt({
                account,
                chainId: f.chainId,
                market,
                poolId: p.poolId,
                seller: seller.account.address,
                rows,
                commitment,
              }),
            ),
          )
          const params = { market, poolId: p.poolId, rows, commitment, receipts }
          if (p.paused) {
            await expectRefusal(contribute(seller, params), 'TRIAD_ERR_POOL_NOT_OPEN')
            return 'contribute refused (paused)'
          }
          const { index, joinedAt } = await contribute(seller, params)
          assert.equal(index, BigInt(p.contributions++))
          assert.equal(joinedAt, BigInt(p.jobs.length))
          const address = seller.account.address
          contributions.push({
            pool: p,
            seller: address,
            commitment,
            rows,
            joinedAt: p.jobs.length,
            revokedAt: undefined,
            claimedUpTo: p.jobs.length,
            paid: 0n,
          })
          p.activeRows += rows
          p.activeBySeller.set(address, (p.activeBySeller.get(address) ?? 0) + 1)
          return undefined
        },
      ],
      [
        'revoke',
        1,
        async () => {
          const active = contributions.filter((c) => c.revokedAt === undefined)
          if (active.length === 0) return 'revoke skipped'
          const c = pick(active)
          const seller = sellers.find((s) => s.account.address === c.seller)!
          await revokeContribution(seller, {
            market,
            poolId: c.pool.poolId,
            commitment: c.commitment,
          })
          c.revokedAt = c.pool.jobs.length
          c.pool.activeRows -= c.rows
          const left = c.pool.activeBySeller.get(c.seller)! - 1
          if (left === 0) c.pool.activeBySeller.delete(c.seller)
          else c.pool.activeBySeller.set(c.seller, left)
          return undefined
        },
      ],
      [
        'request',
        5,
        async () => {
          const p = pick(pools)
          const buyer = pick(buyers)
          const deadlineSeconds = BigInt(60 + random(600))
          const request = requestJob(buyer, {
            market,
            poolId: p.poolId,
            algorithmId,
            params: '0x',
            buyerKey,
            deadlineSeconds,
          })
          if (p.paused) {
            await expectRefusal(request, 'TRIAD_ERR_POOL_NOT_OPEN')
            return 'request refused (paused)'
          }
          if (p.activeBySeller.size < p.minContributors) {
            await expectRefusal(request, 'TRIAD_ERR_TOO_FEW_CONTRIBUTORS')
            return 'request refused (thin)'
          }
          const job = await request
          assert.equal(job.sequence, BigInt(p.jobs.length))
          assert.equal(job.rowsSnapshot, p.activeRows)
          assert.equal(job.contributorsSnapshot, p.activeBySeller.size)
          p.jobs.push({
            jobId: job.jobId,
            buyer: buyer.account.address,
            deadline: job.deadline,
            rows: p.activeRows,
            state: 'pending',
          })
          return undefined
        },
      ],
      [
        'deliver',
        4,
        async () => {
          const time = await now()
          const open = pools.flatMap((p) =>
            p.jobs
              .filter((j) => j.state === 'pending' && j.deadline > time + 5n)
              .map((j) => ({ p, j })),
          )
          if (open.length === 0) return 'deliver skipped'
          const { p, j } = pick(open)
          const seats = seatsFor(p)
          const attempt = random(3)
          const sealedShares = seats.map((seat) => toHex(`share ${seat} ${j.jobId} ${attempt}`))
          const signatures = await Promise.all(
            seats.map((seat, i) =>
              signResult({
                account: currentSigners()[seat]!,
                chainId: f.chainId,
                market,
                jobId: j.jobId,
                attempt,
                sealedShare: sealedShares[i]!,
              }),
            ),
          )
          await submitResult(pick(buyers), {
            market,
            jobId: j.jobId,
            attempt,
            seats,
            sealedShares,
            signatures,
          })
          j.state = 'delivered'
          pots[pots.length - 1]!.earned += perSeat(p)
          marketFees += p.price - sellerAmount(p) - 3n * perSeat(p)
          advance(p, AUTO_ADVANCE)
          return undefined
        },
      ],
      [
        'refuse',
        1,
        async () => {
          const open = pools.flatMap((p) =>
            p.jobs.filter((j) => j.state === 'pending').map((j) => ({ p, j })),
          )
          if (open.length === 0) return 'refuse skipped'
          const { p, j } = pick(open)
          const seats = seatsFor(p)
          const signatures = await Promise.all(
            seats.map((seat) =>
              signRefusal({
                account: currentSigners()[seat]!,
                chainId: f.chainId,
                market,
                jobId: j.jobId,
                attempt: 0,
              }),
            ),
          )
          await refuseJob(pick(sellers), { market, jobId: j.jobId, attempt: 0, seats, signatures })
          j.state = 'refused'
          credit(j.buyer, p.price)
          advance(p, AUTO_ADVANCE)
          return undefined
        },
      ],
      [
        'expire',
        1,
        async () => {
          await f.increaseTime(60 + random(700))
          const time = await now()
          for (const p of pools) {
            for (const j of p.jobs) {
              if (j.state !== 'pending' || j.deadline >= time || random(3) === 0) continue
              await refundJob(pick(sellers), { market, jobId: j.jobId })
              j.state = 'refunded'
              credit(j.buyer, p.price)
              advance(p, AUTO_ADVANCE)
            }
          }
          return undefined
        },
      ],
      [
        'claim',
        4,
        async () => {
          if (contributions.length === 0) return 'claim skipped'
          const c = pick(contributions)
          const { amount: expected, upTo } = claimableOf(c)
          const { amount } = await claim(pick(buyers), {
            market,
            poolId: c.pool.poolId,
            seller: c.seller,
            commitment: c.commitment,
          })
          assert.equal(amount, expected)
          if (upTo > c.claimedUpTo) {
            c.claimedUpTo = upTo
            c.paid += amount
            credit(c.seller, amount)
          }
          return undefined
        },
      ],
      [
        'withdraw',
        2,
        async () => {
          const clients = [...sellers, ...buyers, f.treasury, ...f.nodeClients]
          const due = clients.filter((c) => (credits.get(c.account.address) ?? 0n) > 0n)
          if (due.length === 0) return 'withdraw skipped'
          const who = pick(due)
          const { amount } = await withdraw(who, { market, token })
          assert.equal(amount, credits.get(who.account.address))
          credits.set(who.account.address, 0n)
          return undefined
        },
      ],
      [
        'claim fees',
        2,
        async () => {
          if (random(2) === 0) {
            const { amount } = await claimMarketFees(pick(sellers), { market, token })
            assert.equal(amount, marketFees - marketFeesClaimed)
            credit(treasury, amount)
            marketFeesClaimed = marketFees
            return undefined
          }
          const epoch = random(signers.length)
          const pot = pots[epoch]!
          const { amountPerSeat } = await claimNodeEarnings(pick(sellers), {
            market,
            committeeId: f.committeeId,
            epoch,
            token,
          })
          assert.equal(amountPerSeat, pot.earned - pot.claimed)
          for (const seat of signers[epoch]!) credit(seat.address, amountPerSeat)
          pot.claimed = pot.earned
          return undefined
        },
      ],
      [
        'advance',
        1,
        async () => {
          const p = pick(pools)
          const maxSteps = 1 + random(20)
          await advanceLedger(pick(sellers), {
            market,
            poolId: p.poolId,
            maxSteps: BigInt(maxSteps),
          })
          advance(p, maxSteps)
          return undefined
        },
      ],
      [
        'rotate',
        1,
        async () => {
          if (random(3) !== 0) return 'rotate skipped'
          const seat = random(3)
          const seated = currentSigners()
          const incoming = nodeKeys.find((k) => !seated.includes(k))!
          await rotateNode(f.owner, {
            market,
            committeeId: f.committeeId,
            seat,
            node: nodeRecord(incoming.address, seat, `epoch${signers.length}`),
          })
          signers.push(seated.map((s, i) => (i === seat ? incoming : s)))
          pots.push({ earned: 0n, claimed: 0n })
          return undefined
        },
      ],
      [
        'pause',
        1,
        async () => {
          // A paused pool is unpaused first, so pools are open most of the time.
          const p = pools.find((pool) => pool.paused) ?? pick(pools)
          if (p.paused) await unpausePool(f.owner, { market, poolId: p.poolId })
          else if (random(2) === 0) await pausePool(f.owner, { market, poolId: p.poolId })
          else return 'pause skipped'
          p.paused = !p.paused
          return undefined
        },
      ],
    ]
    const weighted = operations.flatMap((op) => Array.from({ length: op[1] }, () => op))

    try {
      for (let step = 0; step < steps; step++) {
        const [name, , run] = pick(weighted)
        const outcome = (await run()) ?? name
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1)
        await check(`seed ${seed}, step ${step} (${outcome})`)
      }
    } catch (error) {
      t.diagnostic(`replay with TRIAD_FUZZ_SEED=${seed} TRIAD_FUZZ_STEPS=${steps}`)
      throw error
    }
    t.diagnostic(
      `seed ${seed}: ${[...tally].map(([k, v]) => `${k} ${v}`).join(', ')}; ${contributions.length} contributions, ${pools.reduce((n, p) => n + p.jobs.length, 0)} jobs, ${signers.length} epochs`,
    )
    // The history did exercise the paths that move money.
    for (const op of ['contribute', 'request', 'deliver', 'claim', 'withdraw']) {
      assert.ok((tally.get(op) ?? 0) > 0, `the history has no ${op}`)
    }
  })
})
