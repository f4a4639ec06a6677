import type { Hex } from 'viem'
import { TriadError } from '../../errors/index.ts'
import { canonicalSchemaJson, poolSchemaHash } from './canonicalSchema.ts'
import type { PoolSchema } from './PoolSchema.ts'
import { parsePoolSchema } from './parsePoolSchema.ts'

const prefix = 'data:application/json;base64,'

/**
 * A self-contained `data:` URI of the schema's canonical JSON, so no host has to serve it.
 * Browser-safe (no Buffer).
 *
 * @example
 * const schemaURI = poolSchemaUri(schema) // 'data:application/json;base64,eyJ2ZXJzaW9uIjoy...'
 */
export function poolSchemaUri(schema: PoolSchema): string {
  const bytes = new TextEncoder().encode(canonicalSchemaJson(schema))
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return `${prefix}${btoa(binary)}`
}

/**
 * Reads a schema back from a `data:` URI and checks it against the hash committed on chain.
 *
 * @throws TriadError TRIAD_ERR_SCHEMA_INVALID when the URI is not a data: URI, does not decode to
 * a valid schema, or does not match the hash.
 * @example
 * const schema = poolSchemaFromUri(pool.schemaURI, pool.schemaHash)
 */
export function poolSchemaFromUri(uri: string, expectedHash: Hex): PoolSchema {
  if (!uri.startsWith(prefix)) {
    throw new TriadError('TRIAD_ERR_SCHEMA_INVALID', 'The pool schema URI is not a data: URI', {
      details: uri.slice(0, 80),
      hint: `Triad pools carry their schema inline as ${prefix}...`,
    })
  }
  let json: unknown
  try {
    const binary = atob(uri.slice(prefix.length))
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0))
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_SCHEMA_INVALID', 'The pool schema URI does not decode', {
      details: cause instanceof Error ? cause.message : String(cause),
      hint: 'The URI must hold base64 of the UTF-8 JSON of the schema.',
      cause,
    })
  }
  const schema = parsePoolSchema(json, "the pool's schema")
  const hash = poolSchemaHash(schema)
  if (hash !== expectedHash.toLowerCase()) {
    throw new TriadError('TRIAD_ERR_SCHEMA_INVALID', 'The pool schema does not match its hash', {
      details: `hash of the URI's schema ${hash}, committed on chain ${expectedHash}`,
      hint: 'The schema URI was altered; do not contribute to this pool.',
    })
  }
  return schema
}
