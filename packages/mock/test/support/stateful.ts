// Raw HTTP to the Huawei backup-sharing operations of a running mock, every answer checked
// against the schema the contract documents for its operation and status, and the contract's
// own examples, which stateful mode seeds from.
import { resolveRef } from '@cloud-backup-contracts/testkit';
import { expect } from 'vitest';
import { projectId } from './clients.ts';
import { type Contract, loadContract, responseSchemaPointer, schemaErrors } from './contract.ts';
import { requestTimeoutMs } from './mock-guard.ts';

export const huawei: Contract = loadContract('huawei-vbs');
export const token = { 'X-Auth-Token': 'stateful-suite-token' };

/** The JSON example one response of an operation documents: its single example, else its first named one (what the mock answers with). */
export function documentedExample(operationId: string, status: number): any {
  const operation = huawei.operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`the contract has no operation ${operationId}`);
  const response = resolveRef<Record<string, any>>(huawei.doc, (huawei.doc.paths[operation.path] as any)[operation.method].responses[String(status)]);
  const media = response.content?.['application/json'];
  if (media?.example !== undefined) return media.example;
  const first = Object.values<{ value?: unknown }>(media?.examples ?? {})[0];
  return first?.value;
}

/** The seed stateful mode starts from: the share of the detail example, with its backup. */
export const seedDetail = documentedExample('listBackupShareDetails', 200).shared[0];
export const seedBackup = seedDetail.backup;
/** The same share as the get example has it (with `deleted`, `deleted_at` and its backup). */
export const seedRecord = documentedExample('getBackupShare', 200).shared;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export interface Call {
  method?: string;
  /** after `/v2/<project>/os-vendor-backup-sharing` */
  path?: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  headers?: Record<string, string>;
  /** the path's project; default the suite's client project */
  project?: string;
}

/** The raw helper: one request to one operation, its answer checked against the documented schema. */
export function sharesApi(baseUrl: () => string) {
  const url = ({ path = '', query = {}, project = projectId }: Call) => {
    const search = new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]));
    return `${baseUrl()}/v2/${project}/os-vendor-backup-sharing${path}${search.size ? `?${search}` : ''}`;
  };

  async function send(target: string, { method = 'GET', body, headers = {} }: Call): Promise<Answer> {
    const response = await fetch(target, {
      method,
      headers: { ...token, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  }

  /** Sends the call and asserts its answer matches the contract's schema for `operationId` and the status. */
  async function call(operationId: string, request: Call = {}): Promise<Answer> {
    return checked(operationId, await send(url(request), request));
  }

  return { url, send, call };
}

/** Asserts `answer` is what the contract documents for this operation and status: a body matching the schema, or none. */
export function checked(operationId: string, answer: Answer): Answer {
  const operation = huawei.operations.find((candidate) => candidate.operationId === operationId)!;
  expect(operation.statuses, `${operationId} documents ${answer.status}`).toContain(answer.status);
  const schema = responseSchemaPointer(huawei, operation, answer.status);
  if (schema) expect(schemaErrors(huawei, schema, answer.body), `${operationId} ${answer.status}: ${answer.text}`).toEqual([]);
  else expect(answer.text, `${operationId} ${answer.status} has no body`).toBe('');
  return answer;
}

/** The message of a Huawei service error body (`{"<kind>": {"message", "code"}}`). */
export const messageOf = (body: any): string | undefined => (Object.values(body ?? {})[0] as { message?: string } | undefined)?.message;
