// The API's own error shape, taken from the contract: a documented error example whose message
// and request id are replaced. The front names no API; what a refusal looks like comes from the
// examples each contract documents for its error statuses.
import { randomUUID } from 'node:crypto';
import type { ContractOperation, OpenApiDoc } from './routes.js';

type Json = unknown;

export interface DocumentedExample {
  mediaType: string;
  /** undefined for a media type's single `example` */
  name: string | undefined;
  value: Json;
}

/** Every example a response documents, per media type: its single `example`, else its named `examples`. */
export function examplesOf(doc: OpenApiDoc, response: unknown): DocumentedExample[] {
  const resolved = resolve(doc, response) as { content?: Record<string, { example?: Json; examples?: Record<string, unknown> }> } | undefined;
  return Object.entries(resolved?.content ?? {}).flatMap(([mediaType, media]): DocumentedExample[] =>
    media.example !== undefined
      ? [{ mediaType, name: undefined, value: media.example }]
      : Object.entries(media.examples ?? {}).map(([name, example]) => ({
          mediaType,
          name,
          value: (resolve(doc, example) as { value?: Json } | undefined)?.value,
        })),
  );
}

/** Follows one local `$ref` (bundles keep shared responses and examples under components). */
export function resolve(doc: OpenApiDoc, node: unknown): unknown {
  const ref = (node as { $ref?: unknown } | undefined)?.$ref;
  // Stryker disable next-line StringLiteral: an external ref resolves to nothing either way
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
      const example = examplesOf(doc, candidate.responses?.[wanted]).find(
        ({ mediaType, value }) => mediaType === 'application/json' && typeof value === 'object' && value !== null,
      );
      if (example) return example.value;
    }
  }
  return undefined;
}

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
export function errorBody(doc: OpenApiDoc | undefined, operation: ContractOperation | undefined, status: number, message: string): Json {
  const template = templateFor(doc, operation, status);
  const done = { message: false };
  const oldId = requestIdOf(template);
  const requestId = randomUUID();
  const body = fill(template, message, (text) => (oldId ? text.split(oldId).join(requestId) : text), done);
  return done.message ? body : { message };
}
