// A reference signer for the test side, written from the vendors' documents
// (../shared/api-notes.md) on node:crypto alone. It shares no code with src/, so a wire test
// that recomputes a signature with it checks the signature itself, not just the plumbing.
import { createHash, createHmac } from 'node:crypto';

/** A request as a server sees it: the raw path and query from the request line, lowercase header names. */
export interface WireRequest {
  method: string;
  /** path and query exactly as received, e.g. `/v2/p/count?name=a%20b` */
  target: string;
  headers: Readonly<Record<string, string>>;
  body: string;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmacSha256Hex = (key: string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest('hex');

/** RFC 3986: everything but A-Z a-z 0-9 - _ . ~ as upper-case %XX of the UTF-8 bytes. */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

// note: code-unit order (what both vendors' signers use), not localeCompare
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function splitTarget(target: string): { path: string; pairs: [string, string][] } {
  const at = target.indexOf('?');
  const path = at < 0 ? target : target.slice(0, at);
  // a server decodes the query as form data ('+' is a space), as URLSearchParams does
  const pairs = at < 0 ? [] : [...new URLSearchParams(target.slice(at + 1))];
  return { path, pairs };
}

/** `k=v` pairs sorted by key then value, both RFC 3986 encoded, joined by `&`. */
function canonicalQuery(pairs: [string, string][]): string {
  return pairs
    .map(([key, value]) => [rfc3986(key), rfc3986(value)] as const)
    .sort((a, b) => byCodeUnits(a[0], b[0]) || byCodeUnits(a[1], b[1]))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** Each path segment RFC 3986 encoded; `decode`: decoded as received first (ACS3), or not (Huawei, whose signer double-encodes `%XX`). */
function canonicalPath(path: string, decode: boolean): string {
  return path
    .split('/')
    .map((segment) => rfc3986(decode ? decodeURIComponent(segment) : segment))
    .join('/');
}

function canonicalHeaders(headers: Readonly<Record<string, string>>, names: readonly string[]): string {
  return names.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
}

function signedHeaderNames(authorization: string): string[] {
  const match = /SignedHeaders=([^,\s]+)/.exec(authorization);
  if (!match) throw new Error('no SignedHeaders in the Authorization header');
  return match[1]!.split(';');
}

/** Huawei SDK-HMAC-SHA256: the Authorization the server expects for the headers the request names as signed. */
export function huaweiAuthorization(request: WireRequest, accessKeyId: string, secretAccessKey: string): string {
  const names = signedHeaderNames(request.headers.authorization ?? '');
  const { path, pairs } = splitTarget(request.target);
  // the canonical URI always ends in '/', though the request path does not
  const uri = canonicalPath(path, false).replace(/\/?$/, '/');
  const canonical = [request.method, uri, canonicalQuery(pairs), canonicalHeaders(request.headers, names), names.join(';'), sha256Hex(request.body)].join('\n');
  const date = request.headers['x-sdk-date'] ?? '';
  const signature = hmacSha256Hex(secretAccessKey, `SDK-HMAC-SHA256\n${date}\n${sha256Hex(canonical)}`);
  return `SDK-HMAC-SHA256 Access=${accessKeyId}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

/** Alibaba ACS3-HMAC-SHA256: the Authorization the server expects for the headers the request names as signed. */
export function acs3Authorization(request: WireRequest, accessKeyId: string, accessKeySecret: string): string {
  const names = signedHeaderNames(request.headers.authorization ?? '');
  const { path, pairs } = splitTarget(request.target);
  const canonical = [
    request.method,
    canonicalPath(path, true),
    canonicalQuery(pairs),
    canonicalHeaders(request.headers, names),
    names.join(';'),
    sha256Hex(request.body),
  ].join('\n');
  const signature = hmacSha256Hex(accessKeySecret, `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`);
  return `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${names.join(';')},Signature=${signature}`;
}

/** Alibaba RPC V2 (HMAC-SHA1): the `Signature` the server expects for every query parameter but `Signature`. */
export function rpcV2Signature(request: WireRequest, accessKeySecret: string): string {
  const { pairs } = splitTarget(request.target);
  const query = canonicalQuery(pairs.filter(([name]) => name !== 'Signature'));
  const stringToSign = `${request.method}&${rfc3986('/')}&${rfc3986(query)}`;
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign, 'utf8').digest('base64');
}
