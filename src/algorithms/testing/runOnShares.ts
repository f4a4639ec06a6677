import { randomBytes } from 'node:crypto'
import {
  decodeSigned,
  type PartyNetwork,
  type ReplicatedShare,
  reconstructReplicated,
  shareReplicated,
} from '../../mpc/index.ts'
import { trioOver } from '../../mpc/testing/trio.ts'
import { encodeTable, joinTableShares, type Table } from '../../table/index.ts'
import { decodeResult } from '../decodeResult.ts'
import type { AlgorithmResult } from '../definition/AlgorithmDefinition.ts'
import type { Algorithm } from '../library.ts'
import { seededRandomSource } from '../privacy/RandomSource.ts'

/**
 * Test support: a job from end to end without the chain. The table is dealt in replicated shares
 * as sellers deal them (each of `sellers` parts dealt separately and joined by the nodes), the
 * three parties run the algorithm over `networks`, and the buyer opens and decodes the result.
 */
export async function runOnShares(
  networks: readonly [PartyNetwork, PartyNetwork, PartyNetwork],
  algorithm: Algorithm,
  table: Table,
  params: unknown,
  options: {
    sellers?: number
    timeoutMs?: number
    /** Each party's seed for its differential-privacy noise (label `test`); default fresh. */
    noiseSeeds?: readonly [Uint8Array, Uint8Array, Uint8Array]
  } = {},
): Promise<{ result: AlgorithmResult; values: bigint[] }> {
  const parts = splitRows(table, options.sellers ?? 1)
  const dealt = parts.map((part) => ({
    rows: part.rowCount,
    shares: shareReplicated(encodeTable(part)),
  }))
  const tables = [0, 1, 2].map((party) =>
    joinTableShares(
      table.schema,
      dealt.map(({ rows, shares }) => ({ rows, share: shares[party]! })),
    ),
  )
  const trio = trioOver(networks)
  try {
    const sessions = await trio.open(randomBytes(32), options.timeoutMs ?? 120_000)
    const out = await Promise.all(
      sessions.map((session, i) =>
        algorithm.run({
          session,
          table: tables[i]!,
          params,
          noise: seededRandomSource(options.noiseSeeds?.[i] ?? randomBytes(32), 'test'),
        }),
      ),
    )
    const values = [
      ...decodeSigned(
        reconstructReplicated(out as [ReplicatedShare, ReplicatedShare, ReplicatedShare]),
      ),
    ]
    const result = decodeResult(algorithm, {
      params,
      schema: table.schema,
      rows: table.rowCount,
      values,
    })
    return { result, values }
  } finally {
    trio.close()
  }
}

/** The table cut into `count` consecutive parts (the sellers' contributions). */
function splitRows(table: Table, count: number): Table[] {
  const size = Math.ceil(table.rowCount / Math.max(count, 1))
  const parts: Table[] = []
  for (let start = 0; start < table.rowCount || parts.length === 0; start += Math.max(size, 1)) {
    const end = Math.min(table.rowCount, start + size)
    parts.push({
      ...table,
      rowCount: end - start,
      columns: table.columns.map((column) => ({
        spec: column.spec,
        values: column.values.slice(start, end),
        present: column.present?.slice(start, end),
      })),
    })
    if (end >= table.rowCount) break
  }
  return parts
}
