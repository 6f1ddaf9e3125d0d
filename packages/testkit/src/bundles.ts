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

// JSON pointers, `$ref`s and the operation list live in one plain-ESM module the generators share
export { httpMethods, listOperations, pointerEscape, pointerGet, pointerUnescape, resolvePointer, resolveRef } from './openapi-refs.mjs';
export type { OperationRef } from './openapi-refs.mjs';
