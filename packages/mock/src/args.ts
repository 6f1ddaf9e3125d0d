import { parseArgs } from 'node:util';
import { type ApiName, apiNames, defaultPorts, labelOf, portClash } from './contracts.js';
import { CredentialsError, readCredentialsFile, type VerifyingCredentials } from './credentials.js';
import { stateModels } from './models/index.js';
import { resetPath } from './state/layer.js';
import type { StartMockOptions } from './start-mock.js';

/** The environment variable holding `--port`'s `<api>=<n>` list, comma-separated; the flag wins over it. */
export const portsEnv = 'MOCK_PORTS';

/** How to pick another port for one API, for messages. */
export const portHint = (api: ApiName): string => `--port ${api}=<n> or ${portsEnv}=${api}=<n>`;

const column = (left: string, right: string) => `  ${left.padEnd(28)} ${right}`;

export const usage = [
  'Usage: cloud-backup-mock [options]',
  '',
  'Serves every contract of the API registry with Prism, one process each,',
  'and stays in the foreground until SIGINT/SIGTERM.',
  '',
  'Options:',
  column('--port <api>=<n>', `port of one API's mock (repeatable; 0 = any free port)`),
  column('', `or in the environment: ${portsEnv}=<api>=<n>,<api>=<n> (--port wins)`),
  column('--spec <api>=<file>', `serve this contract instead of the bundled one (repeatable)`),
  column('--host <address>', 'interface to listen on (default 127.0.0.1)'),
  column('--dynamic', "generate responses from the schemas instead of the contract's examples"),
  column('--errors', 'Prism --errors: requests/responses that break the contract get error responses'),
  column('--verify-signatures', "check every request's signature or token as the real service does"),
  column('--credentials <file>', 'JSON keys and tokens for --verify-signatures (see the README)'),
  column('--stateful', `keep state, seeded from the contract's examples, where a model exists (${Object.keys(stateModels).join(', ')})`),
  column('', `POST ${resetPath} on an API's port returns its state to the seed`),
  column('--ready-timeout <s>', 'seconds every mock gets to answer before giving up (default 30)'),
  column('--verbose', "print Prism's log (every request) to stderr"),
  column('-h, --help', 'show this help'),
  '',
  'APIs (name and default port):',
  ...apiNames.map((api) => column(api, `${labelOf[api]}, default port ${defaultPorts[api]}`)),
].join('\n');

/** A command line the CLI refuses; it exits 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: StartMockOptions; verbose: boolean };

function port(value: string, from: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65_535) throw new UsageError(`${from} must be a port number from 0 to 65535, got "${value}"`);
  return Number(value);
}

function fileName(value: string, from: string): string {
  if (value.trim() === '') throw new UsageError(`${from} must name a file`);
  return value;
}

/** `<api>=<value>` of a repeatable flag (or of `from`), the API checked against the registry. */
function apiPair(text: string, from: string): [ApiName, string] {
  const at = text.indexOf('=');
  const api = text.slice(0, Math.max(at, 0)) as ApiName;
  // note: with no "=" or nothing before it, api is "", which names no API
  if (!apiNames.includes(api)) {
    throw new UsageError(`${from} takes <api>=<value> with <api> one of ${apiNames.join(', ')}, got "${text}"`);
  }
  return [api, text.slice(at + 1)];
}

/** Each API's port from `<api>=<n>` pairs; `from` names the flag or variable in messages. */
function readPorts(pairs: readonly string[], from: string): Partial<Record<ApiName, number>> {
  const ports: Partial<Record<ApiName, number>> = {};
  for (const text of pairs) {
    const [api, value] = apiPair(text, from);
    if (ports[api] !== undefined) throw new UsageError(`${from} names ${api} twice`);
    ports[api] = port(value, `${from} ${api}`);
  }
  return ports;
}

/** The command line as parseArgs reads it. */
function readFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', multiple: true },
        spec: { type: 'string', multiple: true },
        host: { type: 'string' },
        dynamic: { type: 'boolean' },
        errors: { type: 'boolean' },
        'verify-signatures': { type: 'boolean' },
        credentials: { type: 'string' },
        stateful: { type: 'boolean' },
        'ready-timeout': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Reads flags (over environment variables, over defaults); throws UsageError on anything wrong. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  const values = readFlags(argv);
  if (values.help) return { kind: 'help' };

  // each API's port: the flag, else the environment, else the registry's default
  const envPorts = env[portsEnv]
    ? readPorts(
        env[portsEnv].split(',').map((pair) => pair.trim()),
        portsEnv,
      )
    : {};
  const ports = { ...defaultPorts, ...envPorts, ...readPorts(values.port ?? [], '--port') };
  const specs: Partial<Record<ApiName, string>> = {};
  for (const text of values.spec ?? []) {
    const [api, value] = apiPair(text, '--spec');
    if (specs[api] !== undefined) throw new UsageError(`--spec names ${api} twice`);
    specs[api] = fileName(value, `--spec ${api}`);
  }
  const clash = portClash(ports);
  if (clash) throw new UsageError(`the ${clash[0]} and ${clash[1]} mocks need different ports (both are ${ports[clash[0]]})`);

  const options: StartMockOptions = { ports, dynamic: values.dynamic ?? false, errors: values.errors ?? false };
  if (Object.keys(specs).length > 0) options.specs = specs;
  if (values.stateful) options.stateful = true;
  if (values.host !== undefined) {
    if (values.host.trim() === '') throw new UsageError('--host must not be empty');
    options.host = values.host.trim();
  }
  if (values['verify-signatures']) {
    if (values.credentials === undefined)
      throw new UsageError('--verify-signatures needs --credentials <file>: the keys and tokens requests may be signed with');
    try {
      options.credentials = readCredentialsFile(fileName(values.credentials, '--credentials')) as VerifyingCredentials;
    } catch (error) {
      throw error instanceof CredentialsError ? new UsageError(`--credentials: ${error.message}`) : error;
    }
    options.verifySignatures = true;
  } else if (values.credentials !== undefined) throw new UsageError('--credentials is only read with --verify-signatures');
  if (values['ready-timeout'] !== undefined) {
    const seconds = Number(values['ready-timeout']);
    if (!/^\d+(\.\d+)?$/.test(values['ready-timeout'].trim()) || !(seconds > 0))
      throw new UsageError(`--ready-timeout must be a positive number of seconds, got "${values['ready-timeout']}"`);
    options.readyTimeoutMs = seconds * 1000;
  }
  return { kind: 'run', options, verbose: values.verbose ?? false };
}
