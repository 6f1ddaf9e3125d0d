// One rule for every credential and id the package reads: the typed clients' auth options, the
// exported signers' credentials and options, and the credentials a verifier is created from (the
// mock's credentials file). A value is used exactly as given, never trimmed: a secret with a
// stray space or newline would sign differently on each side, so it is refused instead.
import { ClientInputError } from '../core/errors.js';
import { requireObject } from '../core/options.js';

/** A non-empty string without surrounding whitespace; the error names `field`, never the value. */
export function requireCredential(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new ClientInputError(field, 'must be a non-empty string');
  if (value.trim() !== value) throw new ClientInputError(field, 'must not start or end with whitespace');
  return value;
}

// note: fetch refuses anything else in a header and quotes the value in its error, so a value
// that travels in a header or query parameter is checked here, where the message leaves it out
/** A {@link requireCredential} string sent as is in a header or query: visible ASCII only. */
export function requireVisibleAscii(value: unknown, field: string): string {
  if (!/^[\x21-\x7e]+$/.test(requireCredential(value, field))) throw new ClientInputError(field, 'must only contain visible ASCII characters');
  return value as string;
}

/** An STS token: absent means plain credentials; given, it is a {@link requireVisibleAscii} string. */
export function optionalToken(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requireVisibleAscii(value, field);
}

/** An access-key pair from `credentials`, under the vendor's field names. */
export function readAccessKeyPair(credentials: unknown, idField: string, secretField: string): [accessKeyId: string, secret: string] {
  const input = requireObject(credentials, 'credentials');
  return [requireVisibleAscii(input[idField], idField), requireCredential(input[secretField], secretField)];
}
