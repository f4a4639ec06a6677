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
 * A frame to send. Its payload may be given in parts, written one after the other without being
 * joined (a gather write): the receiver gets them as one payload.
 */
export interface OutgoingFrame {
  readonly sessionId: Uint8Array
  readonly step: number
  readonly payload: Uint8Array | readonly Uint8Array[]
}

/** The payload of an outgoing frame as a list of parts. */
export function payloadParts(frame: OutgoingFrame): readonly Uint8Array[] {
  return frame.payload instanceof Uint8Array ? [frame.payload] : frame.payload
}

/** The payload length of an outgoing frame, in bytes. */
export function payloadLength(frame: OutgoingFrame): number {
  if (frame.payload instanceof Uint8Array) return frame.payload.length
  let length = 0
  for (const part of frame.payload) length += part.length
  return length
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

/** A wire message to send: as `WireMessage`, but a data frame's payload may come in parts. */
export type OutgoingWireMessage =
  | Exclude<WireMessage, { kind: 'data' }>
  | { readonly kind: 'data'; readonly frame: OutgoingFrame }

export const wireVersion = 1

const kindCode = { hello: 1, data: 2, ping: 3 } as const satisfies Record<
  WireMessage['kind'],
  number
>
const dataHeaderBytes = 4 + 1 + sessionIdBytes + 4

/** Throws unless `frame` has a 32-byte session id and a u32 step. */
export function assertFrame(frame: OutgoingFrame): void {
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
export function encodeWireMessage(message: OutgoingWireMessage): Uint8Array[] {
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
      view.setUint32(0, dataHeaderBytes - 4 + payloadLength(frame), false)
      header[4] = kindCode.data
      header.set(frame.sessionId, 5)
      view.setUint32(5 + sessionIdBytes, frame.step, false)
      return [header, ...payloadParts(frame)]
    }
  }
}

/**
 * Bytes before a body in the buffer the decoder allocates for it: with the 37 bytes of a data
 * frame's header in front of the payload, 3 more put the payload at offset 40, so a payload of ring
 * elements starts 8-byte aligned and can be viewed as a BigUint64Array without a copy.
 */
const bodyPadding = 3

/**
 * Reassembles wire messages from a byte stream. Once a message's length prefix is read, the decoder
 * allocates one buffer for its body and copies each incoming chunk straight into it: every byte is
 * copied exactly once, and a data frame's payload starts 8-byte aligned. Throws
 * TRIAD_ERR_PEER_PROTOCOL on a malformed or oversized message; the connection must then be dropped.
 */
export class WireDecoder {
  readonly #maxBodyBytes: number
  readonly #prefix = new Uint8Array(4)
  #prefixFill = 0
  #body: Uint8Array | undefined
  #bodyFill = 0

  constructor(maxFrameBytes: number) {
    this.#maxBodyBytes = dataHeaderBytes - 4 + maxFrameBytes
  }

  /** Adds bytes from the stream; returns the messages they complete, in order. */
  push(chunk: Uint8Array): WireMessage[] {
    const messages: WireMessage[] = []
    let offset = 0
    while (offset < chunk.length) {
      const body = this.#body
      if (body === undefined) {
        const take = Math.min(4 - this.#prefixFill, chunk.length - offset)
        this.#prefix.set(chunk.subarray(offset, offset + take), this.#prefixFill)
        this.#prefixFill += take
        offset += take
        if (this.#prefixFill < 4) break
        this.#prefixFill = 0
        const bodyLength = new DataView(this.#prefix.buffer).getUint32(0, false)
        if (bodyLength === 0 || bodyLength > this.#maxBodyBytes)
          throw protocolError(`a message body of ${bodyLength} bytes, limit ${this.#maxBodyBytes}`)
        // Every byte is overwritten before use, so the buffer need not be zeroed.
        this.#body = new Uint8Array(Buffer.allocUnsafeSlow(bodyPadding + bodyLength).buffer)
        this.#bodyFill = 0
        continue
      }
      const take = Math.min(body.length - bodyPadding - this.#bodyFill, chunk.length - offset)
      body.set(chunk.subarray(offset, offset + take), bodyPadding + this.#bodyFill)
      this.#bodyFill += take
      offset += take
      if (bodyPadding + this.#bodyFill === body.length) {
        this.#body = undefined
        messages.push(decodeBody(body.subarray(bodyPadding)))
      }
    }
    return messages
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
