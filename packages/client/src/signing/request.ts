// The signers' common input: a request as a caller gives it (checked here, a ClientInputError
// naming the bad field and never echoing a value, since a secret could be in it) or as a fetch
// Request from the clients' auth middlewares (valid by construction), and the options.
import { ClientInputError } from '../core/errors.js';
import { httpToken } from '../core/extra-headers.js';
import { requireObject } from '../core/options.js';
import { requireVisibleAscii } from './credentials.js';

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
 * `options ?? {}`, checked: an object, `date` a Date within years 0 to 9999 and each of the
 * `visible` fields, when given, a {@link requireVisibleAscii} string.
 */
export function readOptions<T extends { date?: Date }>(options: T | undefined, visible: (keyof T & string)[] = []): Partial<T> {
  const checked = (options === undefined ? {} : requireObject(options, 'options')) as Partial<T>;
  const { date } = checked;
  if (date !== undefined) {
    const time = Object.prototype.toString.call(date) === '[object Date]' ? date.getTime() : Number.NaN;
    // 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z (NaN fails too)
    if (!(time >= -62_167_219_200_000 && time < 253_402_300_800_000)) throw new ClientInputError('date', 'must be a valid Date (years 0 to 9999)');
  }
  for (const field of visible) if (checked[field] !== undefined) requireVisibleAscii(checked[field], field);
  return checked;
}

/** Validates and normalizes a {@link SigningRequest}; throws a ClientInputError naming the bad field. */
export function parseRequest(request: SigningRequest): SignerInput {
  const { method, url, headers, body = '' } = requireObject(request, 'request');
  if (body !== null && typeof body !== 'string') throw new ClientInputError('body', 'must be a string when given');
  if (typeof method !== 'string' || !httpToken.test(method)) throw new ClientInputError('method', 'must be an HTTP method token');
  let parsed: URL | undefined;
  try {
    parsed = url instanceof URL ? url : new URL(typeof url === 'string' ? url : (url as URL).href);
  } catch {}
  if (!parsed || !/^https?:$/.test(parsed.protocol)) throw new ClientInputError('url', 'must be an absolute http(s) URL');

  const collected = new Map<string, string[]>();
  const add = (value: unknown, name: unknown): void => {
    if (typeof name !== 'string' || !httpToken.test(name)) throw new ClientInputError('headers', 'must only have HTTP token names');
    if (typeof value !== 'string') throw new ClientInputError(`headers["${name}"]`, 'must be a string');
    if (/[\r\n\0]/.test(value)) throw new ClientInputError(`headers["${name}"]`, 'must not contain CR, LF or NUL');
    const lower = name.toLowerCase();
    collected.get(lower)?.push(value) ?? collected.set(lower, [value]);
  };
  if (typeof (headers as HeadersLike | undefined)?.forEach === 'function') (headers as HeadersLike).forEach(add);
  else if (headers != null) {
    // (an array has forEach, so it was read above, its indexes refused as header names)
    if (typeof headers !== 'object') throw new ClientInputError('headers', 'must be a Headers object or a record of strings');
    for (const name of Object.keys(headers)) add((headers as Record<string, unknown>)[name], name);
  }
  return {
    // fetch upper-cases these methods and sends any other as written
    method: /^(delete|get|head|options|post|put)$/i.test(method) ? method.toUpperCase() : method,
    ...urlParts(parsed),
    headers: collected,
    body: body ? (body as string).replace(/\p{Cs}/gu, '\ufffd') : '',
  };
}

const urlParts = (url: URL) => ({ origin: url.origin, host: url.host, path: url.pathname, query: url.search.slice(1) });

/** A fetch Request as signer input, the body read from a clone. */
export async function fromFetch(request: Request): Promise<SignerInput> {
  const headers = new Map<string, string[]>();
  // Headers iterates lower-cased names, a repeated one once with its values joined by ", "
  request.headers.forEach((value, name) => headers.set(name, [value]));
  // text() decodes UTF-8, so the body has no lone surrogates
  const body = request.body ? await request.clone().text() : '';
  return { method: request.method, ...urlParts(new URL(request.url)), headers, body };
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
  if (existing && option && existing !== option) throw new ClientInputError(field, `conflicts with the ${existingDescription} already on the request`);
  const value = existing || option || fallback;
  if (!value) throw new ClientInputError(field, 'must be a non-empty string');
  return [value, !existing];
}
