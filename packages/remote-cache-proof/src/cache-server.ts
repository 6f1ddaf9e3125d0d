// The cache server a team runs (CONTRIBUTING.md, "A shared turbo cache"): turborepo-remote-cache
// from npm with local storage, here on a loopback port the OS picks and a folder of its own.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The server stores a PUT's `x-artifact-tag` and sends it back on GET only while its own
 * TURBO_REMOTE_CACHE_SIGNATURE_KEY is set; it reads nothing but whether it is set. Without it the
 * tags are dropped and a signing turbo misses every artifact. The team's signing key stays with
 * the clients, so this placeholder is all the server ever gets.
 */
export const serverTagSwitch = 'keep-artifact-tags';

export interface CacheServer {
  /** What turbo's TURBO_API takes. */
  url: string;
  /** What turbo's TURBO_TOKEN takes. */
  token: string;
  /** Where the server keeps the artifact turbo uploaded for `hash` under `team`, beside its `.tag`. */
  artifactPath(team: string, hash: string): string;
  /** The server's log so far (one JSON line per request), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function serverCli(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('turborepo-remote-cache/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifestPath), manifest.bin['turborepo-remote-cache']!);
}

export async function startCacheServer(): Promise<CacheServer> {
  const storage = mkdtempSync(join(tmpdir(), 'remote-cache-'));
  const token = randomUUID();
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    AUTH_MODE: 'static',
    TURBO_TOKEN: token,
    STORAGE_PROVIDER: 'local',
    STORAGE_PATH: storage,
    STORAGE_PATH_USE_TMP_FOLDER: 'false',
    TURBO_REMOTE_CACHE_SIGNATURE_KEY: serverTagSwitch,
  };
  const child: ChildProcess = spawn(process.execPath, [serverCli()], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    // it loads every storage backend's SDK before it listens: seconds alone, minutes beside a loaded `npm test`
    const timer = setTimeout(() => {
      // the caller gets no handle to stop it with, so a server that never listened is stopped here
      child.kill('SIGTERM');
      rmSync(storage, { recursive: true, force: true });
      reject(new Error(`the cache server printed no URL within 180 s:\n${output}`));
    }, 180_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      rmSync(storage, { recursive: true, force: true });
      reject(new Error(`the cache server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    token,
    artifactPath: (team, hash) => join(storage, team, hash),
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(storage, { recursive: true, force: true });
    },
  };
}
