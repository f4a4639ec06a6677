import { createHash, randomBytes, webcrypto, X509Certificate } from 'node:crypto'
// @peculiar/x509 needs a Reflect metadata polyfill loaded before it.
import 'reflect-metadata'
import * as x509 from '@peculiar/x509'
import type { Hex } from 'viem'
import { TriadError } from '../../errors/index.ts'

/** A node's TLS identity: a self-signed certificate, its key, and the fingerprint peers pin. */
export interface TlsIdentity {
  readonly certPem: string
  /** PKCS#8 PEM of the ECDSA P-256 private key. */
  readonly keyPem: string
  /** `0x` + lowercase hex SHA-256 of the certificate DER: 32 bytes, a bytes32 on chain. */
  readonly fingerprint: Hex
}

export interface GenerateTlsIdentityParameters {
  /** The certificate subject's common name. Only informative: peers pin the fingerprint. */
  readonly commonName?: string
  /** Validity from now, in days (default 3650). Peers pin the fingerprint, not the dates. */
  readonly validityDays?: number
}

/** The WebCrypto type @peculiar/x509 expects (the DOM `Crypto`, which this project's lib omits). */
type X509Crypto = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[1]

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const

/**
 * Generates a self-signed X.509 certificate with a fresh ECDSA P-256 key, for mutually
 * authenticated TLS between committee nodes.
 *
 * @example
 * const identity = await generateTlsIdentity({ commonName: 'triad-node-0' })
 * identity.fingerprint // '0x3f…' (32 bytes), registered in the committee on chain
 */
export async function generateTlsIdentity(
  parameters: GenerateTlsIdentityParameters = {},
): Promise<TlsIdentity> {
  const crypto = webcrypto as unknown as NonNullable<X509Crypto>
  const keys = await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])
  const notBefore = new Date(Date.now() - 60_000)
  const notAfter = new Date(notBefore.getTime() + (parameters.validityDays ?? 3650) * 86_400_000)
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      // A positive 16-byte serial: clear the top bit.
      serialNumber:
        (randomBytes(16)[0]! & 0x7f).toString(16).padStart(2, '0') +
        randomBytes(15).toString('hex'),
      name: `CN=${parameters.commonName ?? 'triad-mpc-node'}`,
      notBefore,
      notAfter,
      signingAlgorithm: ecdsa,
      keys,
      extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
    },
    crypto,
  )
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey)
  const certPem = certificate.toString('pem')
  return {
    certPem,
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'),
    fingerprint: fingerprintOfDer(new Uint8Array(certificate.rawData)),
  }
}

/**
 * The pinned fingerprint of a PEM certificate: `0x` + lowercase hex SHA-256 of its DER.
 *
 * @throws TriadError TRIAD_ERR_CONFIG_INVALID if `certPem` is not a certificate.
 * @example
 * fingerprintOf(identity.certPem) === identity.fingerprint // true
 */
export function fingerprintOf(certPem: string): Hex {
  let certificate: X509Certificate
  try {
    certificate = new X509Certificate(certPem)
  } catch (cause) {
    throw new TriadError('TRIAD_ERR_CONFIG_INVALID', 'Not a PEM X.509 certificate', { cause })
  }
  return fingerprintOfDer(certificate.raw)
}

/** SHA-256 of a certificate's DER bytes, as `0x` + lowercase hex. */
export function fingerprintOfDer(der: Uint8Array): Hex {
  return `0x${createHash('sha256').update(der).digest('hex')}`
}
