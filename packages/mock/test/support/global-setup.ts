// Starts the REAL contract mock (both Prism processes, `--errors` on) on free ports for the
// whole run, hands its URLs to the tests with provide/inject, and stops it afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type ApiName, apiNames } from '../../src/contracts.ts';
import { startMock } from '../../src/start-mock.ts';
import { recordUnexpectedExit } from './mock-guard.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    contractMock: {
      urls: Record<ApiName, string>;
      ports: Record<ApiName, number>;
      /** where each Prism listens behind its front, for the suites that run fronts from src/ in-process */
      upstreamUrls: Record<ApiName, string>;
      /** Prism's process ids, for diagnostics */
      pids: Record<ApiName, number | undefined>;
      /** where an unexpected Prism exit is recorded, so every test helper can fail fast */
      stateFile: string;
    };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stateDir = mkdtempSync(join(tmpdir(), 'contract-mock-'));
  const stateFile = join(stateDir, 'exit.json');
  const mock = await startMock({ ports: Object.fromEntries(apiNames.map((api) => [api, 0])), errors: true, readyTimeoutMs: 90_000 });
  const died = recordUnexpectedExit(mock, stateFile, (exit) => console.error(`\n${exit.message}\n`));
  project.provide('contractMock', {
    urls: { ...mock.urls },
    upstreamUrls: { ...mock.upstreamUrls },
    ports: { ...mock.ports },
    pids: { ...mock.pids },
    stateFile,
  });

  return async () => {
    await mock.stop();
    rmSync(stateDir, { recursive: true, force: true });
    const exit = died();
    if (exit) {
      // note: vitest only logs an error thrown from a global teardown, so fail the run explicitly
      console.error(`\nFAIL the contract suite ran against a mock that died: ${exit.message}\n`);
      process.exitCode = 1;
    }
  };
}
