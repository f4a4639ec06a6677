import { bytesToHex, type Hex, isHex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { createTriadClient, type TriadClient } from '../chain/createTriadClient.ts'
import { anvilDefaultMnemonic } from '../chain/startAnvil.ts'
import { readSecretFile } from '../config/readSecretFile.ts'
import { devRoles } from '../devnet/devnetInfo.ts'
import { TriadError } from '../errors/index.ts'
import type { AccountOptions } from './marketOptions.ts'
import type { ResolvedMarket } from './resolveMarket.ts'

/** The environment variable a private key may come from. */
export const privateKeyVariable = 'TRIAD_PRIVATE_KEY'

/** anvil's chain id: the only chain where the well-known dev keys are accepted. */
const devChainId = 31337

/**
 * The client of the account a command signs with: `--account dev:<role>` (dev chains only),
 * `--key-file`, or `TRIAD_PRIVATE_KEY`, in that order.
 *
 * @throws TriadError TRIAD_ERR_ACCOUNT_INVALID naming what is missing or wrong.
 */
export function resolveAccount(
  options: AccountOptions,
  market: ResolvedMarket,
  env: NodeJS.ProcessEnv = process.env,
): TriadClient {
  const privateKey = privateKeyOf(options, market, env)
  return createTriadClient({
    rpcUrl: market.deployment.rpcUrl,
    chainId: market.deployment.chainId,
    privateKey,
  })
}

function privateKeyOf(
  options: AccountOptions,
  market: ResolvedMarket,
  env: NodeJS.ProcessEnv,
): Hex {
  if (options.account !== undefined && options.keyFile !== undefined) {
    throw new TriadError('TRIAD_ERR_USAGE', 'Give --account or --key-file, not both')
  }
  if (options.account !== undefined) return devKeyOf(options.account, market)
  if (options.keyFile !== undefined) {
    const text = readSecretFile(options.keyFile, {
      what: 'key file',
      missingHint: 'Write your private key (0x and 64 hex digits) into it, then chmod 600.',
    }).trim()
    return checkedKey(text, `the key file ${options.keyFile}`)
  }
  const fromEnv = env[privateKeyVariable]
  if (fromEnv !== undefined && fromEnv !== '')
    return checkedKey(fromEnv.trim(), `$${privateKeyVariable}`)
  throw new TriadError(
    'TRIAD_ERR_ACCOUNT_INVALID',
    'This command signs transactions and needs an account',
    {
      hint: `On a \`triad dev\` market: --account dev:buyer (or dev:curator, dev:seller1 ...). Elsewhere: --key-file FILE (mode 600), or set ${privateKeyVariable}.`,
    },
  )
}

function checkedKey(text: string, source: string): Hex {
  if (!isHex(text) || text.length !== 66) {
    throw new TriadError('TRIAD_ERR_ACCOUNT_INVALID', `${source} does not hold a private key`, {
      details: `expected 0x and 64 hex digits, got ${text.length} characters`,
      hint: 'A private key is 32 bytes in hex: 0x followed by 64 digits 0-9a-f.',
    })
  }
  return text
}

function devKeyOf(spec: string, market: ResolvedMarket): Hex {
  const match = /^dev:(?:(\d{1,3})|(deployer|treasury|curator|buyer)|seller(\d{1,3}))$/.exec(spec)
  if (!match) {
    if (/^(0x)?[0-9a-fA-F]{64}$/.test(spec)) {
      throw new TriadError(
        'TRIAD_ERR_ACCOUNT_INVALID',
        '--account takes a dev account, not a private key',
        {
          hint: `A key on the command line ends up in your shell history: use --key-file FILE or ${privateKeyVariable}.`,
        },
      )
    }
    throw new TriadError(
      'TRIAD_ERR_USAGE',
      `--account must be dev:<role> or dev:<index>, got ${spec}`,
      {
        hint: 'Roles: dev:deployer, dev:treasury, dev:curator, dev:buyer, dev:seller1, dev:seller2 ...',
      },
    )
  }
  if (market.deployment.chainId !== devChainId) {
    throw new TriadError(
      'TRIAD_ERR_ACCOUNT_INVALID',
      `Dev accounts exist only on a dev chain (id ${devChainId}); this market is on chain ${market.deployment.chainId}`,
      {
        details: 'their keys are public: anyone can spend what they hold on a real chain',
        hint: `Use --key-file FILE (mode 600) or ${privateKeyVariable}.`,
      },
    )
  }
  const [, index, role, seller] = match
  let addressIndex: number
  if (index !== undefined) addressIndex = Number(index)
  else if (role !== undefined) addressIndex = devRoles[role as keyof typeof devRoles]
  else {
    const number = Number(seller)
    const sellers = market.dev?.sellers ?? 0
    if (number < 1 || (market.dev && number > sellers)) {
      throw new TriadError('TRIAD_ERR_ACCOUNT_INVALID', `There is no dev account ${spec}`, {
        hint: `This dev market funded dev:seller1 to dev:seller${sellers} (triad dev --sellers N funds more).`,
      })
    }
    addressIndex = devRoles.firstSeller + number - 1
  }
  const key = mnemonicToAccount(anvilDefaultMnemonic, { addressIndex }).getHdKey().privateKey
  if (!key) throw new TriadError('TRIAD_ERR_ACCOUNT_INVALID', `No key for ${spec}`)
  return bytesToHex(key)
}
