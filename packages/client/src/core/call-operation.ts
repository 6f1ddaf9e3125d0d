import { logAttempt } from './attempt-log.js';
import { classifyResponse } from './classify-response.js';
import { CloudApiError } from './errors.js';
import type { OperationSpec } from './operation-table.js';
import { maxTimerMs } from './options.js';
import { clockNow } from '../signing/clock.js';
import { delayFor, type FailedAttempt, isClockSkew, noRetryPolicy, shouldRetry } from './retry-policy.js';
import { type SentFacts, sendAttempt } from './send-attempt.js';
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

/**
 * For a refusal the vendor gives for a signing time: the answer's `Date` minus the clock the
 * attempt was signed on (not the current one, which a concurrent call may have corrected), else undefined.
 */
function clockOffsetOf(ctx: ClientContext, failure: ErrorFacts, response: Response | undefined, signedOffsetMs: number): number | undefined {
  const serverDate = Date.parse(response?.headers.get('date') ?? '');
  if (!ctx.isClockRefusal?.(failure) || Number.isNaN(serverDate)) return undefined;
  return serverDate - clockNow({ offsetMs: signedOffsetMs });
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
  const policy = call.retry || noRetryPolicy;
  let clockCorrected = false;
  for (let attempts = 1; ; attempts++) {
    const started = performance.now();
    const sent: SentFacts = {};
    const delivered = await sendAttempt(ctx, spec, call, { operationId, attempt: attempts }, sent);
    const outcome = 'failure' in delivered ? delivered : classifyResponse(ctx, spec, delivered);
    const { failure, response } = outcome;
    // the offset this attempt was signed with (the current one when the middleware answered unsent)
    const signedOffsetMs = sent.clockOffsetMs ?? ctx.clock.offsetMs;
    const requestId = failure ? failure.requestId : ctx.requestIdFrom?.(outcome.response.headers, outcome.data);
    const attempt: FailedAttempt | undefined = failure && {
      method: spec.method,
      failure,
      attempts,
      retryAfter: response?.headers.get('retry-after'),
      acsRetryAfter: response?.headers.get('x-acs-retry-after'),
      clockOffsetMs: clockOffsetOf(ctx, failure, response, signedOffsetMs),
      clockCorrected,
    };
    const retrying = !!attempt && shouldRetry(policy, attempt);
    if (ctx.logger) {
      const durationMs = Math.round(performance.now() - started);
      const facts = { status: response?.status, kind: failure?.kind, code: failure?.code, attempt: attempts, durationMs, requestId, retrying };
      logAttempt(ctx.logger, { vendor: ctx.vendor, operationId, method: spec.method, path: sent.path, ...facts });
    }
    if (!failure) return { ...outcome, requestId };
    // the clock is corrected for this client's later calls too; set, not added to, as concurrent
    // refusals of calls signed on the same clock each find the same offset (the policy retries a
    // skew refusal only while this call has not corrected it yet)
    if (retrying && isClockSkew(attempt!)) {
      ctx.clock.offsetMs = signedOffsetMs + attempt!.clockOffsetMs!;
      clockCorrected = true;
    }
    if (retrying && (await sleep(delayFor(policy, attempt!), call.signal))) continue;
    const ended = retrying ? { kind: 'aborted', message: 'the call was aborted by the caller while waiting to retry', cause: call.signal?.reason } : failure;
    const error = new CloudApiError({ ...ended, vendor: ctx.vendor, operationId, attempts });
    return { error, response: retrying ? undefined : response, requestId: error.requestId };
  }
}
