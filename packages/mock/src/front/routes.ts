// Which operation of the contract a request is for, and which template parameter each path
// segment fills, so a refusal can name the parameter.

export interface ContractOperation {
  operationId?: string;
  responses?: Record<string, unknown>;
  [key: string]: unknown;
}
export interface OpenApiDoc {
  paths?: Record<string, Record<string, ContractOperation> | undefined>;
  [key: string]: unknown;
}

export interface Route {
  operation: ContractOperation | undefined;
  /** per raw path segment (after the leading "/"): the template parameter it fills, if any */
  segmentNames: (string | undefined)[];
}

const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);

/** The operation for `method` and the raw `path`, by the contract's path templates. */
export function routeOf(doc: OpenApiDoc | undefined, method: string, path: string): Route {
  const segments = path.split('/').slice(1);
  for (const [template, item] of Object.entries(doc?.paths ?? {})) {
    const parts = template.split('/').slice(1);
    if (parts.length !== segments.length) continue;
    if (!parts.every((part, index) => /^\{.+\}$/.test(part) || part === segments[index])) continue;
    const operation = methods.has(method.toLowerCase()) ? item?.[method.toLowerCase()] : undefined;
    return { operation, segmentNames: parts.map((part) => /^\{(.+)\}$/.exec(part)?.[1]) };
  }
  return { operation: undefined, segmentNames: [] };
}
