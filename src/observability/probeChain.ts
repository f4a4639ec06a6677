import { getBlockNumber } from 'viem/actions'
import type { TriadReadClient } from '../chain/index.ts'

/** What a health check found out about the chain. */
export type ChainProbe =
  | { readonly reachable: true; readonly block: string }
  | { readonly reachable: false; readonly error: string }

/**
 * Asks the chain for its latest block, giving up after `timeoutMs`: the chain part of a
 * service's readiness. Never throws.
 *
 * @example
 * const chain = await probeChain(client) // { reachable: true, block: '1234' }
 */
export async function probeChain(client: TriadReadClient, timeoutMs = 2_000): Promise<ChainProbe> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    const block = await Promise.race([getBlockNumber(client, { cacheTime: 0 }), timeout])
    return { reachable: true, block: block.toString() }
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error)
    return { reachable: false, error: message }
  } finally {
    clearTimeout(timer)
  }
}
