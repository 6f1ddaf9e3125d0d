// The fronts of src/ (src/front/front.ts), started in the test process in front of the suite's
// real Prism processes (the global setup's mock, reached on its private loopback ports). Each
// suite gets its own fronts, with or without stateful mode and the verifying mode, in
// milliseconds; and since the front, the state layer and the models run here, a mutation run
// (stryker.config.mjs) can tell which test covers which of their mutants.
import { inject } from 'vitest';
import { type ApiName, apiNames, bundledContractIndex } from '../../src/contracts.ts';
import { createVerifiers, type VerifyingCredentials } from '../../src/credentials.ts';
import { type Front, startFront } from '../../src/front/front.ts';
import { stateModels } from '../../src/models/index.ts';
import { StateLayer } from '../../src/state/layer.ts';

export interface FrontsOptions {
  /** stateful mode: a state layer per API, with the API's model where one exists */
  stateful?: boolean;
  /** the verifying mode, with these keys */
  credentials?: VerifyingCredentials;
  /** told why each request a verifier refused was refused */
  onRefusal?: (api: ApiName, reason: string) => void;
}

export interface Fronts {
  urls: Record<ApiName, string>;
  ports: Record<ApiName, number>;
  /** stateful mode: every API's state back to its seed */
  reset(): void;
  /** verifying mode: check later requests against these credentials, as RunningMock.setCredentials does */
  setCredentials(credentials: VerifyingCredentials): void;
  close(): Promise<void>;
}

/** One front per API on a free loopback port, forwarding to the suite's Prism of that API. */
export async function startFronts(options: FrontsOptions = {}): Promise<Fronts> {
  const { upstreamUrls } = inject('contractMock');
  let verifiers = options.credentials === undefined ? undefined : createVerifiers(options.credentials);
  const states = new Map<ApiName, StateLayer>();
  const fronts = {} as Record<ApiName, Front>;
  for (const api of apiNames) {
    // the contract as the mock reads a bundled one: generated/indexes/
    const contract = bundledContractIndex(api);
    const state = options.stateful ? new StateLayer(contract, stateModels[api]?.(contract)) : undefined;
    if (state) states.set(api, state);
    fronts[api] = await startFront({
      contract,
      host: '127.0.0.1',
      port: 0,
      upstreamPort: Number(new URL(upstreamUrls[api]).port),
      // as startMock wires it: the API's current verifier, so setCredentials reaches later requests
      verifier: verifiers?.byApi[api] && { verify: (request) => verifiers!.byApi[api]!.verify(request) },
      onRefusal: options.onRefusal && ((reason) => options.onRefusal!(api, reason)),
      state,
    });
  }
  const ports = Object.fromEntries(apiNames.map((api) => [api, fronts[api].port])) as Record<ApiName, number>;
  return {
    ports,
    urls: Object.fromEntries(apiNames.map((api) => [api, `http://127.0.0.1:${ports[api]}`])) as Record<ApiName, string>,
    reset: () => states.forEach((state) => state.reset()),
    setCredentials: (credentials) => {
      verifiers = createVerifiers(credentials);
    },
    close: async () => {
      await Promise.all(apiNames.map((api) => fronts[api].close()));
    },
  };
}
