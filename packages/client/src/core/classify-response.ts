import type { Answer } from './exchange.js';
import type { OperationSpec } from './operation-table.js';
import type { AttemptOutcome, ErrorFacts, VendorAdapter } from './types.js';
import { assertMatchesSchema } from './validate-input.js';

const utf8 = new TextDecoder();

/**
 * What a received response means: the vendor's error for a non-2xx status, or for a 2xx body
 * that says failure; `invalid-response` for a body that is not JSON or not the contract's shape;
 * otherwise the parsed data.
 */
export function classifyResponse(adapter: VendorAdapter, spec: OperationSpec, { response, body }: Answer): AttemptOutcome {
  const { status, headers } = response;
  const fail = (failure: ErrorFacts): AttemptOutcome => ({ failure, response });
  const text = utf8.decode(body);
  let data: unknown;
  let json = true;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // kept as text: a non-2xx body that is not JSON (an error page, say) still reaches the vendor's reader
    data = text;
    json = false;
  }
  if (!response.ok) return fail(adapter.errorFromResponse(status, data, headers));
  if (!json) return fail({ kind: 'invalid-response', status, message: `the ${status} response body is not JSON` });
  const unsuccessful = adapter.errorFromSuccessBody?.(data, headers);
  if (unsuccessful) return fail(unsuccessful);
  const shape = spec.returns?.[status];
  if (!shape) return { data, response };
  if (data === undefined) return fail({ kind: 'invalid-response', status, message: `the ${status} response has no body, though the contract promises one` });
  try {
    assertMatchesSchema(data, shape, 'body');
  } catch (mismatch) {
    return fail({
      kind: 'invalid-response',
      status,
      body: data,
      message: `the ${status} response does not match the contract: ${(mismatch as Error).message}`,
    });
  }
  return { data, response };
}
