import { ClientInputError } from './errors.js';

type TitleCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}-${TitleCase<Tail>}` : Capitalize<S>;
/** The usual spellings of a header name: lower-case, Title-Case and UPPER-CASE. */
type Spellings<S extends string> = S | TitleCase<S> | Uppercase<S>;

/**
 * Every header the clients sign or set themselves (Huawei: token or SDK-HMAC-SHA256 headers, the
 * security token and the project; Alibaba: the ACS3 headers), plus the ones fetch derives from the request or
 * manages for the connection (Node's fetch fails on those, as a network error).
 */
export type ReservedHeader =
  | 'authorization'
  | 'host'
  | 'content-type'
  | 'content-length'
  | 'keep-alive'
  | 'transfer-encoding'
  | 'upgrade'
  | 'expect'
  | 'x-auth-token'
  | 'x-project-id'
  | 'x-security-token'
  | 'x-sdk-date'
  | 'x-sdk-content-sha256'
  | 'x-acs-action'
  | 'x-acs-version'
  | 'x-acs-date'
  | 'x-acs-signature-nonce'
  | 'x-acs-content-sha256'
  | 'x-acs-accesskey-id'
  | 'x-acs-security-token';

/**
 * Extra request headers for one call, e.g. `{ Prefer: 'code=404' }` for the contract mock. A
 * header the client signs or sets ({@link ReservedHeader}, in its usual spellings) is a compile
 * error; any spelling of those, and any `x-sdk-*` or `x-acs-*` name, is refused at run time.
 */
export type ExtraHeaders = { readonly [name: string]: string } & { readonly [Name in Spellings<ReservedHeader>]?: never };

// the whole x-sdk-* and x-acs-* families: each is the vendor's signing namespace (ACS3 signs every x-acs-* header)
const reserved =
  /^(authorization|host|content-(type|length)|keep-alive|transfer-encoding|upgrade|expect|x-auth-token|x-project-id|x-security-token|x-(sdk|acs)-.*)$/i;
/** An HTTP token (RFC 9110): what a method or a header name may be. */
export const httpToken = /^[!#$%&'*+\-.^_`|~\w]+$/;
// note: fetch and node trim outer whitespace and refuse control characters (quoting the value
// in their error), so only a value they send exactly as given passes
const sendableValue = /^[\x21-\x7e]+([\t ]+[\x21-\x7e]+)*$/;

/** Checks that a header value is sent exactly as given; the message names the header, never its value. */
export function requireHeaderValue(name: string, value: unknown): void {
  if (typeof value !== 'string' || !sendableValue.test(value)) throw new ClientInputError(`headers.${name}`, 'must be visible ASCII text');
}

/** Checks one extra header: a header name the client neither signs nor sets, and a sendable value. */
export function requireExtraHeader(name: string, value: unknown): void {
  if (!httpToken.test(name)) throw new ClientInputError(`headers.${name}`, 'is not a header name');
  if (reserved.test(name)) throw new ClientInputError(`headers.${name}`, 'is set by the client');
  requireHeaderValue(name, value);
}
