import type { ErrorFacts } from './client-context.js';

/** Why the client refused a response it received: a redirect, or a body over the size cap. */
export class RefusedResponse extends Error {
  constructor(readonly facts: ErrorFacts) {
    super(facts.message);
  }
}

/** The default cap on a response body: far above any page these APIs return. */
export const defaultMaxResponseBytes = 16 * 1024 * 1024;

function redirectFacts(response: Response, from: string): ErrorFacts {
  // note: only the origin is kept; a Location can echo the signed query back
  let origin = 'a location the browser does not reveal';
  try {
    // Stryker disable next-line StringLiteral: without a Location any relative text resolves to from's origin, as '' does
    if (response.type !== 'opaqueredirect') origin = new URL(response.headers.get('location') ?? '', from).origin;
  } catch {
    origin = 'an unreadable location';
  }
  const status = response.status || undefined;
  return {
    kind: 'redirect',
    status,
    redirectTo: origin,
    message: `the service redirected${status ? ` (HTTP ${status})` : ''} to ${origin}; the client never follows redirects, so no credential reaches another server`,
  };
}

const tooLarge = (status: number, maxBytes: number): ErrorFacts => ({
  kind: 'invalid-response',
  status,
  message: `the ${status} response body is larger than maxResponseBytes (${maxBytes} bytes)`,
});

/**
 * Reads the body whole, but never more than `maxBytes` of it. A failure while it arrives (a
 * reset, the timeout, an abort) rejects here, inside the exchange, where the caller classifies it.
 */
async function readBody(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | Blob | null> {
  // a reader loop: piping through a TransformStream cost more per call than the rest of the exchange
  const reader = response.body?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if ((size += next.value.byteLength) > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new RefusedResponse(tooLarge(response.status, maxBytes));
    }
    chunks.push(next.value as Uint8Array<ArrayBuffer>);
  }
  // most bodies arrive in one chunk, handed on as is
  // Stryker disable next-line ConditionalExpression: a Blob of one chunk reads the same; handing it on as is saves a copy
  return chunks.length === 1 ? chunks[0]! : new Blob(chunks);
}

/**
 * One request and its whole response. Redirects are refused, never followed: a redirect would
 * carry the token or security-token headers (and a 307 the body) to wherever it points. The body
 * is read here, capped, so openapi-fetch then parses a response that can no longer fail.
 */
export async function exchange(fetch: typeof globalThis.fetch, request: Request, maxBytes: number, signal?: AbortSignal): Promise<Response> {
  const response = await fetch(request, signal ? { redirect: 'manual', signal } : { redirect: 'manual' });
  if (response.type === 'opaqueredirect' || (response.status > 299 && response.status < 400 && response.headers.has('location'))) {
    await response.body?.cancel().catch(() => undefined);
    throw new RefusedResponse(redirectFacts(response, request.url));
  }
  // these statuses carry no body, and a Response built with one throws
  const body = [101, 204, 205, 304].includes(response.status) ? null : await readBody(response, maxBytes);
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
