/**
 * The Triad SDK: what sellers, buyers and curators do, as functions of a viem client
 * (`createTriadClient`). Runs in Node and in a browser: nothing this module reaches imports a
 * `node:*` module or uses `Buffer` or `process` (`browserSafe.test.ts`); the nodes' API is
 * reached through `#triad/nodeTransport`, pinned HTTPS in Node and `fetch` in a browser.
 * Node-only extras (reading a data file) are in `node.ts`.
 */

export { closePool } from '../chain/closePool.ts'
export {
  createTriadClient,
  type TriadClient,
  type TriadReadClient,
} from '../chain/createTriadClient.ts'
export { pausePool } from '../chain/pausePool.ts'
export { refundJob } from '../chain/refundJob.ts'
export { revokeContribution } from '../chain/revokeContribution.ts'
export { unpausePool } from '../chain/unpausePool.ts'
export { isTriadError, TriadError } from '../errors/index.ts'
export type { MarketRef } from '../protocol/contexts.ts'
export {
  type ContributeRowsParameters,
  type ContributeRowsProgress,
  type ContributeRowsReturnType,
  contributeRows,
} from './contributeRows.ts'
export {
  type CreatePoolFromSchemaParameters,
  type CreatePoolFromSchemaReturnType,
  createPoolFromSchema,
} from './createPoolFromSchema.ts'
export {
  type ComputationResult,
  decodeComputationResult,
  describeComputation,
} from './decodeComputationResult.ts'
export { findKnownAlgorithm, type KnownAlgorithm, knownAlgorithms } from './knownAlgorithms.ts'
export {
  type ListContributionsParameters,
  listContributions,
  type SellerContribution,
} from './listContributions.ts'
export {
  type CreateNodeApiClientParameters,
  createNodeApiClient,
  type NodeApi,
  type NodeApiClient,
  type NodeJobReport,
} from './nodeApiClient.ts'
export type { NodeRequestInit, NodeTransport } from './nodeTransport.ts'
export { openResult } from './openResult.ts'
export {
  type PrepareContributionParameters,
  type PreparedContribution,
  prepareContribution,
} from './prepareContribution.ts'
export {
  type ComputationQuote,
  type PaymentMethod,
  type QuoteComputationParameters,
  quoteComputation,
} from './quoteComputation.ts'
export { type BridgeJobStatus, type BridgeJobView, readBridgeJob } from './readBridgeJob.ts'
export {
  type Earnings,
  type ReadEarningsParameters,
  readEarnings,
  type TokenEarnings,
} from './readEarnings.ts'
export {
  type ReadJobResultParameters,
  type ReadJobResultReturnType,
  readJobResult,
} from './readJobResult.ts'
export {
  type JobSettlement,
  type JobStatus,
  type ReadJobStatusParameters,
  readJobStatus,
} from './readJobStatus.ts'
export {
  listPools,
  type PoolAlgorithm,
  type PoolDetails,
  type ReadPoolDetailsParameters,
  readPoolDetails,
} from './readPoolDetails.ts'
export { readTokenInfo, type TokenInfo } from './readTokenInfo.ts'
export {
  type RequestComputationParameters,
  type RequestComputationReturnType,
  requestComputation,
} from './requestComputation.ts'
export { sealContribution } from './sealContribution.ts'
export {
  type SubmitContributionParameters,
  type SubmitContributionProgress,
  type SubmitContributionReturnType,
  submitContribution,
} from './submitContribution.ts'
export {
  type WaitForResultParameters,
  type WaitForResultReturnType,
  waitForResult,
} from './waitForResult.ts'
export {
  type WithdrawEarningsParameters,
  type WithdrawEarningsReturnType,
  withdrawEarnings,
} from './withdrawEarnings.ts'
