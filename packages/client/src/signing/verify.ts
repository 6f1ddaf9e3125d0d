// The server's side of signing: what a verifier needs besides the signers' own canonicalisation,
// which it calls as is (one canonical form, two uses). Vendor-neutral; each vendor's verifier
// lives in its adapter folder and words its refusals in that vendor's error shape.
import { ClientInputError } from '../core/errors.js';
import { requireObject } from '../core/options.js';
import type { SignerInput } from './request.js';

/** A request as an HTTP server received it. */
export interface ReceivedRequest {
  method: string;
  /** the request target as received: path and query, e.g. `/v2/p/x?limit=1` */
  url: string;
  /** header names in lower case (as Node's `IncomingMessage#headers` has them); a list for a repeated one */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** the body, decoded as UTF-8; "" for none */
  body: string;
}

/** Why a request was refused: the status and body the real service would answer with. */
export interface VerifyRefusal {
  status: number;
  /** the vendor's own error body */
  body: Record<string, unknown>;
  /** the same explanation as in the body's message, for logs */
  reason: string;
}

/** Checks the authentication of requests to one API. */
export interface SignatureVerifier {
  /** undefined when the request is authentic, else the refusal the service would give */
  verify(request: ReceivedRequest): Promise<VerifyRefusal | undefined>;
}

export interface VerifierOptions {
  /** the server's clock in ms since the epoch; default Date.now */
  now?: () => number;
  /** how far a signed date may be from `now`; default 15 minutes, as the services allow */
  maxSkewMs?: number;
}

export const defaultMaxSkewMs = 15 * 60_000;

/** One header's value as a signer reads it: a repeated header joined with ", " (as Node and fetch join them). */
export function headerOf(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return value === undefined ? undefined : typeof value === 'string' ? value : value.join(', ');
}

/**
 * The request in the signers' input form, with only the `signed` headers (lower-case names) so
 * the signer's canonical request is built from exactly what the client said it signed.
 */
export function signerInputOf(request: ReceivedRequest, signed: readonly string[]): SignerInput {
  const queryAt = request.url.indexOf('?');
  const host = headerOf(request, 'host') ?? '';
  const headers = new Map<string, string[]>();
  for (const name of signed) {
    const value = request.headers[name];
    if (value !== undefined) headers.set(name, typeof value === 'string' ? [value] : [...value]);
  }
  return {
    method: request.method,
    origin: `http://${host}`,
    host,
    path: queryAt < 0 ? request.url : request.url.slice(0, queryAt),
    query: queryAt < 0 ? '' : request.url.slice(queryAt + 1),
    headers,
    body: request.body,
  };
}

/** The `Name=value` parts of an Authorization value after its scheme (comma-separated, spaces around them ignored). */
export function authorizationFields(parameters: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of parameters.split(',')) {
    const at = part.indexOf('=');
    if (at > 0) fields.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return fields;
}

/** Equal signatures, compared in time independent of where they differ (their length is no secret). */
export function sameSignature(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return difference === 0;
}

/** `13 min 5 s`, for a skew message. */
export function duration(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

/** What is wrong with a signing time `signedAt` against `now`, or undefined when it is within `maxSkewMs`. */
export function skewProblem(header: string, value: string, signedAt: number, now: number, maxSkewMs: number): string | undefined {
  const skew = signedAt - now;
  if (Math.abs(skew) <= maxSkewMs) return undefined;
  return `${header} ${value} is ${duration(skew)} ${skew > 0 ? 'ahead of' : 'behind'} the server's clock (${new Date(now).toISOString()}); at most ${duration(maxSkewMs)} is allowed`;
}

/**
 * Nonces seen in signed requests: a nonce may be used once while its request's date is still
 * acceptable, so entries are dropped once they are older than twice the allowed skew.
 */
export class NonceLedger {
  readonly #seen = new Map<string, number>();
  constructor(private readonly keepMs: number) {}

  /** How many nonces are remembered. */
  get size(): number {
    return this.#seen.size;
  }

  /** Records `nonce` (of `accessKeyId`) at `now`; false when it was already used. */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    // entries are kept in the order they were recorded, so the expired ones are all at the front
    for (const [key, at] of this.#seen) {
      if (now - at <= this.keepMs) break;
      this.#seen.delete(key);
    }
    const key = `${accessKeyId}\n${nonce}`;
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, now);
    return true;
  }
}

/** A canonical request or string to sign on one line, its newlines shown as `\n`. */
export const oneLine = (text: string): string => text.replace(/\n/g, '\\n');

/** Header lines of a canonical request that carry a credential (a security token, say). */
const credentialLine = /^([\w-]*(?:token|secret|password|credential)[\w-]*):.*/gim;

/** A canonical request fit to show in a refusal: on one line, credential headers' values masked. */
export const shownCanonical = (canonicalRequest: string): string => oneLine(canonicalRequest.replace(credentialLine, '$1:<masked>'));

/** A fresh request id for a refusal. */
export const newRequestId = (): string => globalThis.crypto.randomUUID();

// ---- the credentials a verifier is created from (a section of the mock's credentials file) ----

/** The object at `where`, its keys limited to `known` so a misspelt one is not silently ignored. */
export function readSection(value: unknown, where: string, known: readonly string[]): Record<string, unknown> {
  const section = requireObject(value, where);
  for (const key of Object.keys(section)) {
    if (!known.includes(key)) throw new ClientInputError(`${where}.${key}`, `is not a known field (known: ${known.join(', ')})`);
  }
  return section;
}

/** An optional list under `key`: each item read by `read`, which is told its place (`where.key[i]`). */
export function readList<T>(section: Record<string, unknown>, key: string, where: string, read: (item: unknown, at: string) => T): T[] {
  const list = section[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new ClientInputError(`${where}.${key}`, 'must be a list');
  return list.map((item, index) => read(item, `${where}.${key}[${index}]`));
}
