import type { ErrorFacts } from './types.js';

/** Why the client refused a response it received: a redirect, or a body over the size cap. */
export class RefusedResponse extends Error {
  constructor(readonly facts: ErrorFacts) {
    super(facts.message);
  }
}

/** A response and its whole body. */
export interface Received {
  readonly response: Response;
  readonly body: Uint8Array<ArrayBuffer>;
}

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
  return {
    kind: 'redirect',
    status,
    redirectTo: origin,
    message: `the service redirected${status ? ` (HTTP ${status})` : ''} to ${origin}; the client never follows redirects, so no credential reaches another server`,
  };
}

/** Reads the body whole, but never more than `maxBytes` of it. */
async function readBody(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); reader && next && !next.done; next = await reader.read()) {
    if ((size += next.value.byteLength) > maxBytes) {
      await reader.cancel().catch(() => undefined);
      const { status } = response;
      throw new RefusedResponse({
        kind: 'invalid-response',
        status,
        message: `the ${status} response body is larger than maxResponseBytes (${maxBytes} bytes)`,
      });
    }
    chunks.push(next.value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/**
 * One request and its whole response. Redirects are refused, never followed: a redirect would
 * carry the token or security-token headers (and a 307 the body) to wherever it points. The body
 * is read here, capped, so a failure while it arrives (a reset, the timeout, an abort) rejects
 * here too, where the caller classifies it.
 */
export async function exchange(fetch: typeof globalThis.fetch, request: Request, maxBytes: number, signal?: AbortSignal): Promise<Received> {
  const response = await fetch(request, signal ? { redirect: 'manual', signal } : { redirect: 'manual' });
  if (response.type === 'opaqueredirect' || (response.status > 299 && response.status < 400 && response.headers.has('location'))) {
    await response.body?.cancel().catch(() => undefined);
    throw new RefusedResponse(redirectFacts(response, request.url));
  }
  return { response, body: await readBody(response, maxBytes) };
}
