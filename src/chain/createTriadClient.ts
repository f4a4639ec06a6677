import {
  type Account,
  type Chain,
  type Client,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  type PublicActions,
  publicActions,
  type Transport,
  type WalletActions,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/** A client that can read the chain and sign and send transactions from one account. */
export type TriadClient = Client<Transport, Chain, Account> &
  PublicActions<Transport, Chain, Account> &
  WalletActions<Chain, Account>

/** Any viem client with a transport: enough for the read actions. */
export type TriadReadClient = Client<Transport, Chain | undefined, Account | undefined>

export interface CreateTriadClientParameters {
  rpcUrl: string
  chainId: number
  /** The key of the account that signs transactions. */
  privateKey: Hex
  /** How often `waitForTransactionReceipt` polls. Default 100 ms. */
  pollingInterval?: number
  /** The transport to `rpcUrl`; default `http(rpcUrl)`. Services wrap it to count failures. */
  transport?: Transport
}

/** A viem Chain for any EVM JSON-RPC endpoint, named after its id. */
export function triadChain(parameters: { chainId: number; rpcUrl: string }): Chain {
  return defineChain({
    id: parameters.chainId,
    name: `chain-${parameters.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [parameters.rpcUrl] } },
  })
}

/**
 * Creates a wallet client with public actions for one account on any JSON-RPC endpoint.
 *
 * @example
 * const seller = createTriadClient({ rpcUrl: 'http://127.0.0.1:8545', chainId: 31337, privateKey })
 * const block = await seller.getBlockNumber()
 */
export function createTriadClient(parameters: CreateTriadClientParameters): TriadClient {
  return createWalletClient({
    account: privateKeyToAccount(parameters.privateKey),
    chain: triadChain(parameters),
    transport: parameters.transport ?? http(parameters.rpcUrl),
    pollingInterval: parameters.pollingInterval ?? 100,
  }).extend(publicActions) as TriadClient
}
