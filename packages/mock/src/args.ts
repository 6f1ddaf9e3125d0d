import { parseArgs } from 'node:util';
import { defaultPorts } from './contracts.js';
import type { StartMockOptions } from './start-mock.js';

export const usage = `Usage: cloud-backup-mock [options]

Serves the Huawei Cloud VBS and Alibaba Cloud HBR contracts with Prism, one process each,
and stays in the foreground until SIGINT/SIGTERM.

Options:
  --huawei-port <n>     port of the Huawei VBS mock (default ${defaultPorts['huawei-vbs']}, env MOCK_HUAWEI_PORT; 0 = any free port)
  --alibaba-port <n>    port of the Alibaba HBR mock (default ${defaultPorts['alibaba-hbr']}, env MOCK_ALIBABA_PORT; 0 = any free port)
  --host <address>      interface to listen on (default 127.0.0.1)
  --dynamic             generate responses from the schemas instead of the contract's examples
  --errors              Prism --errors: requests/responses that break the contract get error responses
  --huawei-spec <file>  serve this contract instead of the bundled Huawei VBS one
  --alibaba-spec <file> serve this contract instead of the bundled Alibaba HBR one
  --ready-timeout <s>   seconds both mocks get to answer before giving up (default 30)
  --verbose             print Prism's log (every request) to stderr
  -h, --help            show this help`;

/** A command line the CLI refuses; it exits 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; options: StartMockOptions; verbose: boolean };

function port(value: string, from: string): number {
  if (!/^\d{1,5}$/.test(value.trim()) || Number(value) > 65_535) throw new UsageError(`${from} must be a port number from 0 to 65535, got "${value}"`);
  return Number(value);
}

/** Reads flags (over environment variables, over defaults); throws UsageError on anything wrong. */
export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'huawei-port': { type: 'string' },
        'alibaba-port': { type: 'string' },
        host: { type: 'string' },
        dynamic: { type: 'boolean' },
        errors: { type: 'boolean' },
        'huawei-spec': { type: 'string' },
        'alibaba-spec': { type: 'string' },
        'ready-timeout': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (cause) {
    throw new UsageError(cause instanceof Error ? cause.message : String(cause));
  }
  if (values.help) return { kind: 'help' };

  const pick = (flag: string | undefined, flagName: string, envName: string): number | undefined => {
    if (flag !== undefined) return port(flag, flagName);
    const fromEnv = env[envName];
    return fromEnv === undefined || fromEnv === '' ? undefined : port(fromEnv, envName);
  };
  const options: StartMockOptions = {
    huaweiPort: pick(values['huawei-port'], '--huawei-port', 'MOCK_HUAWEI_PORT') ?? defaultPorts['huawei-vbs'],
    alibabaPort: pick(values['alibaba-port'], '--alibaba-port', 'MOCK_ALIBABA_PORT') ?? defaultPorts['alibaba-hbr'],
    dynamic: values.dynamic ?? false,
    errors: values.errors ?? false,
  };
  if (options.huaweiPort !== 0 && options.huaweiPort === options.alibabaPort) {
    throw new UsageError(`the Huawei and Alibaba mocks need different ports (both are ${options.huaweiPort})`);
  }
  if (values.host !== undefined) {
    if (values.host.trim() === '') throw new UsageError('--host must not be empty');
    options.host = values.host.trim();
  }
  for (const [flag, key] of [['huawei-spec', 'huaweiSpec'], ['alibaba-spec', 'alibabaSpec']] as const) {
    const file = values[flag];
    if (file === undefined) continue;
    if (file.trim() === '') throw new UsageError(`--${flag} must name a file`);
    options[key] = file;
  }
  if (values['ready-timeout'] !== undefined) {
    const seconds = Number(values['ready-timeout']);
    if (!/^\d+(\.\d+)?$/.test(values['ready-timeout'].trim()) || !(seconds > 0)) throw new UsageError(`--ready-timeout must be a positive number of seconds, got "${values['ready-timeout']}"`);
    options.readyTimeoutMs = seconds * 1000;
  }
  return { kind: 'run', options, verbose: values.verbose ?? false };
}
