import { TriadError } from '../../errors/index.ts'
import { isPartyIndex, type PartyIndex } from '../sharing/index.ts'

/** Bytes in a session id. */
export const sessionIdBytes = 32

/**
 * One message of one session between two parties: addressed by the session's 32-byte id and a
 * step counter that both parties advance identically. No strings on the wire.
 */
export interface Frame {
  readonly sessionId: Uint8Array
  /** u32 */
  readonly step: number
  readonly payload: Uint8Array
}

/**
 * What travels on a connection between two parties. Every message is length-prefixed:
 *
 * | bytes | field                                                       |
 * |-------|-------------------------------------------------------------|
 * | 0..4  | body length, u32 big-endian (the bytes after this field)     |
 * | 4     | kind: 1 hello, 2 data, 3 ping                               |
 * | hello | u8 wire version (1), u8 sender's party index                |
 * | data  | 32-byte session id, u32 big-endian step, payload to the end |
 * | ping  | nothing                                                     |
 */
export type WireMessage =
  | { readonly kind: 'hello'; readonly version: number; readonly party: PartyIndex }
  | { readonly kind: 'data'; readonly frame: Frame }
  | { readonly kind: 'ping' }

export const wireVersion = 1

const kindCode = { hello: 1, data: 2, ping: 3 } as const satisfies Record<
  WireMessage['kind'],
  number
>
const dataHeaderBytes = 4 + 1 + sessionIdBytes + 4

/** Throws unless `frame` has a 32-byte session id and a u32 step. */
export function assertFrame(frame: Frame): void {
  if (frame.sessionId.length !== sessionIdBytes)
    throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A frame needs a 32-byte session id', {
      details: `the session id has ${frame.sessionId.length} bytes`,
    })
  if (!Number.isInteger(frame.step) || frame.step < 0 || frame.step > 0xffffffff)
    throw new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A frame step must be a u32', {
      details: `step ${frame.step}`,
    })
}

/**
 * The bytes of one wire message, as chunks to write in order (a data frame's payload is not
 * copied).
 */
export function encodeWireMessage(message: WireMessage): Uint8Array[] {
  switch (message.kind) {
    case 'hello': {
      const bytes = new Uint8Array(7)
      new DataView(bytes.buffer).setUint32(0, 3, false)
      bytes.set([kindCode.hello, message.version, message.party], 4)
      return [bytes]
    }
    case 'ping': {
      const bytes = new Uint8Array(5)
      new DataView(bytes.buffer).setUint32(0, 1, false)
      bytes[4] = kindCode.ping
      return [bytes]
    }
    case 'data': {
      const { frame } = message
      assertFrame(frame)
      const header = new Uint8Array(dataHeaderBytes)
      const view = new DataView(header.buffer)
      view.setUint32(0, dataHeaderBytes - 4 + frame.payload.length, false)
      header[4] = kindCode.data
      header.set(frame.sessionId, 5)
      view.setUint32(5 + sessionIdBytes, frame.step, false)
      return [header, frame.payload]
    }
  }
}

/**
 * Reassembles wire messages from a byte stream. Each message's bytes are copied at most once.
 * Throws TRIAD_ERR_PEER_PROTOCOL on a malformed or oversized message; the connection must then be
 * dropped.
 */
export class WireDecoder {
  readonly #maxBodyBytes: number
  #chunks: Uint8Array[] = []
  #buffered = 0

  constructor(maxFrameBytes: number) {
    this.#maxBodyBytes = dataHeaderBytes - 4 + maxFrameBytes
  }

  /** Adds bytes from the stream; returns the messages they complete, in order. */
  push(chunk: Uint8Array): WireMessage[] {
    this.#chunks.push(chunk)
    this.#buffered += chunk.length
    const messages: WireMessage[] = []
    for (;;) {
      if (this.#buffered < 4) break
      const head = this.#contiguous(4)
      const bodyLength = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, false)
      if (bodyLength === 0 || bodyLength > this.#maxBodyBytes)
        throw protocolError(`a message body of ${bodyLength} bytes, limit ${this.#maxBodyBytes}`)
      if (this.#buffered < 4 + bodyLength) break
      const bytes = this.#contiguous(4 + bodyLength)
      messages.push(decodeBody(bytes.subarray(4, 4 + bodyLength)))
      this.#consume(4 + bodyLength)
    }
    return messages
  }

  /** The first `length` buffered bytes as one array (joins chunks only when needed). */
  #contiguous(length: number): Uint8Array {
    const first = this.#chunks[0]!
    if (first.length >= length) return first
    const joined = new Uint8Array(this.#buffered)
    let offset = 0
    for (const chunk of this.#chunks) {
      joined.set(chunk, offset)
      offset += chunk.length
    }
    this.#chunks = [joined]
    return joined
  }

  #consume(length: number): void {
    const first = this.#chunks[0]!
    if (first.length === length) this.#chunks.shift()
    else this.#chunks[0] = first.subarray(length)
    this.#buffered -= length
  }
}

function decodeBody(body: Uint8Array): WireMessage {
  switch (body[0]) {
    case kindCode.hello: {
      const party = body[2]
      if (body.length !== 3 || !isPartyIndex(party)) throw protocolError('a malformed hello')
      return { kind: 'hello', version: body[1]!, party }
    }
    case kindCode.ping:
      if (body.length !== 1) throw protocolError('a malformed ping')
      return { kind: 'ping' }
    case kindCode.data: {
      if (body.length < dataHeaderBytes - 4) throw protocolError('a truncated data frame')
      const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
      return {
        kind: 'data',
        frame: {
          sessionId: body.subarray(1, 1 + sessionIdBytes),
          step: view.getUint32(1 + sessionIdBytes, false),
          payload: body.subarray(dataHeaderBytes - 4),
        },
      }
    }
    default:
      throw protocolError(`an unknown message kind ${body[0]}`)
  }
}

function protocolError(details: string): TriadError {
  return new TriadError('TRIAD_ERR_PEER_PROTOCOL', 'A peer sent a malformed message', { details })
}
