// Fail fast when the contract mock dies: every helper that talks to the mock checks first
// whether a Prism process has exited, and explains a transport failure by that exit (or by
// a failed health probe) instead of letting tests run into their timeouts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { mockAnswers as answers, type ApiName, type MockExit, type RunningMock } from '../../src/index.ts';

export interface MockEndpoints {
  urls: Record<ApiName, string>;
  ports: Record<ApiName, number>;
}

/** Thrown by the helpers when the mock is gone; its message names the API, the port and the exit code. */
export class ContractMockDown extends Error {
  override readonly name = 'ContractMockDown';
}

/** Per-request timeout of every client and raw request in the suites. */
export const requestTimeoutMs = 5_000;

export class MockGuard {
  constructor(
    readonly endpoints: MockEndpoints,
    /** the exit of a Prism process that ended unexpectedly, if any */
    private readonly unexpectedExit: () => Pick<MockExit, 'message'> | undefined,
  ) {}

  /** A guard over a mock started in this process. */
  static forRunning(mock: RunningMock): MockGuard {
    return new MockGuard(mock, () => ['huawei-vbs', 'alibaba-hbr'].map((api) => mock.exitOf(api as ApiName)).find((exit) => exit && !exit.expected));
  }

  /** A guard over the suite's mock, which runs in the vitest main process and records exits in a file. */
  static forStateFile(endpoints: MockEndpoints, stateFile: string): MockGuard {
    return new MockGuard(endpoints, () => readExitRecord(stateFile));
  }

  /** Throws ContractMockDown right away when a Prism process has exited. */
  assertAlive(): void {
    const exit = this.unexpectedExit();
    if (exit) throw new ContractMockDown(exit.message);
  }

  /**
   * Called after a request got no response: probes the mock and, when it does not answer,
   * waits briefly for the exit to be recorded; throws ContractMockDown when the mock is the
   * reason, returns otherwise (the test then reports the failure itself).
   */
  async explainTransportFailure(api: ApiName, failure: unknown): Promise<void> {
    this.assertAlive();
    if (await answers(this.endpoints.urls[api])) return this.assertAlive();
    // not answering: give the exit a moment to be recorded, so the error can name the exit code
    for (let waited = 0; waited < 2_000; waited += 25) {
      await delay(25);
      this.assertAlive();
    }
    const why = failure instanceof Error ? failure.message : String(failure);
    throw new ContractMockDown(`the contract mock (prism ${api} on :${this.endpoints.ports[api]}) does not answer: ${why}`);
  }

  /** Runs a client call; a transport failure caused by the mock becomes ContractMockDown. */
  async call<R extends { error?: unknown }>(api: ApiName, send: () => Promise<R>): Promise<R> {
    this.assertAlive();
    const result = await send();
    const error = result.error as { kind?: string } | undefined;
    if (error && (error.kind === 'network' || error.kind === 'timeout')) await this.explainTransportFailure(api, error);
    return result;
  }

  /** A raw request to the mock (`pathAndQuery` starts with `/`), with the suite's timeout. */
  async fetch(api: ApiName, pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    this.assertAlive();
    try {
      return await globalThis.fetch(`${this.endpoints.urls[api]}${pathAndQuery}`, { ...init, signal: AbortSignal.timeout(requestTimeoutMs) });
    } catch (failure) {
      await this.explainTransportFailure(api, failure);
      throw failure;
    }
  }
}

/** Written by the global setup the moment a Prism process ends unexpectedly. */
export function writeExitRecord(stateFile: string, exit: MockExit): void {
  writeFileSync(stateFile, JSON.stringify(exit));
}

export function readExitRecord(stateFile: string): MockExit | undefined {
  if (!existsSync(stateFile)) return undefined;
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')) as MockExit;
  } catch {
    // note: read while being written; the next check sees the whole record
    return undefined;
  }
}

/** Records the first unexpected exit of `mock` in `stateFile`; returns a function telling whether one happened. */
export function recordUnexpectedExit(mock: RunningMock, stateFile: string, onExit?: (exit: MockExit) => void): () => MockExit | undefined {
  let recorded: MockExit | undefined;
  void mock.exited.then((exit) => {
    if (exit.expected) return;
    recorded = exit;
    writeExitRecord(stateFile, exit);
    onExit?.(exit);
  });
  return () => recorded;
}
