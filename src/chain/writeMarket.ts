import {
  type Address,
  type ContractEventName,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hash,
  isAddressEqual,
  type ParseEventLogsReturnType,
  parseEventLogs,
  type TransactionReceipt,
} from 'viem'
import { TriadError } from '../errors/index.ts'
import { triadMarketAbi } from '../protocol/abi/generated/index.ts'
import type { TriadClient } from './createTriadClient.ts'
import { decodeTriadError } from './decodeTriadError.ts'

type MarketAbi = typeof triadMarketAbi
type WriteName = ContractFunctionName<MarketAbi, 'nonpayable' | 'payable'>

export interface WriteMarketParameters<functionName extends WriteName> {
  market: Address
  functionName: functionName
  args: ContractFunctionArgs<MarketAbi, 'nonpayable' | 'payable', functionName>
}

export interface WriteMarketReturnType {
  hash: Hash
  receipt: TransactionReceipt
}

/**
 * Sends one TriadMarket transaction and waits for its receipt. A revert (at estimation or
 * mined) becomes a TriadError naming the custom error.
 *
 * @example
 * const { receipt } = await writeMarket(seller, { market, functionName: 'revoke', args: [3n] })
 */
export async function writeMarket<const functionName extends WriteName>(
  client: TriadClient,
  parameters: WriteMarketParameters<functionName>,
): Promise<WriteMarketReturnType> {
  let hash: Hash
  let receipt: TransactionReceipt
  try {
    hash = await client.writeContract({
      address: parameters.market,
      abi: triadMarketAbi,
      functionName: parameters.functionName,
      args: parameters.args,
    } as Parameters<TriadClient['writeContract']>[0])
    receipt = await client.waitForTransactionReceipt({ hash })
  } catch (error) {
    throw decodeTriadError(error)
  }
  if (receipt.status !== 'success') {
    throw new TriadError('TRIAD_ERR_TRANSACTION_FAILED', `${parameters.functionName} reverted`, {
      details: `transaction ${hash} reverted in block ${receipt.blockNumber}`,
      hint: 'Replay it with eth_call at that block to see the custom error.',
    })
  }
  return { hash, receipt }
}

/**
 * The first `eventName` event the market emitted in a receipt; throws TRIAD_ERR_EVENT_MISSING
 * when there is none.
 *
 * @example
 * const { args } = findMarketEvent(receipt, market, 'JobRequested')
 */
export function findMarketEvent<const eventName extends ContractEventName<MarketAbi>>(
  receipt: TransactionReceipt,
  market: Address,
  eventName: eventName,
): ParseEventLogsReturnType<MarketAbi, eventName, true>[number] {
  const logs = parseEventLogs({ abi: triadMarketAbi, logs: receipt.logs, eventName, strict: true })
  const log = logs.find((entry) => isAddressEqual(entry.address, market))
  if (!log) {
    throw new TriadError('TRIAD_ERR_EVENT_MISSING', `No ${eventName} event in the receipt`, {
      details: `transaction ${receipt.transactionHash} to ${market}`,
      hint: 'Check that the deployment points at a TriadMarket contract.',
    })
  }
  return log
}
