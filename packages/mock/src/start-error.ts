import type { ApiName } from './contracts.js';
import type { MockExit } from './prism.js';

export type MockStartProblem = 'bad-option' | 'contract' | 'port-in-use' | 'port-unavailable' | 'prism-exited' | 'not-ready' | 'aborted';

/** Why the mock could not start; the message is one line that names the API and the port or file. */
export class MockStartError extends Error {
  override readonly name = 'MockStartError';
  constructor(
    readonly problem: MockStartProblem,
    readonly api: ApiName | undefined,
    message: string,
    /** how Prism ended, when it exited before answering */
    readonly exit?: MockExit,
  ) {
    super(message);
  }
}
