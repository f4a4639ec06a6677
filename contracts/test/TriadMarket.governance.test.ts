// Governance: the owner (two-step transfer) sets the treasury and the market share bounds,
// registers committees (each node with a signer, both keys and both endpoints, no two nodes
// sharing any of them), rotates a node (a new epoch: the old key settles nothing more, its
// earnings stay its own) and retires a committee (no new pools, contributions or jobs; pending
// jobs still settle or refund, claims still work).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseEventLogs, zeroAddress, zeroHash } from 'viem'
import { claim } from '../../src/chain/claim.ts'
import { claimMarketFees } from '../../src/chain/claimMarketFees.ts'
import { claimNodeEarnings } from '../../src/chain/claimNodeEarnings.ts'
import { createPool } from '../../src/chain/createPool.ts'
import { deployMarket } from '../../src/chain/deployMarket.ts'
import { readCommittee } from '../../src/chain/readCommittee.ts'
import { readCommitteeInfo } from '../../src/chain/readCommitteeInfo.ts'
import { readCredits } from '../../src/chain/readCredits.ts'
import { readJob } from '../../src/chain/readJob.ts'
import { readNodeEarnings } from '../../src/chain/readNodeEarnings.ts'
import { refundJob } from '../../src/chain/refundJob.ts'
import { type NodeInfo, registerCommittee } from '../../src/chain/registerCommittee.ts'
import { retireCommittee } from '../../src/chain/retireCommittee.ts'
import { rotateNode } from '../../src/chain/rotateNode.ts'
import { submitResult } from '../../src/chain/submitResult.ts'
import { writeMarket } from '../../src/chain/writeMarket.ts'
import { isTriadError } from '../../src/errors/index.ts'
import { triadMarketAbi } from '../../src/protocol/abi/generated/index.ts'
import { type Fixture, nodeRecord, price, setupMarket } from './fixture.ts'

/** `NodeDefect` in ITriadMarket.sol. */
const NodeDefect = {
  SignerZero: 0,
  EncryptionKeyZero: 1,
  TlsFingerprintZero: 2,
  ApiUrlEmpty: 3,
  MpcEndpointEmpty: 4,
  EncryptionKeyReused: 5,
  TlsFingerprintReused: 6,
} as const

const perSeat = (price * 2000n) / 10_000n / 3n

describe('TriadMarket governance', () => {
  let f: Fixture
  before(async () => {
    f = await setupMarket()
  })
  after(async () => {
    await f?.stop()
  })

  const read = <const name extends 'owner' | 'pendingOwner' | 'treasury' | 'minMarketBps'>(
    functionName: name,
  ) => f.owner.readContract({ address: f.market, abi: triadMarketAbi, functionName })

  it('deploys with a treasury and market share bounds, and refuses bad ones', async () => {
    assert.equal(await read('treasury'), f.treasury.account.address)
    assert.equal(await read('minMarketBps'), 0)
    await assert.rejects(
      deployMarket(f.owner, { token: f.token, treasury: zeroAddress }),
      /TriadZeroAddress/,
    )
    await assert.rejects(
      deployMarket(f.owner, { token: f.token, marketShareBounds: { minBps: 600, maxBps: 500 } }),
      /TriadMarketShareBoundsInvalid\(minMarketBps: 600, maxMarketBps: 500\)/,
    )
    await assert.rejects(
      deployMarket(f.owner, { token: f.token, marketShareBounds: { minBps: 0, maxBps: 10_001 } }),
      /TriadMarketShareBoundsInvalid/,
    )
  })

  it('lets only the owner set the treasury and the bounds, with events', async () => {
    const notOwner = (error: unknown) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
      assert.match(error.message, /OwnableUnauthorizedAccount/)
      assert.match(error.hint ?? '', /owner/)
      return true
    }
    const next = f.sellers[12]!.account.address
    await assert.rejects(
      writeMarket(f.buyer, { market: f.market, functionName: 'setTreasury', args: [next] }),
      notOwner,
    )
    await assert.rejects(
      writeMarket(f.owner, { market: f.market, functionName: 'setTreasury', args: [zeroAddress] }),
      /TriadZeroAddress/,
    )
    const { hash } = await writeMarket(f.owner, {
      market: f.market,
      functionName: 'setTreasury',
      args: [next],
    })
    const [changed] = await f.events(hash, 'TreasuryChanged')
    assert.deepEqual(changed?.args, {
      previousTreasury: f.treasury.account.address,
      newTreasury: next,
    })
    await writeMarket(f.owner, {
      market: f.market,
      functionName: 'setTreasury',
      args: [f.treasury.account.address],
    })

    await assert.rejects(
      writeMarket(f.buyer, {
        market: f.market,
        functionName: 'setMarketShareBounds',
        args: [100, 1000],
      }),
      notOwner,
    )
    await assert.rejects(
      writeMarket(f.owner, {
        market: f.market,
        functionName: 'setMarketShareBounds',
        args: [1001, 1000],
      }),
      /TriadMarketShareBoundsInvalid\(minMarketBps: 1001, maxMarketBps: 1000\)/,
    )
    const bounds = await writeMarket(f.owner, {
      market: f.market,
      functionName: 'setMarketShareBounds',
      args: [500, 1500],
    })
    const [set] = await f.events(bounds.hash, 'MarketShareBoundsChanged')
    assert.deepEqual(set?.args, { minMarketBps: 500, maxMarketBps: 1500 })
    await assert.rejects(f.newPool({ sellerBps: 7600, marketBps: 400 }), (error) => {
      assert.match(
        String(error),
        /TriadMarketShareOutOfBounds\(marketBps: 400, minMarketBps: 500, maxMarketBps: 1500\)/,
      )
      return true
    })
    await assert.rejects(
      f.newPool({ sellerBps: 6400, marketBps: 1600 }),
      /TriadMarketShareOutOfBounds\(marketBps: 1600/,
    )
    await writeMarket(f.owner, {
      market: f.market,
      functionName: 'setMarketShareBounds',
      args: [0, 2000],
    })
  })

  it('transfers ownership in two steps', async () => {
    const next = f.sellers[11]!
    const { hash } = await writeMarket(f.owner, {
      market: f.market,
      functionName: 'transferOwnership',
      args: [next.account.address],
    })
    assert.equal(await read('owner'), f.owner.account.address, 'the owner stays until accepted')
    assert.equal(await read('pendingOwner'), next.account.address)
    assert.equal((await f.events(hash, 'OwnershipTransferStarted')).length, 1)
    await assert.rejects(
      writeMarket(f.buyer, { market: f.market, functionName: 'acceptOwnership', args: [] }),
      /OwnableUnauthorizedAccount/,
    )
    await writeMarket(next, { market: f.market, functionName: 'acceptOwnership', args: [] })
    assert.equal(await read('owner'), next.account.address)
    await writeMarket(next, {
      market: f.market,
      functionName: 'transferOwnership',
      args: [f.owner.account.address],
    })
    const back = await writeMarket(f.owner, {
      market: f.market,
      functionName: 'acceptOwnership',
      args: [],
    })
    const [transferred] = await f.events(back.hash, 'OwnershipTransferred')
    assert.equal(transferred?.args.newOwner, f.owner.account.address)
  })

  it('can renounce ownership, which freezes governance and nothing else', async () => {
    const other = await deployMarket(f.owner, { token: f.token })
    const nodes = f.nodes.map((node, i) => nodeRecord(node.address, i, 'frozen'))
    const { committeeId } = await registerCommittee(f.owner, { market: other.market, nodes })
    await assert.rejects(
      writeMarket(f.buyer, { market: other.market, functionName: 'renounceOwnership', args: [] }),
      /OwnableUnauthorizedAccount/,
    )
    const { receipt } = await writeMarket(f.owner, {
      market: other.market,
      functionName: 'renounceOwnership',
      args: [],
    })
    const [event] = parseEventLogs({
      abi: triadMarketAbi,
      logs: receipt.logs,
      eventName: 'OwnershipTransferred',
    })
    assert.deepEqual(event?.args, { previousOwner: f.owner.account.address, newOwner: zeroAddress })
    assert.equal(
      await f.owner.readContract({
        address: other.market,
        abi: triadMarketAbi,
        functionName: 'owner',
      }),
      zeroAddress,
    )
    await assert.rejects(
      registerCommittee(f.owner, { market: other.market, nodes }),
      /OwnableUnauthorizedAccount/,
    )
    // Pools on the existing committee still open: the market keeps working without an owner.
    const { poolId } = await createPool(f.buyer, {
      market: other.market,
      pool: { ...f.poolParams, committeeId },
    })
    assert.equal(poolId, 1n)
  })

  describe('registerCommittee', () => {
    const fresh = () =>
      f.nodes.map((node, i) => nodeRecord(node.address, i, `registered${Math.random()}`))
    const withNode = (nodes: NodeInfo[], index: number, change: Partial<NodeInfo>) =>
      nodes.map((node, i) => (i === index ? { ...node, ...change } : node))
    const register = (nodes: NodeInfo[]) => registerCommittee(f.owner, { market: f.market, nodes })

    const defects: [string, number, Partial<NodeInfo>, number, RegExp][] = [
      ['a zero signer', 0, { signer: zeroAddress }, NodeDefect.SignerZero, /signer is the zero/],
      ['a zero key', 1, { encryptionKey: zeroHash }, NodeDefect.EncryptionKeyZero, /Key is zero/],
      [
        'a zero fingerprint',
        2,
        { tlsFingerprint: zeroHash },
        NodeDefect.TlsFingerprintZero,
        /tlsFingerprint is zero/,
      ],
      ['no API URL', 0, { apiUrl: '' }, NodeDefect.ApiUrlEmpty, /apiUrl is empty/],
      ['no MPC endpoint', 1, { mpcEndpoint: '' }, NodeDefect.MpcEndpointEmpty, /mpcEndpoint/],
    ]
    for (const [what, index, change, defect, hint] of defects) {
      it(`refuses a node with ${what}`, async () => {
        await assert.rejects(register(withNode(fresh(), index, change)), (error) => {
          assert.ok(isTriadError(error, 'TRIAD_ERR_CONTRACT_REVERTED'))
          assert.match(
            error.message,
            new RegExp(`TriadNodeInvalid\\(index: ${index}, defect: ${defect}\\)`),
          )
          assert.match(error.hint ?? '', hint)
          return true
        })
      })
    }

    it('refuses two seats sharing a signer, a sealing key or a TLS identity', async () => {
      const nodes = fresh()
      await assert.rejects(
        register(withNode(nodes, 2, { signer: nodes[0]!.signer })),
        new RegExp(`TriadNodeDuplicate\\(index: 2, signer: ${nodes[0]!.signer}\\)`),
      )
      await assert.rejects(
        register(withNode(nodes, 1, { encryptionKey: nodes[0]!.encryptionKey })),
        /TriadNodeInvalid\(index: 1, defect: 5\)/,
      )
      await assert.rejects(
        register(withNode(nodes, 2, { tlsFingerprint: nodes[1]!.tlsFingerprint })),
        /TriadNodeInvalid\(index: 2, defect: 6\)/,
      )
    })

    it('refuses a committee of another size, and anyone but the owner', async () => {
      const nodes = fresh()
      await assert.rejects(
        register(nodes.slice(0, 2)),
        /TriadCommitteeSizeInvalid\(size: 2, required: 3\)/,
      )
      await assert.rejects(
        register([...nodes, nodeRecord(f.outsider.address, 3, 'fourth')]),
        /TriadCommitteeSizeInvalid\(size: 4, required: 3\)/,
      )
      await assert.rejects(
        registerCommittee(f.buyer, { market: f.market, nodes }),
        /OwnableUnauthorizedAccount/,
      )
    })

    it('stores the committee with its size and epoch and emits its signers', async () => {
      const nodes = fresh()
      const { committeeId, hash } = await register(nodes)
      const [event] = await f.events(hash, 'CommitteeRegistered')
      assert.deepEqual(event?.args, {
        committeeId,
        signers: nodes.map((node) => node.signer),
      })
      assert.deepEqual(await readCommittee(f.owner, { market: f.market, committeeId }), nodes)
      assert.deepEqual(await readCommitteeInfo(f.owner, { market: f.market, committeeId }), {
        committeeId,
        size: 3,
        retired: false,
        epoch: 0,
      })
      await assert.rejects(
        readCommitteeInfo(f.owner, { market: f.market, committeeId: committeeId + 1n }),
        new RegExp(`TriadCommitteeUnknown\\(committeeId: ${committeeId + 1n}\\)`),
      )
      await assert.rejects(
        readCommittee(f.owner, { market: f.market, committeeId: 0n }),
        /TriadCommitteeUnknown/,
      )
    })
  })

  describe('rotateNode', () => {
    it('refuses a bad seat, a bad record, a reused identity and anyone but the owner', async () => {
      const { market, committeeId } = f
      const node = nodeRecord(f.outsider.address, 2, 'replacement')
      await assert.rejects(
        rotateNode(f.buyer, { market, committeeId, seat: 2, node }),
        /OwnableUnauthorizedAccount/,
      )
      await assert.rejects(
        rotateNode(f.owner, { market, committeeId: 99n, seat: 2, node }),
        /TriadCommitteeUnknown\(committeeId: 99\)/,
      )
      await assert.rejects(
        rotateNode(f.owner, { market, committeeId, seat: 3, node }),
        new RegExp(`TriadSeatUnknown\\(committeeId: ${committeeId}, seat: 3\\)`),
      )
      await assert.rejects(
        rotateNode(f.owner, { market, committeeId, seat: 2, node: { ...node, apiUrl: '' } }),
        /TriadNodeInvalid\(index: 2, defect: 3\)/,
      )
      await assert.rejects(
        rotateNode(f.owner, {
          market,
          committeeId,
          seat: 2,
          node: { ...node, signer: f.nodes[0]!.address },
        }),
        /TriadNodeDuplicate\(index: 2/,
      )
      const seat1 = nodeRecord(f.nodes[1]!.address, 1)
      await assert.rejects(
        rotateNode(f.owner, {
          market,
          committeeId,
          seat: 2,
          node: { ...node, encryptionKey: seat1.encryptionKey },
        }),
        /TriadNodeInvalid\(index: 2, defect: 5\)/,
      )
      await assert.rejects(
        rotateNode(f.owner, {
          market,
          committeeId,
          seat: 2,
          node: { ...node, tlsFingerprint: seat1.tlsFingerprint },
        }),
        /TriadNodeInvalid\(index: 2, defect: 6\)/,
      )
    })

    it('starts an epoch: the old key settles nothing more and keeps what it earned', async () => {
      // A committee of its own, so the fixture's committee stays as it is.
      const signers = [f.nodes[0]!, f.nodes[1]!, f.nodes[2]!]
      const nodes = signers.map((node, i) => nodeRecord(node.address, i, 'rotating'))
      const { committeeId } = await registerCommittee(f.owner, { market: f.market, nodes })
      const poolId = await f.newPool({ committeeId, minContributors: 1 })
      await f.contributeAs(f.sellers[0]!, 5n, poolId)
      const done = await f.requestAs({ poolId })
      await f.deliver(done.jobId)
      const inFlight = await f.requestAs({ poolId })

      const replacement = nodeRecord(f.outsider.address, 2, 'rotated')
      const rotated = await rotateNode(f.owner, {
        market: f.market,
        committeeId,
        seat: 2,
        node: replacement,
      })
      assert.equal(rotated.epoch, 1)
      assert.equal(rotated.previousSigner, f.nodes[2]!.address)
      const [event] = await f.events(rotated.hash, 'NodeRotated')
      assert.deepEqual(event?.args, {
        committeeId,
        seat: 2n,
        epoch: 1,
        previousSigner: f.nodes[2]!.address,
        newSigner: f.outsider.address,
      })
      const committee = await readCommittee(f.owner, { market: f.market, committeeId })
      assert.deepEqual(committee, [nodes[0], nodes[1], replacement])
      const signerOf = (epoch: number, seat: bigint) =>
        f.owner.readContract({
          address: f.market,
          abi: triadMarketAbi,
          functionName: 'signerOf',
          args: [committeeId, epoch, seat],
        })
      assert.equal(await signerOf(0, 2n), f.nodes[2]!.address, 'epoch 0 keeps its signer')
      assert.equal(await signerOf(1, 2n), f.outsider.address)
      assert.equal(await signerOf(1, 0n), f.nodes[0]!.address, 'other seats carry over')

      // The job in flight: the rotated-out key's signature is refused, the new node's counts.
      const stale = await f.signedResult(inFlight.jobId)
      await assert.rejects(
        submitResult(f.owner, { market: f.market, jobId: inFlight.jobId, ...stale }),
        new RegExp(
          `TriadSignatureInvalid\\(index: 2, expected: ${f.outsider.address}, recovered: ${f.nodes[2]!.address}\\)`,
        ),
      )
      const fresh = await f.signedResult(inFlight.jobId, [f.nodes[0]!, f.nodes[1]!, f.outsider])
      await submitResult(f.owner, { market: f.market, jobId: inFlight.jobId, ...fresh })
      // Receipts need the new signer too.
      await assert.rejects(f.contributeAs(f.sellers[1]!, 5n, poolId), /TriadSignatureInvalid/)

      // Each epoch's earnings go to that epoch's signers.
      const earnings = (epoch: number) =>
        readNodeEarnings(f.owner, { market: f.market, committeeId, epoch, token: f.token })
      assert.equal((await earnings(0)).claimablePerSeat, perSeat)
      assert.equal((await earnings(1)).claimablePerSeat, perSeat)
      const credit = (account: `0x${string}`) =>
        readCredits(f.owner, { market: f.market, account, token: f.token })
      const before = [await credit(f.nodes[2]!.address), await credit(f.outsider.address)]
      const claimed = await claimNodeEarnings(f.buyer, {
        market: f.market,
        committeeId,
        epoch: 0,
        token: f.token,
      })
      assert.equal(claimed.amountPerSeat, perSeat)
      const [logged] = await f.events(claimed.hash, 'NodeEarningsClaimed')
      assert.deepEqual(logged?.args, {
        committeeId,
        epoch: 0,
        token: f.token,
        amountPerSeat: perSeat,
      })
      assert.equal(await credit(f.nodes[2]!.address), before[0]! + perSeat)
      assert.equal(await credit(f.outsider.address), before[1]!, 'the newcomer earned nothing then')
      await claimNodeEarnings(f.buyer, { market: f.market, committeeId, epoch: 1, token: f.token })
      assert.equal(await credit(f.nodes[2]!.address), before[0]! + perSeat)
      assert.equal(await credit(f.outsider.address), before[1]! + perSeat)
      assert.deepEqual(await earnings(0), {
        earnedPerSeat: perSeat,
        claimedPerSeat: perSeat,
        claimablePerSeat: 0n,
      })
      const again = await claimNodeEarnings(f.buyer, {
        market: f.market,
        committeeId,
        epoch: 0,
        token: f.token,
      })
      assert.equal(again.amountPerSeat, 0n)
      assert.equal((await f.events(again.hash, 'NodeEarningsClaimed')).length, 0)
      await assert.rejects(
        claimNodeEarnings(f.buyer, { market: f.market, committeeId, epoch: 2, token: f.token }),
        new RegExp(`TriadEpochUnknown\\(committeeId: ${committeeId}, epoch: 2\\)`),
      )
      await assert.rejects(
        claimNodeEarnings(f.buyer, {
          market: f.market,
          committeeId: 77n,
          epoch: 0,
          token: f.token,
        }),
        /TriadCommitteeUnknown\(committeeId: 77\)/,
      )
    })
  })

  it('credits the market fees to the current treasury', async () => {
    const fees = (name: 'marketFees' | 'marketFeesClaimed') =>
      f.owner.readContract({
        address: f.market,
        abi: triadMarketAbi,
        functionName: name,
        args: [f.token],
      })
    const unclaimed = (await fees('marketFees')) - (await fees('marketFeesClaimed'))
    assert.ok(unclaimed > 0n, 'the earlier test settled jobs')
    const before = await readCredits(f.owner, {
      market: f.market,
      account: f.treasury.account.address,
      token: f.token,
    })
    const { amount, hash } = await claimMarketFees(f.buyer, { market: f.market, token: f.token })
    assert.equal(amount, unclaimed)
    const [event] = await f.events(hash, 'MarketFeesClaimed')
    assert.deepEqual(event?.args, {
      token: f.token,
      treasury: f.treasury.account.address,
      amount,
    })
    assert.equal(
      await readCredits(f.owner, {
        market: f.market,
        account: f.treasury.account.address,
        token: f.token,
      }),
      before + amount,
    )
    const none = await claimMarketFees(f.buyer, { market: f.market, token: f.token })
    assert.equal(none.amount, 0n)
    assert.equal((await f.events(none.hash, 'MarketFeesClaimed')).length, 0)
  })

  it('retires a committee without stranding anything', async () => {
    const nodes = f.nodes.map((node, i) => nodeRecord(node.address, i, 'retiring'))
    const { committeeId } = await registerCommittee(f.owner, { market: f.market, nodes })
    const poolId = await f.newPool({ committeeId, minContributors: 1 })
    const { commitment } = await f.contributeAs(f.sellers[0]!, 4n, poolId)
    const toSettle = await f.requestAs({ poolId })
    const toRefund = await f.requestAs({ poolId, deadlineSeconds: 60n })

    await assert.rejects(
      retireCommittee(f.buyer, { market: f.market, committeeId }),
      /OwnableUnauthorizedAccount/,
    )
    const { hash } = await retireCommittee(f.owner, { market: f.market, committeeId })
    const [event] = await f.events(hash, 'CommitteeRetired')
    assert.equal(event?.args.committeeId, committeeId)
    assert.equal(
      (await readCommitteeInfo(f.owner, { market: f.market, committeeId })).retired,
      true,
    )
    const retired = (error: unknown) => {
      assert.ok(isTriadError(error, 'TRIAD_ERR_COMMITTEE_RETIRED'))
      assert.match(
        error.message,
        new RegExp(`TriadCommitteeRetired\\(committeeId: ${committeeId}\\)`),
      )
      return true
    }
    await assert.rejects(retireCommittee(f.owner, { market: f.market, committeeId }), retired)
    await assert.rejects(f.newPool({ committeeId }), retired)
    await assert.rejects(f.contributeAs(f.sellers[1]!, 4n, poolId), retired)
    await assert.rejects(f.requestAs({ poolId }), retired)
    await assert.rejects(
      rotateNode(f.owner, {
        market: f.market,
        committeeId,
        seat: 0,
        node: nodeRecord(f.outsider.address, 0, 'late'),
      }),
      retired,
    )

    // Pending jobs still settle or are refunded; the seller and the nodes still get paid.
    await f.deliver(toSettle.jobId)
    await f.increaseTime(61)
    await refundJob(f.owner, { market: f.market, jobId: toRefund.jobId })
    assert.equal(
      (await readJob(f.owner, { market: f.market, jobId: toRefund.jobId })).state,
      'refunded',
    )
    const claimed = await claim(f.sellers[0]!, {
      market: f.market,
      poolId,
      seller: f.sellers[0]!.account.address,
      commitment,
    })
    assert.equal(claimed.amount, (price * 7000n) / 10_000n)
    const paid = await claimNodeEarnings(f.buyer, {
      market: f.market,
      committeeId,
      epoch: 0,
      token: f.token,
    })
    assert.equal(paid.amountPerSeat, perSeat)
    // The committee's pools stay readable and a pool on an active committee still works.
    const active = await createPool(f.owner, {
      market: f.market,
      pool: { ...f.poolParams, committeeId: f.committeeId },
    })
    assert.ok(active.poolId > poolId)
  })
})
