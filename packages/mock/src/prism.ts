import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { ApiName } from './contracts.js';

/** The entry script of the Prism CLI this package depends on (its own `bin`, not a global one). */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@stoplight/prism-cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.prism;
  if (!bin) throw new Error(`@stoplight/prism-cli at ${dirname(manifestPath)} declares no "prism" bin`);
  return join(dirname(manifestPath), bin);
}

/** How one Prism process ended. */
export interface MockExit {
  api: ApiName;
  port: number;
  pid: number | undefined;
  /** the exit code; 128 + signal number when a signal ended it (137 for SIGKILL) */
  code: number;
  signal: NodeJS.Signals | null;
  /** true when `stop()` asked for it (and it ended by the signal sent for that) */
  expected: boolean;
  /** one line: `the contract mock (prism <api> on :<port>) exited with code 1: <reason>` */
  message: string;
}

export interface PrismSpawnOptions {
  api: ApiName;
  contract: string;
  host: string;
  port: number;
  /** the port callers know this API by (the front's), for messages */
  shownPort?: number;
  dynamic: boolean;
  errors: boolean;
  onLog?: ((api: ApiName, line: string) => void) | undefined;
}

/** Preloaded into each Prism: exit when the parent's IPC channel closes; the channel keeps nothing alive. */
const exitWithParent = `data:text/javascript,${encodeURIComponent("process.on('disconnect', () => process.exit(0)); process.channel?.unref();")}`;

// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the colour codes stripped here
const ansi = /\u001b\[[0-9;]*[A-Za-z]/g;
// Prism's log lines: "[6:07:05 PM] › [CLI] ✖  fatal     <why>", "[6:11:40 PM] › [HTTP SERVER] get /x ✖  error ..."
const logLine = /^\[[^\]]*\]\s*›\s*\[/;
const fatalPrefix = /^\[[^\]]*\]\s*›\s*\[CLI\]\s*\S+\s+fatal\s+/;

/** One `prism mock` child process, with the tail of its output kept for error messages. */
export class PrismProcess {
  readonly api: ApiName;
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<MockExit>;
  #stopping = false;
  /** signals this side sent, to tell a requested stop from a crash that happened just before it */
  readonly #sent = new Set<NodeJS.Signals>();
  #exit: MockExit | undefined;
  readonly #tail: string[] = [];

  constructor(options: PrismSpawnOptions) {
    this.api = options.api;
    this.port = options.shownPort ?? options.port;
    const args = [prismEntry(), 'mock', options.contract, '--host', options.host, '--port', String(options.port)];
    if (options.dynamic) args.push('--dynamic');
    if (options.errors) args.push('--errors');
    // note: Prism logs every request (and every violation); that costs CPU under load, so only
    // its fatal errors are kept unless someone reads the log
    args.push('--verboseLevel', options.onLog ? 'info' : 'fatal');
    // note: not detached, so Prism shares the mock's process group and whatever kills the
    // group (a CI runner's cleanup, a terminal's Ctrl-C) ends Prism too. A parent killed on its
    // own (SIGKILL, a crash) cannot stop its children, so each Prism also watches the IPC
    // channel to its parent and exits when that closes: no Prism outlives the mock.
    this.child = spawn(process.execPath, ['--import', exitWithParent, ...args], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      windowsHide: true,
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (raw) => {
        const line = raw.replace(ansi, '');
        this.#tail.push(line);
        // note: a fatal error is followed by Prism's whole usage text and the error object
        if (this.#tail.length > 400) this.#tail.shift();
        options.onLog?.(this.api, line);
      });
    }
    let spawnError: Error | undefined;
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        spawnError = error;
        // note: 'close' does not follow when the process could not be spawned at all
        if (this.child.pid === undefined) resolve(this.#record(null, null, error.message));
      });
      this.child.once('close', (code, signal) => resolve(this.#record(code, signal, spawnError?.message)));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.#exit === undefined;
  }

  get exit(): MockExit | undefined {
    return this.#exit;
  }

  /** The most telling line of Prism's output: its fatal error, a listen error, or the last error line. */
  reason(): string | undefined {
    const lines = this.#tail.map((line) => line.trim()).filter(Boolean);
    const fatal = lines.find((line) => fatalPrefix.test(line) && line.replace(fatalPrefix, '').trim() !== '');
    if (fatal) return fatal.replace(fatalPrefix, '').trim();
    // otherwise an error Node or Prism printed outside its log format (never a request log line)
    const plain = lines.filter((line) => !logLine.test(line));
    return plain.find((line) => /\bE(ADDRINUSE|ACCES|ADDRNOTAVAIL)\b/.test(line)) ?? plain.find((line) => /^(\w*Error\b|Error:)/.test(line));
  }

  #record(code: number | null, signal: NodeJS.Signals | null, extra: string | undefined): MockExit {
    const exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
    const expected = this.#stopping && (code === 0 || (signal !== null && this.#sent.has(signal)));
    const why = expected ? undefined : (extra ?? this.reason());
    const message = `the contract mock (prism ${this.api} on :${this.port}) exited with code ${exitCode}${signal ? ` (${signal})` : ''}${why ? `: ${why}` : ''}`;
    this.#exit = { api: this.api, port: this.port, pid: this.child.pid, code: exitCode, signal, expected, message };
    return this.#exit;
  }

  /** Stops the process: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  async stop(graceMs = 5_000): Promise<MockExit> {
    this.#stopping = true;
    if (this.#exit) return this.#exit;
    this.#signal('SIGTERM');
    const timer = setTimeout(() => this.#signal('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Last-resort cleanup when the parent is exiting: synchronous, no waiting. */
  killNow(): void {
    this.#stopping = true;
    if (this.#exit === undefined) this.#signal('SIGKILL');
  }

  #signal(signal: NodeJS.Signals): void {
    this.#sent.add(signal);
    this.child.kill(signal);
  }
}
