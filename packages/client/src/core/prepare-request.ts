// The last steps before the wire, for typed and raw calls alike: the caller's hook, then signing.
// Signing comes after every openapi-fetch middleware (the caller's `raw.use()` ones included), on
// a copy of the request, so no middleware ever sees a credential header or a signed query.
import type { Middleware, MiddlewareCallbackParams } from 'openapi-fetch';

/** Which call and attempt a hook is called for; `raw` for a call through the raw client. */
export interface AttemptInfo {
  /** the operation, e.g. `countBackupShares`, or `raw` */
  operationId: string;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

/** Caller code run on every attempt, in this order: beforeSign, signing, the exchange, afterResponse. */
export interface ClientHooks {
  /** sees (and may change) the request before it is signed; returning a Request sends that one instead. Headers it adds are signed with the rest (Huawei AK/SK signs every header). */
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that only sets a header returns nothing
  beforeSign?(request: Request, info: AttemptInfo): Request | void | Promise<Request | void>;
  /** sees each response as it arrived (a copy, its body readable), before the client reads it */
  afterResponse?(response: Response, info: AttemptInfo): void | Promise<void>;
}

/** Runs the caller's beforeSign hook, then signs a copy with the vendor's signer. */
export async function prepareRequest(auth: Middleware, hooks: ClientHooks | undefined, request: Request, info: AttemptInfo): Promise<Request> {
  const changed = (await hooks?.beforeSign?.(request, info)) ?? request;
  const copy = changed.clone();
  // note: the vendors' signers read only the request, and answer with the signed request
  const signed = await auth.onRequest?.({ request: copy } as MiddlewareCallbackParams & { request: Request });
  return (signed as Request | undefined) || copy;
}
