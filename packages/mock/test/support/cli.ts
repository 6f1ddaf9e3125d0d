// Runs the built bin (dist/cli.js) as a real child process and watches its output and exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { privatePort } from '../../src/ports.ts';

export const cliPath = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (128 + n for a signal) */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** waits until stdout+stderr match `pattern`; rejects if the process exits first or after `timeoutMs` */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

const running = new Set<ChildProcess>();

export function runCli(args: string[], env: Record<string, string | undefined> = {}): CliRun {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing; build the package first (its test task depends on build)`);
  const cleanEnv = { ...process.env };
  delete cleanEnv.MOCK_PORTS;
  const child = spawn(process.execPath, [cliPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...cleanEnv, ...env } });
  running.add(child);
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
      listeners.forEach((listener) => listener());
    }),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no output matching ${pattern} within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
        const check = () => {
          const match = (out + err).match(pattern);
          if (match) done(undefined, match);
          else if (child.exitCode !== null || child.signalCode !== null)
            done(new Error(`the CLI exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        };
        const done = (error?: Error, match?: RegExpMatchArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve(match!);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Kills every CLI a test left running (by its own pid). */
export function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * A port nothing listens on right now, for a CLI that binds it seconds later: drawn where the OS
 * never hands out ports, so the servers other tests start on "any port" cannot take it meanwhile.
 */
export async function freePort(): Promise<number> {
  const port = await privatePort('127.0.0.1', handedOut);
  // never the same port twice in one file, so two drawn for one CLI always differ
  handedOut.add(port);
  return port;
}
const handedOut = new Set<number>();

/** Whether `port` can be bound on 127.0.0.1 right now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Holds `port` until the returned function is called. */
export function occupy(port: number): Promise<() => Promise<void>> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(() => new Promise((done) => server.close(() => done()))));
  });
}
