// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {ITriadMarket} from "./interfaces/ITriadMarket.sol";

/// @title TriadMarket
/// @notice Committees of three MPC nodes, pools of secret-shared rows, jobs paid into escrow,
/// results accepted only with the committee's EIP-712 signatures, and pull payments.
///
/// @dev Payout ledger (constant gas in the number of sellers and jobs).
///
/// Jobs of a pool have a sequence index k = 0, 1, 2, ... A contribution c records
/// `joinedAt` (the pool's job count when it was made) and `revokedAt` (the job count when it
/// was revoked, type(uint64).max before). Job k uses c iff `joinedAt <= k < revokedAt`, and
/// its `rowsSnapshot` R_k (the pool's active rows at request) equals the sum of the rows of the
/// contributions it uses: a contribution made before request k has joinedAt <= k, one made
/// after has joinedAt > k; it was still active at request k iff it was revoked later,
/// i.e. revokedAt > k.
///
/// The pool keeps a pointer F and C[k] = cumRatePerRow[k] for k <= F, C[0] = 0, advanced in
/// job order while job F is final: C[F+1] = C[F] + (delivered ? floor(S_F * 1e27 / R_F) : 0),
/// where S_F is the sellers' amount of job F. A seller's claims over its life credit in total
///     floor(r_c * C[e] / 1e27) - ceil(r_c * C[s] / 1e27)
/// with s = joinedAt and e = min(revokedAt, F) at the last claim: the first claim subtracts the
/// ceiling at s, each later claim subtracts the floor it credited up to last time, so the sum
/// telescopes and does not depend on when or how often the seller claims.
///
/// Solvency: the total is at most r_c * (C[e] - C[s]) / 1e27 = sum over k in [s, e) of
/// r_c * inc_k / 1e27. Summed over all contributions, job k collects R_k * inc_k / 1e27
/// <= S_k, so the sellers never receive more than the sellers' amounts of delivered jobs.
/// Exactness: each contribution loses less than 2 units of the token (one per rounding) plus
/// its share of the at most 1e-27 per row lost in inc_k. A late joiner (joinedAt > k) and a
/// seller revoked before job k (revokedAt <= k) get nothing from job k.
contract TriadMarket is ITriadMarket, Ownable2Step, EIP712, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /// @notice The number of nodes a committee has today.
    uint256 public constant COMMITTEE_SIZE = 3;
    /// @notice Basis points in a whole.
    uint16 public constant BPS = 10_000;
    /// @notice The fixed-point scale of `cumRatePerRow`.
    uint256 public constant RATE_SCALE = 1e27;
    /// @notice How many ledger steps `submitResult` and `refund` take on their own.
    uint64 public constant AUTO_ADVANCE_STEPS = 16;
    /// @notice The longest deadline a pool may allow. It keeps `block.timestamp +
    /// deadlineSeconds` far inside uint64, so `requestJob` can never overflow computing it.
    uint64 public constant MAX_DEADLINE = 365 days;
    /// @notice `revokedAt` of a contribution that is still active.
    uint64 public constant NOT_REVOKED = type(uint64).max;

    bytes32 public constant RECEIPT_TYPEHASH =
        keccak256("Receipt(uint256 poolId,address seller,uint64 rows,bytes32 commitment)");
    bytes32 public constant RESULT_TYPEHASH =
        keccak256("Result(uint256 jobId,uint32 attempt,bytes32 sealedShareHash,uint8 outcome)");

    /// @notice Where the market's share of each payment is credited.
    address public treasury;

    uint256 public committeeCount;
    uint256 public poolCount;
    uint256 public contributionCount;
    uint256 public jobCount;

    mapping(uint256 committeeId => NodeInfo[]) private _committees;
    mapping(uint256 poolId => Pool) private _pools;
    mapping(uint256 poolId => mapping(bytes32 algorithmId => bool)) private _allowedAlgorithms;
    mapping(uint256 poolId => mapping(uint64 sequence => uint256 jobId)) private _poolJobs;
    mapping(uint256 poolId => mapping(uint64 k => uint256)) private _cumRatePerRow;
    mapping(uint256 contributionId => Contribution) private _contributions;
    /// @dev keccak256(abi.encode(poolId, seller, commitment)) of every contribution ever made;
    /// never cleared, so a revoked contribution's receipts cannot register it again either.
    mapping(bytes32 key => bool) private _usedCommitments;
    /// @notice How many active (unrevoked) contributions a seller has in a pool. The pool's
    /// `activeSellers` counts the sellers for whom this is non-zero.
    mapping(uint256 poolId => mapping(address seller => uint256)) public activeContributionsOf;
    mapping(uint256 jobId => Job) private _jobs;

    /// @notice Withdrawable balances per account and token.
    mapping(address account => mapping(address token => uint256)) public credits;

    /// @param initialOwner The governor of committees and the treasury.
    /// @param initialTreasury The receiver of the market's share.
    constructor(address initialOwner, address initialTreasury) Ownable(initialOwner) EIP712("Triad", "1") {
        if (initialTreasury == address(0)) revert TriadZeroAddress();
        treasury = initialTreasury;
        emit TreasuryChanged(address(0), initialTreasury);
    }

    // ---------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------

    /// @notice Sets the receiver of the market's share of future settlements.
    /// @param newTreasury The new receiver; credits already made stay with the old one.
    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert TriadZeroAddress();
        address previous = treasury;
        treasury = newTreasury;
        emit TreasuryChanged(previous, newTreasury);
    }

    /// @notice Registers a committee of MPC nodes, in signing order.
    /// @param nodes The nodes; receipts and results must carry their signatures in this order.
    /// @return committeeId The new committee's id, starting at 1.
    function registerCommittee(NodeInfo[] calldata nodes) external onlyOwner returns (uint256 committeeId) {
        if (nodes.length != COMMITTEE_SIZE) revert TriadCommitteeSizeInvalid(nodes.length, COMMITTEE_SIZE);
        address[] memory signers = new address[](nodes.length);
        for (uint256 i = 0; i < nodes.length; ++i) {
            NodeInfo calldata node = nodes[i];
            _checkNode(i, node);
            // Distinct signers, sealing keys and TLS identities: one operator must not hold two
            // seats (3 nodes, so at most 3 comparisons).
            for (uint256 j = 0; j < i; ++j) {
                if (nodes[j].signer == node.signer) revert TriadNodeDuplicate(i, node.signer);
                if (nodes[j].encryptionKey == node.encryptionKey) {
                    revert TriadNodeInvalid(i, NodeDefect.EncryptionKeyReused);
                }
                if (nodes[j].tlsFingerprint == node.tlsFingerprint) {
                    revert TriadNodeInvalid(i, NodeDefect.TlsFingerprintReused);
                }
            }
            signers[i] = node.signer;
        }
        committeeId = ++committeeCount;
        NodeInfo[] storage stored = _committees[committeeId];
        for (uint256 i = 0; i < nodes.length; ++i) {
            stored.push(nodes[i]);
        }
        emit CommitteeRegistered(committeeId, signers);
    }

    // ---------------------------------------------------------------------------------------
    // Pools and contributions
    // ---------------------------------------------------------------------------------------

    /// @notice Creates a pool; the caller becomes its curator.
    /// @param p The schema, committee, token, price, payout shares and job policy.
    /// @return poolId The new pool's id, starting at 1.
    function createPool(PoolParams calldata p) external returns (uint256 poolId) {
        if (_committees[p.committeeId].length == 0) revert TriadCommitteeUnknown(p.committeeId);
        if (p.token == address(0)) revert TriadZeroAddress();
        if (uint256(p.sellerBps) + p.nodeBps + p.marketBps != BPS) {
            revert TriadSharesInvalid(p.sellerBps, p.nodeBps, p.marketBps);
        }
        if (p.minDeadline == 0 || p.minDeadline > p.maxDeadline || p.maxDeadline > MAX_DEADLINE) {
            revert TriadDeadlineBoundsInvalid(p.minDeadline, p.maxDeadline);
        }
        // At least one contributor guarantees rowsSnapshot > 0 for every job (rows > 0 each).
        if (p.minContributors == 0) revert TriadMinContributorsInvalid(p.minContributors);
        if (p.allowedAlgorithms.length == 0) revert TriadNoAlgorithms();

        poolId = ++poolCount;
        Pool storage pool = _pools[poolId];
        pool.schemaHash = p.schemaHash;
        pool.schemaURI = p.schemaURI;
        pool.committeeId = p.committeeId;
        pool.curator = msg.sender;
        pool.token = p.token;
        pool.price = p.price;
        pool.sellerBps = p.sellerBps;
        pool.nodeBps = p.nodeBps;
        pool.marketBps = p.marketBps;
        pool.minContributors = p.minContributors;
        pool.minDeadline = p.minDeadline;
        pool.maxDeadline = p.maxDeadline;
        for (uint256 i = 0; i < p.allowedAlgorithms.length; ++i) {
            _allowedAlgorithms[poolId][p.allowedAlgorithms[i]] = true;
        }
        emit PoolCreated(poolId, msg.sender, p.committeeId, p.schemaHash, p.token, p.price);
    }

    /// @notice Registers the caller's rows in a pool, with the committee's receipts that each
    /// node holds its sealed shares.
    /// @param poolId The pool.
    /// @param rows The number of rows, > 0.
    /// @param commitment The seller's commitment to its encoded rows.
    /// Each (pool, seller, commitment) registers once: a repeat reverts with TriadCommitmentUsed,
    /// even after the first contribution was revoked.
    /// @param receipts Node i's EIP-712 signature over Receipt(poolId, seller, rows, commitment).
    /// @return contributionId The new contribution's id, starting at 1.
    function contribute(uint256 poolId, uint64 rows, bytes32 commitment, bytes[] calldata receipts)
        external
        returns (uint256 contributionId)
    {
        Pool storage pool = _existingPool(poolId);
        if (rows == 0) revert TriadRowsZero();
        bytes32 used = _commitmentKey(poolId, msg.sender, commitment);
        if (_usedCommitments[used]) revert TriadCommitmentUsed(poolId, msg.sender, commitment);
        bytes32 structHash = keccak256(abi.encode(RECEIPT_TYPEHASH, poolId, msg.sender, rows, commitment));
        NodeInfo[] storage nodes = _committees[pool.committeeId];
        if (receipts.length != nodes.length) revert TriadSignatureCountMismatch(receipts.length, nodes.length);
        bytes32 digest = _hashTypedDataV4(structHash);
        for (uint256 i = 0; i < nodes.length; ++i) {
            _checkSignature(digest, receipts[i], i, nodes[i].signer);
        }

        _usedCommitments[used] = true;
        contributionId = ++contributionCount;
        uint64 joinedAt = pool.jobCount;
        _contributions[contributionId] = Contribution({
            poolId: poolId,
            seller: msg.sender,
            rows: rows,
            joinedAt: joinedAt,
            revokedAt: NOT_REVOKED,
            claimedUpTo: joinedAt,
            commitment: commitment
        });
        // A seller counts once towards minContributors however many contributions it makes.
        if (activeContributionsOf[poolId][msg.sender]++ == 0) pool.activeSellers += 1;
        pool.activeRows += rows;
        emit Contributed(contributionId, poolId, msg.sender, rows, commitment, joinedAt);
    }

    /// @notice Withdraws the caller's contribution from future jobs. Jobs already requested
    /// still use it and still pay it.
    /// @param contributionId The contribution.
    function revoke(uint256 contributionId) external {
        Contribution storage c = _contributions[contributionId];
        if (c.seller == address(0)) revert TriadContributionUnknown(contributionId);
        if (c.seller != msg.sender) revert TriadNotSeller(contributionId, msg.sender);
        if (c.revokedAt != NOT_REVOKED) revert TriadContributionRevoked(contributionId, c.revokedAt);
        Pool storage pool = _pools[c.poolId];
        uint64 revokedAt = pool.jobCount;
        c.revokedAt = revokedAt;
        if (--activeContributionsOf[c.poolId][msg.sender] == 0) pool.activeSellers -= 1;
        pool.activeRows -= c.rows;
        emit ContributionRevoked(contributionId, c.poolId, msg.sender, revokedAt);
    }

    // ---------------------------------------------------------------------------------------
    // Jobs
    // ---------------------------------------------------------------------------------------

    /// @notice Requests a computation and pays the pool's price into escrow (the caller must
    /// have approved this contract for `price`).
    /// @param poolId The pool.
    /// @param algorithmId The content hash of an algorithm the pool allows.
    /// @param params The algorithm's public parameters, as the nodes decode them.
    /// @param buyerKey The buyer's X25519 public key that nodes seal their result shares to; not 0.
    /// @param deadlineSeconds Seconds from now until the job may be refunded, inside the pool's
    /// bounds.
    /// @return jobId The new job's id, starting at 1.
    function requestJob(
        uint256 poolId,
        bytes32 algorithmId,
        bytes calldata params,
        bytes32 buyerKey,
        uint64 deadlineSeconds
    ) external nonReentrant returns (uint256 jobId) {
        Pool storage pool = _existingPool(poolId);
        if (buyerKey == bytes32(0)) revert TriadBuyerKeyMissing();
        if (!_allowedAlgorithms[poolId][algorithmId]) revert TriadAlgorithmNotAllowed(poolId, algorithmId);
        if (pool.activeSellers < pool.minContributors) {
            revert TriadTooFewContributors(poolId, pool.activeSellers, pool.minContributors);
        }
        if (deadlineSeconds < pool.minDeadline || deadlineSeconds > pool.maxDeadline) {
            revert TriadDeadlineOutOfBounds(deadlineSeconds, pool.minDeadline, pool.maxDeadline);
        }

        jobId = ++jobCount;
        uint64 sequence = pool.jobCount++;
        // Cannot overflow: deadlineSeconds <= maxDeadline <= MAX_DEADLINE (createPool).
        uint64 deadline = uint64(block.timestamp) + deadlineSeconds;
        Job storage job = _jobs[jobId];
        job.poolId = poolId;
        job.buyer = msg.sender;
        job.status = JobStatus.Pending;
        job.sequence = sequence;
        job.deadline = deadline;
        job.rowsSnapshot = pool.activeRows;
        job.contributorsSnapshot = pool.activeSellers;
        job.algorithmId = algorithmId;
        job.paramsHash = keccak256(params);
        job.buyerKey = buyerKey;
        job.price = pool.price;
        _poolJobs[poolId][sequence] = jobId;
        emit JobRequested(
            jobId,
            poolId,
            msg.sender,
            algorithmId,
            params,
            buyerKey,
            deadline,
            sequence,
            pool.activeRows,
            pool.activeSellers,
            pool.price
        );

        IERC20(pool.token).safeTransferFrom(msg.sender, address(this), pool.price);
    }

    /// @notice Accepts the committee's result for a pending job and releases the payment:
    /// node and market shares are credited now, the sellers' share enters the pool's ledger.
    /// Anyone may submit; only the signatures matter.
    /// @param jobId The job.
    /// @param attempt The MPC run the shares come from. Each run re-randomises the output
    /// shares, so shares of different runs do not combine: every node must have signed this
    /// same attempt, which stops a relayer from mixing shares of different runs.
    /// @param sealedShares Node i's result share, sealed to the buyer's key.
    /// @param signatures Node i's EIP-712 signature over
    /// Result(jobId, attempt, keccak256(sealedShares[i]), 1).
    function submitResult(
        uint256 jobId,
        uint32 attempt,
        bytes[] calldata sealedShares,
        bytes[] calldata signatures
    ) external {
        Job storage job = _pendingJob(jobId);
        if (block.timestamp > job.deadline) revert TriadJobExpired(jobId, job.deadline);
        uint256 poolId = job.poolId;
        Pool storage pool = _pools[poolId];
        NodeInfo[] storage nodes = _committees[pool.committeeId];
        _checkResult(jobId, attempt, sealedShares, signatures, nodes);

        job.status = JobStatus.Delivered;
        _payCommittee(job.price, pool, nodes);
        emit JobCompleted(jobId, poolId, attempt, sealedShares);

        _advance(poolId, pool, AUTO_ADVANCE_STEPS);
    }

    /// @notice Repays the buyer of a job that passed its deadline without a result. Anyone may
    /// call it; the escrow goes back to the buyer's credits.
    /// @param jobId The job.
    function refund(uint256 jobId) external {
        Job storage job = _pendingJob(jobId);
        if (block.timestamp <= job.deadline) revert TriadJobNotExpired(jobId, job.deadline);
        uint256 poolId = job.poolId;
        Pool storage pool = _pools[poolId];
        job.status = JobStatus.Refunded;
        credits[job.buyer][pool.token] += job.price;
        emit JobRefunded(jobId, poolId, job.buyer, job.price);

        _advance(poolId, pool, AUTO_ADVANCE_STEPS);
    }

    // ---------------------------------------------------------------------------------------
    // Ledger, claims and withdrawals
    // ---------------------------------------------------------------------------------------

    /// @notice Folds up to `maxSteps` final jobs into the pool's ledger, in job order.
    /// @param poolId The pool.
    /// @param maxSteps The most jobs to fold.
    /// @return finalizedJobs The ledger pointer F after the call.
    function advanceLedger(uint256 poolId, uint64 maxSteps) external returns (uint64 finalizedJobs) {
        Pool storage pool = _existingPool(poolId);
        _advance(poolId, pool, maxSteps);
        return pool.finalizedJobs;
    }

    /// @notice Credits a contribution's earnings from every finalized job it took part in.
    /// Anyone may call it; the credit goes to the seller.
    /// @param contributionId The contribution.
    /// @return amount The amount credited by this call.
    function claim(uint256 contributionId) external returns (uint256 amount) {
        Contribution storage c = _contributions[contributionId];
        if (c.seller == address(0)) revert TriadContributionUnknown(contributionId);
        uint64 upTo;
        (amount, upTo) = _claimable(c);
        if (upTo <= c.claimedUpTo) return 0;
        c.claimedUpTo = upTo;
        address token = _pools[c.poolId].token;
        credits[c.seller][token] += amount;
        emit Claimed(contributionId, c.seller, token, amount, upTo);
    }

    /// @notice Pays the caller its whole credit in `token`.
    /// @param token The ERC-20 token.
    /// @return amount The amount transferred.
    function withdraw(address token) external nonReentrant returns (uint256 amount) {
        amount = credits[msg.sender][token];
        if (amount == 0) revert TriadNothingToWithdraw(msg.sender, token);
        credits[msg.sender][token] = 0;
        emit Withdrawn(msg.sender, token, amount);
        IERC20(token).safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------

    /// @notice The nodes of a committee, in signing order.
    function getCommittee(uint256 committeeId) external view returns (NodeInfo[] memory) {
        if (_committees[committeeId].length == 0) revert TriadCommitteeUnknown(committeeId);
        return _committees[committeeId];
    }

    /// @notice A pool with its counters and ledger pointer.
    function getPool(uint256 poolId) external view returns (Pool memory) {
        return _existingPool(poolId);
    }

    /// @notice Whether a pool allows an algorithm.
    function isAlgorithmAllowed(uint256 poolId, bytes32 algorithmId) external view returns (bool) {
        return _allowedAlgorithms[poolId][algorithmId];
    }

    /// @notice A job with its snapshot.
    function getJob(uint256 jobId) external view returns (Job memory) {
        Job storage job = _jobs[jobId];
        if (job.status == JobStatus.None) revert TriadJobUnknown(jobId);
        return job;
    }

    /// @notice The job id of the pool's job with sequence index `sequence` (0 if none).
    function poolJobId(uint256 poolId, uint64 sequence) external view returns (uint256) {
        return _poolJobs[poolId][sequence];
    }

    /// @notice The ledger value C[k] of a pool (meaningful for k <= finalizedJobs).
    function cumRatePerRow(uint256 poolId, uint64 k) external view returns (uint256) {
        return _cumRatePerRow[poolId][k];
    }

    /// @notice A contribution.
    function getContribution(uint256 contributionId) external view returns (Contribution memory) {
        Contribution storage c = _contributions[contributionId];
        if (c.seller == address(0)) revert TriadContributionUnknown(contributionId);
        return c;
    }

    /// @notice Whether `seller` already registered a contribution with `commitment` in the pool
    /// (a revoked one counts): `contribute` would revert with TriadCommitmentUsed.
    function isCommitmentUsed(uint256 poolId, address seller, bytes32 commitment) external view returns (bool) {
        return _usedCommitments[_commitmentKey(poolId, seller, commitment)];
    }

    /// @notice What `claim(contributionId)` would credit now (without advancing the ledger).
    function claimable(uint256 contributionId) external view returns (uint256 amount) {
        Contribution storage c = _contributions[contributionId];
        if (c.seller == address(0)) revert TriadContributionUnknown(contributionId);
        (amount,) = _claimable(c);
    }

    /// @notice The EIP-712 domain separator of this contract.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------

    function _existingPool(uint256 poolId) private view returns (Pool storage pool) {
        pool = _pools[poolId];
        if (pool.curator == address(0)) revert TriadPoolUnknown(poolId);
    }

    /// @dev A node must name a signer, both keys and both endpoints.
    function _checkNode(uint256 index, NodeInfo calldata node) private pure {
        if (node.signer == address(0)) revert TriadNodeInvalid(index, NodeDefect.SignerZero);
        if (node.encryptionKey == bytes32(0)) revert TriadNodeInvalid(index, NodeDefect.EncryptionKeyZero);
        if (node.tlsFingerprint == bytes32(0)) revert TriadNodeInvalid(index, NodeDefect.TlsFingerprintZero);
        if (bytes(node.apiUrl).length == 0) revert TriadNodeInvalid(index, NodeDefect.ApiUrlEmpty);
        if (bytes(node.mpcEndpoint).length == 0) revert TriadNodeInvalid(index, NodeDefect.MpcEndpointEmpty);
    }

    function _commitmentKey(uint256 poolId, address seller, bytes32 commitment) private pure returns (bytes32) {
        return keccak256(abi.encode(poolId, seller, commitment));
    }

    function _pendingJob(uint256 jobId) private view returns (Job storage job) {
        job = _jobs[jobId];
        if (job.status == JobStatus.None) revert TriadJobUnknown(jobId);
        if (job.status != JobStatus.Pending) revert TriadJobNotPending(jobId, job.status);
    }

    function _checkSignature(bytes32 digest, bytes calldata signature, uint256 index, address expected)
        private
        pure
    {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError || recovered != expected) {
            revert TriadSignatureInvalid(index, expected, recovered);
        }
    }

    /// @dev Node i must have signed Result(jobId, attempt, keccak256(sealedShares[i]), Delivered):
    /// one `attempt` for all, so shares of different MPC runs cannot be mixed.
    function _checkResult(
        uint256 jobId,
        uint32 attempt,
        bytes[] calldata sealedShares,
        bytes[] calldata signatures,
        NodeInfo[] storage nodes
    ) private view {
        uint256 n = nodes.length;
        if (sealedShares.length != n) revert TriadSignatureCountMismatch(sealedShares.length, n);
        if (signatures.length != n) revert TriadSignatureCountMismatch(signatures.length, n);
        for (uint256 i = 0; i < n; ++i) {
            bytes32 structHash = keccak256(
                abi.encode(
                    RESULT_TYPEHASH, jobId, attempt, keccak256(sealedShares[i]), uint8(ResultOutcome.Delivered)
                )
            );
            _checkSignature(_hashTypedDataV4(structHash), signatures[i], i, nodes[i].signer);
        }
    }

    /// @dev Credits the nodes' and the market's shares of a delivered job's price; the rounding
    /// remainder of the nodes' share goes to the market.
    function _payCommittee(uint256 jobPrice, Pool storage pool, NodeInfo[] storage nodes) private {
        address token = pool.token;
        (, uint256 nodeAmount, uint256 marketAmount) = _split(jobPrice, pool);
        uint256 n = nodes.length;
        uint256 perNode = nodeAmount / n;
        for (uint256 i = 0; i < n; ++i) {
            credits[nodes[i].signer][token] += perNode;
        }
        credits[treasury][token] += marketAmount + (nodeAmount - perNode * n);
    }

    /// @dev Sellers' and nodes' shares round down; the market takes the rest, so the three add
    /// up to `price` exactly.
    function _split(uint256 price, Pool storage pool)
        private
        view
        returns (uint256 sellerAmount, uint256 nodeAmount, uint256 marketAmount)
    {
        sellerAmount = price * pool.sellerBps / BPS;
        nodeAmount = price * pool.nodeBps / BPS;
        marketAmount = price - sellerAmount - nodeAmount;
    }

    /// @dev Folds final jobs F, F+1, ... into C while they are final, at most `maxSteps`.
    function _advance(uint256 poolId, Pool storage pool, uint64 maxSteps) private {
        uint64 f = pool.finalizedJobs;
        uint64 end = pool.jobCount;
        uint64 start = f;
        mapping(uint64 => uint256) storage cum = _cumRatePerRow[poolId];
        uint256 c = cum[f];
        while (f < end && f - start < maxSteps) {
            Job storage job = _jobs[_poolJobs[poolId][f]];
            if (job.status == JobStatus.Pending) break;
            if (job.status == JobStatus.Delivered) {
                (uint256 sellerAmount,,) = _split(job.price, pool);
                // rowsSnapshot > 0: minContributors >= 1 and every contribution has rows > 0.
                c += sellerAmount * RATE_SCALE / job.rowsSnapshot;
            }
            ++f;
            cum[f] = c;
        }
        if (f != start) {
            pool.finalizedJobs = f;
            emit LedgerAdvanced(poolId, f);
        }
    }

    /// @dev The amount a claim would credit now and the ledger index it would credit up to.
    /// The first claim subtracts the ceiling at joinedAt, later ones the floor credited last
    /// time (see the contract's NatSpec for why the total is exact and solvent).
    function _claimable(Contribution storage c) private view returns (uint256 amount, uint64 upTo) {
        uint64 f = _pools[c.poolId].finalizedJobs;
        upTo = c.revokedAt < f ? c.revokedAt : f;
        uint64 from = c.claimedUpTo;
        if (upTo <= from) return (0, from);
        mapping(uint64 => uint256) storage cum = _cumRatePerRow[c.poolId];
        uint256 earned = Math.mulDiv(c.rows, cum[upTo], RATE_SCALE);
        uint256 taken = from == c.joinedAt
            ? Math.mulDiv(c.rows, cum[from], RATE_SCALE, Math.Rounding.Ceil)
            : Math.mulDiv(c.rows, cum[from], RATE_SCALE);
        // earned < taken only on a first claim inside the same whole unit; keep waiting.
        if (earned < taken) return (0, from);
        amount = earned - taken;
    }
}
