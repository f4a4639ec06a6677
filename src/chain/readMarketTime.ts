import { getBlock } from 'viem/actions'
import type { TriadReadClient } from './createTriadClient.ts'

/**
 * The time, in Unix seconds, to compare a job's deadline with when deciding whether it is late:
 * the later of the latest block's timestamp and the wall clock. An idle chain (a dev chain that
 * mines only on transactions) mines no blocks, so its clock stops; the wall clock still moves,
 * and the next block's timestamp will be at least the wall clock. The contract itself judges by
 * block time, so a refund tried early is refused (`TRIAD_ERR_JOB_NOT_EXPIRED`), never wrong.
 *
 * @example
 * if ((await readMarketTime(client)) > job.deadline) { ... }
 */
export async function readMarketTime(client: TriadReadClient): Promise<bigint> {
  const { timestamp } = await getBlock(client, { blockTag: 'latest' })
  const wallClock = BigInt(Math.floor(Date.now() / 1000))
  return timestamp > wallClock ? timestamp : wallClock
}
