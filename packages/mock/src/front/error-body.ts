// The API's own error shape, taken from the contract: a documented error example whose message
// and request id are replaced. The front names no API; what a refusal looks like comes from the
// examples each contract documents for its error statuses.
import { randomUUID } from 'node:crypto';
import type { ContractOperation, OpenApiDoc } from './routes.js';

type Json = unknown;

function examplesOf(doc: OpenApiDoc, response: unknown): Json[] {
  const resolved = resolve(doc, response) as { content?: Record<string, { example?: Json; examples?: Record<string, unknown> }> } | undefined;
  const media = resolved?.content?.['application/json'];
  if (!media) return [];
  if (media.example !== undefined) return [media.example];
  return Object.values(media.examples ?? {}).map((example) => (resolve(doc, example) as { value?: Json } | undefined)?.value);
}

/** Follows one local `$ref` (bundles keep shared responses and examples under components). */
export function resolve(doc: OpenApiDoc, node: unknown): unknown {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let value: unknown = doc;
  for (const part of ref.slice(2).split('/')) value = (value as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return value;
}

/** The documented example to shape a refusal of `status` on: the operation's own, else any operation's, else any 4xx. */
function templateFor(doc: OpenApiDoc | undefined, operation: ContractOperation | undefined, status: number): Json {
  if (!doc) return undefined;
  const operations = Object.values(doc.paths ?? {}).flatMap((item) => Object.values(item ?? {})) as ContractOperation[];
  const candidates = [operation, ...operations].filter(Boolean) as ContractOperation[];
  for (const wanted of [String(status), '400']) {
    for (const candidate of candidates) {
      const example = examplesOf(doc, candidate.responses?.[wanted]).find((value) => typeof value === 'object' && value !== null);
      if (example) return example;
    }
  }
  return undefined;
}

const messageKey = /^(message|error_msg|errmsg)$/i;
const requestIdKey = /^request_?id$/i;

/** A copy of `template` with its message and request id replaced; true in `done` once a message was placed. */
function fill(template: Json, message: string, requestId: string, done: { message: boolean }): Json {
  if (Array.isArray(template)) return template.map((item) => fill(item, message, requestId, done));
  if (typeof template !== 'object' || template === null) return template;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    if (typeof value === 'string' && messageKey.test(key) && !done.message) {
      out[key] = message;
      done.message = true;
    } else if (typeof value === 'string' && requestIdKey.test(key)) out[key] = requestId;
    else out[key] = fill(value, message, requestId, done);
  }
  return out;
}

/** The body of a refusal in the API's own shape; `{ message }` when the contract documents none. */
export function errorBody(doc: OpenApiDoc | undefined, operation: ContractOperation | undefined, status: number, message: string): Json {
  const template = templateFor(doc, operation, status);
  const done = { message: false };
  const requestId = randomUUID();
  // the example's own request id also appears inside other fields (a troubleshooting link)
  const oldId = JSON.stringify(template ?? {}).match(/"request_?id"\s*:\s*"([^"]+)"/i)?.[1];
  const source = oldId ? JSON.parse(JSON.stringify(template).split(oldId).join(requestId)) : template;
  const body = source === undefined ? undefined : fill(source, message, requestId, done);
  return done.message ? body : { message };
}
