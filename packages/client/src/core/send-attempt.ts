import type { Delivered } from './classify-response.js';
import { isCloudApiError } from './errors.js';
import { asResponse, exchange, type Received } from './exchange.js';
import type { OperationSpec } from './operation-table.js';
import { type AttemptInfo, prepareRequest } from './prepare-request.js';
import type { ClientContext, ErrorFacts } from './types.js';
import type { CheckedCall } from './validate-call.js';

const utf8 = new TextDecoder();

/** What an attempt records as it is sent. */
export interface SentFacts {
  path?: string;
  clockOffsetMs?: number;
}

/**
 * One attempt of a call: openapi-fetch builds the request and runs the middleware, then the
 * caller's hook runs and the request is signed anew; the exchange sends it under the
 * per-attempt timer and the caller's signal. Resolves to the response as openapi-fetch delivers
 * it after the middleware (which may answer in place of the service), or to the facts of a
 * refusal or a transport failure. `sent.path` records the path sent, for the attempt's log line,
 * and `sent.clockOffsetMs` the signing clock's offset this attempt was signed with.
 */
export async function sendAttempt(
  ctx: ClientContext,
  spec: OperationSpec,
  call: CheckedCall,
  info: AttemptInfo,
  sent: SentFacts = {},
): Promise<Delivered | { failure: ErrorFacts; response?: undefined }> {
  // a plain timer, cleared once the exchange ends: AbortSignal.timeout keeps each timer alive for the whole timeout
  const timer = new AbortController();
  const clock = setTimeout(() => timer.abort(), call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timer.signal]) : timer.signal;
  let received: Received | undefined;
  let built: Response | undefined;
  let failed = false;
  // openapi-fetch and the caller's middleware get the answer rebuilt from the bytes read (its url
  // empty: the signed query of an RPC V2 call never rides along on a result)
  const fetch = async (request: Request) => {
    // read before signing: another call may correct the clock while this one is out
    sent.clockOffsetMs = ctx.clock.offsetMs;
    // a throwing hook or signer is the caller's or the client's bug, not a transport failure
    const signed = await prepareRequest(ctx.auth, ctx.hooks, request, info);
    sent.path = new URL(signed.url).pathname;
    try {
      received = await exchange(ctx.fetch, signed, ctx.maxResponseBytes, signal);
    } catch (cause) {
      failed = true;
      throw cause;
    }
    // a refused answer (redirect, oversized body) reaches openapi-fetch as the failure it is
    if (!received.response) throw new Error(received.failure.message);
    await ctx.hooks?.afterResponse?.(asResponse(received), info);
    return (built = asResponse(received));
  };
  try {
    // 'stream': a success body is left unread, as the bytes are in hand already (unless the
    // middleware answered or replaced the answer; then its body is read here)
    const options = { params: call.params, body: call.body, parseAs: 'stream' as const, fetch };
    const { error, response } = await ctx.http.request(spec.method.toLowerCase() as 'get', spec.path, options);
    if (!response.ok) return { response, text: undefined, error };
    const text = response === built && received?.response ? utf8.decode(received.body) : await response.text();
    return { response, text, error: undefined };
  } catch (cause) {
    if (received && !received.response) return received;
    // the auth middleware found no credentials to sign with (its provider failed): nothing was sent
    if (isCloudApiError(cause) && cause.kind === 'credentials') return { failure: { kind: cause.kind, message: cause.message, cause: cause.cause } };
    // only a failure of the exchange (connect, headers or body) is a transport failure; anything else thrown is a bug
    if (!failed) throw cause;
    if (call.signal?.aborted) return { failure: { kind: 'aborted', message: 'the call was aborted by the caller', cause: call.signal.reason } };
    if (timer.signal.aborted) return { failure: { kind: 'timeout', message: `no complete response within ${call.timeoutMs} ms` } };
    return { failure: { kind: 'network', message: `the exchange with the service failed: ${(cause as Error).message ?? cause}`, cause } };
  } finally {
    clearTimeout(clock);
  }
}
