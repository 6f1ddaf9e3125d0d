import { classifyResponse } from './classify-response.js';
import { CloudApiError } from './errors.js';
import type { OperationSpec } from './operation-table.js';
import { maxTimerMs } from './options.js';
import { clockNow } from '../signing/clock.js';
import { delayFor, type FailedAttempt, isClockSkew, noRetryPolicy, shouldRetry } from './retry-policy.js';
import { sendAttempt } from './send-attempt.js';
import type { ApiResult, CallInput, ClientContext, ErrorFacts } from './types.js';
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

/** For a refusal the vendor gives for a signing time: the answer's `Date` minus the client's clock, else undefined. */
function clockOffsetOf(ctx: ClientContext, failure: ErrorFacts, response: Response | undefined): number | undefined {
  const serverDate = Date.parse(response?.headers.get('date') ?? '');
  if (!ctx.isClockRefusal?.(failure) || Number.isNaN(serverDate)) return undefined;
  return serverDate - clockNow(ctx.clock);
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
  let clockCorrected = false;
  for (let attempts = 1; ; attempts++) {
    const sent = await sendAttempt(ctx, spec, call);
    const outcome = 'failure' in sent ? sent : classifyResponse(ctx, spec, sent);
    if (!outcome.failure) return outcome;
    let { failure, response } = outcome;
    const attempt: FailedAttempt = {
      method: spec.method,
      failure,
      attempts,
      retryAfter: response?.headers.get('retry-after'),
      clockOffsetMs: clockOffsetOf(ctx, failure, response),
      clockCorrected,
    };
    const policy = call.retry || noRetryPolicy;
    if (shouldRetry(policy, attempt)) {
      // the clock is corrected for this client's later calls too
      if (isClockSkew(attempt) && !clockCorrected) {
        ctx.clock.offsetMs += attempt.clockOffsetMs!;
        clockCorrected = true;
      }
      if (await sleep(delayFor(policy, attempt), call.signal)) continue;
      failure = { kind: 'aborted', message: 'the call was aborted by the caller while waiting to retry', cause: call.signal?.reason };
      response = undefined;
    }
    return { error: new CloudApiError({ ...failure, vendor: ctx.vendor, operationId, attempts }), response };
  }
}
