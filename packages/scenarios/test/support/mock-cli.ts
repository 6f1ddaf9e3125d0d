// The real contract mock CLI (cloud-backup-mock, the mock package's built bin) as a child process.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ApiName = 'huawei-vbs' | 'alibaba-hbr';
const apis: ApiName[] = ['huawei-vbs', 'alibaba-hbr'];

export interface MockCli {
  urls: Record<ApiName, string>;
  /** SIGTERM, and waits until the mock (which takes its Prism processes with it) has exited */
  stop(): Promise<void>;
}

function mockBin(): string {
  const manifest = createRequire(import.meta.url).resolve('@cloud-backup-contracts/mock/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  const cli = join(dirname(manifest), bin['cloud-backup-mock']!);
  if (!existsSync(cli)) throw new Error(`${cli} is missing; build the mock first (the test task depends on ^build)`);
  return cli;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Starts the mock on free ports with `flags`; resolves once it has printed every API's URL. */
export function startMockCli(flags: string[]): Promise<MockCli> {
  const ports = apis.flatMap((api) => ['--port', `${api}=0`]);
  const env = { ...process.env };
  delete env.MOCK_PORTS;
  // note: a generous start, for a busy CI machine where several suites start mocks at once
  const child = spawn(process.execPath, [mockBin(), ...ports, '--ready-timeout', '90', ...flags], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited(child);
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const check = () => {
      const urls = Object.fromEntries(apis.map((api) => [api, new RegExp(`^${api}\\s+(http\\S+)$`, 'm').exec(output)?.[1]]));
      if (apis.every((api) => urls[api])) resolve({ urls: urls as Record<ApiName, string>, stop });
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      check();
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) =>
      reject(new Error(`cloud-backup-mock ${flags.join(' ')} exited (${code ?? signal}) before printing its URLs:\n${output}`)),
    );
  });
}
