// Percent-encoding and ordering shared by the signers.

/** A query (or form) parameter as a name/value pair; repeated names are allowed. */
export type ParamPair = readonly [name: string, value: string];

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: only the unreserved characters
 * `A-Z a-z 0-9 - _ . ~` are kept; everything else becomes `%XX` with upper-case hex
 * (space -> %20, never "+"). This is the encoding all three vendors use (Huawei urlEncode,
 * Alibaba openapi-util percentEncode). Lone surrogates are encoded as U+FFFD, like TextEncoder.
 */
export function percentEncode(value: string): string {
  return encode(value.replace(/\p{Cs}/gu, '\ufffd'));
}

/** {@link percentEncode} for strings without lone surrogates: everything the signers encode. */
export function encode(value: string): string {
  // Stryker disable next-line Regex,ConditionalExpression: a fast path; encodeURIComponent leaves these characters as they are
  if (/^[\w.~-]*$/.test(value)) return value;
  const encoded = encodeURIComponent(value);
  return /[!'()*]/.test(encoded) ? encoded.replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

/**
 * A URL path with each `/`-separated segment {@link encode}d as it is, without decoding it
 * first, as Huawei's signer does: `/a%20b` gives `/a%2520b`.
 */
export function encodePathSegments(path: string): string {
  // Stryker disable next-line Regex: a path starts with "/", so only the plain-path fast path can match, and the slow path gives a plain path unchanged
  return /^[\w.~/-]*$/.test(path) ? path : path.split('/').map(encode).join('/');
}

/**
 * Canonical form of a URL path for ACS3: every `/`-separated segment is decoded once and then
 * {@link percentEncode}d, so `/a b` and `/a%20b` (the same request on the wire) both give
 * `/a%20b`; a segment that is not valid percent-encoded UTF-8 is encoded as it is. (Huawei's
 * signer encodes the segments without decoding them: {@link encodePathSegments}.)
 */
export function canonicalPath(path: string): string {
  // Stryker disable next-line Regex: a path starts with "/", so only the plain-path fast path can match, and the slow path gives a plain path unchanged
  if (/^[\w.~/-]*$/.test(path)) return path || '/';
  return path
    .split('/')
    .map((segment) => {
      try {
        segment = decodeURIComponent(segment);
      } catch {}
      return encode(segment);
    })
    .join('/');
}

/**
 * Sorts `items` in place and returns them. Insertion sort up to 16 items: requests carry a
 * handful of headers and parameters, and Array#sort costs several times more on so few.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: both sorts are stable and give the same order; the threshold is for speed
  if (items.length > 16) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let j = i;
    // Stryker disable next-line EqualityOperator: items that compare equal are equal pairs, so their order cannot show
    while (j > 0 && compare(items[j - 1]!, item) > 0) items[j] = items[--j]!;
    items[j] = item;
  }
  return items;
}

/** Pairs (or entries) by first item, then second, both in code-unit order. */
// Stryker disable next-line EqualityOperator,ConditionalExpression: for equal pairs -1, 0 and 1 all leave the sorted list the same
export const byNameThenValue = (a: ParamPair, b: ParamPair): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/** `name=value&...` over the sorted pairs, names and values {@link percentEncode}d; empty value -> `name=`. */
export function canonicalQueryString(pairs: readonly ParamPair[]): string {
  return canonicalQuery([...pairs]);
}

/** {@link canonicalQueryString}, sorting `pairs` in place (by raw name, then raw value, in code-unit order). */
export function canonicalQuery(pairs: ParamPair[]): string {
  let query = '';
  for (const [name, value] of sortInPlace(pairs, byNameThenValue)) query += `${query && '&'}${encode(name)}=${encode(value)}`;
  return query;
}

/**
 * The pairs of a query or `application/x-www-form-urlencoded` string, in order, decoded with
 * WHATWG URLSearchParams rules: `%XX` is decoded and a literal `+` means a space. (Build URLs
 * with `%2B` for a plus sign; `URL`/`URLSearchParams` and encodeURIComponent already do.)
 */
export function formPairs(query: string): ParamPair[] {
  const encoded = /[%+]/.test(query);
  const pairs: ParamPair[] = [];
  try {
    // note: scanning with indexOf is cheaper than split('&') then split('=')
    // Stryker disable next-line EqualityOperator: at start === length the next step finds an empty pair and skips it
    for (let start = 0, end = 0; start < query.length; start = end + 1) {
      end = query.indexOf('&', start);
      if (end < 0) end = query.length;
      if (end === start) continue;
      let split = query.indexOf('=', start);
      // Stryker disable next-line EqualityOperator: query[end] is "&" or past the end, so "=" is never found at end
      if (split < 0 || split > end) split = end;
      const name = query.slice(start, split);
      const value = query.slice(split + 1, end);
      pairs.push(encoded ? [formDecode(name), formDecode(value)] : [name, value]);
    }
    return pairs;
  } catch {
    // not valid percent-encoded UTF-8: URLSearchParams keeps such escapes as they are
    // ("&" keeps it from dropping a leading "?", which is part of the first name here)
    return [...new URLSearchParams(`&${query}`)];
  }
}

function formDecode(text: string): string {
  return /[%+]/.test(text) ? decodeURIComponent(text.replace(/\+/g, ' ')) : text;
}
