// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ITriadMarket} from "./interfaces/ITriadMarket.sol";

/// @title TriadMarket
/// @notice Committees of MPC nodes, pools of secret-shared rows, jobs paid into escrow, results
/// accepted only with a threshold of the committee's EIP-712 signatures, and pull payments.
///
/// @dev Storage is shaped for gas: a job is one slot, a contribution is one slot, a pool's hot
/// configuration is two slots and its counters one. Everything a job's computation needs that
/// the contract itself does not (algorithm, parameters, buyer key, distinct-seller snapshot) is
/// in the JobRequested event only. Job ids are `poolId << 64 | sequence`, so the ledger finds a
/// pool's k-th job without an index mapping.
///
/// Payout ledger (constant gas in the number of sellers and jobs).
///
/// Jobs of a pool have a sequence k = 0, 1, 2, ... A contribution c records `joinedAt` s_c (the
/// pool's job count when it was made) and `revokedAt` e_c (the job count when it was revoked,
/// NOT_REVOKED before). Job k uses c iff s_c <= k < e_c, and its `rowsSnapshot` R_k (the pool's
/// active rows at request) is the sum of the rows of the contributions it uses: a contribution
/// made before request k has s_c <= k, one made after has s_c > k; it was still active at
/// request k iff it was revoked later, i.e. e_c > k. In particular a late joiner (s_c > k) and a
/// seller revoked before job k (e_c <= k) take no part in job k, and R_k > 0 since a job needs
/// minContributors >= 1 active sellers and every contribution has rows > 0.
///
/// The pool keeps a pointer F (`finalizedJobs`) and the values C[k], k <= F: C[0] = 0 and, folded
/// in job order while job F is final, C[F+1] = C[F] + (delivered ? floor(S_F * 1e27 / R_F) : 0),
/// with S_F the sellers' amount of job F. C[k+1] is written into job k's own slot when job k is
/// folded (its buyer, deadline and rows are no longer needed then), so the ledger costs no fresh
/// storage. A contribution's claims over its life credit in total
///     floor(r_c * C[e] / 1e27) - ceil(r_c * C[s_c] / 1e27)
/// with e = min(e_c, F) at the last claim: the first claim subtracts the ceiling at s_c, each
/// later one the floor it credited up to last time, so the sum telescopes and does not depend on
/// when or how often the seller claims.
///
/// Solvency: the total is at most r_c * (C[e] - C[s_c]) / 1e27 = sum over k in [s_c, e) of
/// r_c * inc_k / 1e27. Summed over all contributions, job k pays out R_k * inc_k / 1e27 <= S_k,
/// so sellers never receive more than the sellers' amounts of delivered jobs. Exactness: each
/// contribution loses less than 2 base units (one per rounding) plus r_c * 1e-27 per job.
///
/// Bit widths: prices are uint96 and sequences uint48, so C < 2^48 * 2^96 * 2^90 = 2^234 fits
/// the 248 bits a folded job slot keeps for it.
contract TriadMarket is ITriadMarket, Ownable2Step, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The committee size the MPC engine runs today. `registerCommittee` is the only
    /// place that checks it: everything else reads a committee's stored size.
    uint8 public constant SUPPORTED_COMMITTEE_SIZE = 3;
    /// @notice Basis points in a whole.
    uint16 public constant BPS = 10_000;
    /// @notice The fixed-point scale of the ledger values C[k].
    uint256 public constant RATE_SCALE = 1e27;
    /// @notice How many ledger steps a settlement, refusal or refund folds on its own.
    uint256 public constant AUTO_ADVANCE_STEPS = 8;
    /// @notice The longest deadline a pool may allow.
    uint64 public constant MAX_DEADLINE = 365 days;
    /// @notice The most rows one contribution may register.
    uint64 public constant MAX_CONTRIBUTION_ROWS = type(uint32).max;
    /// @notice The most active rows a pool may hold (far inside rowsSnapshot's 48 bits).
    uint64 public constant MAX_POOL_ROWS = type(uint40).max;
    /// @notice `revokedAt` of a contribution that is still active.
    uint64 public constant NOT_REVOKED = type(uint48).max;

    bytes32 public constant RECEIPT_TYPEHASH =
        keccak256("Receipt(uint256 poolId,address seller,uint64 rows,bytes32 commitment)");
    bytes32 public constant RESULT_TYPEHASH =
        keccak256("Result(uint256 jobId,uint32 attempt,bytes32 sealedShareHash,uint8 outcome)");

    // A job slot. Pending: buyer (bits 0-159) | deadline (160-199) | rowsSnapshot (200-247) |
    // status (248-255). Folded: C[k+1] (bits 0-247) | status (248-255).
    uint256 private constant _DEADLINE_SHIFT = 160;
    uint256 private constant _ROWS_SHIFT = 200;
    uint256 private constant _STATUS_SHIFT = 248;
    uint256 private constant _CUM_MASK = (1 << 248) - 1;

    /// @dev The hot configuration of a pool, in two slots, and its cold fields.
    struct PoolConfig {
        address token;
        uint96 price;
        uint32 committeeId;
        PoolStatus status;
        uint8 threshold;
        uint16 sellerBps;
        uint16 nodeBps;
        uint16 marketBps;
        uint32 minContributors;
        uint32 minDeadline;
        uint32 maxDeadline;
        address curator;
        bytes32 schemaHash;
        string schemaURI;
    }

    /// @dev The counters of a pool, in one slot. `created` is set by `createPool` so the slot
    /// is never zero: the pool's first contribution then updates it (2,900 gas) instead of
    /// writing a fresh slot (22,100 gas), and creation pays that once.
    struct PoolState {
        uint48 activeRows;
        uint32 activeSellers;
        uint48 jobCount;
        uint48 finalizedJobs;
        uint64 contributionCount;
        bool created;
    }

    /// @dev A contribution, in one slot; rows > 0 marks it as registered.
    struct ContributionRecord {
        uint48 rows;
        uint48 joinedAt;
        uint48 revokedAt;
        uint48 claimedUpTo;
        uint64 index;
    }

    /// @notice Where the market's fees are credited when claimed.
    address public treasury;
    /// @notice The market's share a new pool must give, at least (the market fee).
    uint16 public minMarketBps;
    /// @notice The market's share a new pool may give, at most.
    uint16 public maxMarketBps;

    uint256 public committeeCount;
    uint64 public poolCount;

    mapping(uint256 committeeId => CommitteeInfo) private _committees;
    mapping(uint256 committeeId => mapping(uint256 seat => NodeInfo)) private _nodes;
    mapping(uint256 committeeId => mapping(uint256 epoch => mapping(uint256 seat => address))) private _signers;
    /// @dev Per seat, cumulative: what each seat of an epoch has earned, and been credited.
    mapping(uint256 committeeId => mapping(uint256 epoch => mapping(address token => uint256))) private _nodeEarned;
    mapping(uint256 committeeId => mapping(uint256 epoch => mapping(address token => uint256))) private _nodeClaimed;

    mapping(uint256 poolId => PoolConfig) private _poolConfigs;
    mapping(uint256 poolId => PoolState) private _poolStates;
    mapping(uint256 poolId => mapping(bytes32 algorithmId => bool)) private _allowedAlgorithms;
    /// @dev keccak256(abi.encode(poolId, seller, commitment)) => the contribution. Never
    /// cleared, so it is also the record that a commitment was used.
    mapping(bytes32 key => ContributionRecord) private _contributions;
    /// @notice How many active (unrevoked) contributions a seller has in a pool. The pool's
    /// `activeSellers` counts the sellers for whom this is non-zero.
    mapping(uint256 poolId => mapping(address seller => uint256)) public activeContributionsOf;
    mapping(uint256 jobId => uint256 word) private _jobs;

    /// @notice Withdrawable balances per account and token.
    mapping(address account => mapping(address token => uint256)) public credits;
    /// @notice The market's fees per token, cumulative (never decreases).
    mapping(address token => uint256) public marketFees;
    /// @notice The part of `marketFees` already credited to a treasury.
    mapping(address token => uint256) public marketFeesClaimed;

    /// @param initialOwner The governor of committees, the treasury and the market share bounds.
    /// @param initialTreasury The receiver of the market's fees.
    /// @param initialMinMarketBps The market fee: the least market share a pool may give.
    /// @param initialMaxMarketBps The most market share a pool may give.
    constructor(
        address initialOwner,
        address initialTreasury,
        uint16 initialMinMarketBps,
        uint16 initialMaxMarketBps
    ) Ownable(initialOwner) EIP712("Triad", "1") {
        _setTreasury(initialTreasury);
        _setMarketShareBounds(initialMinMarketBps, initialMaxMarketBps);
    }

    // ---------------------------------------------------------------------------------------
    // Governance
    // ---------------------------------------------------------------------------------------

    /// @notice Sets the receiver of market fees claimed from now on.
    /// @param newTreasury The new receiver; fees already credited stay with the old one.
    function setTreasury(address newTreasury) external onlyOwner {
        _setTreasury(newTreasury);
    }

    /// @notice Sets the bounds of the market share new pools may choose. Existing pools keep
    /// their split.
    /// @param newMinMarketBps The market fee: the least share a pool must give the market.
    /// @param newMaxMarketBps The most it may give; at most 10000.
    function setMarketShareBounds(uint16 newMinMarketBps, uint16 newMaxMarketBps) external onlyOwner {
        _setMarketShareBounds(newMinMarketBps, newMaxMarketBps);
    }

    /// @notice Registers a committee of MPC nodes, in seat order.
    /// @param nodes The nodes; receipts and results carry their signatures by seat.
    /// @return committeeId The new committee's id, starting at 1.
    function registerCommittee(NodeInfo[] calldata nodes) external onlyOwner returns (uint256 committeeId) {
        if (nodes.length != SUPPORTED_COMMITTEE_SIZE) {
            revert TriadCommitteeSizeInvalid(nodes.length, SUPPORTED_COMMITTEE_SIZE);
        }
        address[] memory signers = new address[](nodes.length);
        for (uint256 i = 0; i < nodes.length; ++i) {
            _checkNode(i, nodes[i]);
            for (uint256 j = 0; j < i; ++j) {
                _checkDistinct(i, nodes[i], nodes[j].signer, nodes[j].encryptionKey, nodes[j].tlsFingerprint);
            }
            signers[i] = nodes[i].signer;
        }
        committeeId = ++committeeCount;
        _committees[committeeId] = CommitteeInfo({size: uint8(nodes.length), retired: false, epoch: 0});
        for (uint256 i = 0; i < nodes.length; ++i) {
            _nodes[committeeId][i] = nodes[i];
            _signers[committeeId][0][i] = nodes[i].signer;
        }
        emit CommitteeRegistered(committeeId, signers);
    }

    /// @notice Replaces the node in one seat of a committee and starts a new epoch.
    /// @dev From the new epoch on, receipts and results must be signed by the new signer: a
    /// rotated-out key (lost or compromised) can settle nothing. A job in flight settles only if
    /// the new node can sign its result (its operator moved the shares), or else is refused or
    /// refunded at its deadline. Earnings stay with the signers who earned them: they are kept
    /// per epoch and `claimNodeEarnings` credits the epoch's signers.
    /// @param committeeId The committee.
    /// @param seat The seat to replace, below the committee's size.
    /// @param node The new node record; it must not share a signer, key or fingerprint with
    /// another seat.
    function rotateNode(uint256 committeeId, uint256 seat, NodeInfo calldata node) external onlyOwner {
        CommitteeInfo storage committee = _activeCommittee(committeeId);
        uint256 size = committee.size;
        if (seat >= size) revert TriadSeatUnknown(committeeId, seat);
        _checkNode(seat, node);
        for (uint256 j = 0; j < size; ++j) {
            if (j == seat) continue;
            NodeInfo storage other = _nodes[committeeId][j];
            _checkDistinct(seat, node, other.signer, other.encryptionKey, other.tlsFingerprint);
        }
        uint32 previousEpoch = committee.epoch;
        uint32 epoch = previousEpoch + 1;
        committee.epoch = epoch;
        address previousSigner = _signers[committeeId][previousEpoch][seat];
        for (uint256 j = 0; j < size; ++j) {
            _signers[committeeId][epoch][j] = j == seat ? node.signer : _signers[committeeId][previousEpoch][j];
        }
        _nodes[committeeId][seat] = node;
        emit NodeRotated(committeeId, seat, epoch, previousSigner, node.signer);
    }

    /// @notice Retires a committee for good: its pools take no new contributions or jobs and
    /// no pool can be created on it. Pending jobs still settle or are refunded, sellers still
    /// claim, nodes still claim their earnings: nothing is stranded.
    /// @param committeeId The committee.
    function retireCommittee(uint256 committeeId) external onlyOwner {
        _activeCommittee(committeeId).retired = true;
        emit CommitteeRetired(committeeId);
    }

    // ---------------------------------------------------------------------------------------
    // Pools
    // ---------------------------------------------------------------------------------------

    /// @notice Creates a pool; the caller becomes its curator.
    /// @param p The schema, committee, token, price, split, signature threshold and job policy.
    /// @return poolId The new pool's id, starting at 1.
    function createPool(PoolParams calldata p) external returns (uint256 poolId) {
        CommitteeInfo storage committee = _activeCommittee(p.committeeId);
        if (p.token == address(0)) revert TriadZeroAddress();
        if (uint256(p.sellerBps) + p.nodeBps + p.marketBps != BPS) {
            revert TriadSharesInvalid(p.sellerBps, p.nodeBps, p.marketBps);
        }
        if (p.marketBps < minMarketBps || p.marketBps > maxMarketBps) {
            revert TriadMarketShareOutOfBounds(p.marketBps, minMarketBps, maxMarketBps);
        }
        if (p.minDeadline == 0 || p.minDeadline > p.maxDeadline || p.maxDeadline > MAX_DEADLINE) {
            revert TriadDeadlineBoundsInvalid(p.minDeadline, p.maxDeadline);
        }
        if (p.minContributors == 0) revert TriadMinContributorsInvalid(p.minContributors);
        uint8 size = committee.size;
        uint8 threshold = p.threshold == 0 ? size : p.threshold;
        // A majority: fewer signers than that could settle a result the others never computed.
        if (threshold > size || 2 * uint256(threshold) <= size) revert TriadThresholdInvalid(p.threshold, size);
        if (p.allowedAlgorithms.length == 0) revert TriadNoAlgorithms();

        poolId = ++poolCount;
        PoolConfig storage pool = _poolConfigs[poolId];
        pool.token = p.token;
        pool.price = p.price;
        // committeeId <= committeeCount, one per owner transaction: far below 2^32.
        pool.committeeId = uint32(p.committeeId);
        pool.threshold = threshold;
        pool.sellerBps = p.sellerBps;
        pool.nodeBps = p.nodeBps;
        pool.marketBps = p.marketBps;
        pool.minContributors = p.minContributors;
        // Both <= MAX_DEADLINE < 2^32 (checked above).
        pool.minDeadline = uint32(p.minDeadline);
        pool.maxDeadline = uint32(p.maxDeadline);
        pool.curator = msg.sender;
        pool.schemaHash = p.schemaHash;
        pool.schemaURI = p.schemaURI;
        for (uint256 i = 0; i < p.allowedAlgorithms.length; ++i) {
            _allowedAlgorithms[poolId][p.allowedAlgorithms[i]] = true;
        }
        _poolStates[poolId].created = true;
        emit PoolCreated(poolId, msg.sender, p.committeeId, p);
    }

    /// @notice Stops new contributions and jobs until `unpausePool`. Only the curator.
    /// @param poolId An open pool.
    function pausePool(uint256 poolId) external {
        _setPoolStatus(poolId, PoolStatus.Open, PoolStatus.Paused);
    }

    /// @notice Takes contributions and jobs again. Only the curator.
    /// @param poolId A paused pool.
    function unpausePool(uint256 poolId) external {
        _setPoolStatus(poolId, PoolStatus.Paused, PoolStatus.Open);
    }

    /// @notice Closes a pool for good: no new contributions or jobs. Pending jobs still settle
    /// or are refunded, sellers still revoke and claim. Only the curator.
    /// @param poolId An open or paused pool.
    function closePool(uint256 poolId) external {
        PoolConfig storage pool = _curatedPool(poolId);
        if (pool.status == PoolStatus.Closed) revert TriadPoolStatusInvalid(poolId, PoolStatus.Closed);
        pool.status = PoolStatus.Closed;
        emit PoolStatusChanged(poolId, PoolStatus.Closed);
    }

    // ---------------------------------------------------------------------------------------
    // Contributions
    // ---------------------------------------------------------------------------------------

    /// @notice Registers the caller's rows in an open pool, with every committee node's receipt
    /// that it holds its sealed shares. Each (pool, seller, commitment) registers once: a
    /// repeat reverts with TriadCommitmentUsed, even after the first was revoked.
    /// @param poolId The pool.
    /// @param rows The number of rows, 0 < rows <= MAX_CONTRIBUTION_ROWS.
    /// @param commitment The seller's commitment to its sealed shares.
    /// @param receipts Seat i's EIP-712 signature over Receipt(poolId, seller, rows, commitment).
    /// @return index The contribution's position among the pool's contributions.
    function contribute(uint256 poolId, uint64 rows, bytes32 commitment, bytes[] calldata receipts)
        external
        returns (uint64 index)
    {
        PoolConfig storage pool = _openPool(poolId);
        if (rows == 0 || rows > MAX_CONTRIBUTION_ROWS) revert TriadRowsInvalid(rows);
        ContributionRecord storage record = _contributions[_contributionKey(poolId, msg.sender, commitment)];
        if (record.rows != 0) revert TriadCommitmentUsed(poolId, msg.sender, commitment);
        {
            uint256 committeeId = pool.committeeId;
            CommitteeInfo memory committee = _committees[committeeId];
            if (receipts.length != committee.size) {
                revert TriadSignatureCountMismatch(receipts.length, committee.size);
            }
            bytes32 digest =
                _hashTypedDataV4(keccak256(abi.encode(RECEIPT_TYPEHASH, poolId, msg.sender, rows, commitment)));
            for (uint256 seat = 0; seat < committee.size; ++seat) {
                _checkSignature(digest, receipts[seat], seat, _signers[committeeId][committee.epoch][seat]);
            }
        }

        PoolState storage state = _poolStates[poolId];
        uint64 activeRows = state.activeRows;
        if (activeRows + rows > MAX_POOL_ROWS) revert TriadPoolFull(poolId, activeRows, rows);
        index = state.contributionCount;
        uint48 joinedAt = state.jobCount;
        // rows <= MAX_CONTRIBUTION_ROWS < 2^48 (checked above).
        _contributions[_contributionKey(poolId, msg.sender, commitment)] = ContributionRecord({
            rows: uint48(rows),
            joinedAt: joinedAt,
            revokedAt: uint48(NOT_REVOKED),
            claimedUpTo: joinedAt,
            index: index
        });
        // A seller counts once towards minContributors however many contributions it makes.
        if (activeContributionsOf[poolId][msg.sender]++ == 0) state.activeSellers += 1;
        // activeRows + rows <= MAX_POOL_ROWS < 2^48 (checked above).
        state.activeRows = uint48(activeRows + rows);
        state.contributionCount = index + 1;
        emit Contributed(poolId, msg.sender, commitment, index, rows, joinedAt);
    }

    /// @notice Withdraws the caller's contribution from future jobs. Jobs already requested
    /// still use it and still pay it. Works in every pool state.
    /// @param poolId The pool.
    /// @param commitment The contribution's commitment.
    function revoke(uint256 poolId, bytes32 commitment) external {
        ContributionRecord storage record = _existingContribution(poolId, msg.sender, commitment);
        if (record.revokedAt != NOT_REVOKED) {
            revert TriadContributionRevoked(poolId, msg.sender, commitment, record.revokedAt);
        }
        PoolState storage state = _poolStates[poolId];
        uint48 revokedAt = state.jobCount;
        record.revokedAt = revokedAt;
        if (--activeContributionsOf[poolId][msg.sender] == 0) state.activeSellers -= 1;
        state.activeRows -= record.rows;
        emit ContributionRevoked(poolId, msg.sender, commitment, record.index, revokedAt);
    }

    /// @notice Credits a contribution's earnings from every folded job it took part in. Anyone
    /// may call it; the credit goes to the seller.
    /// @param poolId The pool.
    /// @param seller The contribution's seller.
    /// @param commitment The contribution's commitment.
    /// @return amount The amount credited by this call.
    function claim(uint256 poolId, address seller, bytes32 commitment) external returns (uint256 amount) {
        ContributionRecord storage record = _existingContribution(poolId, seller, commitment);
        uint256 upTo;
        (amount, upTo) = _claimable(poolId, record);
        if (upTo <= record.claimedUpTo) return 0;
        // upTo <= finalizedJobs, a uint48.
        record.claimedUpTo = uint48(upTo);
        address token = _poolConfigs[poolId].token;
        credits[seller][token] += amount;
        emit Claimed(poolId, seller, commitment, token, amount, uint64(upTo));
    }

    // ---------------------------------------------------------------------------------------
    // Jobs
    // ---------------------------------------------------------------------------------------

    /// @notice Requests a computation and pays the pool's price into escrow; the caller must
    /// have approved this contract for the price.
    /// @param poolId An open pool whose committee is not retired, with at least minContributors
    /// active sellers.
    /// @param algorithmId The content hash of an algorithm the pool allows.
    /// @param params The algorithm's public parameters, as the nodes decode them.
    /// @param buyerKey The buyer's X25519 public key the nodes seal result shares to; not 0.
    /// @param deadlineSeconds Seconds from now until the job may be refunded, inside the pool's
    /// bounds.
    /// @return jobId The new job's id, poolId << 64 | sequence.
    function requestJob(
        uint256 poolId,
        bytes32 algorithmId,
        bytes calldata params,
        bytes32 buyerKey,
        uint64 deadlineSeconds
    ) external nonReentrant returns (uint256 jobId) {
        address token;
        uint256 price;
        (jobId, token, price) = _openJob(poolId, algorithmId, params, buyerKey, deadlineSeconds);
        IERC20(token).safeTransferFrom(msg.sender, address(this), price);
    }

    /// @notice `requestJob` with an EIP-2612 permit for the price instead of a prior approval.
    /// A permit that fails (already used, e.g. front-run) is ignored when the allowance covers
    /// the price anyway.
    /// @param poolId See `requestJob`.
    /// @param algorithmId See `requestJob`.
    /// @param params See `requestJob`.
    /// @param buyerKey See `requestJob`.
    /// @param deadlineSeconds See `requestJob`.
    /// @param permit The buyer's permit for this market and exactly the pool's price.
    /// @return jobId The new job's id.
    function requestJobWithPermit(
        uint256 poolId,
        bytes32 algorithmId,
        bytes calldata params,
        bytes32 buyerKey,
        uint64 deadlineSeconds,
        PermitSignature calldata permit
    ) external nonReentrant returns (uint256 jobId) {
        address token;
        uint256 price;
        (jobId, token, price) = _openJob(poolId, algorithmId, params, buyerKey, deadlineSeconds);
        try IERC20Permit(token).permit(msg.sender, address(this), price, permit.deadline, permit.v, permit.r, permit.s) {}
            catch {}
        IERC20(token).safeTransferFrom(msg.sender, address(this), price);
    }

    /// @notice Accepts the committee's result for a pending job before its deadline and releases
    /// the payment: the seats' and the market's shares accrue now, the sellers' share enters the
    /// pool's ledger. Anyone may submit; only the signatures matter.
    /// @param jobId The job.
    /// @param attempt The MPC run the shares come from. Each run re-randomises the output
    /// shares, so every signing node must have signed this same attempt.
    /// @param seats The bitmap of the signing seats (bit i = seat i), at least the pool's
    /// threshold of them.
    /// @param sealedShares The signing seats' result shares, sealed to the buyer's key, in seat order.
    /// @param signatures The signing seats' EIP-712 signatures over
    /// Result(jobId, attempt, keccak256(sealedShare), Delivered), in seat order.
    function submitResult(
        uint256 jobId,
        uint32 attempt,
        uint256 seats,
        bytes[] calldata sealedShares,
        bytes[] calldata signatures
    ) external {
        uint256 word = _pendingJob(jobId);
        uint64 deadline = uint40(word >> _DEADLINE_SHIFT);
        if (block.timestamp > deadline) revert TriadJobExpired(jobId, deadline);
        uint256 poolId = jobId >> 64;
        PoolConfig storage pool = _poolConfigs[poolId];
        _verifyResult(jobId, attempt, seats, sealedShares, signatures, ResultOutcome.Delivered, pool);

        _jobs[jobId] = _withStatus(word, JobStatus.Delivered);
        {
            uint256 committeeId = pool.committeeId;
            CommitteeInfo memory committee = _committees[committeeId];
            address token = pool.token;
            uint256 price = pool.price;
            uint256 perSeat = price * pool.nodeBps / BPS / committee.size;
            // What the sellers' and the seats' shares leave, including the seats' rounding.
            uint256 fee = price - price * pool.sellerBps / BPS - perSeat * committee.size;
            if (perSeat != 0) _nodeEarned[committeeId][committee.epoch][token] += perSeat;
            if (fee != 0) marketFees[token] += fee;
        }
        emit JobCompleted(jobId, poolId, attempt, seats, sealedShares);
        _advance(poolId, pool, AUTO_ADVANCE_STEPS);
    }

    /// @notice Accepts the committee's refusal of a pending job (for example its computation
    /// found too few valid rows) and refunds the buyer. Anyone may submit it.
    /// @param jobId The job.
    /// @param attempt The MPC run the nodes refused in; every signer signed the same one.
    /// @param seats The bitmap of the signing seats, at least the pool's threshold of them.
    /// @param signatures Their EIP-712 signatures over Result(jobId, attempt, 0, Refused), in
    /// seat order.
    function refuseJob(uint256 jobId, uint32 attempt, uint256 seats, bytes[] calldata signatures) external {
        uint256 word = _pendingJob(jobId);
        uint256 poolId = jobId >> 64;
        PoolConfig storage pool = _poolConfigs[poolId];
        // A refusal has no shares: _verifyResult reads sealedShares only for a delivery.
        _verifyResult(jobId, attempt, seats, signatures, signatures, ResultOutcome.Refused, pool);
        emit JobRefused(jobId, poolId, attempt, seats);
        _refundBuyer(jobId, word, JobStatus.Refused);
    }

    /// @notice Repays the buyer of a job that passed its deadline without a result. Anyone may
    /// call it; the escrow goes to the buyer's credits.
    /// @param jobId The job.
    function refund(uint256 jobId) external {
        uint256 word = _pendingJob(jobId);
        uint64 deadline = uint40(word >> _DEADLINE_SHIFT);
        if (block.timestamp <= deadline) revert TriadJobNotExpired(jobId, deadline);
        _refundBuyer(jobId, word, JobStatus.Refunded);
    }

    // ---------------------------------------------------------------------------------------
    // Ledger, earnings and withdrawals
    // ---------------------------------------------------------------------------------------

    /// @notice Folds up to `maxSteps` final jobs into the pool's ledger, in job order. Needed
    /// only when more jobs became final behind a long-pending one than settlements fold alone.
    /// @param poolId The pool.
    /// @param maxSteps The most jobs to fold.
    /// @return finalizedJobs The ledger pointer F after the call.
    function advanceLedger(uint256 poolId, uint256 maxSteps) external returns (uint64 finalizedJobs) {
        _advance(poolId, _existingPool(poolId), maxSteps);
        return _poolStates[poolId].finalizedJobs;
    }

    /// @notice Credits every seat's signer of a committee epoch with what each seat earned in
    /// `token` since the last claim. Anyone may call it.
    /// @param committeeId The committee.
    /// @param epoch An epoch of the committee, current or past.
    /// @param token The payment token.
    /// @return amountPerSeat The amount credited to each seat's signer.
    function claimNodeEarnings(uint256 committeeId, uint32 epoch, address token)
        external
        returns (uint256 amountPerSeat)
    {
        CommitteeInfo memory committee = _existingCommittee(committeeId);
        if (epoch > committee.epoch) revert TriadEpochUnknown(committeeId, epoch);
        uint256 earned = _nodeEarned[committeeId][epoch][token];
        amountPerSeat = earned - _nodeClaimed[committeeId][epoch][token];
        if (amountPerSeat == 0) return 0;
        _nodeClaimed[committeeId][epoch][token] = earned;
        for (uint256 seat = 0; seat < committee.size; ++seat) {
            credits[_signers[committeeId][epoch][seat]][token] += amountPerSeat;
        }
        emit NodeEarningsClaimed(committeeId, epoch, token, amountPerSeat);
    }

    /// @notice Credits the treasury with the market fees in `token` not yet claimed. Anyone may
    /// call it.
    /// @param token The payment token.
    /// @return amount The amount credited.
    function claimMarketFees(address token) external returns (uint256 amount) {
        uint256 fees = marketFees[token];
        amount = fees - marketFeesClaimed[token];
        if (amount == 0) return 0;
        marketFeesClaimed[token] = fees;
        address to = treasury;
        credits[to][token] += amount;
        emit MarketFeesClaimed(token, to, amount);
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

    /// @notice A committee's size, retirement and epoch.
    /// @param committeeId The committee.
    function getCommitteeInfo(uint256 committeeId) external view returns (CommitteeInfo memory) {
        return _existingCommittee(committeeId);
    }

    /// @notice The current nodes of a committee, in seat order.
    /// @param committeeId The committee.
    function getCommittee(uint256 committeeId) external view returns (NodeInfo[] memory nodes) {
        CommitteeInfo memory committee = _existingCommittee(committeeId);
        nodes = new NodeInfo[](committee.size);
        for (uint256 seat = 0; seat < committee.size; ++seat) {
            nodes[seat] = _nodes[committeeId][seat];
        }
    }

    /// @notice The signer of a seat in an epoch (0 if there is no such seat or epoch).
    function signerOf(uint256 committeeId, uint32 epoch, uint256 seat) external view returns (address) {
        return _signers[committeeId][epoch][seat];
    }

    /// @notice What each seat of a committee epoch has earned in `token`, and been credited.
    function nodeEarnings(uint256 committeeId, uint32 epoch, address token)
        external
        view
        returns (uint256 earnedPerSeat, uint256 claimedPerSeat)
    {
        return (_nodeEarned[committeeId][epoch][token], _nodeClaimed[committeeId][epoch][token]);
    }

    /// @notice A pool with its counters and ledger pointer.
    /// @param poolId The pool.
    function getPool(uint256 poolId) external view returns (Pool memory pool) {
        PoolConfig storage c = _existingPool(poolId);
        PoolState storage s = _poolStates[poolId];
        pool = Pool({
            schemaHash: c.schemaHash,
            schemaURI: c.schemaURI,
            committeeId: c.committeeId,
            curator: c.curator,
            token: c.token,
            price: c.price,
            sellerBps: c.sellerBps,
            nodeBps: c.nodeBps,
            marketBps: c.marketBps,
            minContributors: c.minContributors,
            threshold: c.threshold,
            minDeadline: c.minDeadline,
            maxDeadline: c.maxDeadline,
            status: c.status,
            activeSellers: s.activeSellers,
            activeRows: s.activeRows,
            jobCount: s.jobCount,
            finalizedJobs: s.finalizedJobs,
            contributionCount: s.contributionCount
        });
    }

    /// @notice Whether a pool allows an algorithm.
    function isAlgorithmAllowed(uint256 poolId, bytes32 algorithmId) external view returns (bool) {
        return _allowedAlgorithms[poolId][algorithmId];
    }

    /// @notice The id of a pool's job with sequence number `sequence`.
    function jobIdOf(uint256 poolId, uint64 sequence) external pure returns (uint256) {
        return (poolId << 64) | sequence;
    }

    /// @notice A job's state (its request is in the JobRequested event).
    /// @param jobId The job.
    function getJob(uint256 jobId) external view returns (Job memory job) {
        uint256 word = _jobs[jobId];
        job.status = JobStatus(word >> _STATUS_SHIFT);
        if (job.status == JobStatus.None) revert TriadJobUnknown(jobId);
        job.poolId = jobId >> 64;
        job.sequence = uint64(jobId);
        job.folded = job.sequence < _poolStates[job.poolId].finalizedJobs;
        if (job.folded) {
            job.cumRatePerRow = word & _CUM_MASK;
        } else {
            job.buyer = address(uint160(word));
            job.deadline = uint40(word >> _DEADLINE_SHIFT);
            job.rowsSnapshot = uint48(word >> _ROWS_SHIFT);
        }
    }

    /// @notice The ledger value C[k] of a pool, for k <= finalizedJobs.
    function cumRatePerRow(uint256 poolId, uint64 k) external view returns (uint256) {
        return _cumAt(poolId, k);
    }

    /// @notice A contribution.
    /// @param poolId The pool.
    /// @param seller The seller.
    /// @param commitment The contribution's commitment.
    function getContribution(uint256 poolId, address seller, bytes32 commitment)
        external
        view
        returns (Contribution memory)
    {
        ContributionRecord storage r = _existingContribution(poolId, seller, commitment);
        return Contribution({
            rows: r.rows, joinedAt: r.joinedAt, revokedAt: r.revokedAt, claimedUpTo: r.claimedUpTo, index: r.index
        });
    }

    /// @notice Whether `seller` already registered a contribution with `commitment` in the pool
    /// (a revoked one counts): `contribute` would revert with TriadCommitmentUsed.
    function isCommitmentUsed(uint256 poolId, address seller, bytes32 commitment) external view returns (bool) {
        return _contributions[_contributionKey(poolId, seller, commitment)].rows != 0;
    }

    /// @notice What `claim` would credit now (without advancing the ledger).
    function claimable(uint256 poolId, address seller, bytes32 commitment) external view returns (uint256 amount) {
        (amount,) = _claimable(poolId, _existingContribution(poolId, seller, commitment));
    }

    /// @notice The EIP-712 domain separator of this contract.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // ---------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert TriadZeroAddress();
        emit TreasuryChanged(treasury, newTreasury);
        treasury = newTreasury;
    }

    function _setMarketShareBounds(uint16 newMin, uint16 newMax) private {
        if (newMin > newMax || newMax > BPS) revert TriadMarketShareBoundsInvalid(newMin, newMax);
        minMarketBps = newMin;
        maxMarketBps = newMax;
        emit MarketShareBoundsChanged(newMin, newMax);
    }

    function _existingCommittee(uint256 committeeId) private view returns (CommitteeInfo storage committee) {
        committee = _committees[committeeId];
        if (committee.size == 0) revert TriadCommitteeUnknown(committeeId);
    }

    function _activeCommittee(uint256 committeeId) private view returns (CommitteeInfo storage committee) {
        committee = _existingCommittee(committeeId);
        if (committee.retired) revert TriadCommitteeRetired(committeeId);
    }

    function _existingPool(uint256 poolId) private view returns (PoolConfig storage pool) {
        pool = _poolConfigs[poolId];
        if (pool.token == address(0)) revert TriadPoolUnknown(poolId);
    }

    /// @dev A pool that takes contributions and jobs: open, and its committee not retired.
    function _openPool(uint256 poolId) private view returns (PoolConfig storage pool) {
        pool = _existingPool(poolId);
        if (pool.status != PoolStatus.Open) revert TriadPoolNotOpen(poolId, pool.status);
        uint256 committeeId = pool.committeeId;
        if (_committees[committeeId].retired) revert TriadCommitteeRetired(committeeId);
    }

    function _curatedPool(uint256 poolId) private view returns (PoolConfig storage pool) {
        pool = _existingPool(poolId);
        if (pool.curator != msg.sender) revert TriadNotCurator(poolId, msg.sender);
    }

    function _setPoolStatus(uint256 poolId, PoolStatus from, PoolStatus to) private {
        PoolConfig storage pool = _curatedPool(poolId);
        if (pool.status != from) revert TriadPoolStatusInvalid(poolId, pool.status);
        pool.status = to;
        emit PoolStatusChanged(poolId, to);
    }

    /// @dev A node must name a signer, both keys and both endpoints.
    function _checkNode(uint256 index, NodeInfo calldata node) private pure {
        if (node.signer == address(0)) revert TriadNodeInvalid(index, NodeDefect.SignerZero);
        if (node.encryptionKey == bytes32(0)) revert TriadNodeInvalid(index, NodeDefect.EncryptionKeyZero);
        if (node.tlsFingerprint == bytes32(0)) revert TriadNodeInvalid(index, NodeDefect.TlsFingerprintZero);
        if (bytes(node.apiUrl).length == 0) revert TriadNodeInvalid(index, NodeDefect.ApiUrlEmpty);
        if (bytes(node.mpcEndpoint).length == 0) revert TriadNodeInvalid(index, NodeDefect.MpcEndpointEmpty);
    }

    /// @dev One operator must not hold two seats: distinct signers, sealing keys and TLS identities.
    function _checkDistinct(
        uint256 index,
        NodeInfo calldata node,
        address otherSigner,
        bytes32 otherEncryptionKey,
        bytes32 otherTlsFingerprint
    ) private pure {
        if (node.signer == otherSigner) revert TriadNodeDuplicate(index, node.signer);
        if (node.encryptionKey == otherEncryptionKey) revert TriadNodeInvalid(index, NodeDefect.EncryptionKeyReused);
        if (node.tlsFingerprint == otherTlsFingerprint) {
            revert TriadNodeInvalid(index, NodeDefect.TlsFingerprintReused);
        }
    }

    function _contributionKey(uint256 poolId, address seller, bytes32 commitment) private pure returns (bytes32) {
        return keccak256(abi.encode(poolId, seller, commitment));
    }

    function _existingContribution(uint256 poolId, address seller, bytes32 commitment)
        private
        view
        returns (ContributionRecord storage record)
    {
        record = _contributions[_contributionKey(poolId, seller, commitment)];
        if (record.rows == 0) revert TriadContributionUnknown(poolId, seller, commitment);
    }

    /// @dev Checks a request against the pool's policy, records the job in one slot and emits
    /// what the nodes need. The caller moves the escrow.
    function _openJob(
        uint256 poolId,
        bytes32 algorithmId,
        bytes calldata params,
        bytes32 buyerKey,
        uint64 deadlineSeconds
    ) private returns (uint256 jobId, address token, uint256 price) {
        PoolConfig storage pool = _openPool(poolId);
        if (buyerKey == bytes32(0)) revert TriadBuyerKeyMissing();
        if (!_allowedAlgorithms[poolId][algorithmId]) revert TriadAlgorithmNotAllowed(poolId, algorithmId);
        if (deadlineSeconds < pool.minDeadline || deadlineSeconds > pool.maxDeadline) {
            revert TriadDeadlineOutOfBounds(deadlineSeconds, pool.minDeadline, pool.maxDeadline);
        }
        token = pool.token;
        price = pool.price;
        uint256 rows;
        uint32 sellers;
        uint256 deadline;
        (jobId, rows, sellers, deadline) = _recordJob(poolId, pool.minContributors, deadlineSeconds);
        emit JobRequested(
            jobId, poolId, msg.sender, algorithmId, params, buyerKey, uint64(deadline), uint64(rows), sellers, price
        );
    }

    /// @dev Takes the pool's next job sequence and writes the job's one slot: the buyer, the
    /// deadline, the active rows (the snapshot) and Pending.
    function _recordJob(uint256 poolId, uint32 minContributors, uint64 deadlineSeconds)
        private
        returns (uint256 jobId, uint256 rows, uint32 sellers, uint256 deadline)
    {
        PoolState storage state = _poolStates[poolId];
        sellers = state.activeSellers;
        if (sellers < minContributors) revert TriadTooFewContributors(poolId, sellers, minContributors);
        rows = state.activeRows;
        uint256 sequence = state.jobCount;
        // One job per transaction: 2^48 jobs would take millennia of full blocks.
        state.jobCount = uint48(sequence + 1);
        // deadlineSeconds <= MAX_DEADLINE, so the deadline stays below 2^40 until the year 36812.
        deadline = block.timestamp + deadlineSeconds;
        jobId = (poolId << 64) | sequence;
        _jobs[jobId] = uint256(uint160(msg.sender)) | (deadline << _DEADLINE_SHIFT) | (rows << _ROWS_SHIFT)
            | (uint256(JobStatus.Pending) << _STATUS_SHIFT);
    }

    function _pendingJob(uint256 jobId) private view returns (uint256 word) {
        word = _jobs[jobId];
        JobStatus status = JobStatus(word >> _STATUS_SHIFT);
        if (status == JobStatus.None) revert TriadJobUnknown(jobId);
        if (status != JobStatus.Pending) revert TriadJobNotPending(jobId, status);
    }

    function _withStatus(uint256 word, JobStatus status) private pure returns (uint256) {
        return (word & _CUM_MASK) | (uint256(status) << _STATUS_SHIFT);
    }

    /// @dev Repays a pending job's price to the buyer's credits and folds the ledger.
    function _refundBuyer(uint256 jobId, uint256 word, JobStatus status) private {
        uint256 poolId = jobId >> 64;
        PoolConfig storage pool = _poolConfigs[poolId];
        address buyer = address(uint160(word));
        _jobs[jobId] = _withStatus(word, status);
        uint256 price = pool.price;
        credits[buyer][pool.token] += price;
        emit JobRefunded(jobId, poolId, buyer, price);
        _advance(poolId, pool, AUTO_ADVANCE_STEPS);
    }

    /// @dev Checks that the seats in the bitmap are the committee's, at least the pool's
    /// threshold of them, and that each signed Result(jobId, attempt, shareHash, outcome) with
    /// shareHash = keccak256(its sealed share) for a delivery and 0 for a refusal (whose
    /// `sealedShares` is not read).
    function _verifyResult(
        uint256 jobId,
        uint32 attempt,
        uint256 seats,
        bytes[] calldata sealedShares,
        bytes[] calldata signatures,
        ResultOutcome outcome,
        PoolConfig storage pool
    ) private view {
        uint256 size;
        // Assigned below; a storage mapping must start from a state variable.
        mapping(uint256 seat => address) storage signers = _signers[0][0];
        {
            uint256 committeeId = pool.committeeId;
            CommitteeInfo memory committee = _committees[committeeId];
            size = committee.size;
            signers = _signers[committeeId][committee.epoch];
            uint256 count = _countSeats(seats, committee.size, pool.threshold);
            if (outcome == ResultOutcome.Delivered && sealedShares.length != count) {
                revert TriadSignatureCountMismatch(sealedShares.length, count);
            }
            if (signatures.length != count) revert TriadSignatureCountMismatch(signatures.length, count);
        }
        uint256 i = 0;
        for (uint256 seat = 0; seat < size; ++seat) {
            if (seats & (1 << seat) == 0) continue;
            bytes32 shareHash = outcome == ResultOutcome.Delivered ? keccak256(sealedShares[i]) : bytes32(0);
            _checkSignature(_resultDigest(jobId, attempt, shareHash, outcome), signatures[i], seat, signers[seat]);
            ++i;
        }
    }

    function _resultDigest(uint256 jobId, uint32 attempt, bytes32 shareHash, ResultOutcome outcome)
        private
        view
        returns (bytes32)
    {
        return _hashTypedDataV4(keccak256(abi.encode(RESULT_TYPEHASH, jobId, attempt, shareHash, uint8(outcome))));
    }

    /// @dev The number of seats in a bitmap, checked against the committee and the threshold.
    function _countSeats(uint256 seats, uint8 size, uint8 threshold) private pure returns (uint256 count) {
        if (seats >> size != 0) revert TriadSeatsInvalid(seats, size);
        for (uint256 rest = seats; rest != 0; rest &= rest - 1) {
            ++count;
        }
        if (count < threshold) revert TriadTooFewSignatures(count, threshold);
    }

    /// @dev OpenZeppelin's ECDSA rejects malleable (high-s) and malformed signatures.
    function _checkSignature(bytes32 digest, bytes calldata signature, uint256 seat, address expected)
        private
        pure
    {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecoverCalldata(digest, signature);
        if (err != ECDSA.RecoverError.NoError || recovered != expected) {
            revert TriadSignatureInvalid(seat, expected, recovered);
        }
    }

    /// @dev C[k]: 0 for k = 0, else the value job k-1's slot holds once folded.
    function _cumAt(uint256 poolId, uint256 k) private view returns (uint256) {
        return k == 0 ? 0 : _jobs[(poolId << 64) | (k - 1)] & _CUM_MASK;
    }

    /// @dev Folds final jobs F, F+1, ... into the ledger while they are final, at most
    /// `maxSteps`: job k's slot becomes its status and C[k+1].
    function _advance(uint256 poolId, PoolConfig storage pool, uint256 maxSteps) private {
        PoolState storage state = _poolStates[poolId];
        uint256 f = state.finalizedJobs;
        uint256 end = state.jobCount;
        if (end - f > maxSteps) end = f + maxSteps;
        if (f == end) return;
        uint256 start = f;
        uint256 base = poolId << 64;
        uint256 cum = _cumAt(poolId, f);
        uint256 sellerAmount = uint256(pool.price) * pool.sellerBps / BPS;
        for (; f < end; ++f) {
            uint256 word = _jobs[base | f];
            uint256 status = word >> _STATUS_SHIFT;
            if (status == uint256(JobStatus.Pending)) break;
            if (status == uint256(JobStatus.Delivered)) {
                // rowsSnapshot > 0 (see the contract's NatSpec).
                cum += sellerAmount * RATE_SCALE / uint48(word >> _ROWS_SHIFT);
            }
            _jobs[base | f] = (status << _STATUS_SHIFT) | cum;
        }
        if (f != start) {
            // f <= jobCount, a uint48.
            state.finalizedJobs = uint48(f);
            emit LedgerAdvanced(poolId, uint64(f));
        }
    }

    /// @dev The amount a claim would credit now and the ledger index it would credit up to.
    /// The first claim subtracts the ceiling at joinedAt, later ones the floor credited last
    /// time (see the contract's NatSpec for why the total is exact and solvent).
    function _claimable(uint256 poolId, ContributionRecord storage record)
        private
        view
        returns (uint256 amount, uint256 upTo)
    {
        uint256 f = _poolStates[poolId].finalizedJobs;
        uint256 revokedAt = record.revokedAt;
        upTo = revokedAt < f ? revokedAt : f;
        uint256 from = record.claimedUpTo;
        if (upTo <= from) return (0, from);
        uint256 rows = record.rows;
        uint256 earned = Math.mulDiv(rows, _cumAt(poolId, upTo), RATE_SCALE);
        uint256 atFrom = _cumAt(poolId, from);
        uint256 taken = from == record.joinedAt
            ? Math.mulDiv(rows, atFrom, RATE_SCALE, Math.Rounding.Ceil)
            : Math.mulDiv(rows, atFrom, RATE_SCALE);
        // earned < taken only on a first claim inside the same whole unit; keep waiting.
        if (earned < taken) return (0, from);
        amount = earned - taken;
    }
}
