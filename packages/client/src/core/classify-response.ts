import type { OperationSpec } from './operation-table.js';
import type { AttemptOutcome, ErrorFacts, VendorAdapter } from './types.js';
import { assertMatchesSchema } from './validate-input.js';

/**
 * A response as openapi-fetch hands it on, after the caller's middleware: the body as text on
 * success, and on an error status the body openapi-fetch read (parsed when it is JSON).
 */
export type Delivered = { response: Response; text: string | undefined; error: unknown };

/**
 * What a received response means: the vendor's error for a non-2xx status, or for a 2xx body
 * that says failure; `invalid-response` for a body that is not JSON or not the contract's shape;
 * otherwise the parsed data.
 */
export function classifyResponse(adapter: VendorAdapter, spec: OperationSpec, { response, text, error }: Delivered): AttemptOutcome {
  const { status, headers } = response;
  const fail = (failure: ErrorFacts): AttemptOutcome => ({ failure, response });
  // a non-2xx body that is not JSON (an error page, say) still reaches the vendor's reader as text
  if (!response.ok) return fail(adapter.errorFromResponse(status, error === '' ? undefined : error, headers));
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    return fail({ kind: 'invalid-response', status, message: `the ${status} response body is not JSON` });
  }
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
