import { classifyResponse } from './classify-response.js';
import { CloudApiError } from './errors.js';
import type { OperationSpec } from './operation-table.js';
import { maxTimerMs } from './options.js';
import { delayFor, type FailedAttempt, shouldRetry } from './retry-policy.js';
import { sendAttempt } from './send-attempt.js';
import type { ApiResult, CallInput, ClientContext } from './types.js';
import { validateCall } from './validate-call.js';

/** Resolves true after `ms` (at most {@link maxTimerMs}), or false as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (slept: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(slept);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(done, Math.min(ms, maxTimerMs), true);
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
  });
}

/**
 * One operation call: validate, send, classify; a failure the retry policy allows is sent again
 * after the delay it chooses. `linkQuery`: a next-page link's query (see validateCall).
 */
export async function callOperation(
  ctx: ClientContext,
  operationId: string,
  spec: OperationSpec,
  input: CallInput = {},
  linkQuery?: Record<string, string>,
): Promise<ApiResult<unknown, CloudApiError>> {
  const call = validateCall(ctx, spec, input, linkQuery);
  for (let attempts = 1; ; attempts++) {
    const sent = await sendAttempt(ctx, spec, call);
    const outcome = 'failure' in sent ? sent : classifyResponse(ctx, spec, sent);
    if (!outcome.failure) return outcome;
    let { failure, response } = outcome;
    const headers = response?.headers;
    const attempt: FailedAttempt = {
      method: spec.method,
      failure,
      attempts,
      retryAfter: headers?.get('retry-after'),
      acsRetryAfter: headers?.get('x-acs-retry-after'),
    };
    if (call.retry && shouldRetry(call.retry, attempt)) {
      if (await sleep(delayFor(call.retry, attempt), call.signal)) continue;
      failure = { kind: 'aborted', message: 'the call was aborted by the caller while waiting to retry', cause: call.signal?.reason };
      response = undefined;
    }
    return { error: new CloudApiError({ ...failure, vendor: ctx.vendor, operationId, attempts }), response };
  }
}
