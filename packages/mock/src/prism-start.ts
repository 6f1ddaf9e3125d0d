// Starting the Prism processes behind the fronts, on private loopback ports, and waiting until
// each answers real HTTP requests.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type ApiName, apiNames } from './contracts.js';
import { PrismProcess } from './prism.js';
import { MockStartError } from './start-error.js';

export interface PrismStartOptions {
  contracts: Record<ApiName, string>;
  /** the public URL of each API, for messages */
  urls: Record<ApiName, string>;
  /** the public port of each API, for Prism's messages */
  shownPorts: Record<ApiName, number>;
  dynamic: boolean;
  errors: boolean;
  onLog: ((api: ApiName, line: string) => void) | undefined;
  readyTimeoutMs: number;
  signal: AbortSignal | undefined;
  /** a free loopback port for one API's Prism */
  pickPort: (api: ApiName) => Promise<number>;
  /** told of each set of processes as it is spawned, so a caller can stop them at any moment */
  onSpawn: (processes: PrismProcess[]) => void;
}

/** The loopback URL of each Prism. */
export const loopbackUrls = (ports: Record<ApiName, number>) =>
  Object.fromEntries(apiNames.map((api) => [api, `http://127.0.0.1:${ports[api]}`])) as Record<ApiName, string>;

/** How often a start is tried when a picked port turns out to be taken. */
export const startAttempts = 3;

/**
 * Spawns one Prism per API on ports from `pickPort` and waits until each answers. A port is
 * free when picked but Prism binds it a moment later, so another process can take it in between
 * (many mocks starting at once, as in a parallel test run); such a start is tried again on new
 * ports. Rejects with a MockStartError otherwise; the processes are left to the caller to stop.
 */
export async function startPrisms(options: PrismStartOptions): Promise<{ processes: PrismProcess[]; ports: Record<ApiName, number> }> {
  for (let attempt = 1; ; attempt++) {
    const ports = {} as Record<ApiName, number>;
    for (const api of apiNames) ports[api] = await options.pickPort(api);
    const processes = apiNames.map(
      (api) =>
        new PrismProcess({
          api,
          contract: options.contracts[api],
          host: '127.0.0.1',
          port: ports[api],
          shownPort: options.shownPorts[api],
          dynamic: options.dynamic,
          errors: options.errors,
          onLog: options.onLog,
        }),
    );
    options.onSpawn(processes);
    try {
      await waitUntilReady(processes, loopbackUrls(ports), options.urls, options.readyTimeoutMs, options.signal);
      return { processes, ports };
    } catch (error) {
      const portTaken = error instanceof MockStartError && error.problem === 'prism-exited' && /EADDRINUSE/.test(error.message);
      if (!portTaken || attempt === startAttempts) throw error;
      await Promise.all(processes.map((prism) => prism.stop()));
    }
  }
}

/** A CORS preflight, which Prism answers itself without logging a routing error for every poll; undefined when nothing answers. */
async function preflight(url: string, origin: string): Promise<Response | undefined> {
  try {
    const response = await fetch(`${url}/`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET' },
      signal: AbortSignal.timeout(1_000),
    });
    await response.arrayBuffer();
    return response;
  } catch {
    return undefined;
  }
}

/** One real HTTP request: any answer at all means the server is up. */
export async function answers(url: string): Promise<boolean> {
  return (await preflight(url, 'http://cloud-backup-mock.invalid')) !== undefined;
}

/**
 * Whether Prism is what answers on `url`: it echoes a preflight's origin, and this one is new
 * each time. Another server that took the port before Prism could bind it may answer too, and
 * must not pass for Prism (Prism then exits on EADDRINUSE, and the start is tried again).
 */
async function prismAnswers(url: string): Promise<boolean> {
  const origin = `http://${randomUUID()}.cloud-backup-mock.invalid`;
  const response = await preflight(url, origin);
  return response?.headers.get('access-control-allow-origin') === origin;
}

/** Waits for every Prism on its private URL; messages name the public one a caller knows. */
async function waitUntilReady(
  processes: PrismProcess[],
  privateUrls: Record<ApiName, string>,
  urls: Record<ApiName, string>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const done = new AbortController();
  const deadline = Date.now() + timeoutMs;

  const earlyExit = Promise.race(processes.map((prism) => prism.exited)).then((exit) => {
    const reason = processes.find((prism) => prism.api === exit.api)?.reason();
    return new MockStartError(
      'prism-exited',
      exit.api,
      `${exit.api}: prism exited with code ${exit.code}${exit.signal ? ` (${exit.signal})` : ''} before answering on ${urls[exit.api]}${reason ? `: ${reason}` : ''}`,
      exit,
    );
  });
  const aborted = new Promise<MockStartError>((resolve) => {
    const onAbort = () => resolve(new MockStartError('aborted', undefined, 'the start was aborted'));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    done.signal.addEventListener('abort', () => signal?.removeEventListener('abort', onAbort), { once: true });
  });
  const ready = Promise.all(
    processes.map(async (prism) => {
      while (!done.signal.aborted) {
        if (await prismAnswers(privateUrls[prism.api])) return undefined;
        if (Date.now() > deadline) {
          return new MockStartError(
            'not-ready',
            prism.api,
            `${prism.api}: prism did not answer on ${urls[prism.api]} within ${Math.round(timeoutMs / 1000)} s`,
          );
        }
        await delay(150, undefined, { signal: done.signal }).catch(() => undefined);
      }
      return undefined;
    }),
  ).then((results) => results.find((result) => result !== undefined));

  try {
    const failure = await Promise.race([ready, earlyExit, aborted]);
    if (failure) throw failure;
    // note: a process that died between its first answer and now is still an early exit
    const gone = processes.find((prism) => !prism.running);
    if (gone) throw await earlyExit;
  } finally {
    done.abort();
  }
}
