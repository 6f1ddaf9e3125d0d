// Starts one plain contract mock (every API, free ports) for the whole docs run: the samples and
// the guide's code are run against it, so the run starts its Prism processes once, not per file.
import { startMock } from '@cloud-backup-contracts/mock';
import type { TestProject } from 'vitest/node';
import { apiReferences } from '../../scripts/apis.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    plainMock: { urls: Record<string, string> };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // note: free ports, never the registry's, so other packages' tests may run beside these
  const mock = await startMock({ ports: Object.fromEntries(apiReferences.map((api) => [api.name, 0])), readyTimeoutMs: 90_000 });
  project.provide('plainMock', { urls: { ...mock.urls } });
  return () => mock.stop();
}
