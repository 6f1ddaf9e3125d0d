// Which of a model's operations a request is for, with its path parameters. Unlike the front's
// routeOf, the method takes part in the match and literal segments win over parameters, so
// `DELETE .../detail` is the cancel operation with `shared_id = "detail"`, as Prism routes it.
import type { ContractOperation, OpenApiDoc } from '../front/routes.js';

export interface OperationMatch {
  operationId: string;
  operation: ContractOperation;
  /** the template's parameters, percent-decoded */
  params: Record<string, string>;
}

interface Template {
  method: string;
  operationId: string;
  operation: ContractOperation;
  /** per segment: the literal text, or the parameter name in `param` */
  parts: { literal?: string; param?: string }[];
  literals: number;
}

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

const decoded = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {}
};

/** A matcher over the contract's operations whose operationId is in `operationIds`. */
export function operationMatcher(doc: OpenApiDoc, operationIds: ReadonlySet<string>): (method: string, path: string) => OperationMatch | undefined {
  // Stryker disable next-line ArrayDeclaration: a stray first entry has no method, so the matcher passes over it
  const templates: Template[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of methods) {
      const operation = item?.[method];
      if (!operation?.operationId || !operationIds.has(operation.operationId)) continue;
      const { operationId } = operation;
      const parts = path
        .split('/')
        .slice(1)
        .map((part) => {
          const param = /^\{(.+)\}$/.exec(part)?.[1];
          return param ? { param } : { literal: part };
        });
      templates.push({ method: method.toUpperCase(), operationId, operation, parts, literals: parts.filter((part) => part.literal !== undefined).length });
    }
  }
  // the most specific template first: `/shares/count` before `/shares/{id}`
  templates.sort((a, b) => b.literals - a.literals);

  return (method, path) => {
    const segments = path.split('/').slice(1);
    for (const template of templates) {
      if (template.method !== method || template.parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const fits = template.parts.every(({ literal, param }, index) => {
        const segment = segments[index]!;
        if (literal !== undefined) return literal === segment;
        const value = decoded(segment);
        if (value === undefined || value === '') return false;
        params[param!] = value;
        return true;
      });
      if (fits) return { operationId: template.operationId, operation: template.operation, params };
    }
    return undefined;
  };
}
