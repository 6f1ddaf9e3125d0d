// The signers' common input and plumbing. Each signer is a generator of steps (`*Steps`) that
// trusts its input, and a public function that checks everything first: a TypeError naming the
// bad field, never echoing a value (a secret could be in it). The clients' auth middlewares call
// the steps directly, with credentials checked once when the client is created and a fetch
// Request (`fromFetch`), which is valid by construction.
import type { SigningCrypto } from '../crypto/types.js';
import { byNameThenValue, sortInPlace } from './encoding.js';

/** Anything with `Headers#forEach`, e.g. a fetch `Headers` object (from any realm or polyfill). */
export interface HeadersLike {
  forEach(callback: (value: string, name: string) => void): void;
}

export type HeadersInput = Record<string, string> | HeadersLike;

/** What a signer needs to know about a request: the headers present at signing time and the body. */
export interface SigningRequest {
  /** HTTP method; normalized like fetch does (get/post/put/delete/head/options are upper-cased). */
  method: string;
  /** Absolute http(s) URL; the query parameters are read from it (WHATWG rules: "+" means space). */
  url: URL | string;
  /** Headers that will be sent; `host` defaults to the URL's host when absent. */
  headers?: HeadersInput;
  /** The exact body string that will be sent (UTF-8); absent or "" for none. */
  body?: string;
}

/** A request as the signers read it. */
export interface SignerInput {
  method: string;
  /** `https://host[:port]` */
  origin: string;
  /** `host[:port]` */
  host: string;
  /** The path as a URL serializes it, always starting with "/". */
  path: string;
  /** The serialized query without "?", "" when there is none. */
  query: string;
  /** Lower-cased header name -> its values in the order given. */
  headers: Map<string, string[]>;
  /** Without lone surrogates (each hashes as U+FFFD anyway). */
  body: string;
}

/**
 * A signer's steps. It yields each crypto result it needs (a string, or a promise of one from an
 * asynchronous backend) and gets the string back; {@link run} drives it.
 */
export type Steps<T> = Generator<string | PromiseLike<string>, T, string>;

/**
 * Runs `steps` synchronously as long as it yields strings, so a synchronous crypto backend signs
 * without a single await; the first promise makes the rest asynchronous.
 */
export function run<T>(steps: Steps<T>): T | Promise<T> {
  const resume = (value?: string): T | Promise<T> => {
    for (;;) {
      const step = steps.next(value!);
      if (step.done) return step.value;
      if (typeof step.value !== 'string') return Promise.resolve(step.value).then(resume);
      value = step.value;
    }
  };
  return resume();
}

/** Hex SHA-256 of the body; requests without one (most) skip the hashing. */
export function bodySha256(crypto: SigningCrypto, body: string): string | PromiseLike<string> {
  return body ? crypto.sha256Hex(body) : 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
}

export function fail(field: string, problem: string): never {
  throw new TypeError(`${field} must ${problem}`);
}

function requireString(value: unknown, field: string): string {
  return typeof value === 'string' && value !== '' ? value : fail(field, 'be a non-empty string');
}

/** A non-empty string that is safe inside a header value or query parameter as is. */
export function requireVisibleAscii(value: unknown, field: string): string {
  return /^[\x21-\x7e]+$/.test(requireString(value, field)) ? (value as string) : fail(field, 'only contain visible ASCII characters');
}

function requireObject(value: unknown, field: string): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : fail(field, 'be an object');
}

/** Reads an access-key pair from `credentials` under the vendor's field names. */
export function readAccessKeyPair(credentials: unknown, idField: string, secretField: string): [accessKeyId: string, secret: string] {
  const input = requireObject(credentials, 'credentials');
  return [requireVisibleAscii(input[idField], idField), requireString(input[secretField], secretField)];
}

/**
 * `options ?? {}`, checked: an object, `date` a Date within years 0 to 9999 and each of the
 * `visible` fields, when given, a {@link requireVisibleAscii} string.
 */
// Stryker disable next-line ArrayDeclaration: a default field name no options object carries is skipped like none
export function readOptions<T extends { date?: Date }>(options: T | undefined, visible: (keyof T & string)[] = []): Partial<T> {
  const checked = (options === undefined ? {} : requireObject(options, 'options')) as Partial<T>;
  const { date } = checked;
  if (date !== undefined) {
    const time = Object.prototype.toString.call(date) === '[object Date]' ? date.getTime() : Number.NaN;
    // 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (NaN fails too)
    if (!(time >= -62_167_219_200_000 && time < 253_402_300_800_000)) fail('date', 'be a valid Date (years 0 to 9999)');
  }
  for (const field of visible) if (checked[field] !== undefined) requireVisibleAscii(checked[field], field);
  return checked;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~\w]+$/;

/** Validates and normalizes a {@link SigningRequest}; throws a TypeError naming the bad field. */
export function parseRequest(request: SigningRequest): SignerInput {
  const { method, url, headers, body = '' } = requireObject(request, 'request');
  if (body !== null && typeof body !== 'string') fail('body', 'be a string when given');
  if (typeof method !== 'string' || !TOKEN.test(method)) fail('method', 'be an HTTP method token');
  let parsed: URL | undefined;
  try {
    parsed = url instanceof URL ? url : new URL(typeof url === 'string' ? url : (url as URL).href);
  } catch {}
  // Stryker disable next-line Regex,StringLiteral: a URL's protocol ends at its one ":"; without a URL any fallback string fails the test
  if (!/^https?:$/.test(parsed?.protocol ?? '')) fail('url', 'be an absolute http(s) URL');

  const collected = new Map<string, string[]>();
  const add = (value: unknown, name: unknown): void => {
    if (typeof name !== 'string' || !TOKEN.test(name)) fail('headers', 'only have HTTP token names');
    if (typeof value !== 'string') fail(`headers["${name}"]`, 'be a string');
    if (/[\r\n\0]/.test(value)) fail(`headers["${name}"]`, 'not contain CR, LF or NUL');
    const lower = name.toLowerCase();
    collected.get(lower)?.push(value) ?? collected.set(lower, [value]);
  };
  if (typeof (headers as HeadersLike | undefined)?.forEach === 'function') (headers as HeadersLike).forEach(add);
  else if (headers != null) {
    // (an array has forEach, so it was read above, its indexes refused as header names)
    if (typeof headers !== 'object') fail('headers', 'be a Headers object or a record of strings');
    for (const name of Object.keys(headers)) add((headers as Record<string, unknown>)[name], name);
  }

  return {
    // fetch upper-cases these methods and sends any other as written
    method: /^(delete|get|head|options|post|put)$/i.test(method) ? method.toUpperCase() : method,
    origin: parsed!.origin,
    host: parsed!.host,
    path: parsed!.pathname,
    query: parsed!.search.slice(1),
    headers: collected,
    body: body ? (body as string).replace(/\p{Cs}/gu, '\ufffd') : '',
  };
}

/** A fetch Request as signer input (the body read from a clone); trusted as it is. */
export function* fromFetch(request: Request): Steps<SignerInput> {
  const headers = new Map<string, string[]>();
  // Headers iterates lower-cased names, a repeated one once with its values joined by ", "
  request.headers.forEach((value, name) => headers.set(name, [value]));
  // a serialized http(s) URL has no credentials (fetch refuses them), so the host ends at the
  // first "/" after the scheme, and "?" and "#" only ever start the query and the fragment;
  // slicing by indexOf costs a fraction of a regular expression or a URL parse
  const href = request.url;
  const pathStart = href.indexOf('/', 8);
  const end = `${href}#`.indexOf('#');
  const queryStart = href.indexOf('?');
  // Stryker disable next-line EqualityOperator: the url starts with its scheme (no "?" at 0), and "?" and "#" never share a place
  const pathEnd = queryStart < 0 || queryStart > end ? end : queryStart;
  return {
    method: request.method,
    origin: href.slice(0, pathStart),
    host: href.slice(href.indexOf('/') + 2, pathStart),
    path: href.slice(pathStart, pathEnd),
    query: href.slice(pathEnd + 1, end),
    headers,
    // text() decodes UTF-8, so no lone surrogates
    body: request.body ? yield request.clone().text() : '',
  };
}

/**
 * A value the caller may give either as an (already checked) option or in the request (a header
 * or a query parameter). Both given and different is an error; neither given uses `fallback` or
 * throws. Returns the value and whether the signer must add it to the request.
 */
export function optionOrExisting(
  field: string,
  option: string | undefined,
  existing: string | undefined,
  existingDescription: string,
  fallback?: string,
): [value: string, add: boolean] {
  if (existing && option && existing !== option) throw new TypeError(`${field} conflicts with the ${existingDescription} already on the request`);
  const value = existing || option || fallback || fail(field, 'be a non-empty string');
  return [value, !existing];
}

/** What an HMAC-SHA256 scheme signs, each part already in its canonical form except the headers. */
export interface CanonicalParts {
  method: string;
  path: string;
  query: string;
  /** the headers to sign, lower-case names; sorted here */
  headers: [name: string, value: string][];
  payloadHash: string;
  /** the lines the scheme puts between the algorithm and the request's hash in the string to sign */
  scope: string[];
}

/** What an HMAC-SHA256 signer returns: the headers it adds, and each intermediate for debugging. */
export interface HmacSha256Signature {
  headers: Record<string, string>;
  authorization: string;
  signedHeaders: string;
  payloadHash: string;
  canonicalRequest: string;
  stringToSign: string;
  /** Lower-case hex HMAC-SHA256. */
  signature: string;
}

/**
 * The part the HMAC-SHA256 schemes share: canonical request -> string to sign -> signature ->
 * Authorization (added to `headers`). Each scheme picks the headers before and words the
 * Authorization value through `authorize`.
 */
export function* hmacSha256Signature(
  crypto: SigningCrypto,
  secret: string,
  algorithm: string,
  parts: CanonicalParts,
  headers: Record<string, string>,
  authorize: (signedHeaders: string, signature: string) => string,
): Steps<HmacSha256Signature> {
  const [headerLines, signedHeaders] = canonicalHeaders(parts.headers);
  const canonicalRequest = `${parts.method}\n${parts.path}\n${parts.query}\n${headerLines}\n${signedHeaders}\n${parts.payloadHash}`;
  const stringToSign = [algorithm, ...parts.scope, yield crypto.sha256Hex(canonicalRequest)].join('\n');
  const signature = yield crypto.hmacSha256Hex(secret, stringToSign);
  const authorization = (headers.Authorization = `${algorithm} ${authorize(signedHeaders, signature)}`);
  return { headers, authorization, signedHeaders, payloadHash: parts.payloadHash, canonicalRequest, stringToSign, signature };
}

/** `name:value\n` lines for the headers sorted by name (code-unit order), and the `a;b;c` list. */
export function canonicalHeaders(entries: [name: string, value: string][]): [lines: string, signedHeaders: string] {
  let lines = '';
  let names = '';
  for (const [name, value] of sortInPlace(entries, byNameThenValue)) {
    lines += `${name}:${value}\n`;
    names += `${names && ';'}${name}`;
  }
  return [lines, names];
}
