import type { Hex } from 'viem'
import { TriadError } from '../errors/index.ts'
import type { UploadReceipt, UploadRequestBody } from '../protocol/uploadRequest.ts'

/**
 * Sends one node its sealed upload and returns the node's signed receipt. A refusal carries the
 * node's error code, message and hint.
 */
export async function uploadToNode(apiUrl: string, body: UploadRequestBody): Promise<Hex> {
  let response: Response
  try {
    response = await fetch(`${apiUrl}/v1/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    })
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_NODE_UNREACHABLE', `The node at ${apiUrl} did not answer`, {
      cause,
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
