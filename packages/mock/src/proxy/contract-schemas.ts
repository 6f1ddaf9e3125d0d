// The contract as the drift check reads it: the whole OpenAPI document, `$ref`s followed on
// demand, and where in it each operation documents the body of each status. Nothing here names
// an API or a field; whatever the contract says flows through.
import { follow, isJsonMediaType, nodeAt } from '../contract-index.js';

export type Json = unknown;
export type SchemaNode = Record<string, unknown>;
export type OpenApiDocument = { paths?: Record<string, Record<string, unknown>>; servers?: { url: string; variables?: Record<string, unknown> }[] };

export const escapePointer = (part: string): string => part.replace(/~/g, '~0').replace(/\//g, '~1');

/** What an operation documents for one status: the media types and, per JSON one, the schema's pointer. */
export interface DocumentedResponse {
  /** the status key the answer matched: `404`, `4XX` or `default` */
  key: string;
  /** JSON pointer of the JSON body's schema; undefined when the response documents no JSON body */
  schemaPointer: string | undefined;
  mediaTypes: string[];
}

export interface ContractOperationRef {
  operationId: string;
  method: string;
  path: string;
  /** the operation object's JSON pointer */
  pointer: string;
}

/** Every operation of the document with its pointer, in the document's order. */
export function operationsOf(doc: OpenApiDocument): ContractOperationRef[] {
  const operations: ContractOperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      const id = (operation as { operationId?: unknown } | null)?.operationId;
      if (typeof id !== 'string') continue;
      operations.push({ operationId: id, method: method.toUpperCase(), path, pointer: `/paths/${escapePointer(path)}/${method}` });
    }
  }
  return operations;
}

/** The response an operation documents for `status` (exact, then `4XX`, then `default`); undefined when none. */
export function documentedResponse(doc: OpenApiDocument, operation: ContractOperationRef, status: number): DocumentedResponse | undefined {
  const { node } = follow(doc, nodeAt(doc, operation.pointer), operation.pointer);
  const responses = (node as { responses?: Record<string, Json> }).responses ?? {};
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((candidate) => Object.hasOwn(responses, candidate));
  if (key === undefined) return undefined;
  const response = follow(doc, responses[key], `${operation.pointer}/responses/${escapePointer(key)}`);
  const content = ((response.node as { content?: Record<string, Json> }).content ?? {}) as Record<string, Json>;
  const mediaTypes = Object.keys(content);
  const json = mediaTypes.find(isJsonMediaType);
  const schemaPointer =
    json !== undefined && (content[json] as { schema?: Json }).schema !== undefined ? `${response.pointer}/content/${escapePointer(json)}/schema` : undefined;
  return { key, schemaPointer, mediaTypes };
}
