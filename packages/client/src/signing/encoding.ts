// Percent-encoding, ordering and form parsing shared by the signers.

/** A query (or form) parameter as a name/value pair; repeated names are allowed. */
export type ParamPair = readonly [name: string, value: string];

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: only the unreserved characters
 * `A-Z a-z 0-9 - _ . ~` are kept; everything else becomes `%XX` with upper-case hex (space ->
 * %20, never "+"). This is the encoding all three vendors use (Huawei urlEncode, Alibaba
 * openapi-util percentEncode). `value` has no lone surrogates: every string the signers encode
 * comes from a parsed URL, a decoded form or a checked option.
 */
export function percentEncode(value: string): string {
  // most names and values need no encoding, and checking is several times cheaper than
  // encodeURIComponent (the RPC V2 signer encodes some 30 strings per request)
  if (/^[\w.~-]*$/.test(value)) return value;
  // encodeURIComponent leaves !'()* as they are
  const encoded = encodeURIComponent(value);
  return /[!'()*]/.test(encoded) ? encoded.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

/**
 * A URL path with each `/`-separated segment {@link percentEncode}d as it is, without decoding
 * it first, as Huawei's signer does: `/a%20b` gives `/a%2520b`.
 */
export const encodePathSegments = (path: string): string => path.split('/').map(percentEncode).join('/');

/**
 * Canonical form of a URL path for ACS3: every `/`-separated segment is decoded once and then
 * {@link percentEncode}d, so `/a b` and `/a%20b` (the same request on the wire) both give
 * `/a%20b`; a segment that is not valid percent-encoded UTF-8 is encoded as it is.
 */
export function canonicalPath(path: string): string {
  return (path || '/')
    .split('/')
    .map((segment) => {
      try {
        segment = decodeURIComponent(segment);
      } catch {}
      return percentEncode(segment);
    })
    .join('/');
}

/** Pairs (or header entries) by first item, then second, both in code-unit order. */
export const byNameThenValue = (a: ParamPair, b: ParamPair): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * `name=value&...` over `pairs` sorted (here, in place) by raw name, then raw value, each
 * {@link percentEncode}d; an empty value gives `name=`.
 */
export function canonicalQuery(pairs: ParamPair[]): string {
  return pairs
    .sort(byNameThenValue)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/**
 * The pairs of a query or `application/x-www-form-urlencoded` string, in order, decoded with
 * WHATWG URLSearchParams rules: `%XX` is decoded and a literal `+` means a space. (Build URLs
 * with `%2B` for a plus sign; `URL`/`URLSearchParams` and encodeURIComponent already do.)
 */
export function formPairs(query: string): ParamPair[] {
  // the "&" keeps URLSearchParams from dropping a leading "?", which is part of the first name here
  return [...new URLSearchParams(`&${query}`)];
}
