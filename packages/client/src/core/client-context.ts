// The rule for every credential and id the client reads: used exactly as given, never trimmed,
// since a secret with a stray space would sign differently on each side. note: the auth modules
// import it from here until they take it from signing/credentials.ts, which states the same rule.
import { ClientInputError } from './errors.js';

/** A non-empty string without surrounding whitespace; the error names `field`, never the value. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new ClientInputError(field, 'must be a non-empty string');
  if (value.trim() !== value) throw new ClientInputError(field, 'must not start or end with whitespace');
  return value;
}

// note: fetch refuses anything else in a header and quotes the value in its error, so a value
// that travels in a header, path or query is checked here, where the message leaves it out
/** A credential or id sent as is (access key ids, tokens, project ids): visible ASCII only. */
export function requireVisibleAscii(value: unknown, field: string): string {
  if (!/^[\x21-\x7e]+$/.test(requireString(value, field))) throw new ClientInputError(field, 'must only contain visible ASCII characters');
  return value as string;
}
