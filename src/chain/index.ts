export { type AdvanceLedgerParameters, advanceLedger } from './advanceLedger.ts'
export { type ClaimParameters, type ClaimReturnType, claim } from './claim.ts'
export {
  type ContributeParameters,
  type ContributeReturnType,
  contribute,
} from './contribute.ts'
export {
  type CreatePoolParameters,
  type CreatePoolReturnType,
  createPool,
  type PoolParams,
} from './createPool.ts'
export {
  type CreateTriadClientParameters,
  createTriadClient,
  type TriadClient,
  type TriadReadClient,
  triadChain,
} from './createTriadClient.ts'
export { decodeTriadError } from './decodeTriadError.ts'
export {
  type DeployMarketParameters,
  type DeployMarketReturnType,
  deployMarket,
} from './deployMarket.ts'
export {
  type Deployment,
  deploymentFileName,
  readDeployment,
  writeDeployment,
} from './deployment.ts'
export {
  type GetJobEventsParameters,
  type GetJobEventsReturnType,
  getJobEvents,
  type JobEvent,
} from './getJobEvents.ts'
export { type ReadCommitteeParameters, readCommittee } from './readCommittee.ts'
export {
  type Contribution,
  notRevoked,
  type ReadContributionParameters,
  readContribution,
} from './readContribution.ts'
export { type ReadCreditsParameters, readCredits } from './readCredits.ts'
export { type Job, type JobState, type ReadJobParameters, readJob } from './readJob.ts'
export { readMarketTime } from './readMarketTime.ts'
export { type Pool, type ReadPoolParameters, readPool } from './readPool.ts'
export { type RefundJobParameters, type RefundJobReturnType, refundJob } from './refundJob.ts'
export {
  type NodeInfo,
  type RegisterCommitteeParameters,
  type RegisterCommitteeReturnType,
  registerCommittee,
} from './registerCommittee.ts'
export {
  type RequestJobParameters,
  type RequestJobReturnType,
  requestJob,
} from './requestJob.ts'
export {
  type RevokeContributionParameters,
  type RevokeContributionReturnType,
  revokeContribution,
} from './revokeContribution.ts'
export {
  anvilDefaultMnemonic,
  type StartAnvilParameters,
  type StartAnvilReturnType,
  startAnvil,
} from './startAnvil.ts'
export {
  type SubmitResultParameters,
  type SubmitResultReturnType,
  submitResult,
} from './submitResult.ts'
export { type WatchJobsParameters, type WatchJobsReturnType, watchJobs } from './watchJobs.ts'
export { type WithdrawParameters, type WithdrawReturnType, withdraw } from './withdraw.ts'
export { findMarketEvent, type WriteMarketParameters, writeMarket } from './writeMarket.ts'
