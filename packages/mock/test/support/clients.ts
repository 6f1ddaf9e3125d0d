// The typed clients the suites call, built from the published client package exactly as a
// consumer would, pointed at the mock. Their `fetch` is the real one with one addition: when
// a test asks for a documented status, the `Prefer: code=N` header Prism understands.
import { AsyncLocalStorage } from 'node:async_hooks';
import { type AlibabaHbrClient, createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
import { type ApiResult, type CloudApiError, createHuaweiVbsClient, type HuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
import { inject } from 'vitest';
import type { ApiName } from '../../src/index.ts';
import type { ClientInput } from './contract.ts';
import { MockGuard, type MockEndpoints, requestTimeoutMs } from './mock-guard.ts';

export const projectId = '0605767c3f00d5762fa8c0147ee18d02';

interface Preference {
  status: number;
  /** copies of the requests sent while the preference held, exactly as the client built them */
  sent: Request[];
}
const preference = new AsyncLocalStorage<Preference>();

/** Runs `send` with `Prefer: code=<status>` added to the requests it makes; returns its result and those requests. */
export async function preferring<T>(status: number, send: () => Promise<T>): Promise<{ result: T; sent: Request[] }> {
  const store: Preference = { status, sent: [] };
  const result = await preference.run(store, send);
  return { result, sent: store.sent };
}

/** The real fetch, plus the Prefer header when a test asked for a status, plus the fail-fast check. */
export function preferFetch(guard: MockGuard): typeof globalThis.fetch {
  return async (input, init) => {
    guard.assertAlive();
    const request = new Request(input, init);
    const wanted = preference.getStore();
    if (wanted) {
      request.headers.set('Prefer', `code=${wanted.status}`);
      wanted.sent.push(request.clone());
    }
    return globalThis.fetch(request);
  };
}

export type AuthFlavour = 'token' | 'aksk' | 'acs3' | 'rpc-v2';
export const authFlavours: Record<ApiName, AuthFlavour[]> = { 'huawei-vbs': ['token', 'aksk'], 'alibaba-hbr': ['acs3', 'rpc-v2'] };

export type AnyClient = HuaweiVbsClient | AlibabaHbrClient;

export function createClient(endpoints: MockEndpoints, guard: MockGuard, auth: AuthFlavour): AnyClient {
  const common = { retry: false as const, timeoutMs: requestTimeoutMs, fetch: preferFetch(guard) };
  switch (auth) {
    case 'token':
      return createHuaweiVbsClient({ ...common, baseUrl: endpoints.urls['huawei-vbs'], projectId, auth: { type: 'token', token: 'contract-suite-token' } });
    case 'aksk':
      return createHuaweiVbsClient({
        ...common,
        baseUrl: endpoints.urls['huawei-vbs'],
        projectId,
        auth: { type: 'aksk', accessKeyId: 'AKCONTRACTSUITE', secretAccessKey: 'contract-suite-secret' },
      });
    case 'acs3':
    case 'rpc-v2':
      return createAlibabaHbrClient({
        ...common,
        baseUrl: endpoints.urls['alibaba-hbr'],
        auth: { type: auth, accessKeyId: 'LTAIcontractsuite', accessKeySecret: 'contract-suite-secret' },
      });
  }
}

export type CallResult = ApiResult<unknown, CloudApiError>;

/** Calls an operation by its operationId (the methods are typed per operation; the suites iterate over them). */
export function callOperation(client: AnyClient, operationId: string, input: ClientInput): Promise<CallResult> {
  const method = (client as unknown as Record<string, ((input: ClientInput) => Promise<CallResult>) | undefined>)[operationId];
  if (typeof method !== 'function') throw new Error(`the typed client has no method ${operationId}`);
  return method(input);
}

/** The suite's mock (started by the global setup), its guard and one client per API and auth flavour. */
export function suiteMock() {
  const provided = inject('contractMock');
  const guard = MockGuard.forStateFile(provided, provided.stateFile);
  const clients = new Map<AuthFlavour, AnyClient>();
  return {
    ...provided,
    guard,
    client(auth: AuthFlavour): AnyClient {
      let client = clients.get(auth);
      if (!client) clients.set(auth, (client = createClient(provided, guard, auth)));
      return client;
    },
  };
}
