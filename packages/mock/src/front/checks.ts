// What the front refuses before Prism sees it: requests Prism would crash on, hang on, or
// answer badly. Each check returns the problem in words that name the part of the request.
import { httpMethods, type IndexedOperation, isJsonMediaType } from '../contract-index.js';
import { type Exchange, type Handler, refuse } from '../exchange.js';
import { decoded } from '../router.js';

export interface Problem {
  status: number;
  message: string;
}

const decodes = (text: string): boolean => decoded(text) !== undefined;

/** Every percent escape in the path and query decodes to UTF-8 (Prism's router throws otherwise). */
export function checkEscapes(path: string, query: string, segmentNames: (string | undefined)[]): Problem | undefined {
  const segments = path.split('/').slice(1);
  for (const [index, segment] of segments.entries()) {
    if (decodes(segment)) continue;
    const name = segmentNames[index];
    return {
      status: 400,
      message: `${name ? `path parameter ${name}` : `path segment ${index + 1}`} (${JSON.stringify(segment)}) is not valid percent-encoded UTF-8`,
    };
  }
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    // "+" is a space in a query; it never breaks an escape
    const readable = decoded(name.replace(/\+/g, ' '));
    if (readable === undefined) return { status: 400, message: `a query parameter name (${JSON.stringify(name)}) is not valid percent-encoded UTF-8` };
    if (!decodes(value)) return { status: 400, message: `query parameter ${readable} (${JSON.stringify(value)}) is not valid percent-encoded UTF-8` };
  }
  return undefined;
}

/** A JSON body parses (Prism never answers a malformed one). */
export function checkJsonBody(contentType: string | undefined, body: Buffer): Problem | undefined {
  if (body.length === 0 || !isJsonMediaType(contentType ?? '')) return undefined;
  try {
    JSON.parse(body.toString('utf8'));
    return undefined;
  } catch (error) {
    return { status: 400, message: `the JSON body is malformed or truncated (${error instanceof Error ? error.message : String(error)})` };
  }
}

/**
 * Prism's `Prefer` header (`code=`, `example=`, `dynamic=`) asks only for what the operation
 * documents; Prism answers an unknown example with a 500.
 */
export function checkPrefer(header: string | undefined, operation: IndexedOperation | undefined): Problem | undefined {
  if (!header) return undefined;
  const prefs = new Map<string, string>();
  for (const part of header.split(/[;,]/)) {
    const [key, value = ''] = part.split('=').map((item) => item.trim());
    if (key) prefs.set(key, value);
  }
  const code = prefs.get('code');
  const example = prefs.get('example');
  const dynamic = prefs.get('dynamic');
  if (code !== undefined && !/^[1-5]\d\d$/.test(code)) return { status: 400, message: `Prefer: code=${code} is not an HTTP status` };
  if (dynamic !== undefined && !/^(true|false)$/.test(dynamic)) return { status: 400, message: `Prefer: dynamic=${dynamic} must be true or false` };
  if (!operation) return undefined;
  const documented = operation.examples;
  if (code !== undefined && !Object.hasOwn(documented, code)) {
    return { status: 400, message: `Prefer: code=${code} is not documented for ${operation.operationId} (documented: ${Object.keys(documented).join(', ')})` };
  }
  if (example !== undefined) {
    // a code is documented by now (refused above otherwise)
    const names = code === undefined ? Object.values(documented).flat() : documented[code]!;
    if (!names.includes(example)) {
      return {
        status: 400,
        message: `Prefer: example=${example} names no example of ${operation.operationId}${code ? ` for ${code}` : ''} (known: ${names.join(', ') || 'none'})`,
      };
    }
  }
  return undefined;
}

/** The methods Prism serves: a contract's, but TRACE. */
const servedMethods = new Set(httpMethods.filter((method) => method !== 'trace').map((method) => method.toUpperCase()));

const checks: ((exchange: Exchange) => Problem | undefined)[] = [
  ({ req }) => (servedMethods.has(req.method!) ? undefined : { status: 405, message: `the HTTP method ${req.method} is not supported` }),
  ({ path, query, route }) => checkEscapes(path, query, route.segmentNames),
  ({ req, body }) => checkJsonBody(req.headers['content-type'], body),
  ({ req, route }) => checkPrefer(req.headers.prefer as string | undefined, route.operation),
];

/** The front's checks, in order, each a step of the request path; a problem is refused in the API's shape. */
export const frontChecks: Handler[] = checks.map((check) => (exchange) => {
  const problem = check(exchange);
  return problem ? refuse(exchange, problem.status, problem.message, exchange.route.operation) : false;
});
