import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The two contracts this repo carries, by their redocly.yaml names. */
export const apiNames = ['huawei-vbs', 'alibaba-hbr'] as const;
export type ApiName = (typeof apiNames)[number];

export type JsonObject = { [key: string]: unknown };
export interface OpenApiDocument extends JsonObject {
  paths: Record<string, Record<string, JsonObject>>;
  components?: Record<string, Record<string, JsonObject>>;
}

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function bundlePath(api: ApiName): string {
  return fileURLToPath(new URL(`../../../spec/${api}/dist/openapi.json`, import.meta.url));
}

/** Reads a bundled contract; the bundle task must have run first. */
export function loadBundle(api: ApiName): OpenApiDocument {
  try {
    return JSON.parse(readFileSync(bundlePath(api), 'utf8')) as OpenApiDocument;
  } catch (cause) {
    throw new Error(`the ${api} bundle is missing or unreadable at ${bundlePath(api)}; run the bundle task first`, { cause });
  }
}

/** Follows internal `#/...` references, the only kind a bundle contains. */
export function resolveRef<T = JsonObject>(doc: OpenApiDocument, node: unknown): T {
  let current = node as JsonObject;
  for (let hops = 0; typeof current?.$ref === 'string'; hops++) {
    if (hops > 32) throw new Error(`reference loop at ${String(current.$ref)}`);
    current = pointerGet(doc, (current.$ref as string).replace(/^#/, '')) as JsonObject;
  }
  return current as T;
}

export function pointerGet(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((node, key) => (node as JsonObject | undefined)?.[key], doc);
}

export function pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationRef {
  method: (typeof httpMethods)[number];
  path: string;
  operationId: string;
  operation: JsonObject;
  pointer: string;
}

/** Every operation in a contract, in document order. */
export function listOperations(doc: OpenApiDocument): OperationRef[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    httpMethods
      .filter((method) => item[method])
      .map((method) => ({
        method,
        path,
        operationId: String(item[method]!.operationId),
        operation: item[method]!,
        pointer: `/paths/${pointerEscape(path)}/${method}`,
      })),
  );
}
