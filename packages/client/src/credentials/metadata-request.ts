// One request to an instance metadata service (link-local, so no proxy and a short timeout).
// A failure names the path and status, never the body, which may hold credentials.
import { readBody } from '../core/exchange.js';
import { requireTimeout } from '../core/options.js';

// metadata answers are a few hundred bytes; a larger body is not the metadata service
const maxMetadataBytes = 64 * 1024;
const utf8 = new TextDecoder();

/** What failures call the service: Huawei's and Alibaba's both answer for an ECS instance. */
export const metadataService = 'ECS metadata service';

export interface MetadataOptions {
  /** the metadata service's origin; the vendor's link-local address unless given (a local stand-in in tests) */
  endpoint?: string;
  /** a fetch implementation; default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** per request; default 1000 ms, as the vendors' SDKs wait */
  timeoutMs?: number;
}

/** The options with the vendor's endpoint filled in and `timeoutMs` checked (a ClientInputError naming it), once, when the provider is made. */
export function metadataTarget<T extends MetadataOptions>(options: T, endpoint: string): T & { endpoint: string; timeoutMs: number } {
  return { ...options, endpoint: options.endpoint ?? endpoint, timeoutMs: requireTimeout(options.timeoutMs ?? 1000) };
}

/** Sends one metadata request and resolves to its body as text; rejects with an Error naming the path. */
export async function metadataRequest(
  options: MetadataOptions & { endpoint: string; timeoutMs: number },
  method: 'GET' | 'PUT',
  path: string,
  headers: Record<string, string>,
): Promise<string> {
  const fetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  let body: Uint8Array | undefined;
  try {
    // 'manual': a redirect would carry the metadata token to wherever it points
    const init: RequestInit = { method, headers, redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs) };
    response = await fetch(`${options.endpoint.replace(/\/+$/, '')}${path}`, init);
    body = response.status > 299 && response.status < 400 ? undefined : await readBody(response.body, maxMetadataBytes);
  } catch (cause) {
    throw new Error(`the ${metadataService} at ${options.endpoint} did not answer ${method} ${path}`, { cause });
  }
  const { status } = response;
  if (status === 0 || (status > 299 && status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`the ${metadataService} redirected ${method} ${path}; metadata redirects are never followed`);
  }
  if (!response.ok) throw new Error(`the ${metadataService} answered HTTP ${status} to ${method} ${path}`);
  if (!body) throw new Error(`the ${metadataService}'s answer to ${method} ${path} is larger than ${maxMetadataBytes} bytes`);
  return utf8.decode(body);
}

/** A JSON body's object, or an Error naming the path (never quoting the text, which may hold a secret). */
export function parseMetadataJson(path: string, text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {}
  throw new Error(`the ${metadataService}'s answer to ${path} is not a JSON object`);
}
