// Which operation of the contract a request is for, as Prism routes it: the method takes part,
// and literal segments win over parameters, so `DELETE .../detail` is the cancel operation with
// `shared_id = "detail"` when only GET has a `/detail` path. Built once per contract.
import type { ContractIndex, IndexedOperation } from './contract-index.js';

export interface Route {
  operation: IndexedOperation | undefined;
  /** the template's parameters, percent-decoded; undefined when one is empty or does not decode */
  params: Record<string, string> | undefined;
  /** per raw path segment (after the leading "/"): the template parameter it fills, if any */
  segmentNames: (string | undefined)[];
}

export type Router = (method: string, path: string) => Route;

interface Template {
  /** per segment: the literal text, or (wholly `{name}`) the parameter's name */
  parts: { literal?: string; param?: string }[];
  literals: number;
  byMethod: Map<string, IndexedOperation>;
}

/** The text percent-decoded; undefined when an escape is not UTF-8. */
export const decoded = (segment: string): string | undefined => {
  try {
    return decodeURIComponent(segment);
  } catch {}
};

function paramsOf(template: Template, segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [index, { param }] of template.parts.entries()) {
    if (param === undefined) continue;
    const value = decoded(segments[index]!);
    if (!value) return undefined;
    params[param] = value;
  }
  return params;
}

export function createRouter(contract: ContractIndex | undefined): Router {
  const byPath = new Map<string, Template>();
  for (const operation of contract?.operations ?? []) {
    let template = byPath.get(operation.path);
    if (!template) {
      const parts = operation.path
        .split('/')
        .slice(1)
        .map((part) => {
          const param = /^\{(.+)\}$/.exec(part)?.[1];
          return param ? { param } : { literal: part };
        });
      template = { parts, literals: parts.filter((part) => part.literal !== undefined).length, byMethod: new Map() };
      byPath.set(operation.path, template);
    }
    template.byMethod.set(operation.method, operation);
  }
  // the most specific template first: `/shares/count` before `/shares/{id}`
  const templates = [...byPath.values()].sort((a, b) => b.literals - a.literals);

  return (method, path) => {
    const segments = path.split('/').slice(1);
    const fitting = templates.filter(
      ({ parts }) => parts.length === segments.length && parts.every(({ literal }, index) => literal === undefined || literal === segments[index]),
    );
    // a path that fits but lacks the method still names its parameters, for messages
    const template = fitting.find(({ byMethod }) => byMethod.has(method)) ?? fitting[0];
    if (!template) return { operation: undefined, params: undefined, segmentNames: [] };
    return { operation: template.byMethod.get(method), params: paramsOf(template, segments), segmentNames: template.parts.map(({ param }) => param) };
  };
}
