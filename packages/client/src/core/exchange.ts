import type { ErrorFacts } from './types.js';

/** A response and its whole body. */
export type Answer = { response: Response; body: Uint8Array<ArrayBuffer> };

/** An answer, or why there is none: a redirect or a body over the size cap refused, or a transport failure. */
export type Received = Answer | { failure: ErrorFacts; response?: undefined };

/** The default cap on a response body: far above any page these APIs return. */
export const defaultMaxResponseBytes = 16 * 1024 * 1024;

function redirectFacts(response: Response, from: string): ErrorFacts {
  // note: only the origin is kept; a Location can echo the signed query back
  let origin = 'a location the browser does not reveal';
  try {
    if (response.type !== 'opaqueredirect') origin = new URL(response.headers.get('location') ?? '', from).origin;
  } catch {
    origin = 'an unreadable location';
  }
  const status = response.status || undefined;
  const message = `the service redirected${status ? ` (HTTP ${status})` : ''} to ${origin}; the client never follows redirects, so no credential reaches another server`;
  return { kind: 'redirect', status, redirectTo: origin, message };
}

/** The whole body, or undefined as soon as it grows past `maxBytes`. */
export async function readBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body?.getReader();
  for (let next = await reader?.read(); reader && next && !next.done; next = await reader.read()) {
    if ((size += next.value.byteLength) > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(next.value);
  }
  const whole = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

/** The answer as a Response again, for openapi-fetch and its middleware; an empty body goes on as none (a 204 or 304 with one throws). */
export function asResponse({ response, body }: Answer): Response {
  const { status, statusText, headers } = response;
  return new Response(body.byteLength ? body : null, { status, statusText, headers });
}

/**
 * The request as a URL and plain init, the one call form every fetch accepts: undici's own
 * `fetch` (the proxy recipe) cannot read a Request built by the global class, and would fail
 * with "Failed to parse URL from [object Request]". The body is read whole: these are small JSON
 * bodies, and bytes need no `duplex` option.
 */
async function sendable(request: Request, signal?: AbortSignal): Promise<RequestInit> {
  const init: RequestInit = { method: request.method, headers: request.headers, redirect: 'manual' };
  if (request.body) init.body = await request.arrayBuffer();
  if (signal) init.signal = signal;
  return init;
}

/**
 * One request and its whole response. Redirects are refused, never followed: a redirect would
 * carry the token or security-token headers (and a 307 the body) to wherever it points. The body
 * is read here, capped, so a failure while it arrives (a reset, the timeout, an abort) rejects
 * here too, where the caller classifies it.
 */
export async function exchange(fetch: typeof globalThis.fetch, request: Request, maxBytes: number, signal?: AbortSignal): Promise<Received> {
  const response = await fetch(request.url, await sendable(request, signal));
  const { status } = response;
  if (response.type === 'opaqueredirect' || (status > 299 && status < 400 && response.headers.has('location'))) {
    await response.body?.cancel().catch(() => undefined);
    return { failure: redirectFacts(response, request.url) };
  }
  const body = await readBody(response.body, maxBytes);
  if (body) return { response, body };
  return { failure: { kind: 'invalid-response', status, message: `the ${status} response body is larger than maxResponseBytes (${maxBytes} bytes)` } };
}
