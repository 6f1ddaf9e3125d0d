import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultRegistryPath, loadRegistry, registryEntry } from './registry.mjs';

/** Every API in the registry (redocly.yaml), in its order. */
export const registry = loadRegistry();
/** The registry names of the contracts this repo carries. */
export const apiNames: readonly string[] = registry.map((api) => api.name);
export type ApiName = string;

export type JsonObject = { [key: string]: unknown };
export interface OpenApiDocument extends JsonObject {
  paths: Record<string, Record<string, JsonObject>>;
  components?: Record<string, Record<string, JsonObject>>;
}

/** The workspace root: the folder of the registry. */
export const repoRoot = dirname(defaultRegistryPath);

export function bundlePath(api: ApiName): string {
  return registryEntry(api, registry).bundle;
}

/** Reads a bundled contract; the bundle task must have run first. */
export function loadBundle(api: ApiName): OpenApiDocument {
  try {
    return JSON.parse(readFileSync(bundlePath(api), 'utf8')) as OpenApiDocument;
  } catch (cause) {
    throw new Error(`the ${api} bundle is missing or unreadable at ${bundlePath(api)}; run the bundle task first`, { cause });
  }
}

// JSON pointers, `$ref`s and the operation list live in one plain-ESM module the generators share
export { httpMethods, listOperations, pointerEscape, pointerGet, pointerUnescape, resolvePointer, resolveRef } from './openapi-refs.mjs';
export type { OperationRef } from './openapi-refs.mjs';
export { RegistryError, loadRegistry, registryEntry } from './registry.mjs';
export type { ApiEntry } from './registry.mjs';
