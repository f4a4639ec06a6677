export { type AdvanceLedgerParameters, advanceLedger } from './advanceLedger.ts'
export { type ClaimParameters, type ClaimReturnType, claim } from './claim.ts'
export {
  type ClaimMarketFeesParameters,
  type ClaimMarketFeesReturnType,
  claimMarketFees,
} from './claimMarketFees.ts'
export {
  type ClaimNodeEarningsParameters,
  type ClaimNodeEarningsReturnType,
  claimNodeEarnings,
} from './claimNodeEarnings.ts'
export { type ClosePoolParameters, closePool } from './closePool.ts'
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
  defaultMarketShareBounds,
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
export {
  type GetJobRequestParameters,
  getJobRequest,
  type JobRequest,
  jobRequestFromLog,
} from './getJobRequest.ts'
export { type PausePoolParameters, pausePool } from './pausePool.ts'
export { type ReadCommitteeParameters, readCommittee } from './readCommittee.ts'
export {
  type CommitteeInfo,
  type ReadCommitteeInfoParameters,
  readCommitteeInfo,
} from './readCommitteeInfo.ts'
export {
  type Contribution,
  notRevoked,
  type ReadContributionParameters,
  readContribution,
} from './readContribution.ts'
export { type ReadCreditsParameters, readCredits } from './readCredits.ts'
export { type Job, type JobState, type ReadJobParameters, readJob } from './readJob.ts'
export { readMarketTime } from './readMarketTime.ts'
export {
  type NodeEarnings,
  type ReadNodeEarningsParameters,
  readNodeEarnings,
} from './readNodeEarnings.ts'
export { type Pool, type PoolStatus, type ReadPoolParameters, readPool } from './readPool.ts'
export { type RefundJobParameters, type RefundJobReturnType, refundJob } from './refundJob.ts'
export { type RefuseJobParameters, type RefuseJobReturnType, refuseJob } from './refuseJob.ts'
export {
  type NodeInfo,
  type RegisterCommitteeParameters,
  type RegisterCommitteeReturnType,
  registerCommittee,
} from './registerCommittee.ts'
export {
  type RequestJobErrorType,
  type RequestJobParameters,
  type RequestJobReturnType,
  requestJob,
} from './requestJob.ts'
export {
  type RequestJobWithPermitParameters,
  type RequestJobWithPermitReturnType,
  requestJobWithPermit,
} from './requestJobWithPermit.ts'
export { type RetireCommitteeParameters, retireCommittee } from './retireCommittee.ts'
export {
  type RevokeContributionParameters,
  type RevokeContributionReturnType,
  revokeContribution,
} from './revokeContribution.ts'
export {
  type RotateNodeParameters,
  type RotateNodeReturnType,
  rotateNode,
} from './rotateNode.ts'
export {
  anvilDefaultMnemonic,
  type StartAnvilParameters,
  type StartAnvilReturnType,
  startAnvil,
} from './startAnvil.ts'
export {
  type SubmitResultParameters,
  type SubmitResultReturnType,
  seatBitmap,
  seatsOf,
  submitResult,
} from './submitResult.ts'
export { type UnpausePoolParameters, unpausePool } from './unpausePool.ts'
export { type WatchJobsParameters, type WatchJobsReturnType, watchJobs } from './watchJobs.ts'
export { type WithdrawParameters, type WithdrawReturnType, withdraw } from './withdraw.ts'
export { findMarketEvent, type WriteMarketParameters, writeMarket } from './writeMarket.ts'
