import { createRequire } from 'node:module';

// Server runtimes (Node, and Deno or Bun resolving the `node` condition) let a client name
// itself; a browser sends its own User-Agent (see web.ts).

/** This package's version, read once from its package.json; undefined when bundled away from it. */
function packageVersion(): string | undefined {
  try {
    return createRequire(import.meta.url)('../../package.json').version;
  } catch {
    return undefined;
  }
}

function runtimeName(): string {
  const versions = (globalThis.process?.versions ?? {}) as Record<string, string | undefined>;
  if (versions.bun) return `bun/${versions.bun}`;
  if (versions.deno) return `deno/${versions.deno}`;
  return `node/${versions.node ?? 'unknown'}`;
}

let computed: string | undefined;

/** `cloud-backup-contracts-client/<version> <runtime>/<version>`, the client's default User-Agent. */
export function defaultUserAgent(): string | undefined {
  if (computed === undefined) {
    const version = packageVersion();
    computed = `cloud-backup-contracts-client${version ? `/${version}` : ''} ${runtimeName()}`;
  }
  return computed;
}
