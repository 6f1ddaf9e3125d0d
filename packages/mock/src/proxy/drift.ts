// Checks an answer against what the contract documents for its operation and status, strictly:
// a JSON Schema 2020-12 validator (OpenAPI 3.1 schemas are 2020-12 schemas) for types, formats,
// required fields and enums, and a walk of the body for fields the schema does not list, which
// a schema that lets more through never reports. Each difference is one finding.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { follow, isJsonMediaType, nodeAt } from '../contract-index.js';
import { type ContractOperationRef, documentedResponse, escapePointer, type Json, type OpenApiDocument, type SchemaNode } from './contract-schemas.js';

/** What kind of difference a finding is; the `upstream-*` kinds are answers the proxy could not relay. */
export type DriftKind =
  | 'undocumented-status'
  | 'undocumented-field'
  | 'wrong-type'
  | 'wrong-format'
  | 'missing-field'
  | 'enum-value'
  | 'schema-mismatch'
  | 'error-shape'
  | 'undocumented-media-type'
  | 'not-json'
  | 'upstream-timeout'
  | 'upstream-reset'
  | 'upstream-too-large'
  | 'upstream-redirect'
  | 'upstream-unreachable';

/** One way an answer differs from the contract (or could not be checked), as printed and written to the report. */
export interface DriftFinding {
  /** the API's registry name */
  api: string;
  /** the operationId, or `METHOD path` for a request the contract has no operation for */
  operation: string;
  /** the upstream's status; absent when it gave none */
  status?: number;
  /** what kind of difference it is */
  kind: DriftKind;
  /** JSON pointer into the answer's body ("" for the whole answer) */
  pointer: string;
  /** what the contract says there */
  contract: string;
  /** what the upstream sent there, truncated */
  seen: string;
}

// note: ajv-formats ships CommonJS; under ESM its function may arrive wrapped in `default`
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

/** Longest value text a finding carries: enough to recognise it, never a whole body. */
export const shownLength = 60;
/** Fields whose values are never shown, whatever the upstream put there. */
const secretKey = /token|secret|signature|password|credential|authorization/i;

/** Masks the value of every field named like a secret, however deep it sits. */
const maskSecrets = (name: string, value: unknown): unknown => (name !== '' && secretKey.test(name) ? '<masked>' : value);

/** A value as a finding shows it: JSON with secret fields masked at any depth, cut to {@link shownLength} characters. */
export function shown(value: Json, key = ''): string {
  if (value === undefined) return 'absent';
  if (secretKey.test(key)) return '<masked>';
  const text = JSON.stringify(value, maskSecrets) ?? String(value);
  return text.length > shownLength ? `${text.slice(0, shownLength)}…` : text;
}

/** The field a pointer names: its last part that is not an array index (an item of `/tokens/1` is a token). */
export const fieldOf = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .reverse()
    .find((part) => !/^\d+$/.test(part)) ?? '';

const typeOf = (value: Json): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' && Number.isInteger(value) ? 'integer' : typeof value;

const integerFormats = {
  int32: (value: number) => Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31,
  int64: (value: number) => Number.isInteger(value),
};

/** The schema nodes a value at one place is checked against: the node and every branch it combines, `$ref`s followed. */
function branches(doc: OpenApiDocument, schema: Json): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (node: Json, depth: number) => {
    const resolved = follow(doc, node, '').node;
    if (typeof resolved !== 'object' || resolved === null || depth > 16 || out.includes(resolved as SchemaNode)) return;
    out.push(resolved as SchemaNode);
    for (const key of ['allOf', 'anyOf', 'oneOf']) for (const branch of ((resolved as SchemaNode)[key] as Json[] | undefined) ?? []) visit(branch, depth + 1);
  };
  visit(schema, 0);
  return out;
}

/** The JSON pointer of an instance path with array indexes as `*`, so one drift in every item of a list is one finding. */
export const pointerShape = (pointer: string): string => pointer.replace(/\/\d+(?=\/|$)/g, '/*');

/**
 * Findings the schema validator cannot give: fields no schema lists (even where
 * `additionalProperties` lets them through) and enum values outside every list an open enum
 * documents (an `anyOf` of the list and its type lets any value through).
 */
function walk(doc: OpenApiDocument, schema: Json, value: Json, pointer: string, key: string, out: Omit<DriftFinding, 'api' | 'operation' | 'status'>[]): void {
  const nodes = branches(doc, schema);
  if (nodes.length === 0) return;
  const enums = nodes.flatMap((node) => [
    ...((node.enum as Json[] | undefined) ?? []),
    ...(Object.hasOwn(node, 'const') ? [node.const] : []),
    ...((node['x-extensible-enum'] as Json[] | undefined) ?? []),
  ]);
  if (enums.length > 0 && (typeof value === 'string' || typeof value === 'number') && !enums.includes(value)) {
    out.push({ kind: 'enum-value', pointer, contract: `one of ${shown(enums)}`, seen: shown(value, key) });
  }
  if (Array.isArray(value)) {
    const items = nodes.map((node) => node.items).filter((item) => item !== undefined);
    for (const [index, item] of value.entries()) for (const itemSchema of items) walk(doc, itemSchema, item, `${pointer}/${index}`, key, out);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const listed = new Map<string, Json[]>();
  const patterns: [RegExp, Json][] = [];
  const maps: Json[] = [];
  for (const node of nodes) {
    for (const [name, propertySchema] of Object.entries((node.properties as Record<string, Json> | undefined) ?? {}))
      listed.set(name, [...(listed.get(name) ?? []), propertySchema]);
    for (const [pattern, propertySchema] of Object.entries((node.patternProperties as Record<string, Json> | undefined) ?? {}))
      patterns.push([new RegExp(pattern, 'u'), propertySchema]);
    // a schema for every other key is a map by design: its keys are data, not fields
    if (typeof node.additionalProperties === 'object' && node.additionalProperties !== null) maps.push(node.additionalProperties);
  }
  const typed = nodes.some((node) => node.type === 'object' || node.properties !== undefined);
  for (const [name, field] of Object.entries(value)) {
    const at = `${pointer}/${escapePointer(name)}`;
    const schemas = [...(listed.get(name) ?? []), ...patterns.filter(([pattern]) => pattern.test(name)).map(([, schema]) => schema)];
    if (schemas.length === 0 && maps.length === 0) {
      if (typed) out.push({ kind: 'undocumented-field', pointer: at, contract: `lists ${shown([...listed.keys()])}`, seen: shown(field, name) });
      continue;
    }
    for (const fieldSchema of schemas.length ? schemas : maps) walk(doc, fieldSchema, field, at, name, out);
  }
}

/** One validator error as a finding, or undefined for those the walk reports better (unlisted fields) or that only sum up others. */
function fromError(error: ErrorObject, body: Json): Omit<DriftFinding, 'api' | 'operation' | 'status'> | undefined {
  const pointer = error.instancePath;
  const key = fieldOf(pointer);
  const value = nodeAt(body, pointer) as Json;
  const seen = shown(value, key);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties':
    case 'enum':
    case 'const':
      return undefined;
    case 'type':
      return { kind: 'wrong-type', pointer, contract: `type ${String(params.type)}`, seen: `${typeOf(value)} ${seen}` };
    case 'format':
      return { kind: 'wrong-format', pointer, contract: `format ${String(params.format)}`, seen };
    case 'required': {
      const missing = String(params.missingProperty);
      return { kind: 'missing-field', pointer: `${pointer}/${escapePointer(missing)}`, contract: 'a required field', seen: 'absent' };
    }
    default:
      return { kind: 'schema-mismatch', pointer, contract: `${error.keyword}: ${error.message ?? ''}`.trim(), seen };
  }
}

export interface AnswerSeen {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

/** The drift check of one contract: `check` lists every way an answer differs from what the contract documents. */
export class DriftChecker {
  readonly #doc: OpenApiDocument;
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.#doc = doc;
    this.#ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false });
    addFormats(this.#ajv);
    for (const [name, validate] of Object.entries(integerFormats)) this.#ajv.addFormat(name, { type: 'number', validate });
    this.#ajv.addSchema(doc as object, 'contract', undefined, false);
  }

  #validator(pointer: string): ValidateFunction {
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `contract#${pointer}` });
      this.#compiled.set(pointer, validate);
    }
    return validate;
  }

  /** Every difference between `answer` and the contract's `operation`, each with its pointer; none for a matching answer. */
  check(api: string, operation: ContractOperationRef, answer: AnswerSeen): DriftFinding[] {
    const base = { api, operation: operation.operationId, status: answer.status };
    const documented = documentedResponse(this.#doc, operation, answer.status);
    if (!documented) {
      const statuses = Object.keys((nodeAt(this.#doc, operation.pointer) as { responses?: object }).responses ?? {});
      return [{ ...base, kind: 'undocumented-status', pointer: '', contract: `statuses ${statuses.join(', ')}`, seen: String(answer.status) }];
    }
    const mediaType = answer.contentType?.split(';')[0]?.trim() ?? '';
    if (answer.body.length === 0) {
      return documented.schemaPointer ? [{ ...base, kind: 'missing-field', pointer: '', contract: 'a JSON body', seen: 'no body' }] : [];
    }
    if (documented.mediaTypes.length > 0 && mediaType && !documented.mediaTypes.some((type) => type.toLowerCase() === mediaType.toLowerCase())) {
      return [{ ...base, kind: 'undocumented-media-type', pointer: '', contract: `content types ${documented.mediaTypes.join(', ')}`, seen: mediaType }];
    }
    if (!documented.schemaPointer) return [];
    let body: Json;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      // never the text itself: a body that is not JSON has no field names to mask secrets by
      return [{ ...base, kind: 'not-json', pointer: '', contract: 'a JSON body', seen: `${answer.body.length} bytes of ${mediaType || 'no content type'}` }];
    }
    if (!isJsonMediaType(mediaType || 'application/json')) return [];
    const schema = nodeAt(this.#doc, documented.schemaPointer);
    const found: Omit<DriftFinding, 'api' | 'operation' | 'status'>[] = [];
    walk(this.#doc, schema, body, '', '', found);
    const validate = this.#validator(documented.schemaPointer);
    if (!validate(body)) {
      const errors = validate.errors ?? [];
      // a failed anyOf/oneOf only sums up its branches' errors, reported on their own when there are any
      const summaries = new Set(['anyOf', 'oneOf', 'if']);
      const detailed = errors.some((error) => !summaries.has(error.keyword));
      for (const error of errors) {
        if (detailed && summaries.has(error.keyword)) continue;
        const finding = fromError(error, body);
        if (finding) found.push(finding);
      }
    }
    // an error answer that breaks its documented shape says so, with what the shape wants there
    const isError = answer.status >= 400;
    const unique = new Map<string, DriftFinding>();
    for (const item of found) {
      const kind = isError && item.kind !== 'undocumented-field' ? 'error-shape' : item.kind;
      const contract = isError && kind === 'error-shape' ? `${item.kind}: ${item.contract}` : item.contract;
      const key = `${kind} ${pointerShape(item.pointer)}`;
      if (!unique.has(key)) unique.set(key, { ...base, ...item, kind, contract });
    }
    return [...unique.values()];
  }
}
