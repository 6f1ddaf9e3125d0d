import { requireExtraHeader, requireHeaderValue } from './extra-headers.js';
import { callInputNames, requireKnownNames } from './known-options.js';
import type { OperationSpec } from './operation-table.js';
import { requirePathSegment, requireTimeout, resolveRetryPolicy } from './options.js';
import type { CallInput, ClientContext } from './types.js';
import { assertMatchesSchema } from './validate-input.js';

/** A call whose input passed every check: what each attempt sends, and under which limits. */
export type CheckedCall = ReturnType<typeof validateCall>;

/**
 * Checks a call's input against the contract and the client's own rules, then adds the
 * parameters the client fills in; a ClientInputError names the first bad field, and nothing is
 * sent. `linkQuery`: a next-page link's query, sent as the service wrote it (unchecked, it is
 * the service's own cursor).
 */
export function validateCall(ctx: ClientContext, spec: OperationSpec, input: CallInput, linkQuery?: Record<string, string>) {
  assertMatchesSchema(input, { type: 'object' }, 'input');
  requireKnownNames(input, callInputNames, '', 'is not defined by the contract, nor a call option');
  const { signal, timeoutMs = ctx.timeoutMs, retry, path = {}, query = {}, headers = {}, ...rest } = input;
  assertMatchesSchema(headers, { type: 'object' }, 'headers');
  // a header the contract declares is checked against it; any other is the caller's extra one
  const declared = (spec.input as { properties?: { headers?: { properties?: object } } }).properties?.headers?.properties ?? {};
  const contractHeaders: Record<string, unknown> = {};
  for (const name in headers) {
    const value = headers[name];
    if (!Object.hasOwn(declared, name)) requireExtraHeader(name, value);
    else {
      if (typeof value === 'string') requireHeaderValue(name, value);
      contractHeaders[name] = value;
    }
  }
  assertMatchesSchema({ path, query, headers: contractHeaders, ...rest }, spec.input, '');
  for (const name in path) requirePathSegment(path[name], `path.${name}`);
  const auto = ctx.autoParams(spec);
  return {
    params: { path: { ...path, ...auto.path }, query: { ...query, ...linkQuery, ...auto.query }, header: { ...headers, ...auto.header } },
    body: rest.body,
    signal,
    timeoutMs: requireTimeout(timeoutMs),
    retry: resolveRetryPolicy(retry, ctx.retry),
  };
}
