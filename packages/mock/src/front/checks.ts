// What the front refuses before Prism sees it: requests Prism would crash on, hang on, or
// answer badly. Each check returns the problem in words that name the part of the request.
import { examplesOf } from './error-body.js';
import type { ContractOperation, OpenApiDoc, Route } from './routes.js';

export interface Problem {
  status: number;
  message: string;
}

const decodes = (text: string): boolean => {
  try {
    decodeURIComponent(text);
  } catch {
    return false;
  }
  return true;
};

/** Every percent escape in the path and query decodes to UTF-8 (Prism's router throws otherwise). */
export function checkEscapes(path: string, query: string, route: Route): Problem | undefined {
  const segments = path.split('/').slice(1);
  for (const [index, segment] of segments.entries()) {
    if (decodes(segment)) continue;
    const name = route.segmentNames[index];
    return {
      status: 400,
      message: `${name ? `path parameter ${name}` : `path segment ${index + 1}`} (${JSON.stringify(segment)}) is not valid percent-encoded UTF-8`,
    };
  }
  for (const pair of query.split('&')) {
    // Stryker disable next-line StringLiteral: split gives at least the name, and a missing value (undefined) decodes as well
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    const readable = decodes(name) ? decodeURIComponent(name.replace(/\+/g, ' ')) : undefined;
    if (readable === undefined) return { status: 400, message: `a query parameter name (${JSON.stringify(name)}) is not valid percent-encoded UTF-8` };
    if (!decodes(value)) return { status: 400, message: `query parameter ${readable} (${JSON.stringify(value)}) is not valid percent-encoded UTF-8` };
  }
  return undefined;
}

/** A JSON body parses (Prism never answers a malformed one). */
export function checkJsonBody(contentType: string | undefined, body: Buffer): Problem | undefined {
  // Stryker disable next-line StringLiteral: without a content-type, any text that is no JSON type reads the same
  if (body.length === 0 || !/^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '')) return undefined;
  try {
    JSON.parse(body.toString('utf8'));
    return undefined;
  } catch (error) {
    return { status: 400, message: `the JSON body is malformed or truncated (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** Names of the response examples the operation documents, per status. */
function documentedExamples(doc: OpenApiDoc, operation: ContractOperation): Map<string, Set<string>> {
  const byStatus = new Map<string, Set<string>>();
  for (const [status, raw] of Object.entries(operation.responses ?? {})) {
    byStatus.set(status, new Set(examplesOf(doc, raw).flatMap(({ name }) => (name === undefined ? [] : [name]))));
  }
  return byStatus;
}

/**
 * Prism's `Prefer` header (`code=`, `example=`, `dynamic=`) asks only for what the operation
 * documents; Prism answers an unknown example with a 500.
 */
export function checkPrefer(header: string | undefined, doc: OpenApiDoc | undefined, operation: ContractOperation | undefined): Problem | undefined {
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
  if (!doc || !operation) return undefined;
  const documented = documentedExamples(doc, operation);
  if (code !== undefined && !documented.has(code)) {
    return { status: 400, message: `Prefer: code=${code} is not documented for ${operation.operationId} (documented: ${[...documented.keys()].join(', ')})` };
  }
  if (example !== undefined) {
    // a code is documented by now (refused above otherwise)
    const names = code === undefined ? [...documented.values()].flatMap((set) => [...set]) : [...documented.get(code)!];
    if (!names.includes(example)) {
      return {
        status: 400,
        message: `Prefer: example=${example} names no example of ${operation.operationId}${code ? ` for ${code}` : ''} (known: ${names.join(', ') || 'none'})`,
      };
    }
  }
  return undefined;
}
