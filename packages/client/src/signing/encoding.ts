// Percent-encoding and ordering shared by the signers.

/** A query (or form) parameter as a name/value pair; repeated names are allowed. */
export type ParamPair = readonly [name: string, value: string];

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT = /[!'()*]/g;

/** Replaces unpaired surrogates with U+FFFD (String#toWellFormed, which older runtimes lack). */
function toWellFormed(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
        continue;
      }
    }
    out += unit >= 0xd800 && unit <= 0xdfff ? '\uFFFD' : value[i]!;
  }
  return out;
}

function escapeSubDelim(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/**
 * RFC 3986 percent-encoding of the UTF-8 bytes of `value`: only the unreserved characters
 * `A-Z a-z 0-9 - _ . ~` are kept; everything else becomes `%XX` with upper-case hex
 * (space -> %20, never "+"). This is the encoding all three vendors use (Huawei urlEncode,
 * Alibaba openapi-util percentEncode). Lone surrogates are encoded as U+FFFD, like TextEncoder.
 */
export function percentEncode(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    encoded = encodeURIComponent(toWellFormed(value));
  }
  return encoded.replace(SUB_DELIMS_LEFT_BY_ENCODE_URI_COMPONENT, escapeSubDelim);
}

/** Decodes `%XX` escapes; input that is not valid percent-encoded UTF-8 is returned unchanged. */
function percentDecodeLenient(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Canonical form of a URL path: every `/`-separated segment is decoded once and then
 * {@link percentEncode}d, so `/a b` and `/a%20b` (the same request on the wire) both give
 * `/a%20b`. The Huawei SDK skips the decode and would double-encode an already-escaped
 * segment (`%2520`); we sign what the server receives instead. The vectors only use plain
 * segments, where both agree.
 */
export function canonicalPath(pathname: string): string {
  if (pathname === '' || pathname === '/') return '/';
  return pathname
    .split('/')
    .map((segment) => percentEncode(percentDecodeLenient(segment)))
    .join('/');
}

/** Plain UTF-16 code-unit order, i.e. what `Array.prototype.sort()` does with strings. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pairs sorted by raw name, then raw value (both in code-unit order), before any encoding. */
export function sortParams(pairs: readonly ParamPair[]): ParamPair[] {
  return [...pairs].sort((a, b) => compareCodeUnits(a[0], b[0]) || compareCodeUnits(a[1], b[1]));
}

/** `name=value&...` over the sorted pairs, names and values {@link percentEncode}d; empty value -> `name=`. */
export function canonicalQueryString(pairs: readonly ParamPair[]): string {
  return sortParams(pairs)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/**
 * The pairs of a query or `application/x-www-form-urlencoded` string, in order, decoded with
 * WHATWG URLSearchParams rules: `%XX` is decoded and a literal `+` means a space. (Build URLs
 * with `%2B` for a plus sign; `URL`/`URLSearchParams` and encodeURIComponent already do.)
 */
export function formPairs(query: string | URLSearchParams): ParamPair[] {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const pairs: ParamPair[] = [];
  params.forEach((value, name) => {
    pairs.push([name, value]);
  });
  return pairs;
}
