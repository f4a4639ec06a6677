import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Hex } from 'viem'
import { mnemonicToAccount } from 'viem/accounts'
import { TriadError } from '../errors/index.ts'

/** Foundry's well-known development mnemonic; its keys hold no real funds on any chain. */
export const anvilDefaultMnemonic = 'test test test test test test test test test test test junk'

export interface StartAnvilParameters {
  /** The chain id anvil reports. Default 31337. */
  chainId?: number
  /** How many funded accounts to derive from the mnemonic. Default 10. */
  accounts?: number
  mnemonic?: string
  /** Seconds between blocks; omitted means a block per transaction (automine). */
  blockTime?: number
  /** How long to wait for the RPC to answer. Default 15000 ms. */
  timeoutMs?: number
  /** An anvil binary to run instead of the one from `@foundry-rs/anvil`. */
  binary?: string
}

export interface StartAnvilReturnType {
  rpcUrl: string
  chainId: number
  /** The private keys of the funded accounts, in mnemonic order. */
  accounts: readonly Hex[]
  /** Kills anvil and resolves once it has exited. Safe to call twice. */
  stop: () => Promise<void>
}

export type StartAnvilErrorType = TriadError

const platformPackages: Record<string, string> = {
  'linux-x64': '@foundry-rs/anvil-linux-amd64',
  'linux-arm64': '@foundry-rs/anvil-linux-arm64',
  'darwin-x64': '@foundry-rs/anvil-darwin-amd64',
  'darwin-arm64': '@foundry-rs/anvil-darwin-arm64',
  'win32-x64': '@foundry-rs/anvil-win32-amd64',
}

/** The command that runs anvil: the platform binary if installed, else the npm shim under node. */
function anvilCommand(binary: string | undefined): { command: string; prefix: string[] } {
  if (binary) return { command: binary, prefix: [] }
  const require = createRequire(import.meta.url)
  const platformPackage = platformPackages[`${process.platform}-${process.arch}`]
  if (platformPackage) {
    const name = process.platform === 'win32' ? 'anvil.exe' : 'anvil'
    try {
      const path = require.resolve(`${platformPackage}/bin/${name}`)
      if (existsSync(path)) return { command: path, prefix: [] }
    } catch {
      // not installed for this platform: use the shim
    }
  }
  return { command: process.execPath, prefix: [require.resolve('@foundry-rs/anvil/bin.mjs')] }
}

/**
 * Starts a local anvil chain on 127.0.0.1 with a port the OS picks, waits until its JSON-RPC
 * answers, and returns its URL, chain id and funded private keys.
 *
 * @example
 * const anvil = await startAnvil()
 * try {
 *   const client = createTriadClient({ rpcUrl: anvil.rpcUrl, chainId: anvil.chainId, privateKey: anvil.accounts[0] })
 * } finally {
 *   await anvil.stop()
 * }
 */
export async function startAnvil(
  parameters: StartAnvilParameters = {},
): Promise<StartAnvilReturnType> {
  const chainId = parameters.chainId ?? 31337
  const count = parameters.accounts ?? 10
  const mnemonic = parameters.mnemonic ?? anvilDefaultMnemonic
  const timeoutMs = parameters.timeoutMs ?? 15_000
  const { command, prefix } = anvilCommand(parameters.binary)
  const args = [
    ...prefix,
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--chain-id',
    String(chainId),
    '--accounts',
    String(count),
    '--mnemonic',
    mnemonic,
  ]
  if (parameters.blockTime !== undefined) args.push('--block-time', String(parameters.blockTime))

  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  let stopped = false
  const stop = async () => {
    if (!stopped) {
      stopped = true
      process.off('exit', killOnExit)
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
        await exited
        clearTimeout(timer)
      }
    }
    await exited
  }

  try {
    const port = await waitForPort(child, timeoutMs)
    const rpcUrl = `http://127.0.0.1:${port}`
    await waitForRpc(rpcUrl, chainId, timeoutMs)
    const accounts = Array.from({ length: count }, (_, addressIndex) => {
      const key = mnemonicToAccount(mnemonic, { addressIndex }).getHdKey().privateKey
      if (!key) throw new Error(`no private key for account ${addressIndex}`)
      return `0x${Buffer.from(key).toString('hex')}` as Hex
    })
    return { rpcUrl, chainId, accounts, stop }
  } catch (error) {
    await stop()
    throw new TriadError('TRIAD_ERR_ANVIL_START_FAILED', 'anvil did not start', {
      details: `${command} ${args.join(' ')}: ${(error as Error).message}`,
      hint: 'Run `npm install` so @foundry-rs/anvil can fetch its binary for this platform.',
      cause: error,
    })
  }
}

function waitForPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => finish(new Error(`no port after ${timeoutMs} ms`)), timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const match = /Listening on [\d.]+:(\d+)/.exec(output)
      if (match) finish(undefined, Number(match[1]))
    }
    const onExit = (code: number | null) =>
      finish(new Error(`exited with code ${code}: ${output.slice(-2000)}`))
    const onError = (error: Error) => finish(error)
    function finish(error: Error | undefined, port?: number) {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.stderr?.off('data', onData)
      child.off('exit', onExit)
      child.off('error', onError)
      // keep draining so anvil never blocks on a full pipe
      child.stdout?.resume()
      child.stderr?.resume()
      if (error) reject(error)
      else resolve(port!)
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', onExit)
    child.once('error', onError)
  })
}

async function waitForRpc(rpcUrl: string, chainId: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      const body = (await response.json()) as { result?: string }
      if (body.result && Number(body.result) === chainId) return
      lastError = new Error(`eth_chainId answered ${JSON.stringify(body)}`)
    } catch (error) {
      lastError = error
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`RPC did not answer within ${timeoutMs} ms: ${(lastError as Error)?.message}`)
}
