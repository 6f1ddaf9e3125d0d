// The API's own error shape, taken from the contract: a documented error example whose message
// and request id are replaced. The mock names no API; what a refusal looks like comes from the
// examples each contract documents for its error statuses (found by src/contract-index.js).
import { randomUUID } from 'node:crypto';
import type { ContractIndex, IndexedOperation } from './contract-index.js';

type Json = unknown;

/** The documented example to shape a refusal of `status` on: the operation's own, else any operation's, else a 400's likewise. */
const templateFor = (contract: ContractIndex | undefined, operation: IndexedOperation | undefined, status: number): Json =>
  operation?.errorBodies[status] ?? contract?.errorBodies[status] ?? operation?.errorBodies['400'] ?? contract?.errorBodies['400'];

const messageKey = /^(message|error_msg|errmsg)$/i;
const requestIdKey = /^request_?id$/i;

/** The value of the example's first request-id field, wherever it sits. */
function requestIdOf(template: Json): string | undefined {
  if (typeof template !== 'object' || template === null) return undefined;
  for (const [key, value] of Object.entries(template)) {
    const found = typeof value === 'string' && requestIdKey.test(key) ? value : requestIdOf(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A copy of `template` with the first message field set to `message` and, in every string,
 * the example's request id swapped for a fresh one (it also appears inside other fields, such
 * as a troubleshooting link); true in `done` once a message was placed.
 */
function fill(template: Json, message: string, swapId: (text: string) => string, done: { message: boolean }): Json {
  if (typeof template === 'string') return swapId(template);
  if (Array.isArray(template)) return template.map((item) => fill(item, message, swapId, done));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    if (typeof value === 'string' && messageKey.test(key) && !done.message) {
      out[key] = message;
      done.message = true;
    } else out[key] = fill(value, message, swapId, done);
  }
  return out;
}

/** The body of a refusal in the API's own shape; `{ message }` when the contract documents none. */
export function errorBody(contract: ContractIndex | undefined, operation: IndexedOperation | undefined, status: number, message: string): Json {
  const template = templateFor(contract, operation, status);
  const done = { message: false };
  const oldId = requestIdOf(template);
  const requestId = randomUUID();
  const body = fill(template, message, (text) => (oldId ? text.split(oldId).join(requestId) : text), done);
  return done.message ? body : { message };
}
