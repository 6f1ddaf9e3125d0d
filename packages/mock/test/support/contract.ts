// What the suites read from the bundled contracts: operations, their documented statuses,
// response schemas as JSON pointers, and a valid input built from the contract's examples.
import {
  type ApiName,
  ContractSchemaValidator,
  type JsonObject,
  listOperations,
  loadBundle,
  type OpenApiDocument,
  type OperationRef,
  pointerEscape,
  resolvePointer,
  resolveRef,
} from '@cloud-backup-contracts/testkit';

export type ParameterLocation = 'path' | 'query' | 'header';

export interface ContractParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonObject;
  example: unknown;
  /** the contract marks it `x-client-filled: true`: the typed client fills it in, and refuses it as input */
  clientFilled: boolean;
}

export interface ContractOperation {
  api: ApiName;
  operationId: string;
  method: OperationRef['method'];
  path: string;
  pointer: string;
  parameters: ContractParameter[];
  /** documented statuses, as numbers, in document order */
  statuses: number[];
  requestBodyExample: unknown;
}

export interface Contract {
  api: ApiName;
  doc: OpenApiDocument;
  validator: ContractSchemaValidator;
  operations: ContractOperation[];
}

const contracts = new Map<ApiName, Contract>();

export function loadContract(api: ApiName): Contract {
  const cached = contracts.get(api);
  if (cached) return cached;
  const doc = loadBundle(api);
  const operations = listOperations(doc).map((ref): ContractOperation => {
    const item = doc.paths[ref.path] as JsonObject;
    const merged = new Map<string, ContractParameter>();
    for (const raw of [...((item.parameters as unknown[]) ?? []), ...((ref.operation.parameters as unknown[]) ?? [])]) {
      const p = resolveRef<JsonObject>(doc, raw);
      const parameter: ContractParameter = {
        name: String(p.name),
        in: p.in as ParameterLocation,
        required: p.required === true,
        schema: resolveRef<JsonObject>(doc, p.schema),
        example: p.example,
        clientFilled: p['x-client-filled'] === true,
      };
      merged.set(`${parameter.in}:${parameter.name}`, parameter);
    }
    const body = ref.operation.requestBody ? resolveRef<JsonObject>(doc, ref.operation.requestBody) : undefined;
    const media = (body?.content as Record<string, JsonObject> | undefined)?.['application/json'];
    return {
      api,
      operationId: ref.operationId,
      method: ref.method,
      path: ref.path,
      pointer: ref.pointer,
      parameters: [...merged.values()],
      statuses: Object.keys(ref.operation.responses as JsonObject).map(Number),
      requestBodyExample: media?.example,
    };
  });
  const contract = { api, doc, validator: new ContractSchemaValidator(doc), operations };
  contracts.set(api, contract);
  return contract;
}

/** JSON pointer of the JSON schema of one documented response, following `$ref`s; undefined when it has no body. */
export function responseSchemaPointer(contract: Contract, operation: ContractOperation, status: number): string | undefined {
  const { pointer, value } = resolvePointer(contract.doc, `${operation.pointer}/responses/${status}`);
  const node = value as JsonObject | undefined;
  if (!node) throw new Error(`${operation.operationId} documents no ${status} response`);
  const content = node.content as Record<string, unknown> | undefined;
  if (!content?.['application/json']) return undefined;
  return `${pointer}/content/${pointerEscape('application/json')}/schema`;
}

export interface ClientInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: unknown;
}

const inputKey = { path: 'path', query: 'query', header: 'headers' } as const;

/** A valid input for the typed client: every parameter's own example, and the body example. */
export function exampleInput(operation: ContractOperation): ClientInput {
  const input: ClientInput = {};
  for (const parameter of operation.parameters) {
    if (parameter.clientFilled || parameter.example === undefined) continue;
    const key = inputKey[parameter.in];
    (input[key] ??= {})[parameter.name] = parameter.example;
  }
  if (operation.requestBodyExample !== undefined) input.body = operation.requestBodyExample;
  return input;
}

/** Asserts a value matches the schema at `pointer`, listing every violation when it does not. */
export function schemaErrors(contract: Contract, pointer: string, value: unknown): string[] {
  return contract.validator.validate(pointer, value).errors;
}
