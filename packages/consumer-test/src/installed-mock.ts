// Starts `cloud-backup-mock` from a consumer project's node_modules/.bin with a chosen Node, the
// way a consumer's CI script does, and reads the URLs it prints once both APIs answer.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type ApiName, apiNames } from '@cloud-backup-contracts/testkit';
import { consumerEnv } from './child-env.js';

export interface MockExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface InstalledMock {
  readonly urls: Record<ApiName, string>;
  /** everything the mock printed so far, for failure messages */
  output(): string;
  /** sends SIGTERM (what a CI runner sends) and resolves with how the mock exited */
  stop(): Promise<MockExit>;
  /** last resort after a failed test: kills the mock's whole process group, Prism included */
  kill(): void;
}

// "huawei-vbs  http://127.0.0.1:40123" (mock README)
const urlLine = new RegExp(`^(${apiNames.join('|')})\\s+(http://\\S+)\\s*$`);

export function startInstalledMock(projectDir: string, nodeBinary: string): Promise<InstalledMock> {
  const bin = join(projectDir, 'node_modules', '.bin', 'cloud-backup-mock');
  // note: detached gives the mock its own process group, so kill() can end Prism with it;
  // stop() still signals the mock alone, to test its own shutdown
  const child = spawn(nodeBinary, [bin, ...apiNames.flatMap((api) => ['--port', `${api}=0`])], {
    cwd: projectDir,
    env: consumerEnv({ pathFirst: dirname(nodeBinary) }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<MockExit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  return new Promise((resolve, reject) => {
    const urls: Partial<Record<ApiName, string>> = {};
    const mock: InstalledMock = {
      urls: urls as Record<ApiName, string>,
      output: () => output,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      },
      kill: () => killGroup(child),
    };
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += `${line}\n`;
      const match = urlLine.exec(line);
      if (match) urls[match[1] as ApiName] = match[2]!;
      if (apiNames.every((api) => urls[api])) resolve(mock);
    });
    child.once('error', (error) => reject(new Error(`could not start ${bin} with ${nodeBinary}: ${error.message}`)));
    // the mock gives up on its own (--ready-timeout, 30 s by default) and exits non-zero
    void exited.then(({ code, signal }) => reject(new Error(`the mock exited (${signal ?? `code ${code}`}) before printing both URLs:\n${output}`)));
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
