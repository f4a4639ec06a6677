/**
 * The registry of Triad's error codes. A code is stable: once published it keeps its meaning and
 * is never reused. `docs/errors.md` documents each one.
 */
export const triadErrorCodes = {
  // configuration
  TRIAD_ERR_CONFIG_INVALID: 'A configuration file or option is missing or malformed.',
  TRIAD_ERR_DEPLOYMENT_MISSING: 'No deployment file was found for the chain.',
  TRIAD_ERR_USAGE: 'A command-line option is missing or malformed.',
  // chain
  TRIAD_ERR_CHAIN_UNREACHABLE: 'The EVM JSON-RPC endpoint did not answer.',
  TRIAD_ERR_ANVIL_START_FAILED: 'The embedded chain (anvil) could not be started.',
  TRIAD_ERR_CONTRACT_REVERTED: 'A contract call reverted with a Triad custom error.',
  TRIAD_ERR_ALLOWANCE_TOO_LOW: 'The token allowance does not cover the price.',
  TRIAD_ERR_BALANCE_TOO_LOW: 'The token balance does not cover the price.',
  TRIAD_ERR_POOL_UNKNOWN: 'The pool does not exist.',
  TRIAD_ERR_JOB_UNKNOWN: 'The job does not exist.',
  TRIAD_ERR_JOB_NOT_SETTLED: 'The job has no result yet.',
  TRIAD_ERR_JOB_EXPIRED: 'The job passed its deadline without a result.',
  TRIAD_ERR_JOB_NOT_PENDING: 'The job was already delivered or refunded.',
  TRIAD_ERR_JOB_NOT_EXPIRED: 'The job has not passed its deadline, so it cannot be refunded yet.',
  TRIAD_ERR_COMMITMENT_USED:
    'The seller already registered a contribution with this commitment in the pool.',
  TRIAD_ERR_DEPLOYMENT_INVALID: 'The deployment file is malformed or names another chain.',
  TRIAD_ERR_TRANSACTION_FAILED:
    'A transaction or call failed for a reason other than a Triad revert.',
  TRIAD_ERR_EVENT_MISSING: 'A mined transaction did not emit the event it must emit.',
  TRIAD_ERR_SIGNATURE_INVALID:
    'A receipt or result signature does not come from the committee node.',
  TRIAD_ERR_ALGORITHM_NOT_ALLOWED: 'The pool does not allow the requested algorithm.',
  TRIAD_ERR_TOO_FEW_CONTRIBUTORS:
    'The pool has fewer active contributors than its policy requires.',
  TRIAD_ERR_POOL_NOT_OPEN: 'The pool is paused or closed: it takes no contributions or jobs.',
  TRIAD_ERR_COMMITTEE_RETIRED:
    'The committee is retired: it takes no new pools, contributions or jobs.',
  TRIAD_ERR_CONTRIBUTION_UNKNOWN:
    'No contribution with this pool, seller and commitment is registered.',
  TRIAD_ERR_CONTRIBUTION_REVOKED: 'The contribution is already revoked.',
  // data
  TRIAD_ERR_SCHEMA_INVALID:
    'A pool schema is malformed, has bounds too large for exact sums, or does not match its hash.',
  TRIAD_ERR_DATA_INVALID:
    'Rows do not match the pool schema; each problem names the file, line, column and rule.',
  TRIAD_ERR_DATA_MALFORMED: 'A data file is not well-formed CSV or JSON.',
  TRIAD_ERR_DATA_COLUMNS_MISMATCH: "A data file's columns are not the pool schema's columns.",
  TRIAD_ERR_DATA_TOO_LARGE: 'A data file or contribution has more rows than allowed.',
  TRIAD_ERR_VALUE_OUT_OF_RANGE: 'A value is outside the bounds of its column.',
  // sealing and shares
  TRIAD_ERR_SEAL_OPEN_FAILED: 'A sealed message could not be opened with the given key.',
  TRIAD_ERR_SHARES_DISAGREE: 'The result shares from the nodes do not agree.',
  TRIAD_ERR_SHARE_ENCODING: 'A share blob is malformed.',
  // node
  TRIAD_ERR_UPLOAD_REJECTED: 'A node refused an upload of sealed shares.',
  TRIAD_ERR_UPLOAD_UNAUTHENTICATED: 'An upload was not signed by the seller it names.',
  TRIAD_ERR_JOB_NOT_AUTHORISED: 'A node refused to run a job the chain does not authorise.',
  TRIAD_ERR_ALGORITHM_UNKNOWN: 'The algorithm id is not in the library.',
  TRIAD_ERR_KEYSTORE_LOCKED:
    'The node key file is encrypted and no passphrase was configured or the passphrase source is empty.',
  TRIAD_ERR_KEYSTORE_PASSPHRASE:
    'The passphrase does not open the encrypted node key file, or the file was altered.',
  TRIAD_ERR_KEYSTORE_WEAK_PASSPHRASE: 'A passphrase for a new encrypted key file is too short.',
  TRIAD_ERR_NODE_INIT_EXISTS:
    '`triad node init` found an existing configuration or key file and does not overwrite it.',
  TRIAD_ERR_BACKUP_FAILED:
    'A node database backup could not be made (no database, an existing file, or a damaged copy).',
  TRIAD_ERR_NODE_NOT_REGISTERED:
    'The node configuration names no committee yet, or the committee does not list this node.',
  TRIAD_ERR_ALGORITHM_SOURCE_MISMATCH:
    'The code of an algorithm on the node does not hash to the id the job names.',
  TRIAD_ERR_PRIVACY_BUDGET_EXHAUSTED:
    "The pool's differential-privacy budget cannot pay for another job.",
  // MPC
  TRIAD_ERR_PEER_IDENTITY: 'A peer presented a TLS identity that is not pinned in the committee.',
  TRIAD_ERR_PEER_LOST: 'A peer disconnected or stopped answering during a session.',
  TRIAD_ERR_PEER_PROTOCOL: 'A peer sent a message that breaks the protocol.',
  TRIAD_ERR_SESSION_TIMEOUT: 'An MPC session did not finish in time.',
  TRIAD_ERR_PEER_UNREACHABLE: 'A committee peer could not be reached within the start-up wait.',
  TRIAD_ERR_NETWORK_CLOSED: 'The MPC network was used after it was closed.',
  TRIAD_ERR_SESSION_CLOSED: 'An MPC session was used after it was closed or failed.',
  TRIAD_ERR_SESSION_ABORTED:
    'A peer gave up on an MPC session (lost a peer, timed out, or saw a protocol violation).',
  TRIAD_ERR_SESSION_DUPLICATE: 'An MPC session with the same id is already open on this network.',
  TRIAD_ERR_SESSION_MISMATCH: 'Secure values from different MPC sessions were combined.',
  TRIAD_ERR_FIXED_POINT_MISMATCH:
    'Fixed-point values with different numbers of fractional bits were combined.',
  TRIAD_ERR_VECTOR_LENGTH_MISMATCH: 'Two vectors of different lengths were combined element-wise.',
  TRIAD_ERR_VECTOR_EMPTY: 'An operation that needs at least one element got an empty vector.',
  TRIAD_ERR_SECRET_NOT_PRINTABLE:
    'A secure value was printed, serialised or branched on; it can only leave through reveal.',
  TRIAD_ERR_ALGORITHM_INPUT_INVALID: 'An algorithm was given inputs its manifest does not accept.',
  // services
  TRIAD_ERR_NODE_UNREACHABLE: 'A node API did not answer.',
  TRIAD_ERR_SERVICE_START_FAILED: 'A node or bridge process did not start.',
  TRIAD_ERR_BAD_REQUEST: 'An API request is malformed.',
  TRIAD_ERR_INTERNAL: 'A service failed in a way its caller cannot fix; its log says why.',
  TRIAD_ERR_UPLOAD_TOO_LARGE: 'An upload body is larger than the node accepts.',
  TRIAD_ERR_DATA_DIR_LOCKED: 'Another node or bridge process is running on the same data folder.',
  TRIAD_ERR_TLS_PIN_MISMATCH:
    'A node API presented a TLS certificate other than the one its committee pins on chain.',
  TRIAD_ERR_NODE_BUSY:
    'A node runs as many jobs as it may; the attempt was not started and can be handed over again.',
  TRIAD_ERR_REORG_TOO_DEEP:
    'The chain reorganised deeper than the block hashes a watcher keeps; it read everything again.',
  // client and CLI
  TRIAD_ERR_BRIDGE_UNREACHABLE: "A bridge's status API did not answer.",
  TRIAD_ERR_ACCOUNT_INVALID:
    'No usable account: a missing or malformed private key, or a dev account on a chain that is not a dev chain.',
  TRIAD_ERR_RESULT_KEY_MISSING:
    "The result key of a job was not found where the buyer's client saved it.",
  TRIAD_ERR_RESULT_KEY_MISMATCH:
    'The result key given is not the key the job was requested with, so it cannot open the result.',
} as const

export type TriadErrorCode = keyof typeof triadErrorCodes
