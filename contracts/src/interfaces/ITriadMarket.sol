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

    /// @notice One MPC node of a committee (one seat).
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

    /// @notice A committee's shape and life.
    /// @param size The number of seats (nodes); fixed at registration.
    /// @param retired A retired committee takes no new pools, contributions or jobs; pending
    /// jobs still settle or are refunded and every earning can still be claimed.
    /// @param epoch Starts at 0 and grows by one at every node rotation. Node earnings are kept
    /// per epoch, so they go to the signers who held the seats when they were earned.
    struct CommitteeInfo {
        uint8 size;
        bool retired;
        uint32 epoch;
    }

    /// @notice The life of a pool. Open takes contributions and jobs; Paused takes neither
    /// until the curator unpauses it; Closed is final. Revocations, settlements, refunds, claims
    /// and withdrawals work in every state: no state strands money.
    enum PoolStatus {
        Open,
        Paused,
        Closed
    }

    /// @notice What a curator chooses when creating a pool.
    /// @param schemaHash keccak256 of the canonical schema (columns with name, type, bounds).
    /// @param schemaURI Where the schema is published (a `data:` URI works).
    /// @param committeeId The committee that holds the pool's shares and computes its jobs.
    /// @param token The ERC-20 the pool is paid in. Escrow assumes a transfer moves exactly the
    /// amount asked: fee-on-transfer and rebasing tokens are not supported.
    /// @param price The price of one job, in token base units; fixed for the pool's life.
    /// @param sellerBps The sellers' share; sellerBps + nodeBps + marketBps = 10000.
    /// @param nodeBps The committee's share, split equally between its seats.
    /// @param marketBps The market's share, inside the governance bounds.
    /// @param minContributors The fewest distinct sellers with an active contribution a job needs (> 0).
    /// @param threshold How many committee nodes must sign a result or a refusal; 0 means every
    /// node. It must be a majority of the committee: with replicated 2-of-3 sharing any two
    /// nodes' result shares open the result, so 2 of 3 is meaningful.
    /// @param allowedAlgorithms The algorithm ids (content hashes) buyers may request.
    /// @param minDeadline The shortest deadline a job may ask for, in seconds (> 0).
    /// @param maxDeadline The longest, at most MAX_DEADLINE.
    struct PoolParams {
        bytes32 schemaHash;
        string schemaURI;
        uint256 committeeId;
        address token;
        uint96 price;
        uint16 sellerBps;
        uint16 nodeBps;
        uint16 marketBps;
        uint32 minContributors;
        uint8 threshold;
        bytes32[] allowedAlgorithms;
        uint64 minDeadline;
        uint64 maxDeadline;
    }

    /// @notice A pool as stored, with its live counters and its payout-ledger pointer.
    /// @param threshold The resolved number of node signatures a result or refusal needs.
    /// @param activeSellers Distinct sellers with at least one active contribution.
    /// @param activeRows The rows of all active contributions.
    /// @param jobCount Jobs requested so far; the next job gets this sequence number.
    /// @param finalizedJobs The ledger pointer F: jobs 0..F-1 are final and folded into the ledger.
    /// @param contributionCount Contributions registered so far; the next gets this index.
    struct Pool {
        bytes32 schemaHash;
        string schemaURI;
        uint256 committeeId;
        address curator;
        address token;
        uint96 price;
        uint16 sellerBps;
        uint16 nodeBps;
        uint16 marketBps;
        uint32 minContributors;
        uint8 threshold;
        uint64 minDeadline;
        uint64 maxDeadline;
        PoolStatus status;
        uint32 activeSellers;
        uint64 activeRows;
        uint64 jobCount;
        uint64 finalizedJobs;
        uint64 contributionCount;
    }

    /// @notice A seller's contribution, keyed by (pool, seller, commitment). Job k of the pool
    /// uses it iff `joinedAt <= k < revokedAt`.
    /// @param index Its position among the pool's contributions (0, 1, ...).
    /// @param claimedUpTo The ledger index the seller has been credited up to.
    struct Contribution {
        uint64 rows;
        uint64 joinedAt;
        uint64 revokedAt;
        uint64 claimedUpTo;
        uint64 index;
    }

    /// @notice What is wrong with node `index` of a committee being registered or rotated in
    /// (see `TriadNodeInvalid`). A reused encryption key would let one key holder open two nodes'
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
    /// Delivered (result accepted, payment released), Refunded (deadline passed, buyer repaid),
    /// Refused (the committee signed a refusal, buyer repaid).
    enum JobStatus {
        None,
        Pending,
        Delivered,
        Refunded,
        Refused
    }

    /// @notice What a node attests in a `Result` signature.
    enum ResultOutcome {
        None,
        Delivered,
        Refused
    }

    /// @notice A job's state. Its request (algorithm, parameters, buyer key, snapshot) is in
    /// the JobRequested event. Once the payout ledger has folded the job (`folded`), its storage
    /// holds only its status and the ledger value after it, so buyer, deadline and rowsSnapshot
    /// read as zero; the JobRequested event keeps them.
    /// @param sequence The job's index k among its pool's jobs: jobId = poolId << 64 | k.
    /// @param cumRatePerRow After folding: the ledger value C[k+1].
    struct Job {
        uint256 poolId;
        uint64 sequence;
        JobStatus status;
        address buyer;
        uint64 deadline;
        uint64 rowsSnapshot;
        bool folded;
        uint256 cumRatePerRow;
    }

    /// @notice An EIP-2612 permit for the job's price, signed by the buyer for this market.
    struct PermitSignature {
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    // ---------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------

    event TreasuryChanged(address indexed previousTreasury, address indexed newTreasury);
    event MarketShareBoundsChanged(uint16 minMarketBps, uint16 maxMarketBps);
    event CommitteeRegistered(uint256 indexed committeeId, address[] signers);
    /// @notice Seat `seat` of a committee has a new node record from `epoch` on.
    event NodeRotated(
        uint256 indexed committeeId,
        uint256 indexed seat,
        uint32 epoch,
        address previousSigner,
        address newSigner
    );
    event CommitteeRetired(uint256 indexed committeeId);
    event PoolCreated(
        uint256 indexed poolId, address indexed curator, uint256 indexed committeeId, PoolParams params
    );
    event PoolStatusChanged(uint256 indexed poolId, PoolStatus status);
    event Contributed(
        uint256 indexed poolId,
        address indexed seller,
        bytes32 indexed commitment,
        uint64 index,
        uint64 rows,
        uint64 joinedAt
    );
    event ContributionRevoked(
        uint256 indexed poolId, address indexed seller, bytes32 indexed commitment, uint64 index, uint64 revokedAt
    );
    /// @notice A job was paid for. Nodes read what to compute from here: the job's sequence is
    /// jobId's low 64 bits, and it uses the pool's contributions with joinedAt <= sequence <
    /// revokedAt, whose rows sum to `rowsSnapshot` over `contributorsSnapshot` distinct sellers.
    event JobRequested(
        uint256 indexed jobId,
        uint256 indexed poolId,
        address indexed buyer,
        bytes32 algorithmId,
        bytes params,
        bytes32 buyerKey,
        uint64 deadline,
        uint64 rowsSnapshot,
        uint32 contributorsSnapshot,
        uint256 price
    );
    /// @notice A result was accepted. `seats` is the bitmap of the nodes whose sealed shares
    /// follow, in seat order; `attempt` is the MPC run they all come from.
    event JobCompleted(
        uint256 indexed jobId, uint256 indexed poolId, uint32 attempt, uint256 seats, bytes[] sealedShares
    );
    /// @notice The committee refused the job (signed by the nodes in `seats`); it is refunded.
    event JobRefused(uint256 indexed jobId, uint256 indexed poolId, uint32 attempt, uint256 seats);
    event JobRefunded(uint256 indexed jobId, uint256 indexed poolId, address indexed buyer, uint256 amount);
    event LedgerAdvanced(uint256 indexed poolId, uint64 finalizedJobs);
    event Claimed(
        uint256 indexed poolId,
        address indexed seller,
        bytes32 indexed commitment,
        address token,
        uint256 amount,
        uint64 upTo
    );
    /// @notice Each seat's signer of `epoch` was credited `amountPerSeat`.
    event NodeEarningsClaimed(
        uint256 indexed committeeId, uint32 indexed epoch, address indexed token, uint256 amountPerSeat
    );
    event MarketFeesClaimed(address indexed token, address indexed treasury, uint256 amount);
    event Withdrawn(address indexed account, address indexed token, uint256 amount);

    // ---------------------------------------------------------------------------------------
    // Errors
    // ---------------------------------------------------------------------------------------

    error TriadZeroAddress();
    /// @notice Governance bounds need minMarketBps <= maxMarketBps <= 10000.
    error TriadMarketShareBoundsInvalid(uint16 minMarketBps, uint16 maxMarketBps);
    error TriadCommitteeSizeInvalid(uint256 size, uint256 required);
    /// @notice Node `index` has a zero or empty field, or reuses another seat's encryption key
    /// or TLS fingerprint.
    error TriadNodeInvalid(uint256 index, NodeDefect defect);
    /// @notice Node `index` has the same signer as another seat of the committee.
    error TriadNodeDuplicate(uint256 index, address signer);
    error TriadCommitteeUnknown(uint256 committeeId);
    error TriadCommitteeRetired(uint256 committeeId);
    error TriadSeatUnknown(uint256 committeeId, uint256 seat);
    error TriadEpochUnknown(uint256 committeeId, uint32 epoch);
    error TriadPoolUnknown(uint256 poolId);
    error TriadNotCurator(uint256 poolId, address caller);
    /// @notice The pool is paused or closed: no contributions or jobs.
    error TriadPoolNotOpen(uint256 poolId, PoolStatus status);
    /// @notice The curator asked for a transition the pool's status does not allow.
    error TriadPoolStatusInvalid(uint256 poolId, PoolStatus status);
    error TriadSharesInvalid(uint16 sellerBps, uint16 nodeBps, uint16 marketBps);
    error TriadMarketShareOutOfBounds(uint16 marketBps, uint16 minMarketBps, uint16 maxMarketBps);
    /// @notice A pool's deadline bounds need 0 < minDeadline <= maxDeadline <= MAX_DEADLINE.
    error TriadDeadlineBoundsInvalid(uint64 minDeadline, uint64 maxDeadline);
    error TriadMinContributorsInvalid(uint32 minContributors);
    /// @notice A threshold must be a majority of the committee and at most its size.
    error TriadThresholdInvalid(uint8 threshold, uint8 committeeSize);
    error TriadNoAlgorithms();
    /// @notice A contribution needs 0 < rows <= MAX_CONTRIBUTION_ROWS.
    error TriadRowsInvalid(uint64 rows);
    /// @notice The pool's active rows would pass MAX_POOL_ROWS.
    error TriadPoolFull(uint256 poolId, uint64 activeRows, uint64 rows);
    /// @notice The seller already registered a contribution with this commitment in this pool
    /// (revoked or not): the same receipts cannot register the same rows twice.
    error TriadCommitmentUsed(uint256 poolId, address seller, bytes32 commitment);
    error TriadSignatureCountMismatch(uint256 given, uint256 expected);
    /// @notice The signature for seat `index` does not recover to that seat's signer.
    error TriadSignatureInvalid(uint256 index, address expected, address recovered);
    /// @notice The seat bitmap names a seat the committee does not have.
    error TriadSeatsInvalid(uint256 seats, uint8 committeeSize);
    error TriadTooFewSignatures(uint256 given, uint8 threshold);
    error TriadContributionUnknown(uint256 poolId, address seller, bytes32 commitment);
    error TriadContributionRevoked(uint256 poolId, address seller, bytes32 commitment, uint64 revokedAt);
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
