// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ITriadMarket
/// @notice The types, events and errors of the Triad data market. Committees of MPC nodes hold
/// secret shares of sellers' rows; buyers pay into escrow for a computation over a pool; the
/// committee's EIP-712 signatures release the payment to sellers, nodes and the market.
interface ITriadMarket {
    // ---------------------------------------------------------------------------------------
    // Types
    // ---------------------------------------------------------------------------------------

    /// @notice One MPC node of a committee.
    /// @param signer The address whose EIP-712 signatures (receipts, results) the contract accepts.
    /// @param encryptionKey The node's X25519 public key that sellers seal their shares to.
    /// @param tlsFingerprint SHA-256 of the node's TLS certificate, pinned by its peers.
    /// @param apiUrl Where sellers upload sealed shares.
    /// @param mpcEndpoint Where peers reach the node for MPC sessions.
    struct NodeInfo {
        address signer;
        bytes32 encryptionKey;
        bytes32 tlsFingerprint;
        string apiUrl;
        string mpcEndpoint;
    }

    /// @notice What a curator chooses when creating a pool. The three shares add up to 10000 bps.
    struct PoolParams {
        bytes32 schemaHash;
        string schemaURI;
        uint256 committeeId;
        address token;
        uint256 price;
        uint16 sellerBps;
        uint16 nodeBps;
        uint16 marketBps;
        uint32 minContributors;
        bytes32[] allowedAlgorithms;
        uint64 minDeadline;
        uint64 maxDeadline;
    }

    /// @notice A pool as stored, with its live counters and its payout ledger state.
    /// @param minContributors The fewest distinct sellers with an active contribution a job needs.
    /// @param activeSellers The number of distinct sellers with at least one active (unrevoked)
    /// contribution: a seller with several contributions counts once.
    /// @param activeRows The rows of all active contributions.
    /// @param jobCount The number of jobs requested so far; the next job gets this sequence index.
    /// @param finalizedJobs The ledger pointer F: jobs 0..F-1 are settled or refunded and folded
    /// into `cumRatePerRow`.
    struct Pool {
        bytes32 schemaHash;
        string schemaURI;
        uint256 committeeId;
        address curator;
        address token;
        uint256 price;
        uint16 sellerBps;
        uint16 nodeBps;
        uint16 marketBps;
        uint32 minContributors;
        uint64 minDeadline;
        uint64 maxDeadline;
        uint32 activeSellers;
        uint64 activeRows;
        uint64 jobCount;
        uint64 finalizedJobs;
    }

    /// @notice A seller's registered contribution. Job k of the pool uses it iff
    /// `joinedAt <= k < revokedAt`.
    struct Contribution {
        uint256 poolId;
        address seller;
        uint64 rows;
        uint64 joinedAt;
        uint64 revokedAt;
        uint64 claimedUpTo;
        bytes32 commitment;
    }

    /// @notice What is wrong with node `index` of a committee being registered (see
    /// `TriadNodeInvalid`). A reused encryption key would let one key holder open two nodes'
    /// sealed shares, which together reveal the rows; a reused TLS fingerprint would let one
    /// identity take two seats in the MPC: either breaks the honest-majority assumption.
    enum NodeDefect {
        SignerZero,
        EncryptionKeyZero,
        TlsFingerprintZero,
        ApiUrlEmpty,
        MpcEndpointEmpty,
        EncryptionKeyReused,
        TlsFingerprintReused
    }

    /// @notice The life of a job: None (no such job), Pending (paid, waiting for a result),
    /// Delivered (result accepted, payment released), Refunded (deadline passed, buyer repaid).
    enum JobStatus {
        None,
        Pending,
        Delivered,
        Refunded
    }

    /// @notice What a node attests in a `Result` signature. Only Delivered is accepted today;
    /// Refused is reserved for a committee-signed refusal.
    enum ResultOutcome {
        None,
        Delivered,
        Refused
    }

    /// @notice A job as stored. `sequence` is its index k among the pool's jobs; the snapshot
    /// fields are the pool's `activeRows` and `activeSellers` when the job was requested:
    /// `rowsSnapshot` is the sum of the rows of the contributions the job uses, and
    /// `contributorsSnapshot` the number of distinct sellers among them (not of contributions).
    struct Job {
        uint256 poolId;
        address buyer;
        JobStatus status;
        uint64 sequence;
        uint64 deadline;
        uint64 rowsSnapshot;
        uint32 contributorsSnapshot;
        bytes32 algorithmId;
        bytes32 paramsHash;
        bytes32 buyerKey;
        uint256 price;
    }

    // ---------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------

    event TreasuryChanged(address indexed previousTreasury, address indexed newTreasury);
    event CommitteeRegistered(uint256 indexed committeeId, address[] signers);
    event PoolCreated(
        uint256 indexed poolId,
        address indexed curator,
        uint256 indexed committeeId,
        bytes32 schemaHash,
        address token,
        uint256 price
    );
    event Contributed(
        uint256 indexed contributionId,
        uint256 indexed poolId,
        address indexed seller,
        uint64 rows,
        bytes32 commitment,
        uint64 joinedAt
    );
    event ContributionRevoked(
        uint256 indexed contributionId, uint256 indexed poolId, address indexed seller, uint64 revokedAt
    );
    event JobRequested(
        uint256 indexed jobId,
        uint256 indexed poolId,
        address indexed buyer,
        bytes32 algorithmId,
        bytes params,
        bytes32 buyerKey,
        uint64 deadline,
        uint64 sequence,
        uint64 rowsSnapshot,
        uint32 contributorsSnapshot,
        uint256 price
    );
    /// @notice A result was accepted. `attempt` is the MPC run the committee signed; the buyer
    /// combines exactly these shares, which all come from that run.
    event JobCompleted(uint256 indexed jobId, uint256 indexed poolId, uint32 attempt, bytes[] sealedShares);
    event JobRefunded(uint256 indexed jobId, uint256 indexed poolId, address indexed buyer, uint256 amount);
    event LedgerAdvanced(uint256 indexed poolId, uint64 finalizedJobs);
    event Claimed(
        uint256 indexed contributionId, address indexed seller, address indexed token, uint256 amount, uint64 upTo
    );
    event Withdrawn(address indexed account, address indexed token, uint256 amount);

    // ---------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------

    error TriadZeroAddress();
    error TriadCommitteeSizeInvalid(uint256 size, uint256 required);
    /// @notice Node `index` of a committee has a zero or empty field, or reuses an earlier
    /// node's encryption key or TLS fingerprint.
    error TriadNodeInvalid(uint256 index, NodeDefect defect);
    /// @notice Node `index` of a committee has the same signer as an earlier node.
    error TriadNodeDuplicate(uint256 index, address signer);
    error TriadCommitteeUnknown(uint256 committeeId);
    error TriadPoolUnknown(uint256 poolId);
    error TriadSharesInvalid(uint16 sellerBps, uint16 nodeBps, uint16 marketBps);
    /// @notice A pool's deadline bounds need 0 < minDeadline <= maxDeadline <= MAX_DEADLINE.
    error TriadDeadlineBoundsInvalid(uint64 minDeadline, uint64 maxDeadline);
    error TriadMinContributorsInvalid(uint32 minContributors);
    error TriadNoAlgorithms();
    error TriadRowsZero();
    /// @notice The seller already registered a contribution with this commitment in this pool
    /// (revoked or not): the same receipts cannot register the same rows twice.
    error TriadCommitmentUsed(uint256 poolId, address seller, bytes32 commitment);
    error TriadSignatureCountMismatch(uint256 given, uint256 expected);
    error TriadSignatureInvalid(uint256 index, address expected, address recovered);
    error TriadContributionUnknown(uint256 contributionId);
    error TriadNotSeller(uint256 contributionId, address caller);
    error TriadContributionRevoked(uint256 contributionId, uint64 revokedAt);
    error TriadAlgorithmNotAllowed(uint256 poolId, bytes32 algorithmId);
    /// @notice The pool has `active` distinct sellers with active contributions, fewer than `required`.
    error TriadTooFewContributors(uint256 poolId, uint32 active, uint32 required);
    /// @notice A job needs the buyer's public key: no result could be sealed to a zero key.
    error TriadBuyerKeyMissing();
    error TriadDeadlineOutOfBounds(uint64 deadlineSeconds, uint64 minDeadline, uint64 maxDeadline);
    error TriadJobUnknown(uint256 jobId);
    error TriadJobNotPending(uint256 jobId, JobStatus status);
    error TriadJobExpired(uint256 jobId, uint64 deadline);
    error TriadJobNotExpired(uint256 jobId, uint64 deadline);
    error TriadNothingToWithdraw(address account, address token);
}
