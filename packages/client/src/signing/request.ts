// The signers' common input: a plain description of the request, normalized and validated.
// Error messages name the offending field and never echo a value (a secret could be in it).
import { compareCodeUnits } from './encoding.js';

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

export interface NormalizedRequest {
  method: string;
  url: URL;
  /** Lower-cased header name -> its values in the order given. */
  headers: Map<string, string[]>;
  body: string;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_IN_HEADER_VALUE = /[\r\n\0]/;
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
// the methods whose case fetch() normalizes; any other method is sent as written
const FETCH_NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

export function requireNonEmptyString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${field} must be a non-empty string`);
  return value;
}

/** A non-empty string that is safe inside a header value or query parameter as-is. */
export function requireVisibleAscii(value: unknown, field: string): string {
  const text = requireNonEmptyString(value, field);
  if (!VISIBLE_ASCII.test(text)) throw new TypeError(`${field} must only contain visible ASCII characters`);
  return text;
}

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new TypeError(`${field} must be an object`);
  return value as Record<string, unknown>;
}

/** `options ?? {}`, checked to be an object. */
export function readOptions<T extends object>(options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  return requireObject(options, 'options') as Partial<T>;
}

function normalizeMethod(method: unknown): string {
  if (typeof method !== 'string' || !TOKEN.test(method)) {
    throw new TypeError('method must be a non-empty HTTP method token');
  }
  const upper = method.toUpperCase();
  return FETCH_NORMALIZED_METHODS.has(upper) ? upper : method;
}

function parseUrl(url: unknown): URL {
  const isUrlObject = typeof url === 'object' && url !== null && typeof (url as URL).href === 'string';
  if (typeof url !== 'string' && !isUrlObject) throw new TypeError('url must be an absolute http(s) URL string or URL');
  let parsed: URL;
  try {
    parsed = new URL(isUrlObject ? (url as URL).href : (url as string));
  } catch {
    throw new TypeError('url must be an absolute http(s) URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError('url must be an absolute http(s) URL');
  return parsed;
}

function collectHeaders(headers: unknown): Map<string, string[]> {
  const collected = new Map<string, string[]>();
  if (headers === undefined || headers === null) return collected;
  if (typeof headers !== 'object' || Array.isArray(headers)) {
    throw new TypeError('headers must be a Headers object or a record of header name to string value');
  }
  const add = (name: unknown, value: unknown): void => {
    if (typeof name !== 'string' || !TOKEN.test(name)) throw new TypeError('headers must only have HTTP token names');
    if (typeof value !== 'string') throw new TypeError(`headers["${name}"] must be a string`);
    if (FORBIDDEN_IN_HEADER_VALUE.test(value)) throw new TypeError(`headers["${name}"] must not contain CR, LF or NUL`);
    const lower = name.toLowerCase();
    const values = collected.get(lower);
    if (values) values.push(value);
    else collected.set(lower, [value]);
  };
  if (typeof (headers as HeadersLike).forEach === 'function') {
    (headers as HeadersLike).forEach((value, name) => add(name, value));
  } else {
    for (const [name, value] of Object.entries(headers)) add(name, value);
  }
  return collected;
}

/** Validates and normalizes a {@link SigningRequest}; throws a TypeError naming the bad field. */
export function normalizeRequest(request: SigningRequest): NormalizedRequest {
  const input = requireObject(request, 'request');
  const body = input.body;
  if (body !== undefined && body !== null && typeof body !== 'string') throw new TypeError('body must be a string when given');
  return {
    method: normalizeMethod(input.method),
    url: parseUrl(input.url),
    headers: collectHeaders(input.headers),
    body: typeof body === 'string' ? body : '',
  };
}

/**
 * A value the caller may give either as an option or already in the request (a header or a
 * query parameter). Both given and different is an error; neither given uses `fallback` or throws.
 * Returns the value and whether the signer must add it to the request.
 */
export function optionOrExisting(
  field: string,
  optionValue: unknown,
  existingValue: string | undefined,
  existingDescription: string,
  fallback?: string,
): { value: string; add: boolean } {
  const existing = existingValue === '' ? undefined : existingValue;
  if (optionValue !== undefined) {
    const value = requireVisibleAscii(optionValue, field);
    if (existing !== undefined && existing !== value) {
      throw new TypeError(`${field} conflicts with the ${existingDescription} already on the request`);
    }
    return { value, add: existing === undefined };
  }
  if (existing !== undefined) return { value: existing, add: false };
  if (fallback !== undefined) return { value: fallback, add: true };
  throw new TypeError(`${field} must be a non-empty string (pass options.${field} or set the ${existingDescription})`);
}

/** Reads an access-key pair from `credentials` under the vendor's field names. */
export function readAccessKeyPair(
  credentials: unknown,
  idField: string,
  secretField: string,
): { accessKeyId: string; secret: string } {
  const input = requireObject(credentials, 'credentials');
  return {
    accessKeyId: requireVisibleAscii(input[idField], idField),
    secret: requireNonEmptyString(input[secretField], secretField),
  };
}

/** The lower-cased names of `values`, sorted in code-unit order, and the `a;b;c` list. */
export function sortedHeaderNames(values: Map<string, string>): { names: string[]; signedHeaders: string } {
  const names = [...values.keys()].sort(compareCodeUnits);
  return { names, signedHeaders: names.join(';') };
}

/** `name:value\n` for each name, in the order given. */
export function canonicalHeaderLines(names: readonly string[], values: Map<string, string>): string {
  let lines = '';
  for (const name of names) lines += `${name}:${values.get(name)}\n`;
  return lines;
}
