import type { Hex } from 'viem'
import type { NodeInfo } from '../chain/index.ts'
import { isTriadError, TriadError } from '../errors/index.ts'
import { fetchPinned } from '../http/fetchPinned.ts'
import type { UploadReceipt, UploadRequestBody } from '../protocol/uploadRequest.ts'

/**
 * Sends one node its sealed upload and returns the node's signed receipt. The connection is
 * HTTPS pinned to the certificate fingerprint the committee registers on chain for the node
 * (`TRIAD_ERR_TLS_PIN_MISMATCH` otherwise, before anything is sent); a node registered with an
 * `http://` URL is a dev node and is reached in the clear (the share is sealed to the node's key
 * either way). A refusal carries the node's error code, message and hint.
 *
 * @example
 * const receipt = await uploadToNode(committee[0], prepared.uploads[0])
 */
export async function uploadToNode(
  node: Pick<NodeInfo, 'apiUrl' | 'tlsFingerprint'>,
  body: UploadRequestBody,
): Promise<Hex> {
  const { apiUrl } = node
  let response: Response
  try {
    response = await fetchPinned(`${apiUrl}/v1/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      fingerprint: node.tlsFingerprint,
      timeoutMs: 120_000,
    })
  } catch (cause) {
    if (isTriadError(cause)) throw cause
    throw new TriadError('TRIAD_ERR_NODE_UNREACHABLE', `The node at ${apiUrl} did not answer`, {
      cause,
      details: cause instanceof Error ? cause.message : String(cause),
      hint: 'Check that the node is running (triad dev prints its URL) and try again.',
      retryable: true,
    })
  }
  const answer = (await response.json().catch(() => ({}))) as Partial<UploadReceipt> & {
    error?: { code?: string; message?: string; details?: string; hint?: string }
  }
  if (!response.ok || !answer.receipt) {
    throw new TriadError(
      'TRIAD_ERR_UPLOAD_REJECTED',
      `The node at ${apiUrl} refused the upload: ${answer.error?.message ?? `HTTP ${response.status}`}`,
      {
        details:
          [answer.error?.code, answer.error?.details].filter(Boolean).join(': ') || undefined,
        hint: answer.error?.hint,
      },
    )
  }
  return answer.receipt
}
