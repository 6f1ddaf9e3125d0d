import type { JsonObject, OpenApiDocument } from './bundles.ts';
import { pointerEscape, resolveRef } from './openapi-refs.mjs';

export interface ExampleCase {
  /** where the example sits, as a JSON pointer into the bundle */
  where: string;
  /** the schema it must satisfy, as a JSON pointer into the bundle */
  schemaPointer: string;
  value: unknown;
}

/**
 * Every example in a bundled contract with the schema it belongs to: media type examples
 * (single and named), parameter examples, and `example`/`examples` keywords inside schemas.
 */
export function collectExamples(doc: OpenApiDocument): ExampleCase[] {
  const found: ExampleCase[] = [];
  walk(doc, '', (node, pointer) => {
    if (isMediaTypeOrParameter(node)) {
      const schemaPointer = `${pointer}/schema`;
      if ('example' in node) found.push({ where: `${pointer}/example`, schemaPointer, value: node.example });
      for (const [name, example] of Object.entries((node.examples ?? {}) as Record<string, JsonObject>)) {
        const value = resolveRef<JsonObject>(doc, example)?.value;
        found.push({ where: `${pointer}/examples/${pointerEscape(name)}`, schemaPointer, value });
      }
    } else if (isSchema(pointer)) {
      if ('example' in node) found.push({ where: `${pointer}/example`, schemaPointer: pointer, value: node.example });
      if (Array.isArray(node.examples)) {
        node.examples.forEach((value, index) => found.push({ where: `${pointer}/examples/${index}`, schemaPointer: pointer, value }));
      }
    }
  });
  return found;
}

function isMediaTypeOrParameter(node: JsonObject): boolean {
  return 'schema' in node && ('example' in node || 'examples' in node);
}

// a node is a schema when it sits under a `schema` key, a component schema, or a schema keyword
const schemaParent =
  /(\/schema|\/components\/schemas\/[^/]+|\/(properties|patternProperties|\$defs)\/[^/]+|\/(items|additionalProperties|not|if|then|else)|\/(allOf|anyOf|oneOf|prefixItems)\/\d+)$/;
function isSchema(pointer: string): boolean {
  return schemaParent.test(pointer) && !/\/examples\/[^/]+$/.test(pointer);
}

function walk(node: unknown, pointer: string, visit: (node: JsonObject, pointer: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => walk(child, `${pointer}/${index}`, visit));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  visit(node as JsonObject, pointer);
  for (const [key, child] of Object.entries(node)) {
    // example values are data, not more schemas to walk into
    if (key === 'example' || key === 'examples') continue;
    walk(child, `${pointer}/${pointerEscape(key)}`, visit);
  }
}
