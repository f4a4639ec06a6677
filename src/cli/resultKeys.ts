import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type Hex, isHex } from 'viem'
import { readSecretFile } from '../config/readSecretFile.ts'
import { TriadError } from '../errors/index.ts'
import type { MarketRef } from '../protocol/contexts.ts'

/** A job's result key as `triad buy` saves it: only this opens the job's result. */
export interface SavedResultKey {
  readonly chainId: number
  readonly market: Hex
  readonly jobId: bigint
  readonly publicKey: Hex
  readonly privateKey: Hex
}

/** Where `triad buy` saves job `jobId`'s result key by default. */
export function resultKeyPath(stateDir: string, jobId: bigint): string {
  return join(resolve(stateDir), 'jobs', `${jobId}.key.json`)
}

/**
 * Saves a job's result key (mode 600) and returns its path.
 *
 * @example
 * saveResultKey('.triad', market, jobId, request.resultKey)
 */
export function saveResultKey(
  stateDir: string,
  market: MarketRef,
  jobId: bigint,
  key: { publicKey: Hex; privateKey: Hex },
): string {
  const path = resultKeyPath(stateDir, jobId)
  mkdirSync(join(resolve(stateDir), 'jobs'), { recursive: true, mode: 0o700 })
  const json = { chainId: market.chainId, market: market.market, jobId: jobId.toString(), ...key }
  writeFileSync(path, `${JSON.stringify(json, null, 2)}\n`, { mode: 0o600 })
  chmodSync(path, 0o600)
  return path
}

/**
 * Reads a saved result key: `path`, or the default place for the job in the state folder.
 *
 * @throws TriadError TRIAD_ERR_RESULT_KEY_MISSING when there is none, TRIAD_ERR_RESULT_KEY_MISMATCH
 * when it is for another job or market.
 */
export function loadResultKey(parameters: {
  stateDir: string
  market: MarketRef
  jobId: bigint
  path?: string
}): SavedResultKey {
  const path = parameters.path ?? resultKeyPath(parameters.stateDir, parameters.jobId)
  let text: string
  try {
    text = readSecretFile(path, {
      what: 'result key file',
      missingHint: 'triad buy saves it.',
    })
  } catch (cause) {
    if (cause instanceof TriadError && cause.shortMessage.includes('readable by others'))
      throw cause
    throw new TriadError(
      'TRIAD_ERR_RESULT_KEY_MISSING',
      `No result key for job ${parameters.jobId} at ${path}`,
      {
        cause,
        hint: 'Only the key made when the job was bought opens its result: run `triad job result` where `triad buy` ran (same --state), or give --result-key FILE.',
      },
    )
  }
  let raw: Record<string, unknown>
  try {
    raw = JSON.parse(text) as Record<string, unknown>
  } catch {
    raw = {}
  }
  const { chainId, market, jobId, publicKey, privateKey } = raw
  if (
    typeof chainId !== 'number' ||
    typeof market !== 'string' ||
    typeof jobId !== 'string' ||
    !isHex(publicKey) ||
    !isHex(privateKey)
  ) {
    throw new TriadError('TRIAD_ERR_RESULT_KEY_MISSING', `${path} is not a result key file`, {
      hint: 'A result key file is what `triad buy` saved: { chainId, market, jobId, publicKey, privateKey }.',
    })
  }
  if (
    BigInt(jobId) !== parameters.jobId ||
    chainId !== parameters.market.chainId ||
    market.toLowerCase() !== parameters.market.market.toLowerCase()
  ) {
    throw new TriadError(
      'TRIAD_ERR_RESULT_KEY_MISMATCH',
      `${path} is the result key of another job`,
      {
        details: `it is for job ${jobId} of market ${market} on chain ${chainId}`,
        hint: `Give the key file saved for job ${parameters.jobId}.`,
      },
    )
  }
  return { chainId, market: market as Hex, jobId: BigInt(jobId), publicKey, privateKey }
}
