/** The shapes of the generated operation tables (src/generated/*.ts). */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/**
 * The subset of JSON Schema that input validation reads (what the generator keeps). `false`,
 * as in JSON Schema, allows no value: it marks a parameter the client fills in itself.
 */
export type InputSchema =
  | false
  | {
      readonly type?: JsonType | readonly JsonType[];
      readonly format?: string;
      readonly enum?: readonly unknown[];
      readonly const?: unknown;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly exclusiveMinimum?: number;
      readonly exclusiveMaximum?: number;
      readonly multipleOf?: number;
      readonly minLength?: number;
      readonly maxLength?: number;
      readonly pattern?: string;
      readonly minItems?: number;
      readonly maxItems?: number;
      readonly uniqueItems?: boolean;
      readonly items?: InputSchema;
      readonly properties?: { readonly [name: string]: InputSchema };
      readonly required?: readonly string[];
      readonly additionalProperties?: boolean;
    };

export type ParameterLocation = 'path' | 'query' | 'header';

export interface OperationSpec {
  readonly method: HttpMethod;
  readonly path: string;
  /** the schema of a method's input `{ path, query, headers, body }` (call options aside) */
  readonly input: InputSchema;
  /** the values of parameters the contract pins to one value, among those the client fills in */
  readonly pinned?: { readonly [location in ParameterLocation]?: { readonly [name: string]: string } };
  /** for operations taking `limit`/`offset`: the body property holding a page's items */
  readonly pageItems?: string;
  /** for such operations: the body property holding `{ rel, href }` links, whose `rel: next` names the next page */
  readonly pageLinks?: string;
  /** per 2xx status whose contract declares a JSON body: the top-level shape that body must have */
  readonly returns?: { readonly [status: string]: InputSchema };
}

export type OperationTable = { readonly [operationId: string]: OperationSpec };
