import { resolve as resolvePath } from 'node:path';
import type { SignatureVerifier } from '@cloud-backup-contracts/client';
import type { ContractIndex } from './contract-index.js';
import { type ApiName, apiNames, bundledContractIndex, bundledContractPath, contractProblem, defaultPorts, portClash, readContractIndex } from './contracts.js';
import { CredentialsError, createVerifiers, type Verifiers, type VerifyingCredentials } from './credentials.js';
import { type Front, startFront } from './front/front.js';
import type { DriftFinding } from './proxy/drift.js';
import { callerCredentials, upstreamResigners } from './proxy/proxy-credentials.js';
import { contractForDrift, proxyApi } from './proxy/proxy-api.js';
import { DriftReport } from './proxy/report.js';
import type { Resigner } from './proxy/resign.js';
import { isLoopback, readUpstreamUrl } from './proxy/upstream-url.js';
import { stateModels } from './models/index.js';
import { privatePort, probeListen, urlHost } from './ports.js';
import type { MockExit, PrismProcess } from './prism.js';
import { loopbackUrls, startPrisms } from './prism-start.js';
import { MockStartError } from './start-error.js';
import { StateLayer } from './state/layer.js';
import { ModelSeedError } from './state/model.js';

export type { MockExit } from './prism.js';
export { answers } from './prism-start.js';
export { MockStartError, type MockStartProblem } from './start-error.js';
export type { VerifyingCredentials } from './credentials.js';
export type { DriftFinding, DriftKind } from './proxy/drift.js';

export interface StartMockOptions {
  /** port per API name, e.g. `{ '<api>': 4010 }`; default the registry's port; 0 picks a free port */
  ports?: Partial<Record<ApiName, number>>;
  /** a contract file per API to serve instead of the bundled one */
  specs?: Partial<Record<ApiName, string>>;
  /** interface every mock listens on; default 127.0.0.1 */
  host?: string;
  /** generate responses from the schemas instead of returning the contract's examples */
  dynamic?: boolean;
  /** Prism's `--errors`: request and response violations become error responses */
  errors?: boolean;
  /**
   * keep state for the APIs that have a model (src/models/), seeded from the contract's
   * examples: Prism still validates, its successes are replaced by the state's answers, and
   * `POST /__mock/reset` on each API's port (or `reset()`) returns to the seed; default false
   */
  stateful?: boolean;
  /** how long every mock gets to answer its first request; default 30 000 ms */
  readyTimeoutMs?: number;
  /** receives every line Prism prints (its request log included) */
  onLog?: (api: ApiName, line: string) => void;
  /** aborts a start in progress; the processes started so far are stopped */
  signal?: AbortSignal;
  /**
   * check every request's signature or token before anything else, as the real services do, with
   * the keys in `credentials`; a failure is answered in the API's own error shape and status
   */
  verifySignatures?: boolean;
  /**
   * the keys: per API, its section of the credentials file (see the README). The verifying
   * mode reads the callers' keys from it; proxy mode each proxied API's `upstream` entry
   */
  credentials?: VerifyingCredentials;
  /**
   * proxy mode: per API, the real service's base URL (`https://`, or `http://` to a loopback
   * address). Its requests are checked as in mock mode, re-signed with the section's `upstream`
   * keys, forwarded, answered with the service's answer unchanged, and that answer is checked
   * against the contract: each difference is a finding (`onDrift`, `report`, `drift()`)
   */
  proxy?: Partial<Record<ApiName, string>>;
  /** proxy mode: the JSON drift report's file, rewritten on each new finding and at stop */
  report?: string;
  /** proxy mode: told each finding once, when first seen */
  onDrift?: (finding: DriftFinding) => void;
  /** proxy mode: how long the upstream gets for a whole answer; default 30 000 ms */
  upstreamTimeoutMs?: number;
}

export interface RunningMock {
  readonly host: string;
  /** base URL per API, e.g. `http://127.0.0.1:4010` */
  readonly urls: Readonly<Record<ApiName, string>>;
  /** where each API's Prism listens behind its front (loopback only), e.g. to measure the front */
  readonly upstreamUrls: Readonly<Record<ApiName, string>>;
  readonly ports: Readonly<Record<ApiName, number>>;
  /** process id of each Prism process */
  readonly pids: Readonly<Record<ApiName, number | undefined>>;
  /** the contract file each API is served from */
  readonly contracts: Readonly<Record<ApiName, string>>;
  /** settles when the first Prism process ends: `expected` is false unless `stop()` asked for it */
  readonly exited: Promise<MockExit>;
  /** how a Prism process ended, or undefined while it runs */
  exitOf(api: ApiName): MockExit | undefined;
  /** APIs whose requests are not checked in the verifying mode (the registry gives them no verifier) */
  readonly unverified: readonly ApiName[];
  /** APIs the verifying mode refuses every request to, as the credentials have no section for them */
  readonly withoutCredentials: readonly ApiName[];
  /**
   * verifying mode: from now on, checks requests against these credentials instead (keys
   * rotated, temporary keys renewed); requests already being checked finish with the old ones.
   * Throws a MockStartError (`bad-option`) naming the field when they are malformed, keeping the old ones.
   */
  setCredentials(credentials: VerifyingCredentials): void;
  /** stops every Prism process; safe to call more than once */
  stop(): Promise<void>;
  /** stateful mode: returns every API's state to its seed (as `POST /__mock/reset` does); without it, nothing to do */
  reset(): Promise<void>;
  /** proxy mode: the findings so far, each once, and how many answers were checked */
  drift(): { findings: readonly DriftFinding[]; answersChecked: number };
}

function checkPort(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new MockStartError('bad-option', undefined, `${name} must be an integer from 0 to 65535, got ${String(value)}`);
  }
  return value;
}

async function reservePort(api: ApiName, host: string, wanted: number, taken: Set<number>): Promise<number> {
  try {
    for (;;) {
      const port = await probeListen(host, wanted);
      // for "any port" (0) the OS picks one, which must not be one another API asked for
      if (wanted !== 0 || !taken.has(port)) return port;
    }
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new MockStartError('port-in-use', api, `${api}: port ${wanted} on ${host} is already in use`);
    throw new MockStartError('port-unavailable', api, `${api}: cannot listen on ${host}:${wanted} (${code ?? String(cause)})`);
  }
}

/** Every option startMock reads; any other key is a mistake to report, not to ignore. */
// note: a record over the interface's keys, so an option added there without being listed here fails to compile
const optionNames = Object.keys({
  ports: true,
  specs: true,
  host: true,
  dynamic: true,
  errors: true,
  stateful: true,
  readyTimeoutMs: true,
  onLog: true,
  signal: true,
  verifySignatures: true,
  credentials: true,
  proxy: true,
  report: true,
  onDrift: true,
  upstreamTimeoutMs: true,
} satisfies Record<keyof StartMockOptions, true>);

/**
 * Starts one Prism mock per contract and resolves once every one answers real HTTP requests.
 * Rejects with a MockStartError (and leaves nothing running) when a port is taken, a contract
 * is missing or invalid, Prism exits early, the mocks do not answer in time, or an option is unknown.
 */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const unknown = Object.keys(options).find((key) => !optionNames.includes(key));
  if (unknown !== undefined) throw new MockStartError('bad-option', undefined, `${unknown} is not a startMock option (known: ${optionNames.join(', ')})`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.trim() === '') throw new MockStartError('bad-option', undefined, 'host must be a non-empty string');
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  if (typeof readyTimeoutMs !== 'number' || !(readyTimeoutMs > 0))
    throw new MockStartError('bad-option', undefined, 'readyTimeoutMs must be a positive number');
  const wanted = {} as Record<ApiName, number>;
  for (const api of apiNames) wanted[api] = checkPort(options.ports?.[api] ?? defaultPorts[api], `ports['${api}']`);
  const clash = portClash(wanted);
  if (clash) throw new MockStartError('bad-option', undefined, `ports['${clash[0]}'] and ports['${clash[1]}'] must differ (both are ${wanted[clash[0]]})`);
  for (const key of Object.keys(options.ports ?? {})) {
    if (!apiNames.includes(key as ApiName))
      throw new MockStartError('bad-option', undefined, `ports names "${key}", which is not an API the mock serves (${apiNames.join(', ')})`);
  }
  for (const key of Object.keys(options.specs ?? {})) {
    if (!apiNames.includes(key as ApiName))
      throw new MockStartError('bad-option', undefined, `specs names "${key}", which is not an API the mock serves (${apiNames.join(', ')})`);
  }

  const proxied = await readProxy(options);
  let verifiers = readVerifying(options, proxied !== undefined);
  // each front asks for its API's current verifier, so setCredentials reaches every later request
  const verifierOf = (api: ApiName): SignatureVerifier | undefined => verifiers?.byApi[api] && { verify: (request) => verifiers!.byApi[api]!.verify(request) };

  const contracts = {} as Record<ApiName, string>;
  const indexes = {} as Record<ApiName, ContractIndex | undefined>;
  for (const api of apiNames) {
    const given = options.specs?.[api];
    contracts[api] = given === undefined ? bundledContractPath(api) : resolvePath(given);
    const problem = contractProblem(contracts[api]);
    if (problem) throw new MockStartError('contract', api, `${api}: ${problem}`);
    indexes[api] = given === undefined ? bundledContractIndex(api) : readContractIndex(contracts[api]);
  }
  if (options.stateful !== undefined && typeof options.stateful !== 'boolean')
    throw new MockStartError('bad-option', undefined, `stateful must be true or false, got ${String(options.stateful)}`);
  const states = options.stateful ? seedStates(contracts, indexes) : undefined;
  const report = new DriftReport(options.report, options.onDrift);
  const proxies = {} as Partial<Record<ApiName, ReturnType<typeof proxyApi>>>;
  for (const [api, upstream] of Object.entries(proxied?.upstreams ?? {}) as [ApiName, URL][]) {
    let contract: ReturnType<typeof contractForDrift>;
    try {
      contract = contractForDrift(contracts[api]);
    } catch {
      throw new MockStartError('contract', api, `${api}: proxy mode checks answers against a JSON contract, and ${contracts[api]} is not one`);
    }
    proxies[api] = proxyApi({ api, contract, upstream, resign: proxied!.resigners[api]!, report, timeoutMs: options.upstreamTimeoutMs });
  }

  const ports = {} as Record<ApiName, number>;
  const taken = new Set(Object.values(wanted).filter((port) => port !== 0));
  for (const api of apiNames) {
    ports[api] = await reservePort(api, host, wanted[api], taken);
    taken.add(ports[api]);
  }
  const urls = Object.fromEntries(apiNames.map((api) => [api, `http://${urlHost(host)}:${ports[api]}`])) as Record<ApiName, string>;

  if (options.signal?.aborted) throw new MockStartError('aborted', undefined, 'the start was aborted');
  // Prism listens privately on loopback; the front owns the public port (src/front/front.ts)
  let prismPorts = {} as Record<ApiName, number>;
  let processes: PrismProcess[] = [];
  const killNow = (prism: PrismProcess) => prism.killNow();
  const killAll = () => processes.forEach(killNow);
  process.once('exit', killAll);
  const fronts: Front[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= Promise.all(fronts.map((front) => front.close()))
      .then(() => Promise.all(processes.map((prism) => prism.stop())))
      .then(() => {
        process.removeListener('exit', killAll);
        if (proxied) report.write();
      }));

  try {
    ({ processes, ports: prismPorts } = await startPrisms({
      contracts,
      urls,
      shownPorts: ports,
      dynamic: options.dynamic ?? false,
      errors: options.errors ?? false,
      onLog: options.onLog,
      readyTimeoutMs,
      signal: options.signal,
      pickPort: async (api) => {
        const port = await privatePort('127.0.0.1', taken).catch((cause: NodeJS.ErrnoException) => {
          throw new MockStartError('port-unavailable', api, `${api}: cannot listen on 127.0.0.1 for Prism (${cause.code ?? String(cause)})`);
        });
        taken.add(port);
        return port;
      },
      onSpawn: (spawned) => {
        processes = spawned;
      },
    }));
    for (const prism of processes) {
      const { api } = prism;
      const frontOn = (port: number) =>
        startFront({
          contract: indexes[api],
          host,
          port,
          upstreamPort: prismPorts[api],
          verifier: verifierOf(api),
          onRefusal: options.onLog && ((reason) => options.onLog!(api, `refused: ${reason}`)),
          state: states?.[api],
          proxy: proxies[api],
        });
      const front = await frontOn(ports[api])
        .catch((cause: NodeJS.ErrnoException) => {
          // note: a port reserved for "any port" can be taken by another process while Prism
          // starts; any other free port then serves as well, so the system picks one now
          if (wanted[api] === 0 && cause.code === 'EADDRINUSE') return frontOn(0);
          throw cause;
        })
        .catch((cause: NodeJS.ErrnoException) => {
          throw new MockStartError('port-in-use', api, `${api}: cannot listen on ${host}:${ports[api]} (${cause.code ?? String(cause)})`);
        });
      ports[api] = front.port;
      urls[api] = `http://${urlHost(host)}:${front.port}`;
      fronts.push(front);
      // a dead Prism takes its port with it, as before the front existed
      void prism.exited.then(() => front.close());
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    host,
    urls,
    upstreamUrls: loopbackUrls(prismPorts),
    ports,
    contracts,
    pids: Object.fromEntries(processes.map((prism) => [prism.api, prism.pid])) as Record<ApiName, number | undefined>,
    exited: Promise.race(processes.map((prism) => prism.exited)),
    exitOf: (api) => processes.find((prism) => prism.api === api)?.exit,
    unverified: verifiers?.unverified ?? [],
    get withoutCredentials() {
      return verifiers?.withoutCredentials ?? [];
    },
    setCredentials(credentials) {
      if (!verifiers) throw new MockStartError('bad-option', undefined, 'credentials are only read with verifySignatures: true');
      verifiers = readVerifying({ verifySignatures: true, credentials }, proxied !== undefined);
    },
    stop,
    reset: async () => {
      for (const state of Object.values(states ?? {})) state.reset();
    },
    drift: () => ({ findings: [...report.findings], answersChecked: report.answersChecked }),
  };
}

/** Proxy mode's upstreams and re-signers, checked; undefined without it. */
async function readProxy(
  options: StartMockOptions,
): Promise<{ upstreams: Partial<Record<ApiName, URL>>; resigners: Partial<Record<ApiName, Resigner>> } | undefined> {
  const { proxy } = options;
  if (proxy === undefined) {
    for (const name of ['report', 'onDrift', 'upstreamTimeoutMs'] as const)
      if (options[name] !== undefined) throw new MockStartError('bad-option', undefined, `${name} is only read in proxy mode (with proxy)`);
    return undefined;
  }
  if (typeof proxy !== 'object' || proxy === null || Array.isArray(proxy) || Object.keys(proxy).length === 0)
    throw new MockStartError('bad-option', undefined, 'proxy must map at least one API name to its upstream URL');
  if (options.stateful) throw new MockStartError('bad-option', undefined, 'proxy and stateful cannot be combined: the upstream keeps the state');
  // unverified, a proxy signs whatever reaches it with the upstream's real keys: only this machine may reach it
  const host = options.host ?? '127.0.0.1';
  if (options.verifySignatures !== true && !isLoopback(host))
    throw new MockStartError(
      'bad-option',
      undefined,
      `proxy on host ${host}, not a loopback address, needs verifySignatures (--verify-signatures): without it anyone reaching the port gets requests signed with the upstream keys`,
    );
  const timeout = options.upstreamTimeoutMs;
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout > 0)))
    throw new MockStartError('bad-option', undefined, 'upstreamTimeoutMs must be a positive number');
  if (options.report !== undefined && (typeof options.report !== 'string' || options.report.trim() === ''))
    throw new MockStartError('bad-option', undefined, 'report must name a file');
  const upstreams: Partial<Record<ApiName, URL>> = {};
  for (const [api, url] of Object.entries(proxy)) {
    if (!apiNames.includes(api as ApiName))
      throw new MockStartError('bad-option', undefined, `proxy names "${api}", which is not an API the mock serves (${apiNames.join(', ')})`);
    try {
      upstreams[api as ApiName] = readUpstreamUrl(String(url), `proxy['${api}']`);
    } catch (error) {
      throw new MockStartError('bad-option', api as ApiName, (error as Error).message);
    }
  }
  if (options.credentials === undefined)
    throw new MockStartError('bad-option', undefined, "proxy needs credentials: each proxied API's section with the upstream keys requests are re-signed with");
  try {
    return { upstreams, resigners: await upstreamResigners(options.credentials, Object.keys(upstreams) as ApiName[]) };
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    throw new MockStartError('bad-option', error.api, error.message);
  }
}

/** The verifiers of the verifying mode, or undefined without it; the options are checked first. */
function readVerifying(options: StartMockOptions, proxying: boolean): Verifiers | undefined {
  const { verifySignatures } = options;
  // the upstream entries are the proxy's, the rest of each section the verifier's (one file serves both modes)
  const given = options.credentials;
  const credentials = typeof given === 'object' && given !== null && !Array.isArray(given) ? callerCredentials(given) : given;
  if (verifySignatures !== undefined && typeof verifySignatures !== 'boolean')
    throw new MockStartError('bad-option', undefined, 'verifySignatures must be true or false');
  if (!verifySignatures) {
    if (credentials !== undefined && !proxying) throw new MockStartError('bad-option', undefined, 'credentials are only read with verifySignatures: true');
    return undefined;
  }
  if (credentials === undefined)
    throw new MockStartError('bad-option', undefined, 'verifySignatures needs credentials: the keys and tokens requests may be signed with');
  try {
    return createVerifiers(credentials);
  } catch (error) {
    // createVerifiers throws nothing but CredentialsErrors (it wraps a verifier's own)
    const { api, message } = error as CredentialsError;
    throw new MockStartError('bad-option', api, message);
  }
}

/** Stateful mode: one state layer per API, with the API's model (where one exists) seeded from its contract. */
function seedStates(contracts: Record<ApiName, string>, indexes: Record<ApiName, ContractIndex | undefined>): Record<ApiName, StateLayer> {
  const states = {} as Record<ApiName, StateLayer>;
  for (const api of apiNames) {
    const model = stateModels[api];
    const contract = indexes[api];
    if (model && !contract)
      throw new MockStartError('contract', api, `${api}: stateful mode seeds its state from a JSON contract, and ${contracts[api]} is not one`);
    try {
      states[api] = new StateLayer(contract, model && contract ? model(contract) : undefined);
    } catch (error) {
      if (!(error instanceof ModelSeedError)) throw error;
      throw new MockStartError('contract', api, `${api}: stateful mode cannot seed its state from ${contracts[api]}: ${error.message}`);
    }
  }
  return states;
}
