import { type ParseArgsConfig, parseArgs } from 'node:util';
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
  column('--credentials <file>', 'JSON keys and tokens for --verify-signatures and --proxy (see the README)'),
  column('--proxy <api>=<url>', "forward this API's requests to the real service, re-signed, and report drift"),
  column('', 'from the contract (repeatable; https://, or http:// to loopback)'),
  column('--report <file>', 'proxy mode: write the JSON drift report here'),
  column('--upstream-timeout <s>', 'proxy mode: seconds the upstream gets for an answer (default 30)'),
  column('--stateful', `keep state, seeded from the contract's examples, where a model exists (${Object.keys(stateModels).join(', ')})`),
  column('', `POST ${resetPath} on an API's port returns its state to the seed`),
  column('--ready-timeout <s>', 'seconds every mock gets to answer before giving up (default 30)'),
  column('--verbose', "print Prism's log (every request) to stderr"),
  column('-h, --help', 'show this help'),
  '',
  'Commands:',
  column('check-live', "call the real service's read-only operations and report drift"),
  column('', `(cloud-backup-mock check-live --help)`),
  '',
  'APIs (name and default port):',
  ...apiNames.map((api) => column(api, `${labelOf[api]}, default port ${defaultPorts[api]}`)),
].join('\n');

/** A command line the CLI refuses; it exits 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'check-live-help' }
  | { kind: 'run'; options: StartMockOptions; verbose: boolean }
  | { kind: 'check-live'; options: CheckLiveCommand };

/** What `check-live` was asked to do, checked. */
export interface CheckLiveCommand {
  api: ApiName;
  /** the parsed credentials file */
  credentials: unknown;
  credentialsFile: string;
  /** exactly one of region and endpoint */
  region?: string;
  endpoint?: string;
  params: Record<string, string>;
  report?: string;
  spec?: string;
  timeoutMs: number;
}

export const checkLiveUsage = [
  'Usage: cloud-backup-mock check-live --api <api> --credentials <file> (--region <id> | --endpoint <url>) [options]',
  '',
  "Calls every read-only operation of the API's contract on the real service with the",
  "contract's example values, walks one page listing to its end, checks every answer against",
  'the contract and prints each difference once. Exits 1 on drift, 0 on none, 2 on a bad command.',
  '',
  'Options:',
  column('--api <api>', `the API to check (${apiNames.join(', ')})`),
  column('--credentials <file>', "JSON file; the API's section's `upstream` entry signs the calls (see the README)"),
  column('--region <id>', "the region whose endpoint is called (the contract's server)"),
  column('--endpoint <url>', 'call this base URL instead (https://, or http:// to loopback)'),
  column('--param <name>=<value>', "a parameter's value over the contract's example (repeatable), e.g. project_id"),
  column('--report <file>', 'also write the JSON report here'),
  column('--spec <file>', 'check against this contract instead of the bundled one'),
  column('--timeout <s>', 'seconds each answer may take (default 30)'),
  column('-h, --help', 'show this help'),
].join('\n');

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

/**
 * A command line as parseArgs reads it, strictly (no positionals, no unknown flags); its
 * refusals become UsageErrors, prefixed with the subcommand when there is one.
 */
function readStrictFlags<const Options extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: Options, command?: string) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (cause) {
    throw new UsageError(`${command ? `${command}: ` : ''}${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** The main command's flags. */
const flags = {
  port: { type: 'string', multiple: true },
  spec: { type: 'string', multiple: true },
  host: { type: 'string' },
  dynamic: { type: 'boolean' },
  errors: { type: 'boolean' },
  'verify-signatures': { type: 'boolean' },
  credentials: { type: 'string' },
  proxy: { type: 'string', multiple: true },
  report: { type: 'string' },
  'upstream-timeout': { type: 'string' },
  stateful: { type: 'boolean' },
  'ready-timeout': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Reads flags (over environment variables, over defaults); throws UsageError on anything wrong. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  if (argv[0] === 'check-live') return parseCheckLive(argv.slice(1));
  const values = readStrictFlags(argv, flags);
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
  if (values.proxy !== undefined) {
    const proxy: Partial<Record<ApiName, string>> = {};
    for (const text of values.proxy) {
      const [api, value] = apiPair(text, '--proxy');
      if (proxy[api] !== undefined) throw new UsageError(`--proxy names ${api} twice`);
      proxy[api] = value;
    }
    if (values.stateful) throw new UsageError('--proxy and --stateful cannot be combined: the upstream keeps the state');
    if (values.credentials === undefined) throw new UsageError('--proxy needs --credentials <file>: the keys requests are re-signed with for the upstream');
    options.proxy = proxy;
    if (values.report !== undefined) options.report = fileName(values.report, '--report');
    if (values['upstream-timeout'] !== undefined) options.upstreamTimeoutMs = seconds(values['upstream-timeout'], '--upstream-timeout') * 1000;
  } else {
    for (const flag of ['report', 'upstream-timeout'] as const) if (values[flag] !== undefined) throw new UsageError(`--${flag} is only read with --proxy`);
  }
  if (values['verify-signatures'] && values.credentials === undefined)
    throw new UsageError('--verify-signatures needs --credentials <file>: the keys and tokens requests may be signed with');
  if (values.credentials !== undefined) {
    if (!values['verify-signatures'] && values.proxy === undefined) throw new UsageError('--credentials is only read with --verify-signatures or --proxy');
    options.credentials = credentialsFrom(values.credentials) as VerifyingCredentials;
  }
  if (values['verify-signatures']) options.verifySignatures = true;
  if (values['ready-timeout'] !== undefined) options.readyTimeoutMs = seconds(values['ready-timeout'], '--ready-timeout') * 1000;
  return { kind: 'run', options, verbose: values.verbose ?? false };
}

function seconds(value: string, from: string): number {
  const number = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(number > 0)) throw new UsageError(`${from} must be a positive number of seconds, got "${value}"`);
  return number;
}

function credentialsFrom(file: string): unknown {
  try {
    return readCredentialsFile(fileName(file, '--credentials'));
  } catch (error) {
    throw error instanceof CredentialsError ? new UsageError(`--credentials: ${error.message}`) : error;
  }
}

/** Least value of each paging parameter: the listing walk counts pages with them. */
const pageMinimums: Record<string, number> = { limit: 1, offset: 0 };

/** A `--param` value, checked when it is a paging one: not a whole number, the walk would never end its count. */
function pageParameter(name: string, value: string): string {
  const least = pageMinimums[name];
  if (least === undefined) return value;
  if (!/^\d{1,9}$/.test(value) || Number(value) < least) throw new UsageError(`--param ${name} must be a whole number of at least ${least}, got "${value}"`);
  return value;
}

/** `check-live`'s flags. */
const checkLiveFlags = {
  api: { type: 'string' },
  credentials: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  param: { type: 'string', multiple: true },
  report: { type: 'string' },
  spec: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `check-live`'s command line; throws UsageError on anything wrong. */
function parseCheckLive(argv: readonly string[]): CliCommand {
  const values = readStrictFlags(argv, checkLiveFlags, 'check-live');
  if (values.help) return { kind: 'check-live-help' };
  const api = values.api as ApiName | undefined;
  if (api === undefined || !apiNames.includes(api)) throw new UsageError(`check-live needs --api <api> with <api> one of ${apiNames.join(', ')}`);
  if (values.credentials === undefined) throw new UsageError('check-live needs --credentials <file>: the keys the calls are signed with');
  if ((values.region === undefined) === (values.endpoint === undefined))
    throw new UsageError('check-live needs --region <id> or --endpoint <url> (one of them)');
  const params: Record<string, string> = {};
  for (const text of values.param ?? []) {
    const at = text.indexOf('=');
    if (at < 1) throw new UsageError(`--param takes <name>=<value>, got "${text}"`);
    const name = text.slice(0, at);
    params[name] = pageParameter(name, text.slice(at + 1));
  }
  const options: CheckLiveCommand = {
    api,
    credentials: credentialsFrom(values.credentials),
    credentialsFile: values.credentials,
    params,
    timeoutMs: values.timeout === undefined ? 30_000 : seconds(values.timeout, '--timeout') * 1000,
  };
  if (values.region !== undefined) options.region = values.region;
  if (values.endpoint !== undefined) options.endpoint = values.endpoint;
  if (values.report !== undefined) options.report = fileName(values.report, '--report');
  if (values.spec !== undefined) options.spec = fileName(values.spec, '--spec');
  return { kind: 'check-live', options };
}
