// The CLI's command line (src/args.ts), read in-process: each accepted line and the options it
// gives startMock, each refused one and its UsageError (the CLI prints it and exits 2, which
// mock-cli.test.ts checks on the built bin).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliCommand, parseCliArgs, portHint, UsageError, usage } from '../src/args.ts';

const work = mkdtempSync(join(tmpdir(), 'mock-args-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const credentialsFile = join(work, 'credentials.json');
writeFileSync(credentialsFile, JSON.stringify({ 'huawei-vbs': { tokens: ['args-token'] } }));
const brokenFile = join(work, 'broken.json');
writeFileSync(brokenFile, '{ "huawei-vbs": { "tokens": ["TOPSECRET" ');

const defaults = { ports: { 'huawei-vbs': 4010, 'alibaba-hbr': 4011 }, dynamic: false, errors: false };
const run = (options: object, verbose = false): CliCommand => ({ kind: 'run', options: { ...defaults, ...options }, verbose });

const accepted: [string, string[], Record<string, string>, CliCommand][] = [
  ['nothing: the registry ports, examples, no checks', [], {}, run({})],
  ['-h', ['-h'], {}, { kind: 'help' }],
  ['--help, whatever else is given', ['--dynamic', '--help'], {}, { kind: 'help' }],
  ['--port per API', ['--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=65535'], {}, run({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 65_535 } })],
  ['the env ports, trimmed', [], { MOCK_PORTS: 'huawei-vbs=4200, alibaba-hbr= 4300 ' }, run({ ports: { 'huawei-vbs': 4200, 'alibaba-hbr': 4300 } })],
  ['one API in the env', [], { MOCK_PORTS: 'alibaba-hbr=4300' }, run({ ports: { 'huawei-vbs': 4010, 'alibaba-hbr': 4300 } })],
  ['an empty env as unset', [], { MOCK_PORTS: '' }, run({})],
  ['--port over the env', ['--port', 'huawei-vbs=4100'], { MOCK_PORTS: 'huawei-vbs=4200' }, run({ ports: { 'huawei-vbs': 4100, 'alibaba-hbr': 4011 } })],
  [
    '--port for one API, the env for the other',
    ['--port', 'huawei-vbs=4100'],
    { MOCK_PORTS: 'huawei-vbs=4200,alibaba-hbr=4201' },
    run({ ports: { 'huawei-vbs': 4100, 'alibaba-hbr': 4201 } }),
  ],
  ['two APIs on port 0 (any free port each)', ['--port', 'huawei-vbs=0', '--port', 'alibaba-hbr=0'], {}, run({ ports: { 'huawei-vbs': 0, 'alibaba-hbr': 0 } })],
  ['--spec per API', ['--spec', 'huawei-vbs=a.json', '--spec', 'alibaba-hbr=b.yaml'], {}, run({ specs: { 'huawei-vbs': 'a.json', 'alibaba-hbr': 'b.yaml' } })],
  [
    'every switch, and the host trimmed',
    ['--host', ' ::1 ', '--dynamic', '--errors', '--stateful', '--verbose', '--ready-timeout', '2.5'],
    {},
    run({ dynamic: true, errors: true, stateful: true, host: '::1', readyTimeoutMs: 2500 }, true),
  ],
  ['a whole number of seconds', ['--ready-timeout', '90'], {}, run({ readyTimeoutMs: 90_000 })],
  ['seconds with two decimals, around spaces', ['--ready-timeout', ' 2.25 '], {}, run({ readyTimeoutMs: 2250 })],
  [
    '--verify-signatures with the credentials file read',
    ['--verify-signatures', '--credentials', credentialsFile],
    {},
    run({ credentials: { 'huawei-vbs': { tokens: ['args-token'] } }, verifySignatures: true }),
  ],
  [
    '--proxy per API with its credentials, report and upstream timeout (the URL checked by startMock)',
    ['--proxy', 'huawei-vbs=https://vbs.cn-north-4.example', '--credentials', credentialsFile, '--report', 'drift.json', '--upstream-timeout', '2'],
    {},
    run({
      proxy: { 'huawei-vbs': 'https://vbs.cn-north-4.example' },
      credentials: { 'huawei-vbs': { tokens: ['args-token'] } },
      report: 'drift.json',
      upstreamTimeoutMs: 2000,
    }),
  ],
  ['check-live --help', ['check-live', '--api', 'x', '--help'], {}, { kind: 'check-live-help' }],
  [
    'check-live with its flags',
    [
      'check-live',
      '--api',
      'huawei-vbs',
      '--credentials',
      credentialsFile,
      '--region',
      'cn-north-4',
      '--param',
      'project_id=p=1',
      '--report',
      'r.json',
      '--timeout',
      '5',
    ],
    {},
    {
      kind: 'check-live',
      options: {
        api: 'huawei-vbs',
        credentials: { 'huawei-vbs': { tokens: ['args-token'] } },
        credentialsFile,
        region: 'cn-north-4',
        params: { project_id: 'p=1' },
        report: 'r.json',
        timeoutMs: 5000,
      },
    },
  ],
];

const refused: [string[], Record<string, string>, string][] = [
  [['--port', 'alibaba-hbr=70000'], {}, '--port alibaba-hbr must be a port number from 0 to 65535, got "70000"'],
  [['--port', 'alibaba-hbr=123456'], {}, '--port alibaba-hbr must be a port number from 0 to 65535, got "123456"'],
  [['--port', 'alibaba-hbr=80x'], {}, '--port alibaba-hbr must be a port number from 0 to 65535, got "80x"'],
  [['--port', 'alibaba-hbr=x80'], {}, '--port alibaba-hbr must be a port number from 0 to 65535, got "x80"'],
  [['--port=huawei-vbs=-1'], {}, '--port huawei-vbs must be a port number from 0 to 65535, got "-1"'],
  [[], { MOCK_PORTS: 'huawei-vbs=eighty' }, 'MOCK_PORTS huawei-vbs must be a port number from 0 to 65535, got "eighty"'],
  [[], { MOCK_PORTS: '4010' }, 'MOCK_PORTS takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "4010"'],
  [[], { MOCK_PORTS: 'huawei-vbs=4100,' }, 'MOCK_PORTS takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got ""'],
  [[], { MOCK_PORTS: 'huawei-vbs=4100,huawei-vbs=4101' }, 'MOCK_PORTS names huawei-vbs twice'],
  [['--port', 'huawei-vbs=4100'], { MOCK_PORTS: 'nope=1' }, 'MOCK_PORTS takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "nope=1"'],
  [['--port', 'huawei-vbs=4100', '--port', 'alibaba-hbr=4100'], {}, 'the huawei-vbs and alibaba-hbr mocks need different ports (both are 4100)'],
  [[], { MOCK_PORTS: 'alibaba-hbr=4010' }, 'the huawei-vbs and alibaba-hbr mocks need different ports (both are 4010)'],
  [['--ready-timeout', 'soon'], {}, '--ready-timeout must be a positive number of seconds, got "soon"'],
  [['--ready-timeout', '0'], {}, '--ready-timeout must be a positive number of seconds, got "0"'],
  [['--ready-timeout', '1e3'], {}, '--ready-timeout must be a positive number of seconds, got "1e3"'],
  [['--host', ''], {}, '--host must not be empty'],
  [['--host', '  '], {}, '--host must not be empty'],
  [['--port', '4010'], {}, '--port takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "4010"'],
  [['--port', 'nope=4010'], {}, '--port takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "nope=4010"'],
  [['--port', '=4010'], {}, '--port takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "=4010"'],
  [['--spec', 'x.json'], {}, '--spec takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "x.json"'],
  [['--port', 'huawei-vbs=abc'], {}, '--port huawei-vbs must be a port number from 0 to 65535, got "abc"'],
  [['--port', 'huawei-vbs=4100', '--port', 'huawei-vbs=4101'], {}, '--port names huawei-vbs twice'],
  [['--port', 'huawei-vbs=4100', '--port', 'alibaba-hbr=4100'], {}, 'the huawei-vbs and alibaba-hbr mocks need different ports (both are 4100)'],
  [['--spec', 'alibaba-hbr='], {}, '--spec alibaba-hbr must name a file'],
  [['--spec', 'huawei-vbs= '], {}, '--spec huawei-vbs must name a file'],
  [['--huawei-port', '4100'], {}, "Unknown option '--huawei-port'"],
  [['--alibaba-spec', 'b.json'], {}, "Unknown option '--alibaba-spec'"],
  [['--spec', 'huawei-vbs=a.json', '--spec', 'huawei-vbs=b.json'], {}, '--spec names huawei-vbs twice'],
  [['--verify-signatures'], {}, '--verify-signatures needs --credentials <file>: the keys and tokens requests may be signed with'],
  [['--credentials', credentialsFile], {}, '--credentials is only read with --verify-signatures or --proxy'],
  [['--proxy', 'huawei-vbs=https://vbs.example.com'], {}, '--proxy needs --credentials <file>: the keys requests are re-signed with for the upstream'],
  [
    ['--proxy', 'vbs=https://x', '--credentials', credentialsFile],
    {},
    '--proxy takes <api>=<value> with <api> one of huawei-vbs, alibaba-hbr, got "vbs=https://x"',
  ],
  [['--proxy', 'huawei-vbs=https://a', '--proxy', 'huawei-vbs=https://b', '--credentials', credentialsFile], {}, '--proxy names huawei-vbs twice'],
  [
    ['--proxy', 'huawei-vbs=https://a', '--stateful', '--credentials', credentialsFile],
    {},
    '--proxy and --stateful cannot be combined: the upstream keeps the state',
  ],
  [['--report', 'drift.json'], {}, '--report is only read with --proxy'],
  [['--upstream-timeout', '5'], {}, '--upstream-timeout is only read with --proxy'],
  [
    ['--proxy', 'huawei-vbs=https://a', '--credentials', credentialsFile, '--upstream-timeout', '0'],
    {},
    '--upstream-timeout must be a positive number of seconds, got "0"',
  ],
  [['check-live'], {}, 'check-live needs --api <api> with <api> one of huawei-vbs, alibaba-hbr'],
  [['check-live', '--api', 'huawei-vbs'], {}, 'check-live needs --credentials <file>: the keys the calls are signed with'],
  [['check-live', '--api', 'huawei-vbs', '--credentials', credentialsFile], {}, 'check-live needs --region <id> or --endpoint <url> (one of them)'],
  [['check-live', '--api', 'huawei-vbs', '--credentials', credentialsFile, '--region', 'r', '--param', 'x'], {}, '--param takes <name>=<value>, got "x"'],
  [
    ['check-live', '--api', 'huawei-vbs', '--credentials', credentialsFile, '--region', 'r', '--param', 'limit=abc'],
    {},
    '--param limit must be a whole number of at least 1, got "abc"',
  ],
  [
    ['check-live', '--api', 'huawei-vbs', '--credentials', credentialsFile, '--region', 'r', '--param', 'limit=0'],
    {},
    '--param limit must be a whole number of at least 1, got "0"',
  ],
  [
    ['check-live', '--api', 'huawei-vbs', '--credentials', credentialsFile, '--region', 'r', '--param', 'limit=2.5'],
    {},
    '--param limit must be a whole number of at least 1, got "2.5"',
  ],
  [
    ['check-live', '--api', 'huawei-vbs', '--credentials', credentialsFile, '--region', 'r', '--param', 'offset=-1'],
    {},
    '--param offset must be a whole number of at least 0, got "-1"',
  ],
  [['check-live', '--port', 'huawei-vbs=1'], {}, "check-live: Unknown option '--port'"],
  [['--verify-signatures', '--credentials', ''], {}, '--credentials must name a file'],
  [['--verify-signatures', '--credentials', join(work, 'none.json')], {}, `--credentials: the credentials file ${join(work, 'none.json')} does not exist`],
  // the message names the file and never quotes it (it may hold a secret)
  [['--verify-signatures', '--credentials', brokenFile], {}, `--credentials: the credentials file ${brokenFile} is not valid JSON`],
  [['--unknown'], {}, "Unknown option '--unknown'"],
  [['--host'], {}, "Option '--host <value>' argument missing"],
  [['extra'], {}, "Unexpected argument 'extra'. This command does not take positional arguments"],
];

describe('parseCliArgs', () => {
  it.each(accepted)('reads %s', (_what, argv, env, command) => {
    expect(parseCliArgs(argv, env)).toEqual(command);
  });

  it('reads no environment unless given one', () => {
    process.env.MOCK_PORTS = 'huawei-vbs=4999';
    try {
      expect(parseCliArgs([])).toEqual(run({}));
    } finally {
      delete process.env.MOCK_PORTS;
    }
  });

  // named without the temporary folder, whose name changes with each import: a mutation run
  // picks the tests to rerun by name
  const named = refused.map(([argv, env, message]) => [JSON.stringify(argv).replaceAll(work, '<tmp>'), JSON.stringify(env), argv, env, message] as const);
  it.each(named)('refuses %s (env %s) naming the flag', (_argv, _env, argv, env, message) => {
    let error: unknown;
    try {
      parseCliArgs(argv, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toMatchObject({ name: 'UsageError', message });
  });
});

describe('the help text', () => {
  it('lists every option, and each API with its default port', () => {
    const lines = usage.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      'Usage: cloud-backup-mock [options]',
      '',
      'Serves every contract of the API registry with Prism, one process each,',
      'and stays in the foreground until SIGINT/SIGTERM.',
      '',
      'Options:',
    ]);
    expect(lines).toContain("  --port <api>=<n>             port of one API's mock (repeatable; 0 = any free port)");
    expect(lines).toContain('                               or in the environment: MOCK_PORTS=<api>=<n>,<api>=<n> (--port wins)');
    expect(lines).toContain("  --stateful                   keep state, seeded from the contract's examples, where a model exists (huawei-vbs)");
    expect(lines).toContain("                               POST /__mock/reset on an API's port returns its state to the seed");
    expect(lines.slice(-3)).toEqual([
      'APIs (name and default port):',
      '  huawei-vbs                   Huawei VBS API, default port 4010',
      '  alibaba-hbr                  Alibaba HBR API, default port 4011',
    ]);
  });

  it('a taken port is answered with every way to pick another', () => {
    expect(portHint('alibaba-hbr')).toBe('--port alibaba-hbr=<n> or MOCK_PORTS=alibaba-hbr=<n>');
  });
});
