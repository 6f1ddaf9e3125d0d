/** The shapes of the generated operation tables (src/generated/*.ts). */

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/** The subset of JSON Schema that input validation reads (what the generator keeps). */
export interface InputSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly minLength?: number;
  readonly minItems?: number;
  readonly uniqueItems?: boolean;
  readonly items?: InputSchema;
  readonly properties?: { readonly [name: string]: InputSchema };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
}

export type ParameterLocation = 'path' | 'query' | 'header';

export interface ParameterSpec {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required?: boolean;
  readonly schema: InputSchema;
}

export interface OperationSpec {
  readonly method: HttpMethod;
  readonly path: string;
  readonly parameters: readonly ParameterSpec[];
  readonly body?: { readonly required: boolean; readonly schema: InputSchema };
  /** for operations taking `limit`/`offset`: the body property holding a page's items */
  readonly pageItems?: string;
}

export type OperationTable = { readonly [operationId: string]: OperationSpec };
