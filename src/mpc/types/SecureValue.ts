import { inspect } from 'node:util'
import { TriadError } from '../../errors/index.ts'
import type { Session } from '../session/index.ts'

/**
 * Who a revealed value goes to. Only external receivers for now (the buyer): each party returns
 * its fresh share for the caller to seal. Opening a value to the parties themselves comes later.
 */
export type Receiver = { readonly kind: 'external'; readonly name: string }

function notPrintable(how: string, what: string): TriadError {
  return new TriadError('TRIAD_ERR_SECRET_NOT_PRINTABLE', `A ${what} cannot be ${how}`, {
    details:
      'Secure values are secret-shared: converting one to a number, string or JSON would print or branch on a share, which is meaningless and leaks.',
    hint: 'Compute with the secure operations; output a result with revealTo(receiver).',
  })
}

/**
 * The base of every secure type: bound to one session, and refusing every implicit way out
 * (`valueOf`, `toString`, `toJSON`, `Symbol.toPrimitive`, template literals, `==`, `<`, `if`).
 * `util.inspect` and `console.log` show only the type and length, never a share.
 */
export abstract class SecureValue {
  readonly session: Session
  protected abstract readonly typeName: string
  protected abstract readonly size: number

  protected constructor(session: Session) {
    this.session = session
  }

  valueOf(): never {
    throw notPrintable('converted to a primitive', this.typeName)
  }

  toString(): never {
    throw notPrintable('converted to a string', this.typeName)
  }

  toJSON(): never {
    throw notPrintable('serialised to JSON', this.typeName)
  }

  [Symbol.toPrimitive](): never {
    throw notPrintable('converted to a primitive', this.typeName)
  }

  [inspect.custom](): string {
    return `${this.typeName} <secret, ${this.size} element${this.size === 1 ? '' : 's'}>`
  }

  /** Throws TRIAD_ERR_SESSION_MISMATCH unless `other` belongs to the same session. */
  protected assertSameSession(other: SecureValue): void {
    if (other.session !== this.session)
      throw new TriadError('TRIAD_ERR_SESSION_MISMATCH', 'Secure values from different sessions', {
        hint: 'Each computation runs in one session; values cannot cross sessions.',
      })
  }
}
