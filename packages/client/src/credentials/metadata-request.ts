// One request to an instance metadata service (link-local, so no proxy and a short timeout).
// A failure names the path and status, never the body, which may hold credentials.

export interface MetadataOptions {
  /** the metadata service's origin; the vendor's link-local address unless given (a local stand-in in tests) */
  endpoint?: string;
  /** a fetch implementation; default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** per request; default 1000 ms, as the vendors' SDKs wait */
  timeoutMs?: number;
}

/** Sends one metadata request and resolves to its body as text; rejects with an Error naming the path. */
export async function metadataRequest(
  service: string,
  options: MetadataOptions & { endpoint: string },
  method: 'GET' | 'PUT',
  path: string,
  headers: Record<string, string>,
): Promise<string> {
  const fetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetch(`${options.endpoint.replace(/\/+$/, '')}${path}`, { method, headers, signal: AbortSignal.timeout(options.timeoutMs ?? 1000) });
  } catch (cause) {
    throw new Error(`the ${service} at ${options.endpoint} did not answer ${method} ${path}`, { cause });
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`the ${service} answered HTTP ${response.status} to ${method} ${path}`);
  return text;
}

/** A JSON body's object, or an Error naming the path (never quoting the text, which may hold a secret). */
export function parseMetadataJson(service: string, path: string, text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {}
  throw new Error(`the ${service}'s answer to ${path} is not a JSON object`);
}
