import type { Transport } from 'viem'

/**
 * Why a JSON-RPC request failed: the endpoint did not answer (`unreachable`: refused, reset,
 * timed out, HTTP 5xx), it answered with an error (`rpc`), or the call reverted (`reverted`,
 * normal for a contract's custom errors, counted apart so outages stand out).
 */
export type RpcErrorKind = 'unreachable' | 'rpc' | 'reverted'

/**
 * Wraps a viem transport so every request that fails (after the transport's own retries) is
 * reported with its method and kind, for the `chain_rpc_errors_total` metric. The error itself
 * is rethrown unchanged.
 *
 * @example
 * const transport = countRpcErrors(http(rpcUrl), (method, kind) => errors.inc({ method, kind }))
 */
export function countRpcErrors(
  transport: Transport,
  onError: (method: string, kind: RpcErrorKind) => void,
): Transport {
  return ((parameters) => {
    const inner = transport(parameters)
    return {
      ...inner,
      async request(arguments_: { method: string; params?: unknown }, options?: unknown) {
        try {
          return await (inner.request as (a: unknown, o?: unknown) => Promise<unknown>)(
            arguments_,
            options,
          )
        } catch (error) {
          onError(arguments_.method, kindOf(error))
          throw error
        }
      },
    }
  }) as Transport
}

function kindOf(error: unknown): RpcErrorKind {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const name = (cause as { name?: string }).name
    const code = (cause as { code?: number }).code
    if (name === 'HttpRequestError' || name === 'TimeoutError' || name === 'WebSocketRequestError')
      return (cause as { status?: number }).status !== undefined &&
        (cause as { status: number }).status < 500
        ? 'rpc'
        : 'unreachable'
    if (code === 3 || /revert/i.test((cause as { message?: string }).message ?? ''))
      return 'reverted'
  }
  return 'rpc'
}
