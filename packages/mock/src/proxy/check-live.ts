// The live read-only check: every read-only (GET) operation of one contract called once on the
// real service with the contract's example values, one page listing walked to its end, and
// each answer checked for drift as the proxy checks it. Built from the contract alone: a new
// operation or parameter is called without a change here.
import { follow } from '../contract-index.js';
import type { ContractOperationRef, Json, OpenApiDocument } from './contract-schemas.js';
import type { DriftFinding } from './drift.js';
import { checkAnswer, createSender, type UpstreamAnswer, UpstreamFailure } from './forward.js';
import type { ContractForDrift } from './proxy-api.js';
import type { DriftReport } from './report.js';
import type { Resigner } from './resign.js';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: Json;
  examples?: Record<string, { value?: Json }>;
  schema?: Record<string, Json>;
}

/** Most pages a listing is walked for: a guard against a service that never says it is done. */
export const maxPages = 1000;

/** The service's base URL for a region: the contract's first server, its variable set to the region. */
export function regionalBaseUrl(doc: OpenApiDocument, region: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(region)) throw new Error(`--region must be a region id such as cn-north-4, got "${region}"`);
  const server = doc.servers?.[0];
  if (!server) throw new Error('the contract names no server, so a region does not say where to call: give --endpoint');
  const variables = Object.keys(server.variables ?? {});
  if (variables.length !== 1)
    throw new Error(`the contract's server has ${variables.length} variables, so a region alone does not say where to call: give --endpoint`);
  return server.url.replace(`{${variables[0]}}`, region);
}

/** A parameter's example value: its own, its first named example's, or its schema's example, default or only enum value. */
function exampleOf(parameter: Parameter): Json {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {})[0]?.value;
  if (named !== undefined) return named;
  const schema = parameter.schema ?? {};
  return schema.example ?? (schema.examples as Json[] | undefined)?.[0] ?? schema.default ?? (schema.enum as Json[] | undefined)?.[0];
}

/** The path item's parameters with the operation's own over them. */
function parametersOf(doc: OpenApiDocument, operation: ContractOperationRef): Parameter[] {
  const item = (doc.paths?.[operation.path] ?? {}) as { parameters?: Json[] };
  const own = follow(doc, (item as Record<string, Json>)[operation.method.toLowerCase()], '').node as { parameters?: Json[] };
  const byKey = new Map<string, Parameter>();
  for (const raw of [...(item.parameters ?? []), ...(own.parameters ?? [])]) {
    const parameter = follow(doc, raw, '').node as Parameter;
    byKey.set(`${parameter.in} ${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

/** The items of one page: the answer itself when it is a list, else its first list field. */
function pageItems(body: Json): Json[] | undefined {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'object' || body === null) return undefined;
  return Object.values(body).find((value): value is Json[] => Array.isArray(value));
}

export interface CheckLiveOptions {
  api: string;
  contract: ContractForDrift;
  /** the service's base URL, checked (src/proxy/upstream-url.ts) */
  baseUrl: URL;
  resign: Resigner;
  report: DriftReport;
  /** values for parameters by name, over the contract's examples (e.g. the account's project id) */
  params?: Record<string, string>;
  timeoutMs: number;
  maxAnswerBytes: number;
  /** told each call as `METHOD path` (never its query, which may carry a signature) */
  onCall?: (line: string) => void;
}

/** Calls every read-only operation and walks the first page listing; the findings are in `report`. */
export async function checkLive(options: CheckLiveOptions): Promise<DriftFinding[]> {
  const { api, contract, report } = options;
  const sender = createSender(options);
  const prefix = options.baseUrl.pathname.replace(/\/+$/, '');
  const readOnly = [...contract.operations.values()].filter((operation) => operation.method === 'GET');
  let walked = false;
  try {
    for (const operation of readOnly) {
      const parameters = parametersOf(contract.doc, operation);
      const valueFor = (parameter: Parameter): Json => options.params?.[parameter.name] ?? exampleOf(parameter);
      // required ones, and those the contract pins to one value (they name the operation)
      const sent = parameters.filter(
        (parameter) =>
          parameter.in === 'path' ||
          parameter.required === true ||
          (parameter.in === 'query' && (parameter.schema?.enum as Json[] | undefined)?.length === 1) ||
          options.params?.[parameter.name] !== undefined,
      );
      const missing = sent.find((parameter) => valueFor(parameter) === undefined);
      if (missing) {
        options.onCall?.(
          `skipped ${operation.operationId}: no example value for ${missing.in} parameter ${missing.name} (give --param ${missing.name}=<value>)`,
        );
        continue;
      }
      const paging = !walked && ['limit', 'offset'].every((name) => parameters.some((parameter) => parameter.in === 'query' && parameter.name === name));
      const query = new Map<string, string>();
      for (const parameter of sent.filter((candidate) => candidate.in === 'query')) query.set(parameter.name, String(valueFor(parameter)));
      const headers: Record<string, string> = { accept: 'application/json' };
      for (const parameter of sent.filter((candidate) => candidate.in === 'header')) headers[parameter.name.toLowerCase()] = String(valueFor(parameter));
      const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(String(valueFor(parameters.find((parameter) => parameter.in === 'path' && parameter.name === name) ?? { name, in: 'path' }))),
      );
      const limitParameter = parameters.find((parameter) => parameter.in === 'query' && parameter.name === 'limit');
      const limit = Number(options.params?.limit ?? (limitParameter && exampleOf(limitParameter)) ?? 10);
      if (paging) {
        walked = true;
        query.set('limit', String(limit));
        query.set('offset', String(options.params?.offset ?? 0));
      }
      for (let page = 0; page < (paging ? maxPages : 1); page++) {
        const url = new URL(options.baseUrl);
        url.pathname = `${prefix}${path}`;
        url.search = query.size ? `?${[...query].map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')}` : '';
        options.onCall?.(`${operation.method} ${url.pathname}${paging ? ` (page ${page + 1})` : ''}`);
        let answer: UpstreamAnswer;
        try {
          answer = await sender.send(await options.resign({ method: operation.method, url, headers: { ...headers, host: url.host }, body: Buffer.alloc(0) }));
        } catch (error) {
          if (!(error instanceof UpstreamFailure)) throw error;
          report.add([error.finding(api, operation.operationId)]);
          break;
        }
        const findings = checkAnswer({ api, checker: contract.checker, report, maxAnswerBytes: options.maxAnswerBytes }, operation, answer);
        if (!paging || answer.status >= 300 || findings.some((finding) => finding.kind === 'not-json')) break;
        let items: Json[] | undefined;
        try {
          items = pageItems(JSON.parse(answer.body.toString('utf8')));
        } catch {}
        if (!items || items.length === 0 || items.length < limit) break;
        query.set('offset', String(Number(query.get('offset')) + items.length));
      }
    }
  } finally {
    sender.close();
  }
  report.write();
  return report.findings;
}
